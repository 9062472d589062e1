/**
 * @module test/unit/iam/document-strictness
 * IAM's own strictness in the account model (js/iam/policy-document.ts, malformed-message.ts):
 * documents the validator alone accepts but IAM refuses, and IAM's MalformedPolicyDocument
 * message for each, through every operation that takes a document. The list of cases and
 * IAM's texts follow the IAM answers moto's IAM tests record (a checklist: the documents here
 * are written for this project), "IAM identifiers" and "AWS JSON policy elements: Resource".
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Account, createEngine, IamError, type Engine } from "../../../js/index.ts";
import { expectRejection } from "./expect-rejection.ts";

const ACCOUNT = "111122223333";
const V = "2012-10-17";
const S3 = "arn:aws:s3:::reports";
type Obj = Record<string, unknown>;
const statement = (over: Obj = {}): Obj => ({ Effect: "Allow", Action: "s3:ListBucket", Resource: S3, ...over });
const policy = (...statements: Obj[]): Obj => ({ Version: V, Statement: statements });
const TRUST_STATEMENT: Obj = { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" };

let engine: Engine;
let account: Account;
beforeAll(async () => {
  engine = await createEngine();
});
beforeEach(async () => {
  account = await Account.create({ accountId: ACCOUNT, engine });
  await account.createUser({ UserName: "alice" });
  await account.createGroup({ GroupName: "devs" });
  await account.createRole({ RoleName: "app", AssumeRolePolicyDocument: policy(TRUST_STATEMENT) });
  await account.createPolicy({ PolicyName: "Existing", PolicyDocument: policy(statement()) });
});

/** Every operation that takes an identity document, called with `document`. */
const IDENTITY_CALLS: [string, (document: unknown) => Promise<unknown>][] = [
  ["CreatePolicy", (d) => account.createPolicy({ PolicyName: "New", PolicyDocument: d })],
  ["CreatePolicyVersion", (d) => account.createPolicyVersion({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/Existing`, PolicyDocument: d })],
  ["PutUserPolicy", (d) => account.putUserPolicy({ UserName: "alice", PolicyName: "inline", PolicyDocument: d })],
  ["PutGroupPolicy", (d) => account.putGroupPolicy({ GroupName: "devs", PolicyName: "inline", PolicyDocument: d })],
  ["PutRolePolicy", (d) => account.putRolePolicy({ RoleName: "app", PolicyName: "inline", PolicyDocument: d })],
];

/** Expects MalformedPolicyDocument with exactly IAM's message, diagnostics, and no change. */
async function refused(call: () => Promise<unknown>, message: string): Promise<IamError> {
  const e = await expectRejection(account, call, "MalformedPolicyDocument");
  expect(e.message).toBe(message);
  expect(e.status).toBe(400);
  expect(e.diagnostics?.length).toBeGreaterThan(0);
  return e;
}

/** [title, document, IAM's message] */
const IDENTITY_CASES: [string, unknown, string][] = [
  ["text that is not JSON", "not a policy at all", "Syntax errors in policy."],
  ["no Version", { Statement: [statement()] }, "Policy document must be version 2012-10-17 or greater."],
  ["Version 2008-10-17", { Version: "2008-10-17", Statement: [statement()] }, "Policy document must be version 2012-10-17 or greater."],
  ["a Version that does not exist", { Version: "2013-10-17", Statement: [statement()] }, "Syntax errors in policy."],
  ["no Statement", { Version: V }, "Syntax errors in policy."],
  ["an empty Statement list", { Version: V, Statement: [] }, "Syntax errors in policy."],
  ["a statement that is a string", { Version: V, Statement: ["s3:*"] }, "Syntax errors in policy."],
  ["an unknown top-level element", { Version: V, Statement: [statement()], Owner: "me" }, "Syntax errors in policy."],
  ["an unknown statement element", policy(statement({ Actions: "s3:*" })), "Syntax errors in policy."],
  ["an Effect that is no effect", policy(statement({ Effect: "Permit" })), "Syntax errors in policy."],
  ["no Effect", policy({ Action: "s3:ListBucket", Resource: S3 }), "Syntax errors in policy."],
  ["Action and NotAction together", policy(statement({ NotAction: "iam:*" })), "Syntax errors in policy."],
  ["Resource and NotResource together", policy(statement({ NotResource: "*" })), "Syntax errors in policy."],
  ["a Resource that is an object", policy(statement({ Resource: { bucket: S3 } })), "Syntax errors in policy."],
  ["a Resource list holding an object", policy(statement({ Effect: "Deny", Resource: ["reports", {}] })), "Syntax errors in policy."],
  ["a Condition that is a list", policy(statement({ Condition: [] })), "Syntax errors in policy."],
  ["a condition operator that does not exist", policy(statement({ Condition: { StringEqualz: { "aws:username": "a" } } })), "Syntax errors in policy."],
  ["a doubled qualifier colon", policy(statement({ Condition: { "ForAnyValue::StringEquals": { "aws:TagKeys": "a" } } })), "Syntax errors in policy."],
  ["an Effect in the wrong case", policy(statement({ Effect: "deny" })), "The policy failed legacy parsing"],
  ["a date that is not a date", policy(statement({ Condition: { DateGreaterThan: { "aws:CurrentTime": "yesterday" } } })), "The policy failed legacy parsing"],
  ["a month 13", policy(statement({ Condition: { DateLessThanEquals: { "aws:CurrentTime": "2024-13" } } })), "The policy failed legacy parsing"],
  ["an S3 ARN of five parts", policy(statement({ Resource: "arn:aws:s3::reports" })), "The policy failed legacy parsing"],
  ["a short ARN with an empty service", policy({ Effect: "Allow", Action: "s3:ListBucket", NotResource: "arn:aws::reports" }), "The policy failed legacy parsing"],
  ["an ARN with an empty service", policy(statement({ Resource: "arn:aws::::reports" })), "The policy failed legacy parsing"],
  ["a wrong-case Effect before a missing Action", policy({ Effect: "allow", Resource: "arn:aws:s3:us-east-1::reports" }), "The policy failed legacy parsing"],
  ["a bad date before a bad partition", policy(statement({ Resource: "arn:nope:s3:::reports", Condition: { DateGreaterThan: { "aws:CurrentTime": "soon" } } })), "The policy failed legacy parsing"],
  ["the same Sid twice", policy(statement({ Sid: "Read" }), statement({ Sid: "Read", Action: "s3:GetObject" })), "Statement IDs (SID) in a single policy must be unique."],
  ["no Version and the same Sid twice", { Statement: [statement({ Sid: "A" }), statement({ Sid: "A" })] }, "Policy document must be version 2012-10-17 or greater."],
  ["no Action", policy({ Effect: "Allow", Resource: S3 }), "Policy statement must contain actions."],
  ["an empty Action list", policy(statement({ Action: [] })), "Policy statement must contain actions."],
  ["only an Effect", policy({ Effect: "Allow" }), "Policy statement must contain actions."],
  ["one statement without actions among good ones", policy({ Effect: "Deny" }, statement()), "Policy statement must contain actions."],
  ["a Resource that is not an ARN", policy(statement({ Resource: "reports bucket" })), 'Resource reports bucket must be in ARN format or "*".'],
  ["an empty Resource", policy(statement({ Resource: "" })), 'Resource  must be in ARN format or "*".'],
  ["a non-ARN in a Resource list", policy(statement({ Resource: [S3, "reports"] })), 'Resource reports must be in ARN format or "*".'],
  ["a partition and nothing more", policy(statement({ Resource: "arn:aws" })), "Resource vendor must be fully qualified and cannot contain regexes."],
  ["an unknown partition", policy(statement({ Resource: "arn:nope:s3:::reports" })), 'Partition "nope" is not valid for resource "arn:nope:s3:::reports".'],
  ["a partition where the prefix should be", policy(statement({ Resource: "aws:s3:::reports" })), 'Partition "s3" is not valid for resource "arn:s3:::reports:*".'],
  ["a two-part value", policy(statement({ Resource: "x:reports" })), 'Partition "reports" is not valid for resource "arn:reports:*:*:*:*".'],
  ["a three-part value", policy(statement({ Resource: "x:y:reports" })), 'Partition "y" is not valid for resource "arn:y:reports:*:*:*".'],
  ["eight parts and no arn prefix", policy(statement({ Resource: "x:y:s3:r:a:b:c:d" })), 'Partition "y" is not valid for resource "arn:y:s3:r:a:b:c:d".'],
  ["a region in an IAM ARN", policy(statement({ Action: "iam:GetRole", Resource: "arn:aws:iam:us-east-1:111122223333:role/app" })), "IAM resource arn:aws:iam:us-east-1:111122223333:role/app cannot contain region information."],
  ["a region in an S3 bucket ARN", policy(statement({ Resource: "arn:aws:s3:us-east-1::reports" })), "Resource arn:aws:s3:us-east-1::reports can not contain region information."],
  ["an IAM ARN of no IAM type", policy(statement({ Action: "iam:GetRole", Resource: "arn:aws:iam:::reports" })), 'IAM resource path must either be "*" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.'],
  ["an action without a service", policy(statement({ Action: "ListBucket" })), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."],
  ["an empty NotAction", policy({ Effect: "Allow", NotAction: "", Resource: S3 }), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."],
  ["an action with two colons", policy(statement({ Action: "s3:List:Bucket" })), "Actions/Condition can contain only one colon."],
  ["a service with a space", policy(statement({ Action: "s 3:ListBucket" })), "Vendor s 3 is not valid"],
  ["a wildcard service", policy(statement({ Action: "s*:ListBucket" })), "Vendor s* is not valid"],
  ["an action without a service before a missing Resource", policy({ Effect: "Allow", Action: "ListBucket" }), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."],
  ["no Resource", policy({ Effect: "Allow", Action: "s3:ListBucket" }), "Policy statement must contain resources."],
  ["an empty Resource list", policy(statement({ Resource: [] })), "Policy statement must contain resources."],
  ["a Principal in an identity policy", policy(statement({ Principal: { AWS: ACCOUNT } })), "Policy document should not specify a principal."],
];

describe("identity documents IAM refuses, with IAM's message", () => {
  for (const [operation, call] of IDENTITY_CALLS) {
    it.each(IDENTITY_CASES)(`${operation}: %s`, async (_title, document, message) => {
      await refused(() => call(document), message);
    });
  }

  it("the same document as JSON text and URL-encoded text gets the same answer", async () => {
    const doc = policy(statement({ Resource: "arn:aws:s3:us-east-1::reports" }));
    const message = "Resource arn:aws:s3:us-east-1::reports can not contain region information.";
    await refused(() => account.createPolicy({ PolicyName: "New", PolicyDocument: JSON.stringify(doc, null, 2) }), message);
    await refused(() => account.createPolicy({ PolicyName: "New", PolicyDocument: encodeURIComponent(JSON.stringify(doc)) }), message);
  });

  it("the diagnostics keep the validator's codes, paths and positions", async () => {
    const text = `{"Version":"${V}","Statement":[\n{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:nope:s3:::reports"}]}`;
    const e = await refused(() => account.createPolicy({ PolicyName: "New", PolicyDocument: text }), 'Partition "nope" is not valid for resource "arn:nope:s3:::reports".');
    expect(e.diagnostics).toEqual([expect.objectContaining({ code: "UNKNOWN_PARTITION", path: "/Statement/0/Resource", span: expect.objectContaining({ start: expect.objectContaining({ line: 2 }) }) })]);
  });

  it("a finding IAM has no known text for keeps the validator's message and position", async () => {
    const e = await refused(() => account.createPolicy({ PolicyName: "New", PolicyDocument: policy(statement({ Sid: "read-all" })) }),
      "`Sid` `read-all` must contain only letters A-Z, a-z and digits 0-9 (at /Statement/0/Sid)");
    expect(e.diagnostics?.[0]?.code).toBe("INVALID_SID");
  });
});

describe("what IAM accepts is stored", () => {
  const ACCEPTED: [string, Obj][] = [
    ["S3 access point ARNs with a region", statement({ Resource: ["arn:aws:s3:us-west-2:111122223333:accesspoint/reports", "arn:aws:s3:us-west-2:111122223333:accesspoint/reports/object/*"] })],
    ["a wildcard partition and region", statement({ Action: "ec2:StartInstances", Resource: "arn:*:ec2:*:*:instance/*" })],
    ["IAM ARNs of several types", statement({ Action: "iam:Get*", Resource: ["arn:aws:iam::*:root", "arn:aws:iam::111122223333:user/${aws:username}", "arn:aws:iam::*:*"] })],
    ["a short ARN without an empty part", statement({ Action: "rds:Describe*", Resource: "arn:aws:rds:*" })],
    ["a service prefix with a hyphen", statement({ Action: "service-prefix:action-name", Resource: "*" })],
    ["empty Sids", { ...statement(), Sid: "" }],
    ["JSON booleans in a condition", statement({ Condition: { Bool: { "aws:SecureTransport": true } } })],
  ];
  for (const [operation, call] of IDENTITY_CALLS) {
    it.each(ACCEPTED)(`${operation}: %s`, async (_title, s) => {
      await expect(call(policy(s, ...(s.Sid === "" ? [{ ...statement(), Sid: "" }] : [])))).resolves.toBeDefined();
    });
  }
});

describe("trust policies IAM refuses, with IAM's message", () => {
  const TRUST_CALLS: [string, (document: unknown) => Promise<unknown>][] = [
    ["CreateRole", (d) => account.createRole({ RoleName: "other", AssumeRolePolicyDocument: d })],
    ["UpdateAssumeRolePolicy", (d) => account.updateAssumeRolePolicy({ RoleName: "app", PolicyDocument: d })],
  ];
  const TRUST_CASES: [string, unknown, string][] = [
    ["text that is not JSON", "{ not json", "Syntax errors in policy."],
    ["a Resource", policy({ ...TRUST_STATEMENT, Resource: "*" }), "Has prohibited field Resource."],
    ["an action that is not an STS trust action", policy({ ...TRUST_STATEMENT, Action: "s3:GetObject" }), "Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity"],
    ["no Principal", policy({ Effect: "Allow", Action: "sts:AssumeRole" }), "Missing required field Principal"],
    ["a group as principal", policy({ ...TRUST_STATEMENT, Principal: { AWS: "arn:aws:iam::111122223333:group/devs" } }), 'Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:group/devs"'],
    ["a service that is not a host name", policy({ ...TRUST_STATEMENT, Principal: { Service: ["ec2.amazonaws.com", "not a service"] } }), 'Invalid principal in policy: "SERVICE":"not a service"'],
    ["an action without a service", policy({ ...TRUST_STATEMENT, Action: "AssumeRole" }), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."],
  ];
  for (const [operation, call] of TRUST_CALLS) {
    it.each(TRUST_CASES)(`${operation}: %s`, async (_title, document, message) => {
      await refused(() => call(document), message);
    });
  }

  it("a trust policy may still say 2008-10-17", async () => {
    await expect(account.updateAssumeRolePolicy({ RoleName: "app", PolicyDocument: { Version: "2008-10-17", Statement: [TRUST_STATEMENT] } })).resolves.toEqual({});
  });
});
