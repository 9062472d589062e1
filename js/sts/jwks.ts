/**
 * @module sts/jwks
 * An OIDC provider's signing keys: a JSON Web Key Set (RFC 7517 section 5) of public keys,
 * checked when it is stored (`checkJwks`), then selected by the token header's `kid` and imported
 * with WebCrypto (`crypto.subtle.importKey("jwk", ...)`) for RS256 (RSASSA-PKCS1-v1_5 with
 * SHA-256) or ES256 (ECDSA on P-256 with SHA-256), the two algorithms `jwt.ts` verifies.
 *
 * The model never fetches a JWKS (no network from the account model): the caller, or the edge in
 * front of it, reads the provider's `jwks_uri` and stores the keys with
 * `account.setOpenIDConnectProviderKeys`.
 *
 * Rules:
 * - a set is `{ "keys": [...] }` with at most 100 keys and at most 100,000 characters of JSON;
 * - private keys (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, or symmetric `oct` keys with `k`) are
 *   refused: a provider publishes public keys only, and a stored secret would leak through reads;
 * - RSA keys need `n` and `e` (base64url), at least 2048 bits; EC keys `crv`, `x`, `y`; keys of
 *   other types or curves are kept (real JWKS carry encryption keys too) but never selected;
 * - a key is usable for a token when its type fits the algorithm (RSA for RS256, EC P-256 for
 *   ES256), its `alg` (if any) equals the token's, its `use` (if any) is `sig` and its `key_ops`
 *   (if any) include `verify`.
 */
/** A public JSON Web Key (WebCrypto's JsonWebKey has no `kid`). */
export type Jwk = JsonWebKey & { kid?: string };

/** A JSON Web Key Set as providers publish it at their `jwks_uri`. */
export interface Jwks {
  keys: Jwk[];
}

/** The algorithms `jwt.ts` verifies. */
export type JwsAlgorithm = "RS256" | "ES256";

export const MAX_JWKS_KEYS = 100;
export const MAX_JWKS_CHARS = 100_000;
/** RSA moduli shorter than this are refused (NIST SP 800-131A; providers use 2048 or more). */
export const MIN_RSA_BITS = 2048;

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;
const B64URL = /^[A-Za-z0-9_-]+$/;

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
  let set = value;
  if (typeof set === "string") {
    if (set.length > MAX_JWKS_CHARS) throw new JwksError(`the JWKS is longer than ${MAX_JWKS_CHARS} characters`);
    try {
      set = JSON.parse(set);
    } catch {
      throw new JwksError("the JWKS is not valid JSON");
    }
  } else {
    let text: string | undefined;
    try {
      text = JSON.stringify(set);
    } catch {
      throw new JwksError("the JWKS is not JSON data");
    }
    if (text === undefined) throw new JwksError("the JWKS must be an object with a `keys` list");
    if (text.length > MAX_JWKS_CHARS) throw new JwksError(`the JWKS is longer than ${MAX_JWKS_CHARS} characters`);
  }
  if (typeof set !== "object" || set === null || Array.isArray(set) || !Array.isArray((set as { keys?: unknown }).keys)) {
    throw new JwksError("the JWKS must be an object with a `keys` list");
  }
  const keys = (set as { keys: unknown[] }).keys;
  if (keys.length > MAX_JWKS_KEYS) throw new JwksError(`the JWKS has more than ${MAX_JWKS_KEYS} keys`);
  const kids = new Set<string>();
  const out: Jwk[] = [];
  keys.forEach((key, i) => {
    const where = `key ${i}`;
    if (typeof key !== "object" || key === null || Array.isArray(key)) throw new JwksError(`${where} is not an object`);
    // Members present but undefined count as absent: WebCrypto's exportKey in workerd returns
    // every JWK member, with `undefined` for those the key lacks.
    const k = Object.fromEntries(Object.entries(key).filter(([, v]) => v !== undefined)) as Record<string, unknown>;
    if (typeof k.kty !== "string") throw new JwksError(`${where} has no \`kty\``);
    for (const m of PRIVATE_MEMBERS) {
      if (m in k) throw new JwksError(`${where} holds private key material (\`${m}\`): store the provider's public keys only`);
    }
    for (const m of ["kid", "alg", "use", "crv", "n", "e", "x", "y"] as const) {
      if (m in k && typeof k[m] !== "string") throw new JwksError(`${where}: \`${m}\` must be a string`);
    }
    if ("key_ops" in k && (!Array.isArray(k.key_ops) || k.key_ops.some((o) => typeof o !== "string"))) {
      throw new JwksError(`${where}: \`key_ops\` must be a list of strings`);
    }
    if (typeof k.kid === "string") {
      if (kids.has(k.kid)) throw new JwksError(`${where}: \`kid\` ${JSON.stringify(k.kid)} appears twice`);
      kids.add(k.kid);
    }
    const pub: Record<string, unknown> = { kty: k.kty };
    for (const m of ["kid", "alg", "use", "key_ops", "crv", "n", "e", "x", "y"] as const) if (m in k) pub[m] = Array.isArray(k[m]) ? [...(k[m] as string[])] : k[m];
    if (k.kty === "RSA") {
      if (typeof k.n !== "string" || typeof k.e !== "string" || !B64URL.test(k.n) || !B64URL.test(k.e)) {
        throw new JwksError(`${where}: an RSA key needs base64url \`n\` and \`e\``);
      }
      if (modulusBits(k.n) < MIN_RSA_BITS) throw new JwksError(`${where}: RSA keys must have at least ${MIN_RSA_BITS} bits`);
    } else if (k.kty === "EC") {
      if (typeof k.crv !== "string" || typeof k.x !== "string" || typeof k.y !== "string" || !B64URL.test(k.x) || !B64URL.test(k.y)) {
        throw new JwksError(`${where}: an EC key needs \`crv\`, and base64url \`x\` and \`y\``);
      }
    }
    out.push(pub as Jwk);
  });
  return { keys: out };
}

