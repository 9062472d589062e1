/**
 * `node bench/run.mjs edge-api.ts`: the cost of one IAM / STS / CloudTrail API call through
 * `serveAwsApi`, in process (no HTTP): SigV4 verification, caller resolution, the model's
 * operation with its authorization, the XML answer, the audit record. Requests are signed
 * beforehand by the SDKs' signer (@smithy/signature-v4); each figure is the median of 7 runs,
 * in µs per call, with how many times a run resolved credentials per call.
 */
import { readFileSync } from "node:fs";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { createEngine, Account } from "../js/index.ts";
import { serveAwsApi, memoryAuditStore } from "../js/edge/index.ts";

const A = "111122223333";
const HOST = "iam-edge.test";
const engine = await createEngine(readFileSync(new URL("../../build/engine.wasm", import.meta.url)));
const trail = memoryAuditStore({ maxRecords: 1000 });
const account = await Account.create({ accountId: A, engine, audit: trail.add });
const key = (await account.createAccessKey({}, { caller: account.rootArn })).AccessKey;
const root = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey! };
await account.createUser({ UserName: "alice" });
await account.putUserPolicy({ UserName: "alice", PolicyName: "p", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:*", "sts:AssumeRole", "cloudtrail:LookupEvents"], Resource: "*" }] }) });
const ak = (await account.createAccessKey({ UserName: "alice" })).AccessKey;
const alice = { accessKeyId: ak.AccessKeyId, secretAccessKey: ak.SecretAccessKey! };
await account.createRole({ RoleName: "R", AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: "sts:AssumeRole" }] }) });
await account.putRolePolicy({ RoleName: "R", PolicyName: "p", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }] }) });
const c = (await account.assumeRole({ RoleArn: `arn:aws:iam::${A}:role/R`, RoleSessionName: "bench" }, { caller: `arn:aws:iam::${A}:user/alice` })).Credentials;
const session = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };

let resolutions = 0;
const resolve = account.resolveCredentials.bind(account);
account.resolveCredentials = ((...args: Parameters<typeof resolve>) => { resolutions++; return resolve(...args); }) as typeof resolve;

interface Prepared { headers: Record<string, string>; body: string }

async function sign(creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, service: string, body: string, extra: Record<string, string> = {}): Promise<Prepared> {
  const signer = new SignatureV4({ credentials: creds, region: "us-east-1", service, sha256: Sha256, applyChecksum: false });
  const headers = { host: HOST, "content-type": "application/x-www-form-urlencoded; charset=utf-8", ...extra };
  const signed = await signer.sign({ method: "POST", protocol: "https:", hostname: HOST, path: "/", headers, body });
  return { headers: signed.headers as Record<string, string>, body };
}

const CASES: [string, () => Promise<Prepared>][] = [
  ["IAM GetUser, user key", () => sign(alice, "iam", "Action=GetUser&Version=2010-05-08&UserName=alice")],
  ["IAM GetUser, role session", () => sign(session, "iam", "Action=GetUser&Version=2010-05-08&UserName=alice")],
  ["IAM ListUsers, user key", () => sign(alice, "iam", "Action=ListUsers&Version=2010-05-08")],
  ["IAM CreateUser (denied)", () => sign(session, "sts", "Action=GetCallerIdentity&Version=2011-06-15")],
  ["STS GetCallerIdentity, root", () => sign(root, "sts", "Action=GetCallerIdentity&Version=2011-06-15")],
  ["CloudTrail LookupEvents", () => sign(alice, "cloudtrail", "{\"MaxResults\":5}", { "content-type": "application/x-amz-json-1.1", "x-amz-target": "CloudTrail_20131101.LookupEvents" })],
];
CASES[3] = ["IAM CreateUser, denied", () => sign(alice, "iam", "Action=CreateUser&Version=2010-05-08&UserName=x&PermissionsBoundary=arn:aws:iam::aws:policy/ReadOnlyAccess")];
await account.putUserPolicy({ UserName: "alice", PolicyName: "deny", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "iam:CreateUser", Resource: "*" }] }) });

const N = 300;
for (const [name, prepare] of CASES) {
  const prepared: Prepared[] = [];
  for (let i = 0; i < N; i++) prepared.push(await prepare());
  const runs: number[] = [];
  let status = 0;
  for (let k = 0; k < 7; k++) {
    resolutions = 0;
    const t = performance.now();
    for (const p of prepared) {
      const res = await serveAwsApi(new Request(`https://${HOST}/`, { method: "POST", headers: p.headers, body: p.body }), { account, auditStore: trail });
      status = res.status;
      await res.arrayBuffer();
    }
    runs.push((performance.now() - t) / N);
  }
  runs.sort((a, b) => a - b);
  console.log(`${name.padEnd(30)} ${(runs[3] * 1000).toFixed(0).padStart(6)} µs/call  status ${status}  credential resolutions/call ${(resolutions / N).toFixed(1)}`);
}
