/**
 * @module sts/jwt
 * OIDC ID tokens as AssumeRoleWithWebIdentity checks them: compact JWS parsing (RFC 7515
 * section 7.1), signature verification with WebCrypto, and the claims checks (RFC 7519, OpenID
 * Connect Core 1.0 section 3.1.3.7).
 *
 * - **Form**: at most 20,000 characters (the API's WebIdentityToken limit); exactly three
 *   dot-separated parts, each strict base64url without padding (non-canonical trailing bits are
 *   refused, so one token has one spelling); header and payload are UTF-8 JSON objects.
 * - **Algorithms**: `RS256` (RSASSA-PKCS1-v1_5 with SHA-256) and `ES256` (ECDSA P-256 with
 *   SHA-256; the JOSE signature is the 64 bytes r||s, which is also WebCrypto's format, so a DER
 *   signature is refused by its length). `none`, the HMAC algorithms (`HS256`...: a public key used
 *   as an HMAC secret is the classic key-confusion attack) and any other value are refused, as is
 *   a header with `crit` (no extension is understood). Header keys (`jwk`, `jku`, `x5u`, `x5c`)
 *   are ignored: only the provider's stored JWKS is trusted.
 * - **Key**: selected by `kid` from the provider's JWKS (jwks.ts); an unknown `kid`, or a key of
 *   the wrong type for `alg`, is refused.
 * - **Claims**: `iss` equal to the provider URL (`https://` + host/path); `aud` (string or list)
 *   naming one of the provider's client ids; `exp` required and in the future; `nbf` and `iat`,
 *   when present, not in the future; `sub` a non-empty string; 60 seconds of leeway for clock
 *   skew; the time comes from the caller (`account.now()`).
 *
 * Errors are IamErrors with STS's codes: `InvalidIdentityToken` (form, algorithm, key, signature,
 * issuer, `sub`, `nbf`/`iat`), `ExpiredTokenException` (`exp`), `IDPRejectedClaim` (audience).
 * The signature is checked before any claim, so an unsigned or forged token learns nothing from
 * the claim errors.
 */
import { IamError } from "../iam/errors.ts";
import { decodeBase64url, encodeBase64url } from "../iam/rfc4648.ts";
import type { Jwk, Jwks } from "../iam/jwks.ts";
import { algorithmParams, importVerifyKey, selectKey, type JwsAlgorithm } from "./jwks.ts";

/** AssumeRoleWithWebIdentity: WebIdentityToken is 4 to 20,000 characters. */
export const MAX_TOKEN_CHARS = 20_000;
/** Clock skew allowed on `exp`, `nbf` and `iat`, in seconds. */
export const CLOCK_LEEWAY_SECONDS = 60;

export const SUPPORTED_ALGORITHMS: readonly JwsAlgorithm[] = ["RS256", "ES256"];

export interface JwsHeader {
  alg: string;
  kid?: string;
  typ?: string;
  [member: string]: unknown;
}

/** The registered claims this module reads; the rest of the payload is kept as is. */
export interface JwtClaims {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
  nbf?: unknown;
  iat?: unknown;
  azp?: unknown;
  amr?: unknown;
  [claim: string]: unknown;
}

