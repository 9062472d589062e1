// GAAD import and export (js/iam/gaad.ts): documents as objects, JSON text or URL-encoded
// text; round trips; broken policies reported by entity, policy and position; references.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createEngine } from "../../../js/index.ts";
import { Account, IamError } from "../../../js/index.ts";

const engine = await createEngine();
const A = "111122223333";
const now = () => new Date("2025-01-01T00:00:00Z");
const text = readFileSync(new URL("../../fixtures/gaad-mini.json", import.meta.url), "utf8");
const gaad = () => JSON.parse(text);
const load = (g: unknown, accountId: string | undefined = A) => Account.fromAuthorizationDetails(g, { accountId: accountId as string, engine, now });
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Every policy document of a GAAD, mapped. */
function mapDocuments(g: any, fn: (doc: any) => any): any {
  for (const u of g.UserDetailList) for (const p of u.UserPolicyList) p.PolicyDocument = fn(p.PolicyDocument);
  for (const gr of g.GroupDetailList) for (const p of gr.GroupPolicyList) p.PolicyDocument = fn(p.PolicyDocument);
  for (const r of g.RoleDetailList) {
    r.AssumeRolePolicyDocument = fn(r.AssumeRolePolicyDocument);
    for (const p of r.RolePolicyList) p.PolicyDocument = fn(p.PolicyDocument);
  }
  for (const p of g.Policies) for (const v of p.PolicyVersionList) v.Document = fn(v.Document);
  return g;
}

async function failure(p: Promise<unknown>): Promise<IamError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(IamError);
    return e as IamError;
  }
  throw new Error("expected the import to fail");
}

