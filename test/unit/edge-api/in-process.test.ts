/**
 * @module test/unit/edge-api/in-process.test
 * `serveAwsApi` called directly with Web `Request`s signed by the SDKs' signer
 * (@smithy/signature-v4): Web APIs only, so the same file also runs inside workerd
 * (test/runtimes/workerd/vitest.unit.config.ts). IAM, STS and CloudTrail answers in AWS's
 * shapes, a denial with its explained DecisionRecord, and the audit record of each call.
 */
import { describe, expect, it } from "vitest";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { createEngine, Account } from "../../../js/index.ts";
import { serveAwsApi, memoryAuditStore, type DecisionRecord } from "../../../js/edge/index.ts";

const A = "444455556666";
const HOST = "iam.example.test";

async function setup() {
  const engine = await createEngine();
  const trail = memoryAuditStore();
  const account = await Account.create({ accountId: A, engine, audit: trail.add });
  const { AccessKey } = await account.createAccessKey({}, { caller: account.rootArn });
  const decisions: DecisionRecord[] = [];
  const root = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey! };
  async function call(creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, service: string, body: string, headers: Record<string, string> = {}) {
    const signer = new SignatureV4({ credentials: creds, region: "eu-west-1", service, sha256: Sha256 });
    const all = { host: HOST, "content-type": "application/x-www-form-urlencoded; charset=utf-8", "user-agent": "in-process-test", ...headers };
    const signed = await signer.sign({ method: "POST", protocol: "https:", hostname: HOST, path: "/", headers: all, body });
    const res = await serveAwsApi(new Request(`https://${HOST}/`, { method: "POST", headers: signed.headers as Record<string, string>, body }), {
      account, auditStore: trail, onDecision: (r) => { decisions.push(r); }, sourceIp: () => "198.51.100.7",
    });
    return { status: res.status, text: await res.text(), requestId: res.headers.get("x-amzn-requestid") ?? "" };
  }
  return { account, trail, decisions, root, call };
}

describe("serveAwsApi in process", () => {
  it("IAM and STS calls in AWS's XML, with their audit records", async () => {
    const { root, call, trail } = await setup();
    const created = await call(root, "iam", "Action=CreateUser&Version=2010-05-08&UserName=zoe&Tags.member.1.Key=k&Tags.member.1.Value=v");
    expect(created.status).toBe(200);
    expect(created.text).toMatch(new RegExp(`^<CreateUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateUserResult><User><Path>/</Path><UserName>zoe</UserName><UserId>AIDA[A-Z2-7]{17}</UserId><Arn>arn:aws:iam::${A}:user/zoe</Arn><CreateDate>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ</CreateDate><Tags><member><Key>k</Key><Value>v</Value></member></Tags></User></CreateUserResult>`));
    const me = await call(root, "sts", "Action=GetCallerIdentity&Version=2011-06-15");
    expect(me.text).toContain(`<Arn>arn:aws:iam::${A}:root</Arn>`);
    const { records } = await trail.lookup({ attribute: { key: "EventName", value: "CreateUser" }, startTime: new Date(0), endTime: new Date(Date.now() + 60_000), limit: 5 });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ requestID: created.requestId, sourceIPAddress: "198.51.100.7", userAgent: "in-process-test", eventSource: "iam.amazonaws.com" });
    const sts = await trail.lookup({ attribute: { key: "EventSource", value: "sts.amazonaws.com" }, startTime: new Date(0), endTime: new Date(Date.now() + 60_000), limit: 5 });
    expect(sts.records[0]).toMatchObject({ eventName: "GetCallerIdentity", awsRegion: "eu-west-1", requestID: me.requestId });
  });

  it("a denial: AWS's text, and a DecisionRecord with the engine's explanation", async () => {
    const { account, root, call, decisions } = await setup();
    await call(root, "iam", "Action=CreateUser&Version=2010-05-08&UserName=yann");
    const key = await call(root, "iam", "Action=CreateAccessKey&Version=2010-05-08&UserName=yann");
    const id = /<AccessKeyId>(\w+)<\/AccessKeyId>/.exec(key.text)![1];
    const secret = /<SecretAccessKey>([^<]+)<\/SecretAccessKey>/.exec(key.text)![1];
    const denied = await call({ accessKeyId: id, secretAccessKey: secret }, "iam", "Action=DeleteUser&Version=2010-05-08&UserName=yann");
    expect(denied.status).toBe(403);
    expect(denied.text).toContain(`<Code>AccessDenied</Code><Message>User: arn:aws:iam::${A}:user/yann is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::${A}:user/yann because no identity-based policy allows the iam:DeleteUser action</Message>`);
    expect(account.store.users.has("yann")).toBe(true);
    const record = decisions.find((d) => d.requestId === denied.requestId)!;
    expect(record).toMatchObject({ service: "iam", operation: "DeleteUser", allowed: false, accessKeyId: id, sourceIp: "198.51.100.7" });
    expect(record.decisions[0].explanation?.result.decision).toBe("ImplicitDeny");
  });

  it("CloudTrail LookupEvents in JSON 1.1", async () => {
    const { root, call } = await setup();
    await call(root, "iam", "Action=CreateGroup&Version=2010-05-08&GroupName=ops");
    const res = await call(root, "cloudtrail", JSON.stringify({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "CreateGroup" }] }), {
      "content-type": "application/x-amz-json-1.1", "x-amz-target": "CloudTrail_20131101.LookupEvents",
    });
    expect(res.status).toBe(200);
    const out = JSON.parse(res.text);
    expect(out.Events).toHaveLength(1);
    expect(out.Events[0]).toMatchObject({ EventName: "CreateGroup", Username: "root", ReadOnly: "false", Resources: [{ ResourceType: "AWS::IAM::Group", ResourceName: "ops" }] });
    expect(typeof out.Events[0].EventTime).toBe("number");
    expect(JSON.parse(out.Events[0].CloudTrailEvent).requestParameters).toEqual({ groupName: "ops" });
  });
});

describe("handleCloudTrail with a store that refuses a cursor", () => {
  it("answers the store's CloudTrail error code as JSON 1.1", async () => {
    const { handleCloudTrail } = await import("../../../js/edge/index.ts");
    const engine = await createEngine();
    const account = await Account.create({ accountId: A, engine });
    await account.createUser({ UserName: "u" });
    const caller = { ...(await account.resolveCredentials({ accessKeyId: (await account.createAccessKey({}, { caller: account.rootArn })).AccessKey.AccessKeyId })), accessKeyId: "AKIA" };
    const store = { lookup: () => { throw Object.assign(new Error("cursor from another query"), { code: "InvalidNextTokenException" }); } };
    const ctx = { account, service: "cloudtrail" as const, region: "us-east-1", caller, context: {}, requestId: "r1", auditStore: store };
    const res = await handleCloudTrail("CloudTrail_20131101.LookupEvents", "{}", ctx);
    expect(res.status).toBe(400);
    expect(res.headers.get("x-amzn-query-error")).toBe("InvalidNextToken;Sender");
    expect(await res.json()).toEqual({ __type: "InvalidNextTokenException", message: "cursor from another query" });
    const broken = await handleCloudTrail("CloudTrail_20131101.LookupEvents", "{}", { ...ctx, auditStore: { lookup: () => { throw new TypeError("disk on fire"); } } });
    expect(broken.status).toBe(500);
    expect((await broken.json()).message).not.toContain("disk");
  });
});