/** A parsed compact JWS, not yet verified. */
export interface DecodedJws {
  header: JwsHeader;
  payload: JwtClaims;
  /** ASCII of `header.payload`, the bytes the signature covers. */
  signingInput: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

/** What the claims check found. */
export interface VerifiedClaims {
  /** `iss`. */
  issuer: string;
  /** `sub`. */
  subject: string;
  /** The token audience that is one of the provider's client ids (the first one, for a list). */
  audience: string;
  /** Every audience of the token, in order. */
  audiences: string[];
  /** `amr`, as a list (absent when the token has none). */
  amr?: string[];
  /** `azp`, when present. */
  azp?: string;
  /** Epoch seconds. */
  expiresAt: number;
  issuedAt?: number;
  claims: JwtClaims;
}

const invalid = (message: string): IamError => new IamError("InvalidIdentityToken", message);

/**
 * Strict base64url (RFC 4648 section 5) without padding: the alphabet only, no length of 4n+1,
 * and zero unused bits in the last character. Undefined when `text` is not such. The one
 * decoder of the model and STS (js/iam/rfc4648.ts), re-exported here for the token's parts.
 */
export const base64urlDecode = (text: string): Uint8Array<ArrayBuffer> | undefined => decodeBase64url(text);

/** base64url without padding. */
export const base64urlEncode = (bytes: Uint8Array): string => encodeBase64url(bytes);

const utf8 = new TextDecoder("utf-8", { fatal: true });

function jsonObject(part: string, what: "header" | "payload"): Record<string, unknown> {
  const bytes = base64urlDecode(part);
  if (!bytes) throw invalid(`The token ${what} is not base64url.`);
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    throw invalid(`The token ${what} is not UTF-8 JSON.`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid(`The token ${what} is not a JSON object.`);
  return value as Record<string, unknown>;
}

/**
 * Parses a compact JWS without verifying it. Throws InvalidIdentityToken for anything malformed
 * (length, parts, base64url, JSON).
 */
export function decodeJws(token: unknown): DecodedJws {
  if (typeof token !== "string" || token.length === 0) throw invalid("The web identity token is missing.");
  if (token.length > MAX_TOKEN_CHARS) throw invalid(`The web identity token is longer than ${MAX_TOKEN_CHARS} characters.`);
  const parts = token.split(".");
  if (parts.length !== 3) throw invalid("The web identity token is not a JWS in compact form (header.payload.signature).");
  const [h, p, s] = parts;
  if (h.length === 0 || p.length === 0 || s.length === 0) throw invalid("The web identity token has an empty part (an unsigned token is refused).");
  const header = jsonObject(h, "header");
  const payload = jsonObject(p, "payload") as JwtClaims;
  if (typeof header.alg !== "string") throw invalid("The token header has no `alg`.");
  if (header.kid !== undefined && typeof header.kid !== "string") throw invalid("The token header's `kid` is not a string.");
  const signature = base64urlDecode(s);
  if (!signature) throw invalid("The token signature is not base64url.");
  return { header: header as JwsHeader, payload, signingInput: new TextEncoder().encode(`${h}.${p}`), signature };
}

/** The header's algorithm, if this module verifies it; throws InvalidIdentityToken otherwise. */
export function checkAlgorithm(header: JwsHeader): JwsAlgorithm {
  const alg = header.alg;
  if (alg.toLowerCase() === "none") throw invalid("Unsigned tokens (alg none) are not accepted.");
  if (/^HS\d+$/i.test(alg)) throw invalid(`The token algorithm ${alg} (HMAC) is not accepted: tokens must be signed with the provider's key (RS256 or ES256).`);
  if (!(SUPPORTED_ALGORITHMS as readonly string[]).includes(alg)) throw invalid(`The token algorithm ${alg} is not supported (RS256, ES256).`);
  if (header.crit !== undefined) throw invalid("The token header has `crit` extensions, which are not understood.");
  return alg as JwsAlgorithm;
}

/**
 * Verifies the signature of a decoded token with the key its `kid` names in `jwks`.
 * Throws InvalidIdentityToken (algorithm, unknown kid, key type, bad signature).
 */
export async function verifyJwsSignature(jws: DecodedJws, jwks: Jwks): Promise<Jwk> {
  const alg = checkAlgorithm(jws.header);
  const picked = selectKey(jwks, alg, jws.header.kid);
  if (!picked.ok) {
    throw invalid(
      picked.reason === "unknown-kid" ? `The token's key id (kid ${JSON.stringify(jws.header.kid)}) is not among the provider's keys.` :
      picked.reason === "alg-mismatch" ? `No key of the provider fits the token's algorithm ${alg}${jws.header.kid === undefined ? "" : ` (kid ${JSON.stringify(jws.header.kid)})`}.` :
      "The token has no kid and the provider has several keys for its algorithm.",
    );
  }
  // ES256 signatures are exactly r||s (32 + 32 bytes); RS256 ones are as long as the modulus
  // (WebCrypto checks that). A DER-encoded ECDSA signature is refused here.
  if (alg === "ES256" && jws.signature.length !== 64) throw invalid("Couldn't verify the token signature.");
  let key: CryptoKey;
  try {
    key = await importVerifyKey(picked.key, alg);
  } catch {
    throw invalid("The provider's key for this token could not be imported.");
  }
  let ok = false;
  try {
    ok = await crypto.subtle.verify(algorithmParams(alg).verifyParams, key, jws.signature, jws.signingInput);
  } catch {
    ok = false;
  }
  if (!ok) throw invalid("Couldn't verify the token signature.");
  return picked.key;
}

export interface ClaimsCheck {
  /** The provider URL with its scheme: `https://host/path`. */
  issuer: string;
  /** The provider's client ids. */
  clientIds: readonly string[];
  /** The current time. */
  now: Date;
  leewaySeconds?: number;
}

function numericDate(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalid(`The token claim \`${name}\` is not a NumericDate.`);
  return value;
}

function isoSeconds(epoch: number): string {
  const d = new Date(Math.floor(epoch) * 1000);
  return Number.isNaN(d.getTime()) ? String(epoch) : d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Checks the claims of a token whose signature was verified: issuer, subject, times, audience
 * (in this order: the audience is checked last so that IDPRejectedClaim means the token was
 * otherwise valid).
 */
export function checkClaims(claims: JwtClaims, check: ClaimsCheck): VerifiedClaims {
  const leeway = check.leewaySeconds ?? CLOCK_LEEWAY_SECONDS;
  const now = check.now.getTime() / 1000;
  if (claims.iss !== check.issuer) throw invalid(`The token issuer ${JSON.stringify(claims.iss)} is not ${check.issuer}.`);
  if (typeof claims.sub !== "string" || claims.sub.length === 0) throw invalid("The token has no `sub` claim.");
  const exp = numericDate(claims.exp, "exp");
  const nbf = numericDate(claims.nbf, "nbf");
  const iat = numericDate(claims.iat, "iat");
  if (exp === undefined) throw invalid("The token has no `exp` claim.");
  if (now >= exp + leeway) {
    throw new IamError("ExpiredTokenException", `Token expired: current date/time ${isoSeconds(now)} must be before the expiration date/time ${isoSeconds(exp)}`);
  }
  if (nbf !== undefined && nbf > now + leeway) throw invalid(`The token is not valid before ${isoSeconds(nbf)}.`);
  if (iat !== undefined && iat > now + leeway) throw invalid(`The token was issued in the future (${isoSeconds(iat)}).`);
  if (claims.azp !== undefined && typeof claims.azp !== "string") throw invalid("The token claim `azp` is not a string.");
  let amr: string[] | undefined;
  if (claims.amr !== undefined) {
    const list = Array.isArray(claims.amr) ? claims.amr : [claims.amr];
    if (list.some((v) => typeof v !== "string")) throw invalid("The token claim `amr` is not a string or a list of strings.");
    amr = list as string[];
  }
  const audiences = typeof claims.aud === "string" ? [claims.aud] : Array.isArray(claims.aud) && claims.aud.every((a) => typeof a === "string") ? (claims.aud as string[]) : undefined;
  if (!audiences || audiences.length === 0) throw invalid("The token has no `aud` claim.");
  const audience = audiences.find((a) => check.clientIds.includes(a));
  if (audience === undefined) throw new IamError("IDPRejectedClaim", "Incorrect token audience");
  const out: VerifiedClaims = { issuer: check.issuer, subject: claims.sub, audience, audiences: [...audiences], expiresAt: exp, claims };
  if (amr) out.amr = amr;
  if (typeof claims.azp === "string") out.azp = claims.azp;
  if (iat !== undefined) out.issuedAt = iat;
  return out;
}

/** decodeJws, verifyJwsSignature and checkClaims in one call. */
export async function verifyJwt(token: unknown, jwks: Jwks, check: ClaimsCheck): Promise<VerifiedClaims> {
  const jws = decodeJws(token);
  await verifyJwsSignature(jws, jwks);
  return checkClaims(jws.payload, check);
}
