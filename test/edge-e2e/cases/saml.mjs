/**
 * @module test/edge-e2e/cases/saml
 * SAML federation through the edge, with the unmodified AWS SDK: CreateSAMLProvider with a test
 * IdP's metadata (keys generated here, test/unit/sts/saml/test-idp.mjs), a role trusting the
 * provider, AssumeRoleWithSAML with a response signed here (the SDK sends it unsigned, as AWS
 * takes it), the session's credentials used against IAM and STS, and refusals: a wrapped
 * (XSW) response, a replayed one, an unsigned raw request for another STS action.
 */
import assert from "node:assert/strict";
import { CreateRoleCommand, CreateSAMLProviderCommand, GetSAMLProviderCommand, ListRolesCommand, ListSAMLProvidersCommand, ListUsersCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { errorOf, sdk } from "../clients.mjs";
import { assertionXml, base64Text, createTestIdp, responseXml, ROLE_ATTR, rolePair, SESSION_NAME_ATTR, signedResponse } from "../../unit/sts/saml/test-idp.mjs";

const doc = (statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const creds = (c) => ({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken });

export async function samlCases(t, { test }) {
  const A = t.accountId;
  const root = sdk(t.origin, t.root);
  const idp = await createTestIdp("https://idp.e2e.example.com/saml");
  const PrincipalArn = `arn:aws:iam::${A}:saml-provider/E2ECorp`;
  const RoleArn = `arn:aws:iam::${A}:role/saml-reader`;
  const attributes = [[ROLE_ATTR, [rolePair(RoleArn, PrincipalArn)]], [SESSION_NAME_ATTR, ["jdoe"]]];

  await test("CreateSAMLProvider takes the IdP's metadata; Get and List answer it", async () => {
    const out = await root.iam.send(new CreateSAMLProviderCommand({ Name: "E2ECorp", SAMLMetadataDocument: idp.metadata }));
    t.mutations.push({ eventName: "CreateSAMLProvider", requestId: out.$metadata.requestId });
    assert.equal(out.SAMLProviderArn, PrincipalArn);
    const got = await root.iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: PrincipalArn }));
    assert.equal(got.SAMLMetadataDocument, idp.metadata);
    assert.ok(got.CreateDate instanceof Date);
    const list = await root.iam.send(new ListSAMLProvidersCommand({}));
    assert.deepEqual(list.SAMLProviderList.map((p) => p.Arn), [PrincipalArn]);
    const bad = await errorOf(root.iam.send(new CreateSAMLProviderCommand({ Name: "Broken", SAMLMetadataDocument: `<x>${" ".repeat(1000)}</x>` })));
    assert.equal(bad?.code, "InvalidInput");
    assert.match(bad.message, /Could not parse metadata/);
  });

  await test("AssumeRoleWithSAML with a signed response gives credentials that work", async () => {
    await root.iam.send(new CreateRoleCommand({
      RoleName: "saml-reader",
      AssumeRolePolicyDocument: doc([{ Effect: "Allow", Principal: { Federated: PrincipalArn }, Action: "sts:AssumeRoleWithSAML", Condition: { StringEquals: { "saml:aud": "https://signin.aws.amazon.com/saml", "saml:iss": idp.entityId } } }]),
    }));
    await root.iam.send(new PutRolePolicyCommand({ RoleName: "saml-reader", PolicyName: "read", PolicyDocument: doc([{ Effect: "Allow", Action: "iam:ListRoles", Resource: "*" }]) }));
    const { xml } = await signedResponse(idp, { now: new Date(), nameId: "jdoe@example.com", attributes });
    t.samlAssertion = base64Text(xml);
    // The STS client sends AssumeRoleWithSAML unsigned (it needs no AWS credentials).
    const anonymous = sdk(t.origin, { accessKeyId: "AKIAIGNOREDIGNOREDXX", secretAccessKey: "ignored" });
    const out = await anonymous.sts.send(new AssumeRoleWithSAMLCommand({ RoleArn, PrincipalArn, SAMLAssertion: t.samlAssertion, DurationSeconds: 900 }));
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${A}:assumed-role/saml-reader/jdoe`);
    assert.equal(out.Subject, "jdoe@example.com");
    assert.equal(out.SubjectType, "persistent");
    assert.equal(out.Issuer, idp.entityId);
    assert.equal(out.Audience, "https://signin.aws.amazon.com/saml");
    assert.match(out.NameQualifier, /^[A-Za-z0-9+/]{27}=$/);
    const session = sdk(t.origin, creds(out.Credentials));
    assert.equal((await session.sts.send(new GetCallerIdentityCommand({}))).Arn, out.AssumedRoleUser.Arn);
    await session.iam.send(new ListRolesCommand({}));
    assert.equal((await errorOf(session.iam.send(new ListUsersCommand({}))))?.code, "AccessDenied");
  });

  await test("a replayed response, a wrapped (XSW) response and a forged signer are refused", async () => {
    const anonymous = sdk(t.origin, { accessKeyId: "AKIAIGNOREDIGNOREDXX", secretAccessKey: "ignored" });
    const replay = await errorOf(anonymous.sts.send(new AssumeRoleWithSAMLCommand({ RoleArn, PrincipalArn, SAMLAssertion: t.samlAssertion })));
    assert.equal(replay?.code, "InvalidIdentityToken");
    assert.match(replay.message, /already been used/);
    // XSW3: an unsigned assertion for "admin" placed before a genuinely signed one.
    const now = new Date();
    const { xml } = await signedResponse(idp, { now, nameId: "jdoe@example.com", attributes });
    const evil = assertionXml({ now, issuer: idp.entityId, nameId: "admin@example.com", attributes }).xml;
    const wrapped = xml.replace("<saml:Assertion ", `${evil}<saml:Assertion `);
    const xsw = await errorOf(anonymous.sts.send(new AssumeRoleWithSAMLCommand({ RoleArn, PrincipalArn, SAMLAssertion: base64Text(wrapped) })));
    assert.equal(xsw?.code, "InvalidIdentityToken");
    assert.match(xsw.message, /exactly one Assertion/);
    const forger = await createTestIdp(idp.entityId);
    const forged = await signedResponse(forger, { now, nameId: "admin@example.com", attributes });
    const bad = await errorOf(anonymous.sts.send(new AssumeRoleWithSAMLCommand({ RoleArn, PrincipalArn, SAMLAssertion: base64Text(forged.xml) })));
    assert.match(bad?.message ?? "", /Response signature invalid/);
    // The raw unsigned form is the same call; an unsigned response (no Signature) is refused.
    const unsigned = responseXml({ now, issuer: idp.entityId, assertion: assertionXml({ now, issuer: idp.entityId, attributes }).xml }).xml;
    const body = new URLSearchParams({ Action: "AssumeRoleWithSAML", Version: "2011-06-15", RoleArn, PrincipalArn, SAMLAssertion: base64Text(unsigned) });
    const raw = await fetch(t.origin, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    const text = await raw.text();
    assert.equal(raw.status, 400, text);
    assert.match(text, /<Code>InvalidIdentityToken<\/Code>/);
  });
}
