/**
 * @module test/unit/edge-api/bad-input.test
 * Bad requests get AWS's error, with AWS's status, and change nothing (the account's change
 * counter and its users stay as they were): malformed form bodies, unknown actions, wrong and
 * missing versions, operations of the AWS model this endpoint does not serve (through the SDK),
 * oversize bodies, documents and parameter lists, values of the wrong type, missing required
 * members, missing and forged signatures, unknown keys and forged session tokens; and for
 * CloudTrail, bodies that are not JSON and unknown targets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, CreatePolicyCommand, CreateUserCommand, ListServerCertificatesCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { GetFederationTokenCommand } from "@aws-sdk/client-sts";
import { failure, policy, startHarness, type Credentials, type Harness } from "./harness.ts";
import { queryErrorOf, rawRequest } from "./raw.ts";

let h: Harness;
let eve: Credentials;

beforeAll(async () => {
  h = await startHarness();
  await h.iam(h.root).send(new CreateUserCommand({ UserName: "eve" }));
  const { AccessKey } = await h.iam(h.root).send(new CreateAccessKeyCommand({ UserName: "eve" }));
  eve = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  await h.iam(h.root).send(new PutUserPolicyCommand({ UserName: "eve", PolicyName: "all", PolicyDocument: policy([{ Effect: "Allow", Action: "*", Resource: "*" }]) }));
});

afterAll(() => h.close());

/** Runs `act`, then checks that nothing in the account changed. */
async function unchanged<T>(act: () => Promise<T>): Promise<T> {
  const version = h.account.version;
  const users = [...h.account.store.users.keys()].join(",");
  const out = await act();
  expect(h.account.version).toBe(version);
  expect([...h.account.store.users.keys()].join(",")).toBe(users);
  return out;
}

async function expectQueryError(res: Response, status: number, code: string, message?: string | RegExp): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toBe("text/xml");
  const e = queryErrorOf(text);
  expect(text).toMatch(/^<ErrorResponse xmlns="https:\/\/(iam|sts)\.amazonaws\.com\/doc\/\d{4}-\d{2}-\d{2}\/"><Error><Type>(Sender|Receiver)<\/Type>/);
  expect(e.code).toBe(code);
  expect(e.type).toBe(status >= 500 ? "Receiver" : "Sender");
  expect(e.requestId).toBe(res.headers.get("x-amzn-requestid"));
  if (typeof message === "string") expect(e.message).toBe(message);
  else if (message) expect(e.message).toMatch(message);
}

