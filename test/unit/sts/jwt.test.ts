/**
 * OIDC ID token verification (js/sts/jwt.ts, js/sts/jwks.ts), without the account model: strict
 * base64url, compact JWS parsing, RS256 and ES256 signatures with keys generated here, key
 * selection by `kid`, every refused algorithm and form, and the claims checks with their leeway.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  base64urlDecode, base64urlEncode, checkClaims, decodeJws, verifyJwsSignature, verifyJwt, MAX_TOKEN_CHARS,
  type JwtClaims,
} from "../../../js/sts/jwt.ts";
import { selectKey } from "../../../js/sts/jwks.ts";
import { checkJwks, JwksError, type Jwks } from "../../../js/iam/jwks.ts";

const ISSUER = "https://token.actions.githubusercontent.com";
const AUDIENCE = "sts.amazonaws.com";
const NOW = new Date("2026-03-01T12:00:00Z");
const T = Math.floor(NOW.getTime() / 1000);

const utf8 = new TextEncoder();
const b64 = (bytes: ArrayBuffer | Uint8Array) => base64urlEncode(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
const b64json = (value: unknown) => b64(utf8.encode(JSON.stringify(value)));

let rsa: CryptoKeyPair;
let ec: CryptoKeyPair;
let jwks: Jwks;
let rsaPublicJwk: JsonWebKey;

async function sign(alg: "RS256" | "ES256", header: Record<string, unknown>, payload: unknown): Promise<string> {
  const input = `${b64json({ alg, typ: "JWT", ...header })}.${b64json(payload)}`;
  const sig = alg === "RS256"
    ? await crypto.subtle.sign("RSASSA-PKCS1-v1_5", rsa.privateKey, utf8.encode(input))
    : await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, ec.privateKey, utf8.encode(input));
  return `${input}.${b64(sig)}`;
}

function claims(extra: Record<string, unknown> = {}): JwtClaims {
  return { iss: ISSUER, aud: AUDIENCE, sub: "repo:octo-org/octo-repo:ref:refs/heads/main", iat: T - 10, nbf: T - 10, exp: T + 300, ...extra };
}

const check = { issuer: ISSUER, clientIds: [AUDIENCE], now: NOW };

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof p === "function" ? p() : p);
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

beforeAll(async () => {
  rsa = await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
  ec = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  rsaPublicJwk = await crypto.subtle.exportKey("jwk", rsa.publicKey);
  const ecJwk = await crypto.subtle.exportKey("jwk", ec.publicKey);
  jwks = checkJwks({ keys: [{ ...rsaPublicJwk, kid: "rsa-1", use: "sig", alg: "RS256" }, { ...ecJwk, kid: "ec-1", use: "sig" }] });
});

describe("base64url", () => {
  it("round-trips every length", () => {
    for (let n = 0; n < 40; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      const text = base64urlEncode(bytes);
      expect(text).not.toMatch(/[=+/]/);
      expect(Array.from(base64urlDecode(text)!)).toEqual(Array.from(bytes));
    }
  });
  it("refuses padding, the standard alphabet, lengths 4n+1 and non-canonical trailing bits", () => {
    expect(base64urlDecode("YQ==")).toBeUndefined();
    expect(base64urlDecode("a+b/")).toBeUndefined();
    expect(base64urlDecode("YWJjZ")).toBeUndefined();
    expect(base64urlDecode("YR")).toBeUndefined(); // "YQ" is the canonical spelling of "a"
    expect(new TextDecoder().decode(base64urlDecode("YQ"))).toBe("a");
  });
});

describe("compact JWS", () => {
  it("verifies RS256 and ES256 tokens with the key of their kid", async () => {
    for (const [alg, kid] of [["RS256", "rsa-1"], ["ES256", "ec-1"]] as const) {
      const token = await sign(alg, { kid }, claims());
      const verified = await verifyJwt(token, jwks, check);
      expect(verified).toMatchObject({ issuer: ISSUER, subject: "repo:octo-org/octo-repo:ref:refs/heads/main", audience: AUDIENCE, expiresAt: T + 300 });
    }
  });

  it("refuses malformed tokens as InvalidIdentityToken", async () => {
    const good = await sign("RS256", { kid: "rsa-1" }, claims());
    const [h, p, s] = good.split(".");
    const cases: unknown[] = [
      "", 42, "abc", `${h}.${p}`, `${h}.${p}.${s}.x`, `${h}..${s}`, `.${p}.${s}`,
      `${h}.${p}.`, // unsigned
      `${h}!.${p}.${s}`, `${h}.${p}=.${s}`, `${h}.${p}.${s}==`,
      `${b64(utf8.encode("{not json"))}.${p}.${s}`,
      `${b64json([1, 2])}.${p}.${s}`,
      `${h}.${b64json("a string")}.${s}`,
      `${b64(new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]))}.${p}.${s}`, // not UTF-8
      `${b64json({ typ: "JWT" })}.${p}.${s}`, // no alg
      `${b64json({ alg: "RS256", kid: 7 })}.${p}.${s}`,
    ];
    for (const token of cases) expect(await codeOf(() => decodeJws(token)), String(token)).toBe("InvalidIdentityToken");
  });

  it("refuses tokens over 20,000 characters before parsing them", async () => {
    const token = await sign("RS256", { kid: "rsa-1" }, claims({ pad: "x".repeat(MAX_TOKEN_CHARS) }));
    expect(token.length).toBeGreaterThan(MAX_TOKEN_CHARS);
    const err = await codeOf(() => decodeJws(token));
    expect(err).toBe("InvalidIdentityToken");
  });

  it("refuses alg none, HS256 keyed with the public key, unknown algorithms and crit", async () => {
    const payload = b64json(claims());
    const none = `${b64json({ alg: "none", typ: "JWT" })}.${payload}.`;
    expect(await codeOf(verifyJwt(none, jwks, check))).toBe("InvalidIdentityToken");
    const noneSigned = `${b64json({ alg: "None", kid: "rsa-1" })}.${payload}.${b64(new Uint8Array(8))}`;
    expect(await codeOf(verifyJwt(noneSigned, jwks, check))).toBe("InvalidIdentityToken");

    // Key confusion: an HMAC over the token with the RSA public key (as JSON and as its modulus) as secret.
    for (const secret of [utf8.encode(JSON.stringify(rsaPublicJwk)), base64urlDecode(rsaPublicJwk.n!)!]) {
      const input = `${b64json({ alg: "HS256", kid: "rsa-1" })}.${payload}`;
      const key = await crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      const token = `${input}.${b64(await crypto.subtle.sign("HMAC", key, utf8.encode(input)))}`;
      expect(await codeOf(verifyJwt(token, jwks, check))).toBe("InvalidIdentityToken");
    }
    for (const alg of ["RS512", "PS256", "ES384", "EdDSA", "rs256"]) {
      const token = `${b64json({ alg, kid: "rsa-1" })}.${payload}.${b64(new Uint8Array(256))}`;
      expect(await codeOf(verifyJwt(token, jwks, check)), alg).toBe("InvalidIdentityToken");
    }
    const crit = await sign("RS256", { kid: "rsa-1", crit: ["exp"] }, claims());
    expect(await codeOf(verifyJwt(crit, jwks, check))).toBe("InvalidIdentityToken");
  });

  it("refuses an altered payload, an altered signature and a DER-length ES256 signature", async () => {
    for (const [alg, kid] of [["RS256", "rsa-1"], ["ES256", "ec-1"]] as const) {
      const token = await sign(alg, { kid }, claims());
      const [h, , s] = token.split(".");
      const forged = `${h}.${b64json(claims({ sub: "repo:evil/evil:ref:refs/heads/main" }))}.${s}`;
      expect(await codeOf(verifyJwt(forged, jwks, check))).toBe("InvalidIdentityToken");
      const sig = base64urlDecode(s)!;
      sig[10] ^= 1;
      const [h2, p2] = token.split(".");
      expect(await codeOf(verifyJwt(`${h2}.${p2}.${b64(sig)}`, jwks, check))).toBe("InvalidIdentityToken");
    }
    const es = await sign("ES256", { kid: "ec-1" }, claims());
    const [h, p, s] = es.split(".");
    const longer = new Uint8Array(72);
    longer.set(base64urlDecode(s)!);
    expect(await codeOf(verifyJwt(`${h}.${p}.${b64(longer)}`, jwks, check))).toBe("InvalidIdentityToken");
  });

  it("selects keys by kid: unknown kid, wrong key type for alg and ambiguous kid-less tokens are refused", async () => {
    expect(await codeOf(verifyJwt(await sign("RS256", { kid: "rotated-away" }, claims()), jwks, check))).toBe("InvalidIdentityToken");
    // An RS256 header naming the EC key, and an ES256 header naming the RSA key.
    expect(await codeOf(verifyJwt(await sign("RS256", { kid: "ec-1" }, claims()), jwks, check))).toBe("InvalidIdentityToken");
    expect(await codeOf(verifyJwt(await sign("ES256", { kid: "rsa-1" }, claims()), jwks, check))).toBe("InvalidIdentityToken");
    // Without kid: the only key that fits the algorithm is used.
    expect((await verifyJwt(await sign("ES256", {}, claims()), jwks, check)).subject).toContain("octo-repo");
    const two = checkJwks({ keys: [...jwks.keys, { ...jwks.keys[1], kid: "ec-2" }] });
    expect(selectKey(two, "ES256", undefined)).toEqual({ ok: false, reason: "ambiguous" });
    // A key declared for another use or algorithm does not verify.
    const encOnly = checkJwks({ keys: [{ ...jwks.keys[0], use: "enc" }] });
    expect(await codeOf(verifyJwt(await sign("RS256", { kid: "rsa-1" }, claims()), encOnly, check))).toBe("InvalidIdentityToken");
  });

  it("ignores keys carried in the header (jwk, jku): only the stored set is trusted", async () => {
    const other = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const otherJwk = await crypto.subtle.exportKey("jwk", other.publicKey);
    const input = `${b64json({ alg: "ES256", kid: "attacker", jwk: otherJwk, jku: "https://evil.example/jwks" })}.${b64json(claims())}`;
    const sig = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, other.privateKey, utf8.encode(input));
    expect(await codeOf(verifyJwt(`${input}.${b64(sig)}`, jwks, check))).toBe("InvalidIdentityToken");
    const input2 = `${b64json({ alg: "ES256", kid: "ec-1", jwk: otherJwk })}.${b64json(claims())}`;
    const sig2 = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, other.privateKey, utf8.encode(input2));
    expect(await codeOf(verifyJwt(`${input2}.${b64(sig2)}`, jwks, check))).toBe("InvalidIdentityToken");
  });
});

describe("claims", () => {
  it("needs iss equal to the provider URL, a sub and an exp", () => {
    expect(checkClaims(claims(), check).audience).toBe(AUDIENCE);
    for (const bad of [
      claims({ iss: "https://token.actions.githubusercontent.com/" }), claims({ iss: "http://token.actions.githubusercontent.com" }),
      claims({ iss: undefined }), claims({ sub: "" }), claims({ sub: 5 }), claims({ sub: undefined }), claims({ exp: undefined }),
      claims({ exp: "soon" }), claims({ iat: "now" }), claims({ amr: [1] }), claims({ azp: {} }), claims({ aud: [] }), claims({ aud: 3 }),
    ]) {
      expect(() => checkClaims(bad, check), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: "InvalidIdentityToken" }));
    }
  });

  it("exp must be in the future, nbf and iat not in the future, with 60 seconds of leeway", () => {
    expect(checkClaims(claims({ exp: T - 59 }), check).expiresAt).toBe(T - 59);
    expect(() => checkClaims(claims({ exp: T - 60 }), check)).toThrow(expect.objectContaining({ code: "ExpiredTokenException" }));
    expect(() => checkClaims(claims({ exp: T - 3600 }), check)).toThrow(/Token expired: current date\/time 2026-03-01T12:00:00Z must be before the expiration date\/time 2026-03-01T11:00:00Z/);
    expect(checkClaims(claims({ nbf: T + 60, iat: T + 60 }), check).issuedAt).toBe(T + 60);
    expect(() => checkClaims(claims({ nbf: T + 61 }), check)).toThrow(expect.objectContaining({ code: "InvalidIdentityToken" }));
    expect(() => checkClaims(claims({ iat: T + 61 }), check)).toThrow(expect.objectContaining({ code: "InvalidIdentityToken" }));
  });

  it("aud (string or list) must name a client id; otherwise IDPRejectedClaim", () => {
    expect(checkClaims(claims({ aud: ["other", AUDIENCE] }), check)).toMatchObject({ audience: AUDIENCE, audiences: ["other", AUDIENCE] });
    expect(() => checkClaims(claims({ aud: "other" }), check)).toThrow(expect.objectContaining({ code: "IDPRejectedClaim", status: 403 }));
    expect(() => checkClaims(claims({ aud: ["a", "b"] }), check)).toThrow(expect.objectContaining({ code: "IDPRejectedClaim" }));
  });

  it("reads amr as a list and azp when present", () => {
    expect(checkClaims(claims({ amr: "pwd", azp: "web" }), check)).toMatchObject({ amr: ["pwd"], azp: "web" });
    expect(checkClaims(claims({ amr: ["pwd", "mfa"] }), check).amr).toEqual(["pwd", "mfa"]);
  });

  it("checks the signature before any claim", async () => {
    const expired = await sign("RS256", { kid: "rsa-1" }, claims({ exp: T - 3600 }));
    const [h, p, s] = expired.split(".");
    const sig = base64urlDecode(s)!;
    sig[0] ^= 0x80;
    expect(await codeOf(verifyJwsSignature(decodeJws(`${h}.${p}.${b64(sig)}`), jwks))).toBe("InvalidIdentityToken");
    expect(await codeOf(verifyJwt(`${h}.${p}.${b64(sig)}`, jwks, check))).toBe("InvalidIdentityToken");
    expect(await codeOf(verifyJwt(expired, jwks, check))).toBe("ExpiredTokenException");
  });
});

describe("JWKS", () => {
  it("keeps public members only and refuses private keys, short RSA moduli and malformed sets", async () => {
    const full = await crypto.subtle.exportKey("jwk", rsa.privateKey);
    expect(() => checkJwks({ keys: [full] })).toThrow(JwksError);
    expect(() => checkJwks({ keys: [{ kty: "oct", k: "c2VjcmV0" }] })).toThrow(/private/);
    expect(() => checkJwks({ keys: [{ kty: "RSA", n: base64urlEncode(new Uint8Array(128).fill(0xff)), e: "AQAB" }] })).toThrow(/2048/);
    expect(() => checkJwks({ keys: [{ kty: "RSA", e: "AQAB" }] })).toThrow(JwksError);
    expect(() => checkJwks({ keys: [{ kty: "EC", crv: "P-256", x: "AA" }] })).toThrow(JwksError);
    expect(() => checkJwks({ keys: [{ ...jwks.keys[1] }, { ...jwks.keys[1] }] })).toThrow(/twice/);
    for (const bad of [null, [], "{", "[]", { keys: "x" }, { keys: [1] }, { keys: [{}] }, { keys: Array(101).fill(jwks.keys[1]) }]) {
      expect(() => checkJwks(bad), JSON.stringify(bad)).toThrow(JwksError);
    }
    const text = JSON.stringify({ keys: [{ ...jwks.keys[1], x5c: ["..."], extra: 1 }] });
    expect(checkJwks(text).keys[0]).toEqual(jwks.keys[1]);
    // Keys of other types are kept but never selected.
    const mixed = checkJwks({ keys: [{ kty: "OKP", crv: "Ed25519", x: "AA", kid: "ed" }, jwks.keys[1]] });
    expect(selectKey(mixed, "ES256", "ed")).toEqual({ ok: false, reason: "alg-mismatch" });
  });
});
