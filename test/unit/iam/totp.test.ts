/**
 * RFC 4648 base32, RFC 4226 HOTP and RFC 6238 TOTP (js/iam/base32.ts, js/iam/totp.ts), against
 * the RFCs' own test vectors.
 */
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode } from "../../../js/iam/base32.ts";
import { constantTimeEqualString, hotp, timeStep, totp, verifyTotp, type OtpAlgorithm } from "../../../js/iam/totp.ts";

const ascii = (s: string) => new TextEncoder().encode(s);

describe("base32 (RFC 4648 section 10 test vectors)", () => {
  const vectors: [string, string][] = [
    ["", ""], ["f", "MY======"], ["fo", "MZXQ===="], ["foo", "MZXW6==="], ["foob", "MZXW6YQ="],
    ["fooba", "MZXW6YTB"], ["foobar", "MZXW6YTBOI======"],
  ];
  it.each(vectors)("encodes %j as %s", (plain, encoded) => {
    expect(base32Encode(ascii(plain))).toBe(encoded);
    expect(base32Encode(ascii(plain), false)).toBe(encoded.replace(/=+$/, ""));
  });
  it.each(vectors)("decodes %j from %s, with or without padding, any case", (plain, encoded) => {
    expect(new TextDecoder().decode(base32Decode(encoded))).toBe(plain);
    expect(new TextDecoder().decode(base32Decode(encoded.replace(/=+$/, "").toLowerCase()))).toBe(plain);
  });
  it("round-trips every byte value", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    for (let n = 0; n < 12; n++) expect(base32Decode(base32Encode(bytes.slice(0, n), false))).toEqual(bytes.slice(0, n));
  });
  it("ignores spaces (seeds shown in groups of four)", () => {
    expect(new TextDecoder().decode(base32Decode("MZXW 6YTB OI"))).toBe("foobar");
  });
  it("rejects invalid characters, inner padding and impossible lengths", () => {
    expect(() => base32Decode("MZXW1YTB")).toThrow(SyntaxError);
    expect(() => base32Decode("MZ=W6YTB")).toThrow(/padding/);
    expect(() => base32Decode("MZXW6YTBO")).toThrow(/whole bytes/);
  });
});

describe("HOTP (RFC 4226 Appendix D)", () => {
  const secret = ascii("12345678901234567890");
  const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
  it.each(expected.map((code, counter) => [counter, code] as const))("counter %i gives %s", async (counter, code) => {
    expect(await hotp(secret, counter)).toBe(code);
  });
  it("rejects digits outside 6-8, unknown algorithms and bad counters", async () => {
    await expect(hotp(secret, 0, { digits: 5 })).rejects.toThrow(RangeError);
    await expect(hotp(secret, 0, { digits: 9 })).rejects.toThrow(RangeError);
    await expect(hotp(secret, 0, { algorithm: "MD5" as OtpAlgorithm })).rejects.toThrow(RangeError);
    await expect(hotp(secret, -1)).rejects.toThrow(RangeError);
    await expect(hotp(secret, 1.5)).rejects.toThrow(RangeError);
  });
  it("7 digits are the low 7 digits of the same truncated value", async () => {
    // RFC 4226 section 5.4: the 6-digit code is the 31-bit value mod 10^6; 7 digits mod 10^7.
    expect((await hotp(secret, 0, { digits: 7 })).slice(-6)).toBe("755224");
  });
});

