/**
 * @module test/edge-e2e/cases/bad-input
 * Bad requests get AWS's error, in AWS's shape (`<ErrorResponse>` with Type, Code, Message and
 * RequestId; CloudTrail's JSON), with the status AWS uses, and change nothing (the account's
 * entities and audit trail are compared before and after): malformed bodies, unknown actions,
 * wrong versions, oversize documents and bodies, missing, forged, stale and foreign signatures,
 * forged session tokens, services not served.
 */
import assert from "node:assert/strict";
import { CreatePolicyCommand, ListAccessKeysCommand, ListPoliciesCommand, ListRolesCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { errorOf, REGION, sdk, signedFetch } from "../clients.mjs";

/** Everything a bad request could have changed. */
async function fingerprint(t) {
  const { iam, cloudtrail } = sdk(t.origin, t.root);
  const users = (await iam.send(new ListUsersCommand({}))).Users.map((u) => u.UserName);
  const roles = (await iam.send(new ListRolesCommand({}))).Roles.map((r) => r.RoleName);
  const policies = (await iam.send(new ListPoliciesCommand({ Scope: "Local" }))).Policies.map((p) => `${p.PolicyName}@${p.DefaultVersionId}`);
  const keys = (await iam.send(new ListAccessKeysCommand({ UserName: "alice" }))).AccessKeyMetadata.map((k) => `${k.AccessKeyId}:${k.Status}`);
  // The refusals are recorded (every verified call is); no change may be.
  const writes = (await cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "false" }], MaxResults: 50 }))).Events
    .filter((e) => JSON.parse(e.CloudTrailEvent).errorCode === undefined).map((e) => e.EventId);
  return JSON.stringify({ users, roles, policies, keys, writes });
}

async function expectQueryError(response, status, code, message) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(text, new RegExp(`^<ErrorResponse xmlns="https://(iam|sts)\\.amazonaws\\.com/doc/[0-9-]+/"><Error><Type>(Sender|Receiver)</Type><Code>${code}</Code><Message>`), text);
  assert.match(text, /<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  if (message) assert.match(text, message);
}

