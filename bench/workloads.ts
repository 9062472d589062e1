/**
 * Seeded, reproducible workload generators W1-W4 (W1, W2 and the shapes live in shapes.ts).
 * The same seed always gives the same workload.
 */
import { catalogue, arnFor } from "./catalogue.ts";
import { generated } from "./generated.ts";
import { SEED, ACCOUNT, IP, MFA, NOW, OTHER_ACCOUNT, PRINCIPAL, TEAM, USER, V, chance, pick, prng, s, w1, w2, w2Policies, w2Request } from "./shapes.ts";
import type { PolicyDoc, Request, Statement, Workload } from "./shapes.ts";
export * from "./shapes.ts";
const A = ACCOUNT;

// ---------------------------------------------------------------- W3
function w3(seed: number, count: number): Workload {
  const r = prng(seed);
  const services = catalogue().slice(0, 120);
  const identity: PolicyDoc[] = [];
  let statements = 0;
  for (let p = 0; p < 1000; p++) {
    const st: Statement[] = [];
    for (let k = 0; k < 10; k++) {
      const svc = pick(r, services);
      const a = pick(r, svc.actions);
      const region = pick(r, ["us-east-1", "eu-west-1", "*"]);
      const kind = r();
      const action = kind < 0.2 ? `${svc.name}:${a.name.slice(0, 3)}*` : `${svc.name}:${a.name}`;
      const resource = arnFor(a.arn, region, A, kind < 0.6 ? `res-${p % 50}-*` : `res-${p % 50}-${k}`);
      const effect = chance(r, 0.15) ? "Deny" : "Allow";
      const stmt = s(effect, action, resource);
      if (chance(r, 0.3)) stmt.Condition = { StringEquals: { [TEAM]: pick(r, ["platform", "data", "web"]) } };
      st.push(stmt);
      statements++;
    }
    identity.push({ Version: V, Statement: st });
  }
  const requests: Request[] = [];
  for (let i = 0; i < count; i++) {
    // Half the requests aim at a statement, half at random service actions.
    let action: string;
    let resource: string;
    if (chance(r, 0.5)) {
      const doc = pick(r, identity);
      const stmt = pick(r, doc.Statement);
      const svc = (stmt.Action as string).split(":")[0];
      const cands = services.find((x) => x.name === svc)!.actions.filter((a) => `${svc}:${a.name}`.toLowerCase().startsWith((stmt.Action as string).replace("*", "").toLowerCase()));
      const a = pick(r, cands);
      action = `${svc}:${a.name}`;
      const arn = stmt.Resource as string;
      resource = arnFor(a.arn, pick(r, ["us-east-1", "eu-west-1"]), A, arn.slice(arn.lastIndexOf("res-")).replace("*", `${Math.floor(r() * 10)}`));
    } else {
      const svc = pick(r, services);
      const a = pick(r, svc.actions);
      action = `${svc.name}:${a.name}`;
      resource = arnFor(a.arn, pick(r, ["us-east-1", "eu-west-1"]), A, `res-${Math.floor(r() * 50)}-${Math.floor(r() * 10)}`);
    }
    requests.push({ principal: PRINCIPAL, action, resource, context: { [TEAM]: pick(r, ["platform", "data", "web"]), "aws:username": USER } });
  }
  return { id: "W3", title: `large: 1,000 policies, ${statements.toLocaleString("en-US")} statements, ${services.length} services`, policies: { identity }, requests, statements };
}

// ---------------------------------------------------------------- W4
function w4(seed: number, count: number): Workload {
  const r = prng(seed);
  const B = OTHER_ACCOUNT;
  // W2's policies, with the resource account in their ARNs (the resources live in account B).
  const identity = w2Policies(B);
  const boundary: PolicyDoc = {
    Version: V,
    Statement: [
      s("Allow", ["s3:*", "sqs:*", "sns:*", "lambda:*", "dynamodb:Get*", "dynamodb:Query", "dynamodb:PutItem"], "*"),
      s("Allow", "ec2:*", "*", { StringEquals: { [TEAM]: ["platform", "data"] } }),
      s("Deny", "s3:DeleteObject", "*", { Bool: { [MFA]: "false" } }),
    ],
  };
  const scp: PolicyDoc[][] = [[
    { Version: V, Statement: [{ Sid: "FullAWSAccess", Effect: "Allow", Action: "*", Resource: "*" }] },
    {
      Version: V,
      Statement: [
        s("Deny", ["ec2:TerminateInstances", "lambda:UpdateFunctionCode"], "*", { Bool: { [MFA]: "false" } }),
        s("Deny", "*", "arn:aws:*:ap-southeast-2:*:*"),
        s("Deny", "sns:Publish", "*", { NotIpAddress: { [IP]: ["203.0.0.0/16", "192.0.0.0/16"] } }),
      ],
    },
  ]];
  const resource: PolicyDoc = {
    Version: V,
    Statement: [
      { Sid: "UserObjects", Effect: "Allow", Principal: { AWS: PRINCIPAL }, Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::corp-home/*", "arn:aws:s3:::corp-home", "arn:aws:s3:::corp-shared/*", "arn:aws:s3:::corp-shared"] },
      { Sid: "AccountQueues", Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sns:Publish", "sns:Subscribe"], Resource: [`arn:aws:sqs:*:${B}:*`, `arn:aws:sns:*:${B}:*`] },
      { Sid: "Invoke", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ["lambda:InvokeFunction", "lambda:GetFunction"], Resource: `arn:aws:lambda:*:${B}:function:api-*` },
      { Sid: "Tables", Effect: "Allow", Principal: "*", Action: "dynamodb:*", Resource: `arn:aws:dynamodb:us-east-1:${B}:table/*`, Condition: { StringEquals: { [TEAM]: ["data", "web"] } } },
      { Sid: "NoAudit", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::corp-team-data/secret/*" },
      { Sid: "NoDlq", Effect: "Deny", Principal: { AWS: ACCOUNT }, Action: "sqs:DeleteMessage", Resource: `arn:aws:sqs:*:${B}:orders-*`, Condition: { DateLessThan: { [NOW]: "2026-03-01T00:00:00Z" } } },
    ],
  };
  const requests: Request[] = [];
  for (let i = 0; i < count; i++) {
    const q = w2Request(r, B);
    q.resourceAccount = B;
    requests.push(q);
  }
  return { id: "W4", title: "edge: W2 + boundary + SCP level + resource policy, cross-account", policies: { identity, boundary, scp, resource }, requests, statements: 60 + 3 + 4 + 6 };
}


export function workloads(count = 10_000, only?: string[]): Workload[] {
  const all = [() => w1(SEED + 1, count), () => w2(SEED + 2, count), () => w3(SEED + 3, count), () => w4(SEED + 4, count)];
  const ids = ["W1", "W2", "W3", "W4"];
  return all.filter((_, i) => !only || only.includes(ids[i])).map((f) => f());
}
/** A workload by id: W1-W4, or `G<seed>` from the generated family (generated.ts). */
export function workload(id: string, count = 10_000): Workload {
  const g = /^G(\d+)$/.exec(id);
  if (g) return generated(Number(g[1]), count);
  return workloads(count, [id])[0];
}
