/**
 * IAM SAML identity providers (js/iam/ops/saml-providers.ts, js/iam/saml/metadata.ts, x509.ts):
 * the IAM API Reference's fields and errors, the quotas of "IAM and AWS STS quotas", and the
 * metadata rules of "Creating IAM SAML identity providers".
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Account } from "../../../../js/index.ts";
import { A, clock, expectError, makeAccount } from "../core-helpers.ts";
import { createTestIdp, extension, generateKeys, makeCertificate, metadataXml, oid, seq, tlv, type TestIdp } from "./test-idp.mjs";

let idp: TestIdp;
let account: Account;
const ARN = `arn:aws:iam::${A}:saml-provider/Corp`;

beforeAll(async () => {
  idp = await createTestIdp();
});
beforeEach(async () => {
  account = await makeAccount(A, clock());
});

describe("CreateSAMLProvider, GetSAMLProvider, ListSAMLProviders", () => {
  it("creates the provider with AWS's ARN, and answers its document, UUID, dates and tags", async () => {
    const metadata = metadataXml({ entityId: idp.entityId, certificates: [idp.certificate], validUntil: "2030-01-01T00:00:00Z" });
    const created = await account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: metadata, Tags: [{ Key: "team", Value: "id" }] });
    expect(created).toEqual({ SAMLProviderArn: ARN, Tags: [{ Key: "team", Value: "id" }] });
    const got = await account.getSAMLProvider({ SAMLProviderArn: ARN });
    expect(got.SAMLMetadataDocument).toBe(metadata);
    expect(got.SAMLProviderUUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(got).toMatchObject({ CreateDate: "2026-03-01T12:00:00Z", ValidUntil: "2030-01-01T00:00:00Z", Tags: [{ Key: "team", Value: "id" }] });
    expect(await account.listSAMLProviders()).toEqual({ SAMLProviderList: [{ Arn: ARN, CreateDate: "2026-03-01T12:00:00Z", ValidUntil: "2030-01-01T00:00:00Z" }] });
  });

  it("refuses a second provider of the same name, and past 100 providers", async () => {
    await account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: idp.metadata });
    await expectError(account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: idp.metadata }), "EntityAlreadyExists", "Provider with name Corp already exists.");
    for (let i = 1; i < 100; i++) await account.createSAMLProvider({ Name: `p${i}`, SAMLMetadataDocument: idp.metadata });
    await expectError(account.createSAMLProvider({ Name: "one-too-many", SAMLMetadataDocument: idp.metadata }), "LimitExceeded", /SAMLProvidersPerAccount: 100/);
  });

  it("checks the name and the document's length as the API Reference gives them", async () => {
    await expectError(account.createSAMLProvider({ Name: "has space", SAMLMetadataDocument: idp.metadata }), "ValidationError", /regular expression/);
    await expectError(account.createSAMLProvider({ Name: "x".repeat(129), SAMLMetadataDocument: idp.metadata }), "ValidationError", /128/);
    await expectError(account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: "<x/>" }), "ValidationError", /between 1000 and 10000000/);
  });

  it("refuses metadata IAM cannot parse, saying why (with the line and column for XML)", async () => {
    const pad = `<!--${" ".repeat(1000)}-->`;
    await expectError(account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: `${pad}<md:EntityDescriptor>` }), "InvalidInput", /Could not parse metadata: the prefix md is not declared \(line 1, column \d+\)/);
    await expectError(account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: `${pad}<x/>` }), "InvalidInput", /Could not parse metadata: the root element is x/);
    const noKeys = idp.metadata.replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>/, pad);
    await expectError(account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: noKeys }), "InvalidInput", /no signing certificate/);
    const doctype = `<!DOCTYPE md [<!ENTITY e "x">]>${idp.metadata.replace(/^<\?xml[^>]*>\n/, "")}`;
    await expectError(account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: doctype }), "InvalidInput", /DOCTYPE/);
  });

  it("refuses certificates with keys under 1024 bits or a repeated extension", async () => {
    const keys = await generateKeys();
    // A 512-bit RSA key, written by hand (the certificate's own signature is not what IAM checks).
    const modulus = new Uint8Array(65);
    modulus[1] = 0xc0;
    const small = seq(seq(oid("1.2.840.113549.1.1.1"), tlv(0x05)), tlv(0x03, Uint8Array.of(0), seq(tlv(0x02, modulus), tlv(0x02, Uint8Array.of(1, 0, 1)))));
    const weak = await makeCertificate({ keys, spki: small });
    await expectError(account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: metadataXml({ entityId: idp.entityId, certificates: [weak] }) }), "InvalidInput", /512-bit key; at least 1024/);
    const twice = await makeCertificate({ keys, extensions: [extension("2.5.29.19"), extension("2.5.29.19")] });
    await expectError(account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: metadataXml({ entityId: idp.entityId, certificates: [twice] }) }), "InvalidInput", /extension 2\.5\.29\.19 appears twice/);
    const once = await makeCertificate({ keys, extensions: [extension("2.5.29.19"), extension("2.5.29.15")] });
    expect((await account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: metadataXml({ entityId: idp.entityId, certificates: [once] }) })).SAMLProviderArn).toBe(ARN);
  });

  it("refuses encrypted-assertion settings, which are not modelled", async () => {
    await expectError(account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: idp.metadata, AssertionEncryptionMode: "Required" }), "InvalidInput", /not modelled/);
  });
});

describe("UpdateSAMLProvider, DeleteSAMLProvider, tags", () => {
  it("replaces the metadata; NoSuchEntity for an unknown provider; deletes", async () => {
    await account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: idp.metadata });
    const next = await createTestIdp("https://idp2.example.com");
    expect(await account.updateSAMLProvider({ SAMLProviderArn: ARN, SAMLMetadataDocument: next.metadata })).toEqual({ SAMLProviderArn: ARN });
    expect((await account.getSAMLProvider({ SAMLProviderArn: ARN })).SAMLMetadataDocument).toBe(next.metadata);
    const missing = `arn:aws:iam::${A}:saml-provider/Nope`;
    await expectError(account.getSAMLProvider({ SAMLProviderArn: missing }), "NoSuchEntity", `Manifest not found for arn ${missing}`);
    await expectError(account.updateSAMLProvider({ SAMLProviderArn: missing, SAMLMetadataDocument: next.metadata }), "NoSuchEntity");
    await expectError(account.getSAMLProvider({ SAMLProviderArn: "arn:aws:iam::123:saml-provider/x" }), "InvalidInput", /is not valid/);
    await account.deleteSAMLProvider({ SAMLProviderArn: ARN });
    await expectError(account.deleteSAMLProvider({ SAMLProviderArn: ARN }), "NoSuchEntity");
    expect((await account.listSAMLProviders()).SAMLProviderList).toEqual([]);
  });

  it("tags, untags and lists tags like the other families", async () => {
    await account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: idp.metadata });
    await account.tagSAMLProvider({ SAMLProviderArn: ARN, Tags: [{ Key: "b", Value: "2" }, { Key: "a", Value: "1" }] });
    await account.untagSAMLProvider({ SAMLProviderArn: ARN, TagKeys: ["b"] });
    expect(await account.listSAMLProviderTags({ SAMLProviderArn: ARN })).toEqual({ Tags: [{ Key: "a", Value: "1" }], IsTruncated: false });
  });

  it("authorizes each operation as iam:<Operation> on the provider's ARN", async () => {
    const { User } = await account.createUser({ UserName: "ops" });
    await account.putUserPolicy({ UserName: "ops", PolicyName: "p", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:CreateSAMLProvider", Resource: `arn:aws:iam::${A}:saml-provider/Corp` }] }) });
    expect((await account.createSAMLProvider({ Name: "Corp", SAMLMetadataDocument: idp.metadata }, { caller: User.Arn })).SAMLProviderArn).toBe(ARN);
    await expectError(account.createSAMLProvider({ Name: "Other", SAMLMetadataDocument: idp.metadata }, { caller: User.Arn }), "AccessDenied", /iam:CreateSAMLProvider/);
    await expectError(account.listSAMLProviders({}, { caller: User.Arn }), "AccessDenied", /iam:ListSAMLProviders/);
  });
});