export async function badInputCases(t, { test }) {
  await test("bad requests get AWS's errors and change nothing", async () => {
    const before = await fingerprint(t);
    const form = (body) => signedFetch(t.origin, t.root, { body });
    await expectQueryError(await form("Action=CreateUser&Version=2010-05-08&UserName=%ZZ"), 404, "MalformedQueryString");
    await expectQueryError(await form("Action=CreateUserX&Version=2010-05-08&UserName=x"), 400, "InvalidAction", /Could not find operation CreateUserX for version 2010-05-08/);
    await expectQueryError(await form("Action=CreateUser&Version=2011-06-15&UserName=x"), 400, "InvalidAction");
    await expectQueryError(await form("Version=2010-05-08&UserName=x"), 400, "MissingAction");
    await expectQueryError(await form("Action=CreateUser&Version=2010-05-08"), 400, "ValidationError");
    await expectQueryError(await form("Action=CreateUser&Version=2010-05-08&UserName=" + "u".repeat(65)), 400, "ValidationError");
    const big = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }] });
    assert.ok(big.length > 6144);
    const oversize = await errorOf(sdk(t.origin, t.root).iam.send(new CreatePolicyCommand({ PolicyName: "TooBig", PolicyDocument: big })));
    assert.equal(oversize?.code, "LimitExceeded", JSON.stringify(oversize));
    const malformedPolicy = await errorOf(sdk(t.origin, t.root).iam.send(new CreatePolicyCommand({ PolicyName: "Broken", PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"' })));
    assert.equal(malformedPolicy?.code, "MalformedPolicyDocument", JSON.stringify(malformedPolicy));
    await expectQueryError(await fetch(t.origin, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=CreateUser&Version=2010-05-08&UserName=x" }), 403, "MissingAuthenticationToken");
    await expectQueryError(await signedFetch(t.origin, t.root, { body: "Action=CreateUser&Version=2010-05-08&UserName=x", forge: true }), 403, "SignatureDoesNotMatch");
    await expectQueryError(await signedFetch(t.origin, { accessKeyId: "AKIAE2EUNKNOWNKEYQQQ", secretAccessKey: t.root.secretAccessKey }, { body: "Action=CreateUser&Version=2010-05-08&UserName=x" }), 403, "InvalidClientTokenId");
    await expectQueryError(await signedFetch(t.origin, { accessKeyId: "ASIAE2EFORGEDKEY0000", secretAccessKey: t.root.secretAccessKey, sessionToken: "IE1.eyJhY2NvdW50SWQiOiIwMDAwMDAwMDAwMDAifQ.AAAA" }, { body: "Action=ListUsers&Version=2010-05-08" }), 403, "InvalidClientTokenId");
    // Another account's key: it is not this account's, whatever the request names.
    await expectQueryError(await signedFetch(t.origin, { accessKeyId: t.other.root.accessKeyId, secretAccessKey: t.root.secretAccessKey }, { body: "Action=CreateUser&Version=2010-05-08&UserName=x" }), 403, "SignatureDoesNotMatch");
    // A signature 20 minutes old (the limit is 15).
    const stale = new SignatureV4({ service: "iam", region: REGION, credentials: t.root, sha256: Sha256 });
    const url = new URL(t.origin);
    const signed = await stale.sign({ method: "POST", protocol: "http:", hostname: url.hostname, port: Number(url.port), path: "/", query: {}, headers: { host: url.host, "content-type": "application/x-www-form-urlencoded" }, body: "Action=CreateUser&Version=2010-05-08&UserName=x" }, { signingDate: new Date(Date.now() - 20 * 60 * 1000) });
    const { host: _host, ...headers } = signed.headers;
    await expectQueryError(await fetch(t.origin, { method: "POST", headers, body: signed.body }), 403, "SignatureDoesNotMatch", /Signature expired/);
    const json = await signedFetch(t.origin, t.root, { service: "cloudtrail", body: "{not json", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "CloudTrail_20131101.LookupEvents" } });
    assert.equal(json.status, 400);
    assert.equal((await json.json()).__type, "SerializationException");
    const s3 = await signedFetch(t.origin, t.root, { service: "s3", method: "GET", path: "/some-bucket", headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } });
    // S3 is served from the same origin (docs/edge.md, "The S3 gateway"): a bucket nobody created is S3's NoSuchBucket.
    assert.equal(s3.status, 404);
    assert.match(await s3.text(), /<Code>NoSuchBucket<\/Code>/);
    assert.equal(await fingerprint(t), before);
    // A verified caller's refused call is still a record (the model never saw it); an unverified one is none.
    const [refused] = (await sdk(t.origin, t.root).cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "CreateUserX" }] }))).Events;
    const record = JSON.parse(refused.CloudTrailEvent);
    assert.deepEqual([record.errorCode, record.userIdentity.type, record.eventSource], ["InvalidAction", "Root", "iam.amazonaws.com"]);
    const forged = await sdk(t.origin, t.root).cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: "AKIAE2EUNKNOWNKEYQQQ" }] }));
    assert.equal(forged.Events.length, 0);
  });
}

/**
 * A body over the 2 MiB limit: 413 RequestEntityTooLarge. Run last before the server stops:
 * under `wrangler dev`, the request after a refused upload on the same link fails with "Network
 * connection lost" (workerd#1741, a local-runtime bug; reading the rest of the body does not
 * help), so nothing may follow it.
 */
export async function oversizeBodyCase(t, { test }) {
  await test("a body over the limit is RequestEntityTooLarge (413)", async () => {
    await expectQueryError(await signedFetch(t.origin, t.root, { body: `Action=CreateUser&Version=2010-05-08&UserName=big&x=${"a".repeat(3 * 1024 * 1024)}` }), 413, "RequestEntityTooLarge");
  });
}
