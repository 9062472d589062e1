/**
 * @module test/runtimes/node/edge-package
 * `iam-edge/edge` as published: its declarations compile in a consumer (edge-types/), and Node
 * resolves it through package.json `exports` to dist/edge-node.js (dist/edge.js elsewhere), which shares the account model's
 * classes with `iam-edge` (one Account, one engine) and verifies a request aws4fetch signed.
 * Needs `npm run build` (skipped without dist/ unless IAM_EDGE_REQUIRE_DIST is set).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const haveDist = existsSync(`${root}dist/edge.js`) && existsSync(`${root}dist/types/edge/index.d.ts`);

const script = `
import { createEngine, Account } from "iam-edge";
import { iamFetch } from "iam-edge/edge";
import { AwsV4Signer } from "aws4fetch";
const account = await Account.create({ accountId: "111122223333", engine: await createEngine() });
await account.createUser({ UserName: "u" });
await account.putUserPolicy({ UserName: "u", PolicyName: "p", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }) });
const { AccessKey } = await account.createAccessKey({ UserName: "u" });
const handler = iamFetch({ accounts: account, service: "s3" }, (req, o) => new Response(o.principal));
const sign = async (key) => new AwsV4Signer({ url: "https://s3.example.com/b/" + key, accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey, service: "s3", region: "us-east-1" }).sign();
const ok = await handler(new Request((await sign("k")).url, { headers: (await sign("k")).headers }));
const s = await sign("k2");
const bad = await handler(new Request(s.url, { headers: { ...Object.fromEntries(s.headers), authorization: s.headers.get("authorization").replace(/.$/, (c) => c === "0" ? "1" : "0") } }));
console.log(ok.status, await ok.text(), bad.status, (await bad.text()).match(/<Code>(\\w+)<\\/Code>/)[1]);
`;

describe.skipIf(!haveDist && !process.env.IAM_EDGE_REQUIRE_DIST)("node: iam-edge/edge as published", () => {
  it("its declarations compile in a consumer", () => {
    const r = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", "test/runtimes/node/edge-types/tsconfig.json"], { cwd: root, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("resolves through exports and authorizes a request aws4fetch signed", () => {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("200 arn:aws:iam::111122223333:user/u 403 SignatureDoesNotMatch");
  });
});
