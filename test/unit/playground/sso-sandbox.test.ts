/**
 * @module test/unit/playground/sso-sandbox
 * The Identity Center sign-in pane's logic (js/playground/sso): a user's accounts and permission
 * sets, directly or through a group ("Assign user or group access to AWS accounts"), the reserved
 * role a session uses ("Referencing permission sets in resource policies, ..."), and requests
 * decided as that session with the organization's SCPs on its account.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../../js/index.ts";
import { organizationFrom } from "../../../js/playground/org/org-input.ts";
import { SAMPLE_ORGANIZATION } from "../../../js/playground/org/org-sample.ts";
import { IdentityCenterSandbox } from "../../../js/playground/sso/identity-center-sandbox.ts";
import { SAMPLE_INSTANCE } from "../../../js/playground/sso/sso-sample.ts";

let engine: Engine;
let box: IdentityCenterSandbox;
const userId = (name: string) => box.users().find((u) => u.UserName === name)!.UserId;

beforeAll(async () => {
  engine = await createEngine();
  box = await IdentityCenterSandbox.load(engine, organizationFrom(SAMPLE_ORGANIZATION), SAMPLE_INSTANCE);
});

describe("the portal's list", () => {
  it("has the identity store's two users", () => {
    expect(box.users().map((u) => u.UserName)).toEqual(["alice", "bob"]);
  });

  it("lists a group member's accounts and permission sets, through the group", () => {
    expect(box.access(userId("bob")).map((a) => [a.accountName, a.permissionSet, a.via.join(",")])).toEqual([
      ["dev", "S3Developer", "Developers"],
      ["test", "S3Developer", "Developers"],
    ]);
  });

  it("lists direct assignments as the user's own", () => {
    expect(box.access(userId("alice")).map((a) => [a.accountId, a.permissionSet, a.via.join(",")])).toEqual([
      ["222222222222", "AdministratorAccess", "user"],
      ["333333333333", "AdministratorAccess", "user"],
    ]);
  });

  it("names each provisioned role AWSReservedSSO_<set>_<16 hex> under /aws-reserved/sso.amazonaws.com/", () => {
    for (const a of box.access(userId("bob"))) {
      expect(a.roleName).toMatch(/^AWSReservedSSO_S3Developer_[0-9a-f]{16}$/);
      expect(a.roleArn).toBe(`arn:aws:iam::${a.accountId}:role/aws-reserved/sso.amazonaws.com/${a.roleName}`);
    }
  });
});

describe("role credentials and decisions", () => {
  it("issues a session named after the user, lasting the permission set's session duration", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const s = box.roleCredentials(userId("bob"), "333333333333", "S3Developer", now);
    expect(s.sessionArn).toBe(`arn:aws:sts::333333333333:assumed-role/${s.roleName}/bob`);
    expect(s.durationSeconds).toBe(8 * 3600);
    expect(s.expiration.toISOString()).toBe("2026-01-01T08:00:00.000Z");
    expect(s.providerArn).toMatch(/^arn:aws:iam::333333333333:saml-provider\/AWSSSO_[0-9a-f]{16}_DO_NOT_DELETE$/);
  });

  it("refuses a permission set the user is not assigned (the portal's No access)", () => {
    expect(() => box.roleCredentials(userId("bob"), "222222222222", "S3Developer")).toThrow(/No access/);
    expect(() => box.roleCredentials(userId("bob"), "333333333333", "AdministratorAccess")).toThrow(/No access/);
  });

  it("decides as the session: the inline policy allows, the Sandbox OU's SCP denies, anything else is not allowed", () => {
    const s = box.roleCredentials(userId("bob"), "333333333333", "S3Developer");
    const decide = (action: string) => box.decide(s, { principal: "", action, resource: "arn:aws:s3:::dev-bucket/report.csv", context: {} });
    const get = decide("s3:GetObject");
    expect([get.decision, get.reason.code, get.matchedStatements[0]?.sid]).toEqual(["Allow", "IdentityAllow", "S3Objects"]);
    const del = decide("s3:DeleteObject");
    expect([del.decision, del.matchedStatements[0]?.kind, del.matchedStatements[0]?.sid]).toEqual(["ExplicitDeny", "scp", "DenyS3Delete"]);
    expect(decide("s3:PutBucketPolicy")).toMatchObject({ decision: "ImplicitDeny", reason: { code: "NoAllow" } });
  });

  it("the same action in a Workloads account is not under the Sandbox SCP", () => {
    const s = box.roleCredentials(userId("alice"), "222222222222", "AdministratorAccess");
    expect(box.decide(s, { principal: "", action: "s3:DeleteObject", resource: "arn:aws:s3:::prod-bucket/k" }).decision).toBe("Allow");
    expect(box.decide(s, { principal: "", action: "organizations:LeaveOrganization" }).decision).toBe("ExplicitDeny");
  });
});
