/**
 * @module test/runtimes/browser/saml-tests
 * SAML federation in Chromium, through the built package (dist/browser.js): a provider from a
 * test IdP's metadata (keys generated in the page with WebCrypto), AssumeRoleWithSAML with a
 * response signed in the page, and a wrapped (XSW) and an unsigned response refused. The same
 * verifier runs in workerd through test/unit/sts/saml/** (test/runtimes/workerd/vitest.unit.config.ts).
 */
import type * as Package from "iam-edge";
import type { SharedTest } from "../../shared/suite.ts";
import { equal, ok } from "../../shared/assert.ts";
import { assertionXml, base64Text, createTestIdp, ROLE_ATTR, rolePair, SESSION_NAME_ATTR, signedResponse } from "../../unit/sts/saml/test-idp.mjs";

const ACCOUNT = "111122223333";
const PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/Corp`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/Federated`;

async function setUp(api: typeof Package) {
  const idp = await createTestIdp();
  const account = await api.Account.create({ accountId: ACCOUNT, engine: await api.createEngine() });
  await account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: idp.metadata });
  const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: PROVIDER }, Action: "sts:AssumeRoleWithSAML", Condition: { StringEquals: { "saml:aud": "https://signin.aws.amazon.com/saml" } } }] };
  await account.createRole({ RoleName: "Federated", AssumeRolePolicyDocument: JSON.stringify(trust) });
  const attributes: [string, string[]][] = [[ROLE_ATTR, [rolePair(ROLE, PROVIDER)]], [SESSION_NAME_ATTR, ["jdoe"]]];
  return { idp, account, attributes };
}

async function refusedWith(p: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const err = await p.then(() => undefined, (e: unknown) => e as { code?: string; message?: string });
  ok(err !== undefined, "the response was accepted");
  equal(err!.code, code, "error code");
  ok(message.test(err!.message ?? ""), `message: ${err!.message}`);
}

export function samlBrowserTests(api: typeof Package): SharedTest[] {
  return [
    {
      name: "browser: AssumeRoleWithSAML verifies a response signed in the page (exc-c14n, RSA-SHA256 with WebCrypto)",
      fn: async () => {
        const { idp, account, attributes } = await setUp(api);
        const { xml } = await signedResponse(idp, { now: new Date(), nameId: "jdoe@example.com", attributes });
        const out = await account.assumeRoleWithSAML({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion: base64Text(xml) });
        equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Federated/jdoe`, "assumed-role ARN");
        equal(out.Subject, "jdoe@example.com", "subject");
        ok(/^ASIA/.test(out.Credentials.AccessKeyId), "temporary credentials");
      },
    },
    {
      name: "browser: AssumeRoleWithSAML refuses a wrapped (XSW) and an unsigned response",
      fn: async () => {
        const { idp, account, attributes } = await setUp(api);
        const now = new Date();
        const { xml } = await signedResponse(idp, { now, nameId: "jdoe@example.com", attributes });
        const evil = assertionXml({ now, issuer: idp.entityId, nameId: "admin", attributes }).xml;
        await refusedWith(account.assumeRoleWithSAML({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion: base64Text(xml.replace("<saml:Assertion ", `${evil}<saml:Assertion `)) }), "InvalidIdentityToken", /exactly one Assertion/);
        const unsigned = await signedResponse(idp, { now, attributes, sign: "none" });
        await refusedWith(account.assumeRoleWithSAML({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion: base64Text(unsigned.xml) }), "InvalidIdentityToken", /signature invalid/);
      },
    },
  ];
}
