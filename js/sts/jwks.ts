/**
 * @module sts/jwks
 * Choosing and importing an OIDC provider's key for a token: the key of the token header's
 * `kid` (js/iam/jwks.ts checked the set when it was stored), imported with WebCrypto
 * (`crypto.subtle.importKey("jwk", ...)`) for RS256 (RSASSA-PKCS1-v1_5 with SHA-256) or ES256
 * (ECDSA on P-256 with SHA-256), the two algorithms `jwt.ts` verifies. A key is usable for a
 * token when its type fits the algorithm (RSA for RS256, EC P-256 for ES256), its `alg` (if any)
 * equals the token's, its `use` (if any) is `sig` and its `key_ops` (if any) include `verify`.
 */
import type { Jwk, Jwks } from "../iam/jwks.ts";

/** The algorithms `jwt.ts` verifies. */
export type JwsAlgorithm = "RS256" | "ES256";

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
