/**
 * The Organizations wire layer (JSON 1.1): targets, bodies, authorization with
 * `organizations:<Op>` on AWS's resource ARNs (Service Authorization Reference), AWS's error
 * shape (`__type`, `Message`, `Reason`) and statuses from the AWS model, timestamps as epoch
 * seconds. The model is in memory here; the service runs the same handler.
 */
import { describe, expect, it } from "vitest";
import { Organization } from "../../../js/org/index.ts";
import { handleOrganizations, runChange, type OrgApiContext } from "../../../js/edge/org-api/handler.ts";
import { MGMT, scp } from "./helpers.ts";

function context(over: Partial<OrgApiContext> & { decisions?: [string, string, unknown][] } = {}): OrgApiContext & { org?: Organization; decisions: [string, string, unknown][] } {
  const decisions = over.decisions ?? [];
  const ctx: OrgApiContext & { org?: Organization; decisions: [string, string, unknown][] } = {
    callerAccountId: MGMT, organization: undefined, requestId: "rid", decisions,
    authorize: (action, resource, c) => {
      decisions.push([action, resource, c]);
      return undefined;
    },
    execute: async (op, input) => runChange(ctx.organization!, ctx.callerAccountId, op, input),
    createOrganization: async () => {
      ctx.organization = Organization.create(MGMT);
      return ctx.organization.describeOrganization(MGMT);
    },
    ...over,
  };
  return ctx;
}

const call = async (ctx: OrgApiContext, op: string, body: unknown = {}) => {
  const res = await handleOrganizations(`AWSOrganizationsV20161128.${op}`, typeof body === "string" ? body : JSON.stringify(body), ctx);
  return { status: res.status, json: await res.json() as Record<string, any> };
};

describe("protocol", () => {
  it("unknown targets, unserved operations and bodies that are not JSON objects", async () => {
    const ctx = context();
    expect((await handleOrganizations("Other.X", "{}", ctx)).status).toBe(400);
    expect((await call(ctx, "InviteAccountToOrganization")).json.__type).toBe("UnknownOperationException");
    expect((await call(ctx, "ListRoots", "[1]")).json.__type).toBe("SerializationException");
    expect((await call(ctx, "ListRoots", "{")).json.__type).toBe("SerializationException");
  });

  it("an account outside any organization: AWSOrganizationsNotInUseException (404)", async () => {
    const r = await call(context(), "ListAccounts");
    expect(r).toMatchObject({ status: 404, json: { __type: "AWSOrganizationsNotInUseException" } });
  });

  it("CreateOrganization, then AlreadyInOrganizationException (409); timestamps are epoch seconds", async () => {
    const ctx = context();
    const created = await call(ctx, "CreateOrganization", { FeatureSet: "ALL" });
    expect(created.json.Organization.MasterAccountId).toBe(MGMT);
    expect((await call(ctx, "CreateOrganization")).status).toBe(409);
    const root = (await call(ctx, "ListRoots")).json.Roots[0].Id;
    await call(ctx, "EnablePolicyType", { RootId: root, PolicyType: "SERVICE_CONTROL_POLICY" });
    const accounts = (await call(ctx, "ListAccounts")).json.Accounts;
    expect(typeof accounts[0].JoinedTimestamp).toBe("number");
    expect(Math.abs(accounts[0].JoinedTimestamp - Date.now() / 1000)).toBeLessThan(60);
  });

  it("errors carry Reason and the model's status", async () => {
    const ctx = context();
    await call(ctx, "CreateOrganization");
    const root = (await call(ctx, "ListRoots")).json.Roots[0].Id;
    await call(ctx, "EnablePolicyType", { RootId: root, PolicyType: "SERVICE_CONTROL_POLICY" });
    const r = await call(ctx, "DetachPolicy", { PolicyId: "p-FullAWSAccess", TargetId: root });
    expect(r).toMatchObject({ status: 409, json: { __type: "ConstraintViolationException", Reason: "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED" } });
    const bad = await call(ctx, "CreatePolicy", { Name: "x", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: scp({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }) });
    expect(bad).toMatchObject({ status: 400, json: { __type: "MalformedPolicyDocumentException" } });
  });
});

describe("authorization", () => {
  it("AttachPolicy is authorized on the policy's and the target's ARNs, with organizations:PolicyType", async () => {
    const ctx = context();
    await call(ctx, "CreateOrganization");
    const org = ctx.organization!;
    const root = (await call(ctx, "ListRoots")).json.Roots[0].Id;
    await call(ctx, "EnablePolicyType", { RootId: root, PolicyType: "SERVICE_CONTROL_POLICY" });
    const p = (await call(ctx, "CreatePolicy", { Name: "d", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: scp({ Effect: "Deny", Action: "s3:*", Resource: "*" }) })).json.Policy.PolicySummary;
    ctx.decisions.length = 0;
    await call(ctx, "AttachPolicy", { PolicyId: p.Id, TargetId: root });
    expect(ctx.decisions).toEqual([
      ["organizations:AttachPolicy", p.Arn, { "organizations:PolicyType": "SERVICE_CONTROL_POLICY" }],
      ["organizations:AttachPolicy", `arn:aws:organizations::${MGMT}:root/${org.id}/${root}`, { "organizations:PolicyType": "SERVICE_CONTROL_POLICY" }],
    ]);
  });

  it("a denial is AccessDeniedException (403) and the operation does not run", async () => {
    const ctx = context();
    await call(ctx, "CreateOrganization");
    ctx.authorize = () => "User: arn:aws:iam::111111111111:user/x is not authorized to perform: organizations:CreateOrganizationalUnit";
    const root = ctx.organization!.state.root.Id;
    const r = await call(ctx, "CreateOrganizationalUnit", { ParentId: root, Name: "X" });
    expect(r).toMatchObject({ status: 403, json: { __type: "AccessDeniedException" } });
    expect(r.json.Message).toMatch(/not authorized to perform: organizations:CreateOrganizationalUnit/);
    expect(ctx.organization!.state.ous).toEqual([]);
  });
});
