/**
 * The CloudTrail record of AssumeRoleWithSAML names a `SAMLUser` (CloudTrail User Guide,
 * "CloudTrail userIdentity element"; the AssumeRoleWithSAML example of "Logging IAM and AWS STS
 * API calls with AWS CloudTrail"): principalId `<namequalifier>:<NameID>`, userName the NameID,
 * identityProvider the name qualifier — for an accepted and a refused response alike.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Account } from "../../../../js/index.ts";
import type { CloudTrailRecord } from "../../../../js/iam/audit.ts";
import { nameQualifier } from "../../../../js/sts/saml/context-keys.ts";
import { A, clock, makeAccount, role, trust, type Clock } from "../core-helpers.ts";
import { base64Text, createTestIdp, ROLE_ATTR, rolePair, SESSION_NAME_ATTR, signedResponse, type TestIdp } from "./test-idp.mjs";

const PROVIDER = `arn:aws:iam::${A}:saml-provider/Corp`;
let idp: TestIdp;
let c: Clock;
let account: Account;
let roleArn: string;
let records: CloudTrailRecord[];

beforeAll(async () => {
  idp = await createTestIdp();
});
beforeEach(async () => {
  c = clock();
  account = await makeAccount(A, c);
  await account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: idp.metadata });
  roleArn = await role(account, "Federated", trust({ Federated: PROVIDER }, {}, "sts:AssumeRoleWithSAML"));
  records = [];
  account.audit = (r) => void records.push(r);
});

async function assertion(): Promise<string> {
  const { xml } = await signedResponse(idp, { now: c.now, nameId: "jdoe@example.com", attributes: [[ROLE_ATTR, [rolePair(roleArn, PROVIDER)]], [SESSION_NAME_ATTR, ["jdoe"]]] });
  return base64Text(xml);
}

function samlRecord(): CloudTrailRecord {
  const found = records.filter((r) => r.eventName === "AssumeRoleWithSAML");
  expect(found).toHaveLength(1);
  return found[0];
}

describe("CloudTrail userIdentity of AssumeRoleWithSAML", () => {
  it("is a SAMLUser named by the name qualifier and the NameID", async () => {
    await account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: await assertion() });
    await new Promise((r) => setTimeout(r, 0));
    const q = await nameQualifier(idp.entityId, A, "Corp");
    expect(samlRecord().userIdentity).toEqual({ type: "SAMLUser", principalId: `${q}:jdoe@example.com`, userName: "jdoe@example.com", identityProvider: q });
  });

  it("names the claimed SAMLUser of a refused call too (wrong provider ARN: no qualifier)", async () => {
    await account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: "not-an-arn", SAMLAssertion: await assertion() }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 0));
    expect(samlRecord().userIdentity).toEqual({ type: "SAMLUser", userName: "jdoe@example.com" });
  });

  it("is a bare SAMLUser when the response is not base64 XML", async () => {
    await account.assumeRoleWithSAML({ RoleArn: roleArn, PrincipalArn: PROVIDER, SAMLAssertion: "%%%" }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 0));
    expect(samlRecord().userIdentity).toEqual({ type: "SAMLUser" });
  });
});