describe("bad query requests", () => {
  it("a body that is not valid form encoding is MalformedQueryString (404)", async () => {
    for (const body of ["Action=CreateUser&Version=2010-05-08&UserName=%zz", "Action=CreateUser&Version=2010-05-08&UserName=%C3%28"]) {
      const res = await unchanged(() => rawRequest(h.url, eve, body));
      await expectQueryError(res, 404, "MalformedQueryString");
    }
    const bytes = new Uint8Array([...new TextEncoder().encode("Action=CreateUser&Version=2010-05-08&UserName="), 0xff]);
    await expectQueryError(await unchanged(() => rawRequest(h.url, eve, bytes)), 404, "MalformedQueryString");
  });

  it("unknown actions, wrong and missing versions", async () => {
    await expectQueryError(await rawRequest(h.url, eve, "Action=FlyToTheMoon&Version=2010-05-08"), 400, "InvalidAction", "Could not find operation FlyToTheMoon for version 2010-05-08");
    await expectQueryError(await unchanged(() => rawRequest(h.url, eve, "Action=CreateUser&Version=2011-06-15&UserName=x")), 400, "InvalidAction", "Could not find operation CreateUser for version 2011-06-15");
    await expectQueryError(await unchanged(() => rawRequest(h.url, eve, "Action=CreateUser&UserName=x")), 400, "MissingParameter");
    await expectQueryError(await rawRequest(h.url, eve, "Version=2010-05-08"), 400, "MissingAction");
    await expectQueryError(await rawRequest(h.url, eve, "Action=GetCallerIdentity&Version=2010-05-08", { service: "sts" }), 400, "InvalidAction", "Could not find operation GetCallerIdentity for version 2010-05-08");
  });

  it("operations of the AWS model that are not served answer NotImplemented, naming them", async () => {
    const iam = await failure(h.iam(eve).send(new ListServerCertificatesCommand({})));
    expect(iam.name).toBe("NotImplemented");
    expect(iam.$metadata?.httpStatusCode).toBe(501);
    expect(iam.message).toContain("ListServerCertificates");
    const sts = await failure(h.sts(eve).send(new GetFederationTokenCommand({ Name: "x" })));
    expect(sts.name).toBe("NotImplemented");
    expect(sts.message).toContain("GetFederationToken");
  });

  it("values of the wrong type and missing required members are ValidationError in AWS's words", async () => {
    await expectQueryError(await rawRequest(h.url, eve, "Action=ListUsers&Version=2010-05-08&MaxItems=lots"), 400, "ValidationError",
      "1 validation error detected: Value 'lots' at 'maxItems' failed to satisfy constraint: Member must be a number");
    await expectQueryError(await unchanged(() => rawRequest(h.url, eve, "Action=CreateUser&Version=2010-05-08&Tags.member.1.Key=k")), 400, "ValidationError",
      "2 validation errors detected: Value null at 'userName' failed to satisfy constraint: Member must not be null; Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null");
    await expectQueryError(await unchanged(() => rawRequest(h.url, eve, "Action=CreateLoginProfile&Version=2010-05-08&UserName=eve&Password=Aa1!aaaaaaaa&PasswordResetRequired=yes")), 400, "ValidationError", /at 'passwordResetRequired'/);
  });

  it("oversize bodies, parameter lists and documents", async () => {
    const big = "Action=CreateUser&Version=2010-05-08&UserName=x&Path=" + "a".repeat(3 * 1024 * 1024);
    await expectQueryError(await unchanged(() => rawRequest(h.url, eve, big)), 413, "RequestEntityTooLarge");
    const many = "Action=ListUsers&Version=2010-05-08" + Array.from({ length: 2001 }, (_, i) => `&X${i}=1`).join("");
    await expectQueryError(await rawRequest(h.url, eve, many), 400, "InvalidQueryParameter");
    await expectQueryError(await unchanged(() => rawRequest(h.url, eve, "Action=CreateUser&Version=2010-05-08&UserName=a&UserName=b")), 400, "InvalidQueryParameter");
    const doc = policy([{ Effect: "Allow", Action: "s3:GetObject", Resource: Array.from({ length: 400 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }]);
    expect(doc.length).toBeGreaterThan(6144);
    const err = await unchanged(() => failure(h.iam(eve).send(new CreatePolicyCommand({ PolicyName: "huge", PolicyDocument: doc }))));
    expect(err.name).toBe("LimitExceededException");
    expect(err.$metadata?.httpStatusCode).toBe(409);
    expect(err.message).toContain("PolicySize: 6144");
    const malformed = await unchanged(() => failure(h.iam(eve).send(new CreatePolicyCommand({ PolicyName: "bad", PolicyDocument: "{\"Version\":\"2012-10-17\",\"Statement\":[" }))));
    expect(malformed.name).toBe("MalformedPolicyDocumentException");
    expect(malformed.$metadata?.httpStatusCode).toBe(400);
  });

  it("missing and forged signatures, unknown keys and forged session tokens", async () => {
    const body = "Action=CreateUser&Version=2010-05-08&UserName=intruder";
    await expectQueryError(await unchanged(() => rawRequest(h.url, undefined, body)), 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    await expectQueryError(await unchanged(() => rawRequest(h.url, { ...eve, secretAccessKey: "x".repeat(40) }, body)), 403, "SignatureDoesNotMatch");
    await expectQueryError(await unchanged(() => rawRequest(h.url, { accessKeyId: "AKIAAAAAAAAAAAAAAAAA", secretAccessKey: "x".repeat(40) }, body)), 403, "InvalidClientTokenId");
    await expectQueryError(await unchanged(() => rawRequest(h.url, { accessKeyId: "ASIAAAAAAAAAAAAAAAAA", secretAccessKey: "x".repeat(40), sessionToken: "IE1.forged.token" }, body)), 403, "InvalidClientTokenId");
    // The signature covers a payload hash the body does not have: the verifier checks it as the body is read.
    const tampered = await unchanged(() => rawRequest(h.url, eve, body, { headers: { "x-amz-content-sha256": "0".repeat(64) } }));
    await expectQueryError(tampered, 400, "XAmzContentSHA256Mismatch");
    await expectQueryError(await unchanged(() => rawRequest(h.url, eve, body, { now: new Date(Date.now() - 3600_000) })), 403, "SignatureDoesNotMatch", /^Signature expired/);
    // Signed for another service: not an IAM request (S3 or the playground would answer it on one origin).
    const other = await unchanged(() => rawRequest(h.url, eve, body, { service: "s3" }));
    expect(other.status).toBe(400);
    expect(queryErrorOf(await other.text())).toMatchObject({ code: "InvalidAction", message: "The request is not a call of the IAM, STS or CloudTrail API" });
  });

  it("a GET query is served like a POST form", async () => {
    const res = await rawRequest(h.url, eve, undefined, { method: "GET", query: { Action: "GetUser", Version: "2010-05-08", UserName: "eve" } });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(text).toMatch(/^<GetUserResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><GetUserResult><User><Path>\/<\/Path><UserName>eve<\/UserName>/);
    expect(text).toMatch(/<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/GetUserResponse>$/);
  });
});

describe("bad CloudTrail requests", () => {
  const target = (name: string) => ({ service: "cloudtrail", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `CloudTrail_20131101.${name}` } });

  it("a body that is not a JSON object is SerializationException; an unknown target UnknownOperationException", async () => {
    for (const body of ["{", "[1]", "\"x\""]) {
      const res = await rawRequest(h.url, eve, body, target("LookupEvents"));
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/x-amz-json-1.1");
      expect((await res.json()).__type).toBe("SerializationException");
    }
    const unknown = await rawRequest(h.url, eve, "{}", target("Teleport"));
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).__type).toBe("UnknownOperationException");
    const forged = await rawRequest(h.url, { ...eve, secretAccessKey: "y".repeat(40) }, "{}", target("LookupEvents"));
    expect(forged.status).toBe(403);
    expect((await forged.json()).__type).toBe("InvalidSignatureException");
    const ok = await rawRequest(h.url, eve, "{\"MaxResults\":1}", target("LookupEvents"));
    expect(ok.status).toBe(200);
    expect((await ok.json()).Events).toHaveLength(1);
  });
});
