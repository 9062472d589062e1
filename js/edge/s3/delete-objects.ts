/**
 * @module edge/s3/delete-objects
 * The keys of a DeleteObjects request body (`<Delete><Object><Key>k</Key><VersionId>v</VersionId>
 * </Object>...<Quiet>true</Quiet></Delete>`, S3 API Reference "DeleteObjects"): S3 authorizes
 * `s3:DeleteObject` (or `s3:DeleteObjectVersion`) for each key. At most 1000 keys, as S3 allows;
 * anything that is not that shape is `MalformedXML`.
 */

export interface DeleteEntry {
  key: string;
  versionId?: string;
}

export const MAX_DELETE_KEYS = 1000;

export class MalformedXmlError extends Error {
  readonly code = "MalformedXML";
  readonly status = 400;
  constructor(detail: string) {
    super(`The XML you provided was not well-formed or did not validate against our published schema (${detail})`);
    this.name = "MalformedXmlError";
  }
}

/** XML character and entity references (the five predefined entities, decimal and hex). */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e === "amp") return "&";
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    const code = e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (!(code >= 0 && code <= 0x10ffff)) throw new MalformedXmlError(`bad character reference &${e};`);
    return String.fromCodePoint(code);
  });
}

function element(block: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(block);
  return m ? decodeXmlText(m[1]) : undefined;
}

/** The entries of a DeleteObjects body. */
export function parseDeleteObjects(xml: string): DeleteEntry[] {
  const body = xml.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>)?\s*/, "");
  if (!/^<Delete(\s[^>]*)?>[\s\S]*<\/Delete>\s*$/.test(body)) throw new MalformedXmlError("the root element must be Delete");
  const entries: DeleteEntry[] = [];
  for (const m of body.matchAll(/<Object>([\s\S]*?)<\/Object>/g)) {
    const key = element(m[1], "Key");
    if (key === undefined) throw new MalformedXmlError("an Object without a Key");
    const versionId = element(m[1], "VersionId");
    entries.push(versionId === undefined ? { key } : { key, versionId });
    if (entries.length > MAX_DELETE_KEYS) throw new MalformedXmlError(`more than ${MAX_DELETE_KEYS} keys`);
  }
  if (entries.length === 0) throw new MalformedXmlError("no Object to delete");
  return entries;
}
