/**
 * @module iam/ops/saml-providers
 * IAM SAML identity providers: CreateSAMLProvider, GetSAMLProvider, UpdateSAMLProvider,
 * DeleteSAMLProvider, ListSAMLProviders, with the request and response fields of the IAM API
 * Reference (API_CreateSAMLProvider.html and the others of the same names; their tags are in
 * tags.ts). The metadata is read by ../saml/metadata.ts; AssumeRoleWithSAML (js/sts) verifies
 * responses with its issuer and signing certificates.
 *
 * AWS rules: Name 1-128 characters of `[\w+=,.@-]`; SAMLMetadataDocument 1000 to 10,000,000
 * characters (API Reference), UTF-8 XML IAM can read, else InvalidInput "Could not parse
 * metadata" ("Troubleshooting SAML 2.0 federation"); the ARN is
 * `arn:aws:iam::ACCOUNT:saml-provider/NAME`; at most 100 SAML providers per account and 50 tags
 * ("IAM and AWS STS quotas"). Encrypted assertions (AssertionEncryptionMode `Required`,
 * AddPrivateKey, RemovePrivateKey) are not modelled: InvalidInput says so.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkTags } from "../validate.ts";
import type { SAMLProviderEntity, Tag } from "../store.ts";
import { MetadataError, readSamlMetadata, type SamlMetadata } from "../saml/metadata.ts";
import { authorizedEntity, checkSamlProviderArn, SAML_PROVIDERS } from "./families.ts";
import { requestObject, tagContext, validationError, type EmptyResponse } from "./shared.ts";

export const SAML_QUOTAS = { providers: 100, metadataMin: 1000, metadataMax: 10_000_000, nameLength: 128 } as const;

export interface CreateSAMLProviderRequest {
  Name: string;
  /** The IdP's metadata XML (EntityDescriptor with an IDPSSODescriptor and its signing certificates). */
  SAMLMetadataDocument: string;
  Tags?: Tag[];
  /** Only `Allowed` (the default) is modelled. */
  AssertionEncryptionMode?: string;
  AddPrivateKey?: string;
}
export interface CreateSAMLProviderResponse { SAMLProviderArn: string; Tags?: Tag[] }
export interface SAMLProviderRequest { SAMLProviderArn: string }
export interface GetSAMLProviderResponse {
  SAMLProviderUUID: string;
  SAMLMetadataDocument: string;
  CreateDate: string;
  ValidUntil?: string;
  Tags?: Tag[];
}
export interface UpdateSAMLProviderRequest {
  SAMLProviderArn: string;
  SAMLMetadataDocument?: string;
  AssertionEncryptionMode?: string;
  AddPrivateKey?: string;
  RemovePrivateKey?: string;
}
export interface UpdateSAMLProviderResponse { SAMLProviderArn: string }
export interface ListSAMLProvidersResponse { SAMLProviderList: { Arn: string; ValidUntil?: string; CreateDate: string }[] }

const NAME = /^[\w+=,.@-]+$/;

function checkProviderName(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) throw validationError("name", "Member must not be null");
  if (value.length > SAML_QUOTAS.nameLength) throw validationError("name", `Member must have length less than or equal to ${SAML_QUOTAS.nameLength}`, value);
  if (!NAME.test(value)) throw validationError("name", "Member must satisfy regular expression pattern: [\\w._-]+", value);
  return value;
}

/** The metadata document, read; InvalidInput "Could not parse metadata" with the reason. */
function checkMetadata(value: unknown): { text: string; metadata: SamlMetadata } {
  if (typeof value !== "string" || value.length === 0) throw validationError("sAMLMetadataDocument", "Member must not be null");
  if (value.length < SAML_QUOTAS.metadataMin || value.length > SAML_QUOTAS.metadataMax) {
    throw validationError("sAMLMetadataDocument", `Member must have length between ${SAML_QUOTAS.metadataMin} and ${SAML_QUOTAS.metadataMax}`);
  }
  try {
    return { text: value, metadata: readSamlMetadata(value) };
  } catch (e) {
    if (e instanceof MetadataError) throw new IamError("InvalidInput", `Could not parse metadata: ${e.message}`);
    throw e;
  }
}

/** Encrypted assertions are not modelled: only the default mode is accepted. */
function checkEncryptionOptions(req: { AssertionEncryptionMode?: unknown; AddPrivateKey?: unknown; RemovePrivateKey?: unknown }): void {
  const mode = req.AssertionEncryptionMode;
  if (mode !== undefined && mode !== "Allowed") {
    throw new IamError("InvalidInput", `AssertionEncryptionMode ${String(mode)} is not supported by this model: encrypted SAML assertions are not modelled (leave it out or use Allowed)`);
  }
  if (req.AddPrivateKey !== undefined || req.RemovePrivateKey !== undefined) {
    throw new IamError("InvalidInput", "Private keys for encrypted SAML assertions are not modelled: leave out AddPrivateKey and RemovePrivateKey");
  }
}