describe("TOTP (RFC 6238 Appendix B, every vector)", () => {
  const seeds: Record<OtpAlgorithm, Uint8Array> = {
    "SHA-1": ascii("12345678901234567890"),
    "SHA-256": ascii("12345678901234567890123456789012"),
    "SHA-512": ascii("1234567890123456789012345678901234567890123456789012345678901234"),
  };
  const table: [number, string, Record<OtpAlgorithm, string>][] = [
    [59, "0000000000000001", { "SHA-1": "94287082", "SHA-256": "46119246", "SHA-512": "90693936" }],
    [1111111109, "00000000023523EC", { "SHA-1": "07081804", "SHA-256": "68084774", "SHA-512": "25091201" }],
    [1111111111, "00000000023523ED", { "SHA-1": "14050471", "SHA-256": "67062674", "SHA-512": "99943326" }],
    [1234567890, "000000000273EF07", { "SHA-1": "89005924", "SHA-256": "91819424", "SHA-512": "93441116" }],
    [2000000000, "0000000003F940AA", { "SHA-1": "69279037", "SHA-256": "90698825", "SHA-512": "38618901" }],
    [20000000000, "0000000027BC86AA", { "SHA-1": "65353130", "SHA-256": "77737706", "SHA-512": "47863826" }],
  ];
  const cases = table.flatMap(([time, t, codes]) => (Object.keys(codes) as OtpAlgorithm[]).map((alg) => [time, t, alg, codes[alg]] as const));
  it.each(cases)("T=%i (step %s) %s gives %s", async (time, t, algorithm, code) => {
    expect(timeStep(time).toString(16).toUpperCase().padStart(16, "0")).toBe(t);
    expect(await totp(seeds[algorithm], time, { algorithm, digits: 8 })).toBe(code);
    expect(await totp(seeds[algorithm], new Date(time * 1000), { algorithm, digits: 8 })).toBe(code);
  });
  it("6-digit codes are the low digits of the 8-digit ones", async () => {
    expect(await totp(seeds["SHA-1"], 59)).toBe("287082");
  });
  it("honours T0 and the step", () => {
    expect(timeStep(59, 30, 0)).toBe(1);
    expect(timeStep(89, 30, 30)).toBe(1);
    expect(timeStep(119, 60)).toBe(1);
    expect(() => timeStep(59, 0)).toThrow(RangeError);
    expect(() => timeStep(Number.NaN)).toThrow(RangeError);
  });
});

describe("verifyTotp", () => {
  const key = ascii("12345678901234567890");
  const now = 1_111_111_111; // step 37037037
  const step = timeStep(now);
  it("accepts the current step and one step either side, not two", async () => {
    for (const d of [-1, 0, 1]) expect(await verifyTotp(key, await hotp(key, step + d), now)).toBe(step + d);
    for (const d of [-2, 2]) expect(await verifyTotp(key, await hotp(key, step + d), now)).toBeUndefined();
  });
  it("a window of 0 accepts only the current step", async () => {
    expect(await verifyTotp(key, await hotp(key, step - 1), now, { window: 0 })).toBeUndefined();
    expect(await verifyTotp(key, await hotp(key, step), now, { window: 0 })).toBe(step);
  });
  it("refuses steps at or before lastUsedStep (a code is usable once)", async () => {
    const code = await hotp(key, step);
    expect(await verifyTotp(key, code, now, { lastUsedStep: step })).toBeUndefined();
    expect(await verifyTotp(key, code, now, { lastUsedStep: step - 1 })).toBe(step);
    expect(await verifyTotp(key, await hotp(key, step - 1), now, { lastUsedStep: step - 1 })).toBeUndefined();
  });
  it("rejects wrong codes and bad windows", async () => {
    expect(await verifyTotp(key, "000000", now)).toBeUndefined();
    expect(await verifyTotp(key, "12345", now)).toBeUndefined();
    await expect(verifyTotp(key, "000000", now, { window: -1 })).rejects.toThrow(RangeError);
  });
  it("constantTimeEqualString compares whole strings", () => {
    expect(constantTimeEqualString("123456", "123456")).toBe(true);
    expect(constantTimeEqualString("123456", "123457")).toBe(false);
    expect(constantTimeEqualString("123456", "12345")).toBe(false);
    expect(constantTimeEqualString("", "")).toBe(true);
    expect(constantTimeEqualString("", "1")).toBe(false);
  });
});
