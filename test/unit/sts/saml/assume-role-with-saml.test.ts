/**
 * AssumeRoleWithSAML (js/sts/assume-role-with-saml.ts) end to end in the model: a provider from
 * the test IdP's metadata, roles trusting it with `saml:*` conditions, responses signed here;
 * the answer's fields (STS API Reference), the Role pair rule, session name, duration, tags and
 * source identity (IAM User Guide, "Configuring SAML assertions for the authentication
 * response"), replay, and the session's keys in later decisions.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Account } from "../../../../js/index.ts";
import { nameQualifier } from "../../../../js/sts/saml/context-keys.ts";
import { A, allow, clock, expectError, makeAccount, role, trust, type Clock } from "../core-helpers.ts";
import { base64Text, createTestIdp, ROLE_ATTR, rolePair, SESSION_NAME_ATTR, signedResponse, type AssertionOptions, type TestIdp } from "./test-idp.mjs";

const PROVIDER = `arn:aws:iam::${A}:saml-provider/Corp`;
const ATTR = "https://aws.amazon.com/SAML/Attributes/";
let idp: TestIdp;
let c: Clock;
let account: Account;
let roleArn: string;

const samlTrust = (condition?: Record<string, unknown>, actions: string | string[] = "sts:AssumeRoleWithSAML") =>
  trust({ Federated: PROVIDER }, condition ? { Condition: condition } : {}, actions);

beforeAll(async () => {
  idp = await createTestIdp();
});
beforeEach(async () => {
  c = clock();
  account = await makeAccount(A, c);
  await account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: idp.metadata });
  roleArn = await role(account, "Federated", samlTrust({ StringEquals: { "saml:aud": "https://signin.aws.amazon.com/saml" } }), allow("s3:GetObject", "arn:aws:s3:::corp/${saml:sub}/*"));
});

type Extra = Partial<AssertionOptions> & { sign?: "assertion" | "response" | "both" | "none" };
async function assertion(extra: Extra = {}, attrs: [string, string[]][] = []): Promise<string> {
  const attributes: [string, string[]][] = [[ROLE_ATTR, [rolePair(roleArn, PROVIDER)]], [SESSION_NAME_ATTR, ["jdoe"]], ...attrs];
  const { xml } = await signedResponse(idp, { now: c.now, nameId: "jdoe@example.com", attributes: extra.attributes ?? attributes, ...extra });
  return base64Text(xml);
}

describe("AssumeRoleWithSAML", () => {
  it("answers AWS's fields: credentials, assumed-role user, subject, type, issuer, audience, name qualifier", async () => {
    const out = await account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion() });
    expect(out.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${A}:assumed-role/Federated/jdoe`);
    expect(out.AssumedRoleUser.AssumedRoleId).toMatch(/^AROA[A-Z0-9]+:jdoe$/);
    expect(out.Credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials.Expiration).toBe("2026-03-01T13:00:00Z");
    expect(out).toMatchObject({ Subject: "jdoe@example.com", SubjectType: "persistent", Issuer: idp.entityId, Audience: "https://signin.aws.amazon.com/saml" });
    // "Uniquely identifying users in SAML-based federation": Base64(SHA1(issuer + account + "/" + name)).
    expect(out.NameQualifier).toBe(await nameQualifier(idp.entityId, A, "Corp"));
    expect(out.PackedPolicySize).toBeUndefined();
  });

  it("computes saml:namequalifier by AWS's formula (the API Reference's example inputs)", async () => {
    expect(await nameQualifier("https://example.com/saml", "123456789012", "MySAMLIdP")).toBe("1uAJanUnBc2XeUkHURMht+xam2c=");
  });

  it("needs the requested role and provider listed together in the Role attribute (either order)", async () => {
    const other = await role(account, "Other", samlTrust());
    await expectError(account.assumeRoleWithSAML({ RoleArn: other, PrincipalArn: PROVIDER, SAMLAssertion: await assertion() }), "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML");
    const reversed = await assertion({ attributes: [[ROLE_ATTR, [`${PROVIDER},${other}`]], [SESSION_NAME_ATTR, ["jdoe"]]] });
    expect((await account.assumeRoleWithSAML({ RoleArn: other, PrincipalArn: PROVIDER, SAMLAssertion: reversed })).AssumedRoleUser.Arn).toContain("/Other/");
  });

  it("refuses an unknown provider, a missing or malformed RoleSessionName, and a non-base64 assertion", async () => {
    await expectError(account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: `arn:aws:iam::${A}:saml-provider/Nope`, SAMLAssertion: await assertion() }), "InvalidIdentityToken", "Specified provider doesn't exist.");
    await expectError(account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ attributes: [[ROLE_ATTR, [rolePair(roleArn, PROVIDER)]]] }) }), "InvalidIdentityToken", "RoleSessionName is required in AuthnResponse");
    await expectError(account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ attributes: [[ROLE_ATTR, [rolePair(roleArn, PROVIDER)]], [SESSION_NAME_ATTR, ["John Doe"]]] }) }), "InvalidIdentityToken", /must match/);
    await expectError(account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: "!!!not base64!!!" }), "InvalidIdentityToken", /not base64/);
    await expectError(account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: "x".repeat(100_001) }), "ValidationError", /100000/);
  });

  it("refuses a replayed assertion, and accepts it again for no one after it expires", async () => {
    const once = await assertion();
    await account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: once });
    await expectError(account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: once }), "InvalidIdentityToken", /already been used/);
    c.advance(3600);
    await expectError(account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: once }), "ExpiredTokenException");
    expect(account.store.samlAssertionsUsed.size).toBe(1);
  });

  it("decides the trust policy on saml:* keys: aud, iss, sub, sub_type, doc, namequalifier, edupersonaffiliation", async () => {
    const nq = await nameQualifier(idp.entityId, A, "Corp");
    const strict = await role(account, "Strict", samlTrust({
      StringEquals: { "saml:aud": "https://signin.aws.amazon.com/saml", "saml:iss": idp.entityId, "saml:sub_type": "persistent", "saml:doc": `${A}/Corp`, "saml:namequalifier": nq },
      StringLike: { "saml:sub": "*@example.com" },
      "ForAnyValue:StringEquals": { "saml:edupersonaffiliation": "staff" },
    }));
    const attrs = (aff: string[]): [string, string[]][] => [[ROLE_ATTR, [rolePair(strict, PROVIDER)]], [SESSION_NAME_ATTR, ["jdoe"]], ["urn:oid:1.3.6.1.4.1.5923.1.1.1.1", aff]];
    expect((await account.assumeRoleWithSAML({ RoleArn: strict, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ attributes: attrs(["member", "staff"]) }) })).Subject).toBe("jdoe@example.com");
    await expectError(account.assumeRoleWithSAML({ RoleArn: strict, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ attributes: attrs(["student"]) }) }), "AccessDenied");
    await expectError(account.assumeRoleWithSAML({ RoleArn: strict, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ attributes: attrs(["staff"]), nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient" }) }), "AccessDenied");
    await expectError(account.assumeRoleWithSAML({ RoleArn: strict, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ attributes: attrs(["staff"]), nameId: "jdoe@evil.com" }) }), "AccessDenied");
  });

  it("a trust policy for another provider, or for web identity, does not let a SAML response in", async () => {
    const elsewhere = await role(account, "Elsewhere", trust({ Federated: `arn:aws:iam::${A}:saml-provider/Other` }, {}, "sts:AssumeRoleWithSAML"));
    await expectError(account.assumeRoleWithSAML({ RoleArn: elsewhere, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ attributes: [[ROLE_ATTR, [rolePair(elsewhere, PROVIDER)]], [SESSION_NAME_ATTR, ["jdoe"]]] }) }), "AccessDenied");
    const web = await role(account, "Web", trust({ Federated: PROVIDER }, {}, "sts:AssumeRoleWithWebIdentity"));
    await expectError(account.assumeRoleWithSAML({ RoleArn: web, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ attributes: [[ROLE_ATTR, [rolePair(web, PROVIDER)]], [SESSION_NAME_ATTR, ["jdoe"]]] }) }), "AccessDenied");
  });

  it("duration: DurationSeconds up to MaxSessionDuration, shortened by SessionDuration and SessionNotOnOrAfter", async () => {
    await expectError(account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion(), DurationSeconds: 7200 }), "ValidationError", /MaxSessionDuration/);
    const shortened = await account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({}, [[`${ATTR}SessionDuration`, ["1800"]]]) });
    expect(shortened.Credentials.Expiration).toBe("2026-03-01T12:30:00Z");
    const bySession = await account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ sessionNotOnOrAfter: new Date("2026-03-01T12:20:00Z") }) });
    expect(bySession.Credentials.Expiration).toBe("2026-03-01T12:20:00Z");
    await expectError(account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({}, [[`${ATTR}SessionDuration`, ["60"]]]) }), "InvalidIdentityToken", /between 900 and 43200/);
  });

  it("session tags need sts:TagSession; source identity needs sts:SetSourceIdentity; both reach the session", async () => {
    const tagged: [string, string[]][] = [[`${ATTR}PrincipalTag:Project`, ["Marketing"]], [`${ATTR}PrincipalTag:CostCenter`, ["12345"]], [`${ATTR}TransitiveTagKeys`, ["Project"]], [`${ATTR}SourceIdentity`, ["jdoe"]]];
    await expectError(account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({}, tagged) }), "AccessDenied", "Not authorized to perform sts:TagSession");
    await account.updateAssumeRolePolicy({ RoleName: "Federated", PolicyDocument: samlTrust({ StringEquals: { "aws:RequestTag/Project": "Marketing", "sts:SourceIdentity": "jdoe" } }, ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"]) });
    const out = await account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({}, tagged) });
    expect(out.SourceIdentity).toBe("jdoe");
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    const resolved = await account.resolveCredentials({ accessKeyId: out.Credentials.AccessKeyId, sessionToken: out.Credentials.SessionToken });
    expect(resolved.resolved.context).toMatchObject({ "aws:PrincipalTag/Project": "Marketing", "aws:PrincipalTag/CostCenter": "12345", "aws:SourceIdentity": "jdoe" });
    await expectError(account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({}, [[`${ATTR}TransitiveTagKeys`, ["Nope"]]]) }), "InvalidIdentityToken", /TransitiveTagKeys names Nope/);
  });

  it("the session keeps saml:sub, saml:sub_type, saml:namequalifier and aws:FederatedProvider for later requests", async () => {
    const out = await account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion() });
    const creds = { accessKeyId: out.Credentials.AccessKeyId, sessionToken: out.Credentials.SessionToken };
    const resolved = await account.resolveCredentials(creds);
    expect(resolved.resolved.context).toMatchObject({ "saml:sub": "jdoe@example.com", "saml:sub_type": "persistent", "saml:namequalifier": out.NameQualifier, "aws:FederatedProvider": PROVIDER });
    expect(resolved.resolved.context["saml:aud"]).toBeUndefined();
    // The role's policy names objects by ${saml:sub}.
    const mine = account.authorizePrincipal(resolved.principal, { action: "s3:GetObject", resource: "arn:aws:s3:::corp/jdoe@example.com/file" });
    const theirs = account.authorizePrincipal(resolved.principal, { action: "s3:GetObject", resource: "arn:aws:s3:::corp/other@example.com/file" });
    expect([mine.decision, theirs.decision]).toEqual(["Allow", "ImplicitDeny"]);
  });

  it("survives a snapshot of the account: the provider and the used assertions", async () => {
    const once = await assertion();
    await account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: once });
    const { snapshotRows, restoreRows } = await import("../../../../js/iam/snapshot.ts");
    const copy = await makeAccount(A, c);
    restoreRows(copy, snapshotRows(account));
    await expectError(copy.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: once }), "InvalidIdentityToken", /already been used/);
    expect((await copy.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion() })).Subject).toBe("jdoe@example.com");
  });
});
