/**
 * @module edge/aws-query/decode
 * An operation's input from its query parameters, by the AWS model's input shape (the Smithy
 * awsQuery protocol's serialization, read backwards):
 * - a structure member is `Prefix.Member` (top level: `Member`);
 * - a list is `Prefix.member.1`, `Prefix.member.2`, ... (from 1, contiguous; an empty list is
 *   `Prefix=` with no members);
 * - a map is `Prefix.entry.N.key` and `Prefix.entry.N.value`;
 * - numbers are decimal, booleans `true`/`false`, timestamps ISO 8601, blobs base64 (kept as text).
 * Parameters the shape does not name are ignored (a client newer than the model may send
 * members this model lacks). A value of the wrong type, or a required member that is missing,
 * is ValidationError with AWS's wording ("1 validation error detected: Value null at 'userName'
 * failed to satisfy constraint: Member must not be null"), every problem listed.
 */
import { queryError, type QueryError } from "./errors.ts";
import type { QueryModel, ShapeRef, StructShape } from "./shapes.ts";

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

interface Decoding {
  model: QueryModel;
  params: ReadonlyMap<string, string>;
  /** Every name prefix at a segment boundary (`A`, `A.member`, `A.member.1`, ...). */
  prefixes: Set<string>;
  problems: string[];
}

function prefixesOf(params: ReadonlyMap<string, string>): Set<string> {
  const out = new Set<string>();
  for (const name of params.keys()) {
    let dot = name.indexOf(".");
    while (dot >= 0) {
      out.add(name.slice(0, dot));
      dot = name.indexOf(".", dot + 1);
    }
    out.add(name);
  }
  return out;
}

/** AWS names the member in its messages in lowerCamelCase; nested ones as `tags.1.member.key`. */
function wirePath(path: string[]): string {
  return path.map((p) => (/^\d+$/.test(p) ? p : p.charAt(0).toLowerCase() + p.slice(1))).join(".");
}

function scalar(d: Decoding, kind: string, key: string, path: string[]): unknown {
  const text = d.params.get(key);
  if (text === undefined) return undefined;
  switch (kind) {
    case "n":
      if (NUMBER.test(text) && Number.isFinite(Number(text))) return Number(text);
      d.problems.push(`Value '${text}' at '${wirePath(path)}' failed to satisfy constraint: Member must be a number`);
      return undefined;
    case "b":
      if (text === "true" || text === "false") return text === "true";
      d.problems.push(`Value '${text}' at '${wirePath(path)}' failed to satisfy constraint: Member must be true or false`);
      return undefined;
    case "t":
      if (TIMESTAMP.test(text) && !Number.isNaN(Date.parse(text))) return text;
      d.problems.push(`Value '${text}' at '${wirePath(path)}' failed to satisfy constraint: Member must be an ISO 8601 timestamp`);
      return undefined;
    default:
      return text;
  }
}

function value(d: Decoding, ref: ShapeRef, key: string, path: string[]): unknown {
  if (typeof ref === "string") return scalar(d, ref, key, path);
  const shape = d.model.shapes[ref];
  if (shape[0] === "S") return d.prefixes.has(key) ? struct(d, shape, key, path) : undefined;
  if (!d.prefixes.has(key)) return undefined;
  const items: unknown[] = [];
  const container = `${key}.${shape[0] === "L" ? "member" : "entry"}`;
  for (let n = 1; d.prefixes.has(`${container}.${n}`); n++) {
    const item = `${container}.${n}`;
    if (shape[0] === "L") items.push(value(d, shape[1], item, [...path, String(n), "member"]));
    else items.push([value(d, shape[1], `${item}.key`, [...path, String(n), "key"]), value(d, shape[2], `${item}.value`, [...path, String(n), "value"])]);
  }
  if (shape[0] === "L") return items;
  return Object.fromEntries(items as [string, unknown][]);
}

function struct(d: Decoding, shape: StructShape, prefix: string, path: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const members = shape[2];
  for (let i = 0; i < members.length; i++) {
    const [name, ref] = members[i];
    const v = value(d, ref, prefix ? `${prefix}.${name}` : name, [...path, name]);
    if (v !== undefined) out[name] = v;
    else if (i < shape[3]) d.problems.push(`Value null at '${wirePath([...path, name])}' failed to satisfy constraint: Member must not be null`);
  }
  return out;
}

/**
 * The input of an operation whose input shape is `ref` (-1: none, an empty object).
 * @throws QueryError ValidationError
 */
export function decodeInput(model: QueryModel, ref: number, params: ReadonlyMap<string, string>): Record<string, unknown> {
  if (ref < 0) return {};
  const shape = model.shapes[ref];
  if (shape[0] !== "S") throw new TypeError(`input shape ${ref} of ${model.service} is not a structure`);
  const d: Decoding = { model, params, prefixes: prefixesOf(params), problems: [] };
  const input = struct(d, shape, "", []);
  if (d.problems.length) throw validationError(model, d.problems);
  return input;
}

function validationError(model: QueryModel, problems: string[]): QueryError {
  const n = problems.length;
  return queryError(model, "ValidationError", `${n} validation error${n === 1 ? "" : "s"} detected: ${problems.join("; ")}`);
}