/** Bits of a base64url big-endian modulus (leading zero bytes not counted). */
function modulusBits(b64url: string): number {
  let bin: string;
  try {
    bin = atob(b64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((b64url.length + 3) % 4));
  } catch {
    return 0;
  }
  const n = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  if (i === n.length) return 0;
  return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]));
}

/** Whether `key` can verify a token signed with `alg` (type, curve, `alg`, `use`, `key_ops`). */
export function keyFits(key: Jwk, alg: JwsAlgorithm): boolean {
  if (key.alg !== undefined && key.alg !== alg) return false;
  if (key.use !== undefined && key.use !== "sig") return false;
  if (key.key_ops !== undefined && !key.key_ops.includes("verify")) return false;
  return alg === "RS256" ? key.kty === "RSA" : key.kty === "EC" && key.crv === "P-256";
}

export type KeySelection =
  | { ok: true; key: Jwk }
  | { ok: false; reason: "unknown-kid" | "alg-mismatch" | "ambiguous" };

/**
 * The key for a token header: the key with the header's `kid` (which must fit `alg`); without a
 * `kid`, the only key of the set that fits `alg` (ambiguous otherwise: refused).
 */
export function selectKey(jwks: Jwks, alg: JwsAlgorithm, kid: string | undefined): KeySelection {
  if (kid !== undefined) {
    const key = jwks.keys.find((k) => k.kid === kid);
    if (!key) return { ok: false, reason: "unknown-kid" };
    return keyFits(key, alg) ? { ok: true, key } : { ok: false, reason: "alg-mismatch" };
  }
  const fitting = jwks.keys.filter((k) => keyFits(k, alg));
  if (fitting.length === 1) return { ok: true, key: fitting[0] };
  return { ok: false, reason: fitting.length === 0 ? "alg-mismatch" : "ambiguous" };
}

/** The WebCrypto import and verify parameters of an algorithm. */
export function algorithmParams(alg: JwsAlgorithm): { importParams: RsaHashedImportParams | EcKeyImportParams; verifyParams: AlgorithmIdentifier | EcdsaParams } {
  return alg === "RS256"
    ? { importParams: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, verifyParams: { name: "RSASSA-PKCS1-v1_5" } }
    : { importParams: { name: "ECDSA", namedCurve: "P-256" }, verifyParams: { name: "ECDSA", hash: "SHA-256" } };
}

/** Imported keys, per stored JWK object and algorithm (stored sets are replaced, never mutated). */
const imported = new WeakMap<Jwk, Map<JwsAlgorithm, Promise<CryptoKey>>>();

/**
 * The WebCrypto verification key of a JWK (public members only, `alg` and `key_ops` set by us so
 * that WebCrypto's own consistency checks pass). Rejects when WebCrypto refuses the key.
 */
export function importVerifyKey(jwk: Jwk, alg: JwsAlgorithm): Promise<CryptoKey> {
  let perAlg = imported.get(jwk);
  if (!perAlg) imported.set(jwk, (perAlg = new Map()));
  let key = perAlg.get(alg);
  if (!key) {
    const pub: JsonWebKey = jwk.kty === "RSA"
      ? { kty: "RSA", n: jwk.n, e: jwk.e, alg, ext: true }
      : { kty: "EC", crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true };
    key = crypto.subtle.importKey("jwk", pub, algorithmParams(alg).importParams, false, ["verify"]);
    // A refused key is not cached: the next token retries (and fails the same way).
    key.catch(() => perAlg!.delete(alg));
    perAlg.set(alg, key);
  }
  return key;
}
