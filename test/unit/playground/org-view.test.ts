/**
 * @module test/unit/playground/org-view
 * The organization view's logic (js/playground/org): the input format built through js/org's
 * operations, the tree with its attachments, and each SCP/RCP level's verdict for a request, with
 * the AWS Organizations User Guide's rules ("SCP evaluation", "RCP evaluation").
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../../js/index.ts";
import { OrgInputError, organizationFrom, organizationFromText, type OrgDocument } from "../../../js/playground/org/org-input.ts";
import { SAMPLE_ORGANIZATION, SAMPLE_ORGANIZATION_TEXT } from "../../../js/playground/org/org-sample.ts";
import { orgTree, type TreeNode } from "../../../js/playground/org/org-tree.ts";
import { GuardrailView, accountOfPrincipal, verdictSentence } from "../../../js/playground/org/guardrail-verdict.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const names = (n: TreeNode) => ({ scps: n.scps.map((p) => p.name), rcps: n.rcps.map((p) => p.name) });
const find = (n: TreeNode, name: string): TreeNode | undefined => (n.name === name ? n : n.children.map((c) => find(c, name)).find(Boolean));
const refusal = (f: () => unknown): OrgInputError => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(OrgInputError);
    return err as OrgInputError;
  }
  throw new Error("expected an OrgInputError");
};
const doc = (over: Partial<OrgDocument>): OrgDocument => ({ ManagementAccountId: "111111111111", ...over });

describe("the input format", () => {
  it("builds the sample: two OUs, three member accounts and the management account in the root", () => {
    const tree = orgTree(organizationFromText(SAMPLE_ORGANIZATION_TEXT));
    expect(tree.type).toBe("ROOT");
    expect(tree.children.map((c) => `${c.type} ${c.name}`)).toEqual(["ACCOUNT Management", "ORGANIZATIONAL_UNIT Workloads", "ORGANIZATIONAL_UNIT Sandbox"]);
    expect(find(tree, "Management")!.management).toBe(true);
    expect(find(tree, "Sandbox")!.children.map((c) => c.id)).toEqual(["333333333333", "444444444444"]);
  });

  it("attaches FullAWSAccess and RCPFullAWSAccess everywhere, as enabling the policy types does, plus the listed policies", () => {
    // "SCP evaluation": enabling SCPs attaches FullAWSAccess to the root, every OU and account; "RCP syntax": RCPFullAWSAccess likewise.
    const tree = orgTree(organizationFrom(SAMPLE_ORGANIZATION));
    expect(names(tree)).toEqual({ scps: ["FullAWSAccess"], rcps: ["RCPFullAWSAccess", "EnforceSecureTransport"] });
    expect(names(find(tree, "Sandbox")!)).toEqual({ scps: ["FullAWSAccess", "DenyS3Delete"], rcps: ["RCPFullAWSAccess"] });
    expect(names(find(tree, "dev")!)).toEqual({ scps: ["FullAWSAccess"], rcps: ["RCPFullAWSAccess"] });
  });

  it("`FullAWSAccess: false` detaches it at that target, once another SCP is attached there", () => {
    const allowS3 = { Name: "AllowS3", Type: "SERVICE_CONTROL_POLICY" as const, Content: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } };
    const org = organizationFrom(doc({ Policies: [allowS3], Root: { OrganizationalUnits: [{ Name: "Locked", Policies: ["AllowS3"], FullAWSAccess: false }] } }));
    expect(names(find(orgTree(org), "Locked")!).scps).toEqual(["AllowS3"]);
  });

  it("refuses detaching the only SCP with Organizations' own error", () => {
    // AttachPolicy/DetachPolicy: a target keeps at least one SCP (ConstraintViolationException).
    const e = refusal(() => organizationFrom(doc({ Root: { OrganizationalUnits: [{ Name: "Bare", FullAWSAccess: false }] } })));
    expect(e.code).toBe("ConstraintViolationException");
    expect(e.path).toBe("/Root/OrganizationalUnits/0/FullAWSAccess");
  });

  it("gives line and column for text that is not JSON", () => {
    const e = refusal(() => organizationFromText('{\n  "ManagementAccountId": "111111111111",\n  oops\n}'));
    expect(e.code).toBe("InvalidJson");
    expect([e.line, e.column]).toEqual([3, 3]);
  });

  it("names the JSON path of a bad value", () => {
    expect(refusal(() => organizationFrom({ ManagementAccountId: "12" })).path).toBe("/ManagementAccountId");
    expect(refusal(() => organizationFrom([])).code).toBe("InvalidType");
    const unknown = refusal(() => organizationFrom(doc({ Root: { Accounts: [{ Id: "222222222222", Name: "a", Policies: ["Nope"] }] } })));
    expect([unknown.code, unknown.path]).toEqual(["UnknownPolicy", "/Root/Accounts/0/Policies/0"]);
    const twice = refusal(() => organizationFrom(doc({ Root: { Accounts: [{ Id: "222222222222", Name: "a" }], OrganizationalUnits: [{ Name: "X", Accounts: [{ Id: "222222222222", Name: "b" }] }] } })));
    expect([twice.code, twice.path]).toEqual(["DuplicateAccount", "/Root/OrganizationalUnits/0/Accounts/0/Id"]);
    const type = refusal(() => organizationFrom(doc({ Policies: [{ Name: "T", Type: "TAG_POLICY" as never, Content: "{}" }] })));
    expect([type.code, type.path]).toEqual(["InvalidPolicyType", "/Policies/0/Type"]);
  });

  it("passes on Organizations' refusals of a policy document, at the policy's path", () => {
    const e = refusal(() => organizationFrom(doc({ Policies: [{ Name: "Bad", Type: "SERVICE_CONTROL_POLICY", Content: '{"Statement": 5}' }] })));
    expect(e.path).toBe("/Policies/0");
    expect(e.code).toMatch(/Exception$/);
  });

  it("stops at Organizations' quotas and the page's text limit with a clear error, not a hang", () => {
    const many = Array.from({ length: 2001 }, (_, i) => ({ Name: `ou-${i}` }));
    const e = refusal(() => organizationFrom(doc({ Root: { OrganizationalUnits: many } })));
    expect([e.code, e.path]).toEqual(["ConstraintViolationException", "/Root/OrganizationalUnits/2000"]);
    const accounts = Array.from({ length: 101 }, (_, i) => ({ Id: String(200000000000 + i), Name: `a${i}` }));
    expect(refusal(() => organizationFrom(doc({ Root: { Accounts: accounts } }))).path).toBe("/Root/Accounts/99");
    expect(refusal(() => organizationFromText(" ".repeat((1 << 20) + 1))).code).toBe("TooLarge");
  });

  it("refuses OUs nested deeper than five levels (Organizations quota)", () => {
    type Ou = { Name: string; OrganizationalUnits?: Ou[] };
    let ou: Ou = { Name: "L6" };
    for (let i = 5; i >= 1; i--) ou = { Name: `L${i}`, OrganizationalUnits: [ou] };
    const e = refusal(() => organizationFrom(doc({ Root: { OrganizationalUnits: [ou] } })));
    expect(e.path).toBe("/Root/OrganizationalUnits/0" + "/OrganizationalUnits/0".repeat(5));
  });
});

describe("each level's verdict", () => {
  const dev = "arn:aws:iam::333333333333:role/dev";
  const verdict = (principal: string, action: string, resource = "*", context: Record<string, unknown> = {}) =>
    new GuardrailView(engine).verdict(organizationFrom(SAMPLE_ORGANIZATION), { principal, action, resource, context: context as never });

  it("names the OU whose SCP denies, with the statement", () => {
    const v = verdict(dev, "s3:DeleteBucket", "arn:aws:s3:::b");
    expect(v.denied[0]).toMatchObject({ kind: "SCP", targetType: "ORGANIZATIONAL_UNIT", targetName: "Sandbox", outcome: "deny", statement: { policyName: "DenyS3Delete", sid: "DenyS3Delete", index: 0 } });
    expect(v.scp.applies && v.scp.levels.map((l) => `${l.targetType}:${l.outcome}`)).toEqual(["ROOT:allow", "ORGANIZATIONAL_UNIT:deny", "ACCOUNT:allow"]);
    expect(verdictSentence(v)).toMatch(/^Denied by the SCP DenyS3Delete attached to OU Sandbox \(ou-/);
  });

  it("says every level allows when none denies", () => {
    const v = verdict(dev, "s3:GetObject", "arn:aws:s3:::b/k", { "aws:SecureTransport": true });
    expect(v.denied).toEqual([]);
    expect(verdictSentence(v)).toBe("Every SCP and every RCP level allows this request.");
  });

  it("names the root's RCP for a request without TLS on S3", () => {
    const v = verdict(dev, "s3:GetObject", "arn:aws:s3:::b/k", { "aws:SecureTransport": false });
    expect(v.denied.map((l) => `${l.kind} ${l.targetType} ${l.statement?.policyName}`)).toEqual(["RCP ROOT EnforceSecureTransport"]);
  });

  it("a level without an Allow denies (every level from the root to the account must allow)", () => {
    const allowS3 = { Name: "AllowS3", Type: "SERVICE_CONTROL_POLICY" as const, Content: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } };
    const org = organizationFrom(doc({ Policies: [allowS3], Root: { OrganizationalUnits: [{ Name: "Locked", Policies: ["AllowS3"], FullAWSAccess: false, Accounts: [{ Id: "555555555555", Name: "l" }] }] } }));
    const v = new GuardrailView(engine).verdict(org, { principal: "arn:aws:iam::555555555555:user/u", action: "ec2:RunInstances" });
    expect(v.denied.map((l) => `${l.targetName}:${l.outcome}`)).toEqual(["Locked:no-allow"]);
    expect(verdictSentence(v)).toMatch(/^Denied at OU Locked .*no SCP attached there allows it/);
  });

  it("does not apply SCPs or RCPs to the management account", () => {
    // "SCPs don't affect users or roles in the management account"; "RCPs don't affect resources in the management account".
    const v = verdict("arn:aws:iam::111111111111:role/admin", "s3:DeleteBucket");
    expect(v.scp).toMatchObject({ applies: false, why: expect.stringContaining("management account") });
    expect(v.denied).toEqual([]);
  });

  it("exempts service-linked roles from SCPs", () => {
    const v = verdict("arn:aws:iam::333333333333:role/aws-service-role/s3.amazonaws.com/AWSServiceRoleForS3", "s3:DeleteBucket", "arn:aws:s3:::b");
    expect(v.scp).toMatchObject({ applies: false, why: expect.stringContaining("service-linked") });
  });

  it("applies RCPs only to the services that support them", () => {
    expect(verdict(dev, "ec2:RunInstances").rcp).toMatchObject({ applies: false });
    expect(verdict(dev, "s3:GetObject", "arn:aws:s3:::b/k").rcp.applies).toBe(true);
  });

  it("reads the principal's account from user, role and session ARNs", () => {
    expect(accountOfPrincipal("arn:aws:sts::333333333333:assumed-role/r/s")).toBe("333333333333");
    expect(accountOfPrincipal("arn:aws:iam::222222222222:user/u")).toBe("222222222222");
    expect(accountOfPrincipal("s3.amazonaws.com")).toBeUndefined();
    expect(verdict("s3.amazonaws.com", "s3:GetObject").scp).toMatchObject({ applies: false });
  });
});
