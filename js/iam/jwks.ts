/**
 * @module iam/jwks
 * An OIDC provider's signing keys as the model stores them (`setOpenIDConnectProviderKeys`): a
 * JSON Web Key Set (RFC 7517 section 5) of public keys, checked and copied when it is stored.
 * Selecting a key for a token and verifying signatures is STS's (js/sts/jwks.ts, jwt.ts).
 *
 * The model never fetches a JWKS (no network from the account model): the caller, or the edge in
 * front of it, reads the provider's `jwks_uri` and stores the keys.
 *
 * Rules:
 * - a set is `{ "keys": [...] }` with at most 100 keys and at most 100,000 characters of JSON;
 * - private keys (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, or symmetric `oct` keys with `k`) are
 *   refused: a provider publishes public keys only, and a stored secret would leak through reads;
 * - RSA keys need `n` and `e` (canonical base64url), at least 2048 bits; EC keys `crv`, `x`, `y`; keys of
 *   other types or curves are kept (real JWKS carry encryption keys too) but never selected;
 * - `kid`s are unique within a set.
 */
import { decodeBase64url } from "./rfc4648.ts";

/** A public JSON Web Key (WebCrypto's JsonWebKey has no `kid`). */
export type Jwk = JsonWebKey & { kid?: string };

/** A JSON Web Key Set as providers publish it at their `jwks_uri`. */
export interface Jwks {
  keys: Jwk[];
}

export const MAX_JWKS_KEYS = 100;
export const MAX_JWKS_CHARS = 100_000;
/** RSA moduli shorter than this are refused (NIST SP 800-131A; providers use 2048 or more). */
export const MIN_RSA_BITS = 2048;

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;
const STRING_MEMBERS = ["kid", "alg", "use", "crv", "n", "e", "x", "y"] as const;
const PUBLIC_MEMBERS = ["kid", "alg", "use", "key_ops", "crv", "n", "e", "x", "y"] as const;
/** A non-empty member in canonical base64url (rfc4648.ts): one spelling per key. */
const isBase64url = (v: unknown): v is string => typeof v === "string" && v.length > 0 && decodeBase64url(v) !== undefined;

/** Why a JWKS was refused; the caller turns it into its error (InvalidInput for the IAM operation). */
export class JwksError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JwksError";
  }
}

/**
 * Checks a JWKS (object or JSON text) and returns a copy holding only the public members of each
 * key. Throws JwksError naming the first problem.
 */
export function checkJwks(value: unknown): Jwks {
  const set = parseSet(value);
  if (typeof set !== "object" || set === null || Array.isArray(set) || !Array.isArray((set as { keys?: unknown }).keys)) {
    throw new JwksError("the JWKS must be an object with a `keys` list");
  }
  const keys = (set as { keys: unknown[] }).keys;
  if (keys.length > MAX_JWKS_KEYS) throw new JwksError(`the JWKS has more than ${MAX_JWKS_KEYS} keys`);
  const kids = new Set<string>();
  return { keys: keys.map((key, i) => checkKey(key, `key ${i}`, kids)) };
}

/** The set as a value: JSON text parsed, an object measured; at most MAX_JWKS_CHARS of JSON. */
function parseSet(value: unknown): unknown {
  if (typeof value === "string") {
    if (value.length > MAX_JWKS_CHARS) throw new JwksError(`the JWKS is longer than ${MAX_JWKS_CHARS} characters`);
    try {
      return JSON.parse(value);
    } catch {
      throw new JwksError("the JWKS is not valid JSON");
    }
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    throw new JwksError("the JWKS is not JSON data");
  }
  if (text === undefined) throw new JwksError("the JWKS must be an object with a `keys` list");
  if (text.length > MAX_JWKS_CHARS) throw new JwksError(`the JWKS is longer than ${MAX_JWKS_CHARS} characters`);
  return value;
}

/** One key of a set: its members checked, its public members copied. */
function checkKey(key: unknown, where: string, kids: Set<string>): Jwk {
  if (typeof key !== "object" || key === null || Array.isArray(key)) throw new JwksError(`${where} is not an object`);
  // Members present but undefined count as absent: WebCrypto's exportKey in workerd returns
  // every JWK member, with `undefined` for those the key lacks.
  const k = Object.fromEntries(Object.entries(key).filter(([, v]) => v !== undefined)) as Record<string, unknown>;
  if (typeof k.kty !== "string") throw new JwksError(`${where} has no \`kty\``);
  for (const m of PRIVATE_MEMBERS) {
    if (m in k) throw new JwksError(`${where} holds private key material (\`${m}\`): store the provider's public keys only`);
  }
  for (const m of STRING_MEMBERS) {
    if (m in k && typeof k[m] !== "string") throw new JwksError(`${where}: \`${m}\` must be a string`);
  }
  if ("key_ops" in k && (!Array.isArray(k.key_ops) || k.key_ops.some((o) => typeof o !== "string"))) {
    throw new JwksError(`${where}: \`key_ops\` must be a list of strings`);
  }
  if (typeof k.kid === "string") {
    if (kids.has(k.kid)) throw new JwksError(`${where}: \`kid\` ${JSON.stringify(k.kid)} appears twice`);
    kids.add(k.kid);
  }
  checkKeyMaterial(k, where);
  const pub: Record<string, unknown> = { kty: k.kty };
  for (const m of PUBLIC_MEMBERS) if (m in k) pub[m] = Array.isArray(k[m]) ? [...(k[m] as string[])] : k[m];
  return pub as Jwk;
}

/** RSA: base64url `n` and `e`, at least MIN_RSA_BITS; EC: `crv`, base64url `x` and `y`. */
function checkKeyMaterial(k: Record<string, unknown>, where: string): void {
  if (k.kty === "RSA") {
    if (!isBase64url(k.n) || !isBase64url(k.e)) {
      throw new JwksError(`${where}: an RSA key needs canonical base64url \`n\` and \`e\``);
    }
    if (modulusBits(k.n) < MIN_RSA_BITS) throw new JwksError(`${where}: RSA keys must have at least ${MIN_RSA_BITS} bits`);
  } else if (k.kty === "EC") {
    if (typeof k.crv !== "string" || !isBase64url(k.x) || !isBase64url(k.y)) {
      throw new JwksError(`${where}: an EC key needs \`crv\`, and canonical base64url \`x\` and \`y\``);
    }
  }
}

/** Bits of a base64url big-endian modulus (leading zero bytes not counted); 0 when not canonical base64url. */
function modulusBits(b64url: string): number {
  const n = decodeBase64url(b64url);
  if (!n) return 0;
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  if (i === n.length) return 0;
  return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]));
}