describe("import", () => {
  it("fills the store from the CLI's JSON (objects)", async () => {
    const account = await load(gaad());
    const { users, groups, roles, policies } = account.store;
    expect([...users.keys()]).toEqual(["alice", "bob", "iam-admin"]);
    expect([...groups.keys()]).toEqual(["developers", "auditors"]);
    expect([...roles.keys()]).toEqual(["app"]);
    expect([...policies.keys()]).toEqual([`arn:aws:iam::${A}:policy/ReadReports`, `arn:aws:iam::${A}:policy/boundaries/DevBoundary`, "arn:aws:iam::aws:policy/IAMReadOnlyAccess"]);
    const alice = users.get("alice")!;
    expect(alice).toMatchObject({ UserName: "alice", UserId: "AIDAEXAMPLEALICE0001", Path: "/engineering/", GroupList: ["Developers"], Tags: [{ Key: "team", Value: "blue" }], AccessKeys: [], MFADevices: [] });
    expect(alice.PermissionsBoundary).toEqual({ PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: `arn:aws:iam::${A}:policy/boundaries/DevBoundary` });
    // Objects are stored as 4-space-indented JSON text.
    expect(alice.UserPolicyList[0].PolicyDocument).toBe(JSON.stringify(gaad().UserDetailList[0].UserPolicyList[0].PolicyDocument, null, 4));
    const app = roles.get("app")!;
    expect(app).toMatchObject({ MaxSessionDuration: 7200, Description: "The application's instances", RoleLastUsed: { LastUsedDate: "2024-06-01T10:00:00Z", Region: "us-east-1" } });
    expect(app.InstanceProfileList).toEqual([{ Path: "/", InstanceProfileName: "app-profile", InstanceProfileId: "AIPAEXAMPLEAPPPROF01", Arn: `arn:aws:iam::${A}:instance-profile/app-profile`, CreateDate: "2024-03-01T00:00:00Z" }]);
    const reports = policies.get(`arn:aws:iam::${A}:policy/ReadReports`)!;
    expect(reports).toMatchObject({ DefaultVersionId: "v2", NextVersion: 3, AwsManaged: false, Description: "Read the reports bucket" });
    expect(reports.PolicyVersionList.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([["v2", true], ["v1", false]]);
    expect(policies.get("arn:aws:iam::aws:policy/IAMReadOnlyAccess")!.AwsManaged).toBe(true);
    expect(account.version).toBeGreaterThan(0);
  });

  it("accepts the whole GAAD as JSON text or URL-encoded text, and reads the account id from it", async () => {
    const fromText = await load(text);
    const fromUrl = await load(rfc3986(text));
    const inferred = await load(gaad(), undefined);
    expect(inferred.accountId).toBe(A);
    const expected = (await load(gaad())).toAuthorizationDetails();
    expect(fromText.toAuthorizationDetails()).toEqual(expected);
    expect(fromUrl.toAuthorizationDetails()).toEqual(expected);
    expect(inferred.toAuthorizationDetails()).toEqual(expected);
  });

  it("accepts documents as JSON strings and as URL-encoded strings (the raw API)", async () => {
    const asObjects = (await load(gaad())).toAuthorizationDetails();
    const json = await load(mapDocuments(gaad(), (d) => JSON.stringify(d)));
    const url = await load(mapDocuments(gaad(), (d) => rfc3986(JSON.stringify(d))));
    expect(json.toAuthorizationDetails()).toEqual(asObjects);
    expect(url.toAuthorizationDetails()).toEqual(asObjects);
    // Text is stored as given (decoded), so positions refer to it.
    const compact = JSON.stringify(gaad().UserDetailList[0].UserPolicyList[0].PolicyDocument);
    expect(url.store.users.get("alice")!.UserPolicyList[0].PolicyDocument).toBe(compact);
    const r = url.authorizePrincipal(`arn:aws:iam::${A}:user/engineering/alice`, { action: "s3:DeleteObject", resource: "arn:aws:s3:::dev-bucket/x" });
    expect(r.matchedStatements[0].span?.start).toEqual({ line: 1, column: 37, offset: 37 });
  });

  it("accepts PermissionsBoundaryType PermissionsBoundaryPolicy (botocore's enum)", async () => {
    const g = gaad();
    g.UserDetailList[0].PermissionsBoundary.PermissionsBoundaryType = "PermissionsBoundaryPolicy";
    const account = await load(g);
    expect(account.store.users.get("alice")!.PermissionsBoundary!.PermissionsBoundaryType).toBe("Policy");
    g.UserDetailList[0].PermissionsBoundary.PermissionsBoundaryType = "Other";
    expect((await failure(load(g))).code).toBe("InvalidInput");
  });

  it("reports a broken inline policy by entity, name and position, with diagnostics", async () => {
    const g = gaad();
    g.GroupDetailList[0].GroupPolicyList[0].PolicyDocument = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {}}},\n    {"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}\n  ]\n}';
    const err = await failure(load(g));
    expect(err.code).toBe("MalformedPolicyDocument");
    expect(err.message).toMatch(/^inline policy 'DevBucket' of group 'Developers' \(GroupDetailList\/0\/GroupPolicyList\/0\) is malformed: .* at line \d+, column \d+/);
    const effect = err.diagnostics!.find((d) => d.path === "/Statement/1/Effect");
    expect(effect).toBeDefined();
    expect(effect!.span!.start.line).toBe(5);
  });

  it("reports broken managed policy versions, trust policies and JSON", async () => {
    const g1 = gaad();
    g1.Policies[0].PolicyVersionList[1].Document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] };
    const e1 = await failure(load(g1));
    expect(e1.code).toBe("MalformedPolicyDocument");
    expect(e1.message).toMatch(/^version v1 of managed policy 'ReadReports' \(Policies\/0\/PolicyVersionList\/1\) is malformed: /);
    expect(e1.diagnostics![0]).toMatchObject({ code: "MISSING_RESOURCE", path: "/Statement/0", span: { start: { line: 4, column: 8 } } });

    const g2 = gaad();
    g2.RoleDetailList[0].AssumeRolePolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" }] };
    const e2 = await failure(load(g2));
    expect(e2.code).toBe("MalformedPolicyDocument");
    expect(e2.message).toMatch(/^trust policy \(AssumeRolePolicyDocument\) of role 'app' \(RoleDetailList\/0\/AssumeRolePolicyDocument\) is malformed: /);

    const g3 = gaad();
    g3.UserDetailList[1].UserPolicyList[0].PolicyDocument = rfc3986('{"Version": "2012-10-17", "Statement": [');
    const e3 = await failure(load(g3));
    expect(e3.message).toMatch(/^inline policy 'HomeFolder' of user 'bob' \(UserDetailList\/1\/UserPolicyList\/0\) is malformed: .*line 1/);
    expect(e3.diagnostics![0].code).toBe("JSON_SYNTAX");

    expect((await failure(load("{not json"))).code).toBe("InvalidInput");
    expect((await failure(load({ ...gaad(), IsTruncated: true, Marker: "x" }))).code).toBe("InvalidInput");
  });

  it("checks references: groups, attached and boundary policies, ARNs, duplicates", async () => {
    const g1 = gaad();
    g1.UserDetailList[0].GroupList = ["Nobody"];
    expect(await failure(load(g1))).toMatchObject({ code: "NoSuchEntity", message: expect.stringMatching(/UserDetailList\/0\/GroupList\/0: user alice is in group 'Nobody'/) });
    const g2 = gaad();
    g2.Policies.splice(0, 1);
    expect(await failure(load(g2))).toMatchObject({ code: "NoSuchEntity", message: expect.stringMatching(/GroupDetailList\/0\/AttachedManagedPolicies\/0: attached policy arn:aws:iam::111122223333:policy\/ReadReports is not in Policies/) });
    const g3 = gaad();
    g3.GroupDetailList[1].AttachedManagedPolicies = [{ PolicyName: "NoSuchThing", PolicyArn: "arn:aws:iam::aws:policy/NoSuchThing" }];
    expect((await failure(load(g3))).code).toBe("NoSuchEntity");
    const g4 = gaad();
    g4.UserDetailList[1].Arn = "arn:aws:iam::999999999999:user/bob";
    expect((await failure(load(g4))).code).toBe("InvalidInput");
    const g5 = gaad();
    g5.UserDetailList[1].UserName = "ALICE";
    g5.UserDetailList[1].Arn = `arn:aws:iam::${A}:user/ALICE`;
    expect((await failure(load(g5))).code).toBe("EntityAlreadyExists");
    const g6 = gaad();
    g6.Policies[0].DefaultVersionId = "v9";
    expect((await failure(load(g6))).code).toBe("InvalidInput");
    const g7 = gaad();
    g7.UserDetailList[0].UserName = "bad name";
    expect((await failure(load(g7))).code).toBe("ValidationError");
  });
});

