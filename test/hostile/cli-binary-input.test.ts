/**
 * Bytes that are not UTF-8 (issue 13, item 14: the CLI audit). JSON between systems is UTF-8
 * (RFC 8259 section 8.1); decoding leniently turned a Latin-1 `é` into U+FFFD, so the CLI
 * validated and decided on a different policy from the file's, silently. Such a file is now
 * bad input (exit 1) naming the line and column of the first byte that is not UTF-8.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForTests, cleanup, cli } from "../unit/cli/run-cli.ts";

let dir: string;
beforeAll(async () => {
  await buildForTests();
  dir = mkdtempSync(join(tmpdir(), "iam-edge-binary-"));
});
afterAll(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, bytes: Buffer): string {
  writeFileSync(join(dir, name), bytes);
  return name;
}

// A bucket policy whose resource is `café/*` in Latin-1: the é is the single byte 0xE9.
const line2 = '  "Action":"s3:GetObject","Resource":"arn:aws:s3:::caf';
const at = `2:${line2.length + 1}`;
const latin1 = Buffer.concat([
  Buffer.from(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",\n${line2}`),
  Buffer.from([0xe9]),
  Buffer.from('/*"}]}'),
]);
const notUtf8 = (name: string, at: string, byte: string) => `iam-edge: ${name}:${at}: not UTF-8 text (byte 0x${byte}): save it as UTF-8\n`;

describe("input that is not UTF-8 is bad input", () => {
  it("a Latin-1 byte in a resource policy: validate names its line and column", () => {
    const name = file("latin1.json", latin1);
    const r = cli(["validate", "--kind", "resource", name], { cwd: dir });
    expect(r).toEqual({ status: 1, stdout: "", stderr: notUtf8(name, at, "E9") });
  });

  it("the same policy on standard input, and in authorize (exit 1, not a decision)", () => {
    expect(cli(["validate", "--kind", "resource", "-"], { input: latin1 })).toEqual({ status: 1, stdout: "", stderr: notUtf8("-", at, "E9") });
    const name = file("latin1-resource.json", latin1);
    const r = cli(["authorize", "--resource-policy", name, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::caf\u00e9/x"], { cwd: dir });
    expect(r).toEqual({ status: 1, stdout: "", stderr: notUtf8(name, at, "E9") });
  });

  it("a file saved as UTF-16 (as PowerShell's `>` writes) is named as such", () => {
    const text = '{"Version":"2012-10-17","Statement":[]}';
    const name = file("utf16.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    expect(cli(["validate", name], { cwd: dir })).toEqual({
      status: 1, stdout: "", stderr: `iam-edge: ${name}: UTF-16 text (it starts with a UTF-16 byte order mark): save it as UTF-8\n`,
    });
  });

  it("a binary file (a PNG header) as a policy and as an account file", () => {
    const name = file("image.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect(cli(["validate", name], { cwd: dir })).toEqual({ status: 1, stdout: "", stderr: notUtf8(name, "1:1", "89") });
    const r = cli(["simulate", "--account", name, "--principal", "alice", "--action", "s3:GetObject"], { cwd: dir });
    expect(r).toEqual({ status: 1, stdout: "", stderr: notUtf8(name, "1:1", "89") });
  });

  it("refuses overlong forms, surrogates and truncated sequences, and takes every valid one", () => {
    const before = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}],"Id":"';
    const policy = (middle: Buffer) => Buffer.concat([Buffer.from(before), middle, Buffer.from('"}')]);
    const column = before.length + 1;
    for (const bad of [[0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
      const byte = bad[0].toString(16).toUpperCase();
      expect(cli(["validate", "-"], { input: policy(Buffer.from(bad)) }).stderr, byte).toBe(notUtf8("-", `1:${column}`, byte));
    }
    // A byte order mark, 2-, 3- and 4-byte sequences at the edges of their ranges: valid UTF-8, read as before.
    const valid = Buffer.from("\ufeff" + before + '\u0080\u07ff\u0800\ud7ff\ue000\uffff\u{10000}\u{10ffff}"}');
    expect(cli(["validate", "--kind", "resource", "-"], { input: valid })).toEqual({ status: 0, stdout: "", stderr: "" });
  });
});
