/**
 * @module test/s3-e2e/cases/cli
 * The AWS CLI v2 against `wrangler dev`: `aws s3` mb, cp both ways (10 MiB: two parts past the
 * CLI's 8 MiB multipart threshold), ls, presign (fetched with plain fetch), rm, sync of a tree
 * with awkward names (and a second sync that copies nothing); `aws s3api` calls; a denied call as
 * the CLI prints it.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { bytes, cli } from "../clients.mjs";

/** The CLI's bucket; the restart checks it is still there. */
export const CLI_BUCKET = "e2e-sync";
const md5 = (b) => createHash("md5").update(b).digest("hex");

export async function cliCases(t, { test }) {
  const dir = mkdtempSync(join(tmpdir(), "s3-e2e-cli-"));
  const aws = (creds, args) => cli(t.origin, creds, args);
  try {
    // One bucket and few CLI calls: each call starts a Python process (1-3 s on a shared machine).
    await test("aws s3 mb, cp up and down (10 MiB in parts, an awkward key), ls, presign fetched with plain fetch, rm", async () => {
      assert.equal((await aws(t.root, ["s3", "mb", `s3://${CLI_BUCKET}`])).status, 0);
      const big = Buffer.from(bytes(10 * 1024 * 1024, 3));
      writeFileSync(join(dir, "big.bin"), big);
      const key = "dir/big é+1%.bin";
      const up = await aws(t.root, ["s3", "cp", join(dir, "big.bin"), `s3://${CLI_BUCKET}/${key}`]);
      assert.equal(up.status, 0, up.stderr);
      // Independent reads run side by side: each CLI call is mostly the CLI's own start-up.
      const [down, ls, presign] = await Promise.all([
        aws(t.root, ["s3", "cp", `s3://${CLI_BUCKET}/${key}`, join(dir, "back.bin")]),
        aws(t.root, ["s3", "ls", `s3://${CLI_BUCKET}/dir/`]),
        aws(t.root, ["s3", "presign", `s3://${CLI_BUCKET}/${key}`, "--expires-in", "300"]),
      ]);
      assert.equal(down.status, 0, down.stderr);
      assert.equal(md5(readFileSync(join(dir, "back.bin"))), md5(big));
      assert.match(ls.stdout, /10485760 big é\+1%\.bin/);
      const url = presign.stdout.trim();
      const res = await fetch(url).catch((e) => { throw new Error(`${url}: ${e.cause?.message ?? e}`); });
      assert.equal(res.status, 200);
      assert.equal(md5(Buffer.from(await res.arrayBuffer())), md5(big));
      assert.equal((await aws(t.root, ["s3", "rm", `s3://${CLI_BUCKET}/${key}`])).status, 0);
      assert.equal((await fetch(url)).status, 404);
    });

    await test("aws s3 sync up and down with awkward names; a second sync uploads nothing", async () => {
      const names = ["a.txt", "space name.txt", "plus+sign.txt", "pct%41.txt", "ünï/日本.txt", "deep/er/file.txt"];
      for (const n of names) {
        mkdirSync(dirname(join(dir, "tree", n)), { recursive: true });
        writeFileSync(join(dir, "tree", n), `content of ${n}`);
      }
      const first = await aws(t.root, ["s3", "sync", join(dir, "tree"), `s3://${CLI_BUCKET}/t`]);
      assert.equal(first.status, 0, first.stderr);
      assert.equal(first.stdout.match(/upload:/g)?.length, names.length);
      const [again, back] = await Promise.all([
        aws(t.root, ["s3", "sync", join(dir, "tree"), `s3://${CLI_BUCKET}/t`]),
        aws(t.root, ["s3", "sync", `s3://${CLI_BUCKET}/t`, join(dir, "back")]),
      ]);
      assert.equal(again.status, 0, again.stderr);
      assert.equal(again.stdout.match(/upload:/g), null);
      assert.equal(back.status, 0, back.stderr);
      for (const n of names) assert.equal(readFileSync(join(dir, "back", n), "utf8"), `content of ${n}`);
    });

    await test("aws s3api put-object, list-objects-v2; bob's call prints AccessDenied", async () => {
      writeFileSync(join(dir, "o.txt"), "api body");
      const put = await aws(t.root, ["s3api", "put-object", "--bucket", CLI_BUCKET, "--key", "api/o", "--body", join(dir, "o.txt"), "--tagging", "k=v"]);
      assert.equal(put.json?.ETag, `"${md5(Buffer.from("api body"))}"`);
      const [list, denied] = await Promise.all([
        aws(t.root, ["s3api", "list-objects-v2", "--bucket", CLI_BUCKET, "--prefix", "api/"]),
        aws(t.bob, ["s3api", "get-object", "--bucket", CLI_BUCKET, "--key", "api/o", join(dir, "x")]),
      ]);
      assert.deepEqual(list.json?.Contents?.map((c) => [c.Key, c.Size]), [["api/o", 8]]);
      assert.notEqual(denied.status, 0);
      assert.match(denied.stderr, /\(AccessDenied\).*is not authorized to perform: s3:GetObject/);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