export async function createSAMLProvider(account: AccountState, input: CreateSAMLProviderRequest, options?: OperationOptions): Promise<CreateSAMLProviderResponse> {
  requestObject(input, "CreateSAMLProvider");
  const name = checkProviderName(input.Name);
  const { text, metadata } = checkMetadata(input.SAMLMetadataDocument);
  checkEncryptionOptions(input);
  const tags = checkTags(input.Tags);
  const arn = account.arn(`saml-provider/${name}`);
  await account.authorizeOperation(options, "iam:CreateSAMLProvider", arn, tagContext(input.Tags));
  if (account.store.samlProviders.has(arn)) throw new IamError("EntityAlreadyExists", `Provider with name ${name} already exists.`);
  if (account.store.samlProviders.size >= SAML_QUOTAS.providers) {
    throw new IamError("LimitExceeded", `Cannot exceed quota for SAMLProvidersPerAccount: ${SAML_QUOTAS.providers}`);
  }
  const entity: SAMLProviderEntity = { Arn: arn, Name: name, SAMLMetadataDocument: text, SAMLProviderUUID: crypto.randomUUID(), CreateDate: account.timestamp(), Tags: tags };
  if (metadata.validUntil !== undefined) entity.ValidUntil = metadata.validUntil;
  account.store.samlProviders.set(arn, entity);
  account.touch();
  const out: CreateSAMLProviderResponse = { SAMLProviderArn: arn };
  if (tags.length > 0) out.Tags = tags.map((t) => ({ ...t }));
  return out;
}

export async function getSAMLProvider(account: AccountState, input: SAMLProviderRequest, options?: OperationOptions): Promise<GetSAMLProviderResponse> {
  requestObject(input, "GetSAMLProvider");
  const arn = checkSamlProviderArn(input.SAMLProviderArn);
  const p = await authorizedEntity(account, SAML_PROVIDERS, arn, "GetSAMLProvider", options);
  const out: GetSAMLProviderResponse = { SAMLProviderUUID: p.SAMLProviderUUID, SAMLMetadataDocument: p.SAMLMetadataDocument, CreateDate: p.CreateDate };
  if (p.ValidUntil !== undefined) out.ValidUntil = p.ValidUntil;
  if (p.Tags.length > 0) out.Tags = p.Tags.map((t) => ({ ...t }));
  return out;
}

export async function updateSAMLProvider(account: AccountState, input: UpdateSAMLProviderRequest, options?: OperationOptions): Promise<UpdateSAMLProviderResponse> {
  requestObject(input, "UpdateSAMLProvider");
  const arn = checkSamlProviderArn(input.SAMLProviderArn);
  checkEncryptionOptions(input);
  if (input.SAMLMetadataDocument === undefined) throw new IamError("InvalidInput", "Nothing to update: give a SAMLMetadataDocument (encrypted assertions are not modelled)");
  const { text, metadata } = checkMetadata(input.SAMLMetadataDocument);
  const p = await authorizedEntity(account, SAML_PROVIDERS, arn, "UpdateSAMLProvider", options, { write: true });
  p.SAMLMetadataDocument = text;
  if (metadata.validUntil !== undefined) p.ValidUntil = metadata.validUntil;
  else delete p.ValidUntil;
  account.touch();
  return { SAMLProviderArn: arn };
}

export async function deleteSAMLProvider(account: AccountState, input: SAMLProviderRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "DeleteSAMLProvider");
  const arn = checkSamlProviderArn(input.SAMLProviderArn);
  await authorizedEntity(account, SAML_PROVIDERS, arn, "DeleteSAMLProvider", options, { write: true });
  account.store.samlProviders.delete(arn);
  account.touch();
  return {};
}

export async function listSAMLProviders(account: AccountState, input?: Record<string, never>, options?: OperationOptions): Promise<ListSAMLProvidersResponse> {
  requestObject(input ?? {}, "ListSAMLProviders");
  await account.authorizeOperation(options, "iam:ListSAMLProviders", "*");
  const list = [...account.store.samlProviders.values()].sort((a, b) => (a.Arn < b.Arn ? -1 : a.Arn > b.Arn ? 1 : 0));
  return {
    SAMLProviderList: list.map((p) => {
      const row: { Arn: string; ValidUntil?: string; CreateDate: string } = { Arn: p.Arn, CreateDate: p.CreateDate };
      if (p.ValidUntil !== undefined) row.ValidUntil = p.ValidUntil;
      return row;
    }),
  };
}

/** The provider's metadata, read (cached per provider and document: AssumeRoleWithSAML reads it on every call). */
const metadataCache = new WeakMap<SAMLProviderEntity, { text: string; metadata: SamlMetadata }>();
export function providerMetadata(provider: SAMLProviderEntity): SamlMetadata {
  const hit = metadataCache.get(provider);
  if (hit && hit.text === provider.SAMLMetadataDocument) return hit.metadata;
  const metadata = readSamlMetadata(provider.SAMLMetadataDocument);
  metadataCache.set(provider, { text: provider.SAMLMetadataDocument, metadata });
  return metadata;
}
