/**
 * @module test/edge-e2e/cases/service
 * The origin itself: `/healthz`, the playground for browsers at `/`, the root key printed once on
 * the first start, and the same configuration deploying with `wrangler deploy --dry-run`.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "../server.mjs";

export async function serviceCases(t, { test }) {
  await test("/healthz answers 200 with the local account once ready", async () => {
    const res = await fetch(`${t.origin}/healthz`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual([body.ok, body.engine, body.accountId], [true, "ready", t.accountId]);
  });

  await test("a browser gets the playground at / (and its Wasm as application/wasm)", async () => {
    const page = await fetch(`${t.origin}/`, { headers: { accept: "text/html" } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    assert.match(await page.text(), /<html/i);
    const wasm = await fetch(`${t.origin}/engine.wasm`);
    assert.equal(wasm.status, 200);
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
  });

  await test("the first start printed the generated root key once, with the lines to use it", async () => {
    const log = t.firstLog;
    assert.equal((log.match(/export AWS_ACCESS_KEY_ID=/g) ?? []).length, 1);
    assert.match(log, new RegExp(`export AWS_SECRET_ACCESS_KEY=${t.root.secretAccessKey.replace(/[+/]/g, "\\$&")}`));
    // Both region variables: the AWS CLI v1 reads only AWS_DEFAULT_REGION.
    assert.match(log, /export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1\n/);
    assert.match(log, /aws --endpoint-url http:\/\/127\.0\.0\.1:\d+ sts get-caller-identity/);
  });
}

/** `wrangler deploy --dry-run`: the configuration (bindings, migrations, flags) bundles for Cloudflare. */
export async function deployDryRun({ test }) {
  await test("wrangler deploy --dry-run accepts the configuration and bundles the Worker", async () => {
    const out = mkdtempSync(join(tmpdir(), "iam-edge-deploy-"));
    try {
      const r = spawnSync(process.execPath, [join(root, "node_modules", "wrangler", "bin", "wrangler.js"), "deploy", "--dry-run", "--outdir", out, "--config", join(root, "wrangler.jsonc")], {
        cwd: root, encoding: "utf8", timeout: 120_000, env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" },
      });
      const text = `${r.stdout}\n${r.stderr}`;
      assert.equal(r.status, 0, text.slice(-2000));
      assert.match(text, /env\.ACCOUNTS \(AccountObject\)\s+Durable Object/);
      assert.match(text, /env\.KEY_DIRECTORY \(KeyDirectoryObject\)\s+Durable Object/);
      assert.match(text, /--dry-run: exiting now/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
}