describe("export", () => {
  it("round-trips: export, import, export gives the same JSON and the same model", async () => {
    const first = await load(gaad());
    const exported = first.toAuthorizationDetails();
    const second = await load(JSON.parse(JSON.stringify(exported)));
    expect(second.toAuthorizationDetails()).toEqual(exported);
    for (const kind of ["users", "groups", "roles", "policies"] as const) {
      expect([...second.store[kind].entries()]).toEqual([...first.store[kind].entries()]);
    }
    for (const mode of ["json", "url"] as const) {
      const third = await load(first.toAuthorizationDetails({ documents: mode }));
      expect(third.toAuthorizationDetails()).toEqual(exported);
    }
  });

  it("prints the shapes of the CLI, documents as objects, with computed counts", async () => {
    const g = (await load(gaad())).toAuthorizationDetails();
    expect(Object.keys(g)).toEqual(["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies", "IsTruncated"]);
    const fixture = gaad();
    // Users, groups and policies come back as the fixture has them (AWS field order too).
    expect(g.UserDetailList).toEqual(fixture.UserDetailList);
    expect(Object.keys(g.UserDetailList[0])).toEqual(Object.keys(fixture.UserDetailList[0]));
    expect(g.GroupDetailList).toEqual(fixture.GroupDetailList);
    expect(g.Policies).toEqual(fixture.Policies);
    // Roles also carry Description and MaxSessionDuration (not in GAAD's RoleDetail) unless asked not to.
    const { Description, MaxSessionDuration, ...role } = g.RoleDetailList[0];
    expect([Description, MaxSessionDuration]).toEqual(["The application's instances", 7200]);
    expect(role).toEqual(fixture.RoleDetailList[0]);
    const strict = (await load(gaad())).toAuthorizationDetails({ extensions: false });
    expect(strict.RoleDetailList[0]).toEqual(fixture.RoleDetailList[0]);
    const url = (await load(gaad())).toAuthorizationDetails({ documents: "url" });
    expect(url.UserDetailList[0].UserPolicyList![0].PolicyDocument).toMatch(/^%7B%0A%20%20%20%20%22Version%22/);
  });

  it("exports no secrets", async () => {
    const account = await load(gaad());
    const alice = account.store.users.get("alice")!;
    alice.AccessKeys.push({ AccessKeyId: "AKIAEXAMPLEKEY000001", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Status: "Active", CreateDate: "2024-01-01T00:00:00Z" });
    alice.MFADevices.push({ SerialNumber: `arn:aws:iam::${A}:mfa/alice`, EnableDate: "2024-01-01T00:00:00Z" });
    alice.LoginProfile = { CreateDate: "2024-01-01T00:00:00Z", PasswordResetRequired: false, Salt: "c2FsdA==", Hash: "aGFzaA==", Iterations: 600000, History: [], PasswordLastChanged: "2024-01-01T00:00:00Z" };
    account.store.mfaDevices.set(`arn:aws:iam::${A}:mfa/alice`, { SerialNumber: `arn:aws:iam::${A}:mfa/alice`, Base32StringSeed: "JBSWY3DPEHPK3PXP", Tags: [], LastUsedStep: 0 });
    account.touch();
    const out = JSON.stringify(account.toAuthorizationDetails());
    for (const secret of ["AKIAEXAMPLEKEY000001", "wJalrXUtnFEMI", "JBSWY3DPEHPK3PXP", "aGFzaA==", "c2FsdA==", "mfa/alice"]) expect(out).not.toContain(secret);
  });

  it("exports what operations changed in the store", async () => {
    const account = await load(gaad());
    account.store.users.get("bob")!.GroupList = [];
    account.touch();
    const g = account.toAuthorizationDetails();
    expect(g.UserDetailList[1].GroupList).toEqual([]);
    expect(g.Policies.find((p) => p.PolicyName === "ReadReports")!.AttachmentCount).toBe(1);
    expect(g.Policies.find((p) => p.PolicyName === "DevBoundary")!.PermissionsBoundaryUsageCount).toBe(1);
  });
});
