/**
 * @module edge/sigv4/canonical-headers
 * The CanonicalHeaders block: for each signed header, in the order SignedHeaders lists them,
 * `name:value\n` with the value trimmed and inner runs of spaces collapsed to one ("Create a
 * canonical request": Trimall). Repeated headers: AWS joins their values with `,`; a standard
 * `Headers` object has already joined them with `, ` and the original split is lost, so the
 * verifier also tries the `,` form when a signed value contains `, ` (see verify.ts).
 */

/** Trimall: leading and trailing spaces and tabs removed, inner runs collapsed to one space. */
export function trimAll(value: string): string {
  return value.replace(/[ \t]+/g, " ").trim();
}

/** The block (each line ends with `\n`) for the given names and their values. */
export function canonicalHeaders(names: string[], values: (string | undefined)[]): string {
  let out = "";
  for (let i = 0; i < names.length; i++) out += `${names[i]}:${trimAll(values[i] ?? "")}\n`;
  return out;
}
