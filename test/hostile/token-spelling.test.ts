/**
 * One spelling of each token, key and secret (issue 13, item 9). A lenient base64 decoder
 * (`atob`) ignores the unused low bits of the last character, so `YQ` and `YR` both read as "a":
 * a session token whose MAC ends in such a character had several texts that all verified. Every
 * place the model and STS read a token, key, secret or marker now decodes strictly
 * (js/iam/rfc4648.ts): each test below takes a value the model wrote, re-spells its last
 * character with a pad bit set (the same bytes to a lenient decoder) and expects a refusal.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Account, createEngine, IamError } from "../../js/index.ts";
import type { Engine } from "../../js/engine/engine.ts";
import { base32Decode } from "../../js/iam/base32.ts";
import { hashPassword, verifyPasswordHash } from "../../js/iam/password.ts";
import { BASE32, BASE64, BASE64URL, type Rfc4648Encoding } from "../../js/iam/rfc4648.ts";

const A = "111122223333";
let engine: Engine;
let clock: Date;
let account: Account;

beforeAll(async () => {
  engine = await createEngine();
});

beforeEach(async () => {
  clock = new Date("2026-03-01T12:00:00Z");
  account = await Account.create({ accountId: A, engine, now: () => clock });
  await account.createUser({ UserName: "alice" });
});

/**
 * `text` (canonical, unpadded part `body`) with its last character's lowest pad bit set: the
 * same bytes to a lenient decoder, another text to a strict one. Undefined when the length
 * leaves no pad bits.
 */
function respelled(text: string, e: Rfc4648Encoding): string | undefined {
  const body = text.replace(/=+$/, "");
  const spare = (body.length * e.bitsPerChar) % 8;
  if (spare === 0) return undefined;
  const last = e.alphabet.indexOf(body[body.length - 1]);
  expect(last & ((1 << spare) - 1), "the model wrote a canonical text").toBe(0);
  return body.slice(0, -1) + e.alphabet[last + 1] + text.slice(body.length);
}

/** What a lenient decoder reads: the same bytes for both spellings (so the test is meaningful). */
function lenientBytes(text: string): string {
  return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("hex");
}

async function code(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(IamError);
  return (err as IamError).code;
}

describe("session tokens", () => {
  it("a session token whose MAC is re-spelled in its last character does not verify", async () => {
    const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
    const caller = { accessKeyId: AccessKey.AccessKeyId, sessionToken: undefined };
    const { Credentials } = await account.getSessionToken({}, { caller });
    const [version, payload, mac] = Credentials.SessionToken.split(".");
    const other = respelled(mac, BASE64URL)!;
    expect(other).toBeDefined();
    expect(lenientBytes(other)).toBe(lenientBytes(mac));
    const good = { accessKeyId: Credentials.AccessKeyId, sessionToken: Credentials.SessionToken };
    await expect(account.resolveCredentials(good)).resolves.toBeDefined();
    const bad = { ...good, sessionToken: `${version}.${payload}.${other}` };
    expect(await code(account.resolveCredentials(bad))).toBe("InvalidClientTokenId");
    expect(await code(account.getCallerIdentity({}, { caller: bad }))).toBe("InvalidClientTokenId");
  });

  it("a re-spelled payload does not verify either", async () => {
    // The MAC covers the payload's text, so this held before the strict decoder too: kept as a guard.
    // The payload names the user: names of three lengths give every length mod 3, so one has pad bits.
    for (const name of ["u", "uu", "uuu"]) {
      await account.createUser({ UserName: name });
      const { AccessKey } = await account.createAccessKey({ UserName: name });
      const { Credentials } = await account.getSessionToken({}, { caller: { accessKeyId: AccessKey.AccessKeyId } });
      const [version, payload, mac] = Credentials.SessionToken.split(".");
      const other = respelled(payload, BASE64URL);
      if (other === undefined) continue;
      expect(lenientBytes(other)).toBe(lenientBytes(payload));
      const bad = { accessKeyId: Credentials.AccessKeyId, sessionToken: `${version}.${other}.${mac}` };
      expect(await code(account.resolveCredentials(bad))).toBe("InvalidClientTokenId");
      return;
    }
    throw new Error("no payload length with pad bits was found");
  });

  it("access key ids have one spelling: lower case or characters outside base32 are refused", async () => {
    const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
    const id = AccessKey.AccessKeyId;
    expect(id).toMatch(/^AKIA[A-Z2-7]{16}$/);
    await expect(account.resolveCredentials({ accessKeyId: id })).resolves.toBeDefined();
    for (const other of [id.toLowerCase(), `${id} `, `${id.slice(0, -1)}0`, `${id}A`]) {
      expect(await code(account.resolveCredentials({ accessKeyId: other }))).toBe("InvalidClientTokenId");
    }
  });
});

describe("keys and secrets the model stores", () => {
  it("an OIDC provider's RSA key with a re-spelled modulus is refused when stored", async () => {
    const pair = await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
    const jwk = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey;
    const { OpenIDConnectProviderArn } = await account.createOpenIDConnectProvider({ Url: "https://issuer.example.com", ClientIDList: ["sts.amazonaws.com"] });
    const key = { kty: "RSA", kid: "k1", alg: "RS256", use: "sig", n: jwk.n!, e: jwk.e! };
    const n = respelled(key.n, BASE64URL)!;
    expect(lenientBytes(n)).toBe(lenientBytes(key.n));
    expect(await code(account.setOpenIDConnectProviderKeys({ OpenIDConnectProviderArn, Jwks: { keys: [{ ...key, n }] } }))).toBe("InvalidInput");
    await account.setOpenIDConnectProviderKeys({ OpenIDConnectProviderArn, Jwks: { keys: [key] } });
  });

  it("an MFA seed with a re-spelled last character is not read", () => {
    // RFC 4648 section 10: "foobar" is MZXW6YTBOI; its last character carries 2 pad bits.
    expect(new TextDecoder().decode(base32Decode("MZXW6YTBOI"))).toBe("foobar");
    const other = respelled("MZXW6YTBOI", BASE32)!;
    expect(other).toBe("MZXW6YTBOJ");
    expect(() => base32Decode(other)).toThrow(SyntaxError);
  });

  it("a stored password hash with a re-spelled last character matches nothing", async () => {
    const stored = await hashPassword("Correct-Horse-9", 1000);
    expect(await verifyPasswordHash("Correct-Horse-9", stored)).toBe(true);
    const Hash = respelled(stored.Hash, BASE64)!;
    expect(lenientBytes(Hash)).toBe(lenientBytes(stored.Hash));
    expect(await verifyPasswordHash("Correct-Horse-9", { ...stored, Hash })).toBe(false);
  });
});

describe("markers", () => {
  it("a re-spelled list Marker is a ValidationError, not the same page", async () => {
    await account.createUser({ UserName: "bob" });
    await account.createUser({ UserName: "carol" });
    const first = await account.listUsers({ MaxItems: 1 });
    const marker = first.Marker!;
    await expect(account.listUsers({ MaxItems: 1, Marker: marker })).resolves.toMatchObject({ Users: [{ UserName: "bob" }] });
    const other = respelled(marker, BASE64);
    // "bob"'s marker may have no pad bits; the padded marker of a longer name has.
    const variants = [other, respelled(btoa("carol"), BASE64), respelled(btoa("b"), BASE64)].filter((m): m is string => m !== undefined);
    expect(variants.length).toBeGreaterThan(0);
    for (const m of variants) expect(await code(account.listUsers({ MaxItems: 1, Marker: m }))).toBe("ValidationError");
  });
});
