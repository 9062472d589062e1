/**
 * @module iam/ops/oidc-providers
 * IAM OIDC identity providers: CreateOpenIDConnectProvider, GetOpenIDConnectProvider,
 * ListOpenIDConnectProviders, DeleteOpenIDConnectProvider, AddClientIDToOpenIDConnectProvider,
 * RemoveClientIDFromOpenIDConnectProvider, UpdateOpenIDConnectProviderThumbprint, with the
 * request and response fields of the IAM API Reference (API_CreateOpenIDConnectProvider.html and
 * the others of the same names; their tags are in tags.ts), plus two iam-edge extensions,
 * `setOpenIDConnectProviderKeys` and `getOpenIDConnectProviderKeys`, which store and read the
 * provider's JWKS (checked by ../jwks.ts; the model never fetches it).
 *
 * AWS rules ("Create an OpenID Connect (OIDC) identity provider in IAM", "IAM and AWS STS
 * quotas"): the URL starts with `https://`, has a host, no query or fragment, at most 255
 * characters; the ARN is `arn:aws:iam::ACCOUNT:oidc-provider/` + the URL without `https://`;
 * one provider per URL (EntityAlreadyExists); at most 100 client ids of 1-255 characters; at
 * most 5 thumbprints of 40 hex digits (optional since 2024: AWS verifies well-known providers
 * through their CA); at most 50 tags. Delete and remove-client-id are idempotent, as the API
 * Reference says.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkTags } from "../validate.ts";
import type { OpenIDConnectProviderEntity, Tag } from "../store.ts";
import { checkJwks, JwksError, type Jwks } from "../jwks.ts";
import { authorizedEntity, checkProviderArn, OIDC_PROVIDERS } from "./families.ts";
import { requestObject, tagContext, validationError, type EmptyResponse } from "./shared.ts";

export const OIDC_QUOTAS = { urlLength: 255, clientIds: 100, clientIdLength: 255, thumbprints: 5 } as const;

export interface CreateOpenIDConnectProviderRequest {
  /** `https://host[/path]`: the `iss` of the provider's tokens. */
  Url: string;
  ClientIDList?: string[];
  ThumbprintList?: string[];
  Tags?: Tag[];
}
export interface CreateOpenIDConnectProviderResponse { OpenIDConnectProviderArn: string; Tags?: Tag[] }
export interface OpenIDConnectProviderRequest { OpenIDConnectProviderArn: string }
export interface GetOpenIDConnectProviderResponse {
  /** Host and path, without `https://`, as IAM returns it. */
  Url: string;
  ClientIDList: string[];
  ThumbprintList: string[];
  CreateDate: string;
  Tags?: Tag[];
}
export interface ListOpenIDConnectProvidersResponse { OpenIDConnectProviderList: { Arn: string }[] }
export interface ClientIDRequest { OpenIDConnectProviderArn: string; ClientID: string }
export interface UpdateOpenIDConnectProviderThumbprintRequest { OpenIDConnectProviderArn: string; ThumbprintList: string[] }
export interface SetOpenIDConnectProviderKeysRequest {
  OpenIDConnectProviderArn: string;
  /** The provider's JWKS (`{ keys: [...] }`, object or JSON text), as served at its `jwks_uri`. */
  Jwks: unknown;
}
export interface GetOpenIDConnectProviderKeysResponse { Jwks?: Jwks }


const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d{1,5})?$/;
const PATH = /^(?:\/[\x21-\x7e]*)?$/;
const THUMBPRINT = /^[0-9A-Fa-f]{40}$/;


/** The provider URL as IAM stores it: without `https://`. Throws ValidationError or InvalidInput. */
export function checkProviderUrl(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) throw validationError("url", "Member must not be null");
  if (value.length > OIDC_QUOTAS.urlLength) throw validationError("url", `Member must have length less than or equal to ${OIDC_QUOTAS.urlLength}`, value);
  if (!value.startsWith("https://")) throw new IamError("InvalidInput", `Invalid OpenID Connect Provider URL: ${value}: the URL must begin with https://`);
  const rest = value.slice("https://".length);
  const slash = rest.indexOf("/");
  const host = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? "" : rest.slice(slash);
  if (/[?#]/.test(rest) || !HOST.test(host) || !PATH.test(path)) {
    throw new IamError("InvalidInput", `Invalid OpenID Connect Provider URL: ${value}: expected https://host[/path], with no query or fragment`);
  }
  return rest;
}

function checkClientId(value: unknown, field = "clientID"): string {
  if (typeof value !== "string" || value.length === 0) throw validationError(field, "Member must not be null");
  if (value.length > OIDC_QUOTAS.clientIdLength) throw validationError(field, `Member must have length less than or equal to ${OIDC_QUOTAS.clientIdLength}`, value);
  return value;
}

function checkClientIdList(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw validationError("clientIDList", "Member must be a list of strings");
  const ids = [...new Set(value.map((v) => checkClientId(v, "clientIDList.member")))];
  if (ids.length > OIDC_QUOTAS.clientIds) throw new IamError("LimitExceeded", `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${OIDC_QUOTAS.clientIds}`);
  return ids;
}

function checkThumbprints(value: unknown, required: boolean): string[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value)) throw validationError("thumbprintList", "Member must not be null");
  if (value.length > OIDC_QUOTAS.thumbprints) throw validationError("thumbprintList", `Member must have length less than or equal to ${OIDC_QUOTAS.thumbprints}`);
  for (const t of value) {
    if (typeof t !== "string" || !THUMBPRINT.test(t)) {
      throw validationError("thumbprintList.member", "Member must have length 40 and be hexadecimal (the SHA-1 fingerprint of the certificate)", t);
    }
  }
  return [...new Set(value.map((t: string) => t.toLowerCase()))];
}



/** The provider whose URL is `issuer` (`https://host/path`, compared exactly), if any. */
export function findProviderByIssuer(account: AccountState, issuer: string): OpenIDConnectProviderEntity | undefined {
  if (!issuer.startsWith("https://")) return undefined;
  return account.store.oidcProviders.get(account.arn(`oidc-provider/${issuer.slice("https://".length)}`));
}

export async function createOpenIDConnectProvider(account: AccountState, input: CreateOpenIDConnectProviderRequest, options?: OperationOptions): Promise<CreateOpenIDConnectProviderResponse> {
  requestObject(input, "CreateOpenIDConnectProvider");
  const url = checkProviderUrl(input.Url);
  const clientIds = checkClientIdList(input.ClientIDList);
  const thumbprints = checkThumbprints(input.ThumbprintList, false);
  const tags = checkTags(input.Tags);
  const arn = account.arn(`oidc-provider/${url}`);
  await account.authorizeOperation(options, "iam:CreateOpenIDConnectProvider", arn, tagContext(input.Tags));
  if (account.store.oidcProviders.has(arn)) throw new IamError("EntityAlreadyExists", `Provider with url ${input.Url} already exists.`);
  account.store.oidcProviders.set(arn, { Arn: arn, Url: url, ClientIDList: clientIds, ThumbprintList: thumbprints, CreateDate: account.timestamp(), Tags: tags });
  account.touch();
  const out: CreateOpenIDConnectProviderResponse = { OpenIDConnectProviderArn: arn };
  if (tags.length > 0) out.Tags = tags.map((t) => ({ ...t }));
  return out;
}

export async function getOpenIDConnectProvider(account: AccountState, input: OpenIDConnectProviderRequest, options?: OperationOptions): Promise<GetOpenIDConnectProviderResponse> {
  requestObject(input, "GetOpenIDConnectProvider");
  const arn = checkProviderArn(input.OpenIDConnectProviderArn);
  const p = await authorizedEntity(account, OIDC_PROVIDERS, arn, "GetOpenIDConnectProvider", options);
  const out: GetOpenIDConnectProviderResponse = { Url: p.Url, ClientIDList: [...p.ClientIDList], ThumbprintList: [...p.ThumbprintList], CreateDate: p.CreateDate };
  if (p.Tags.length > 0) out.Tags = p.Tags.map((t) => ({ ...t }));
  return out;
}

export async function listOpenIDConnectProviders(account: AccountState, input?: Record<string, never>, options?: OperationOptions): Promise<ListOpenIDConnectProvidersResponse> {
  requestObject(input ?? {}, "ListOpenIDConnectProviders");
  await account.authorizeOperation(options, "iam:ListOpenIDConnectProviders", "*");
  const arns = [...account.store.oidcProviders.keys()].sort();
  return { OpenIDConnectProviderList: arns.map((Arn) => ({ Arn })) };
}

export async function deleteOpenIDConnectProvider(account: AccountState, input: OpenIDConnectProviderRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "DeleteOpenIDConnectProvider");
  const arn = checkProviderArn(input.OpenIDConnectProviderArn);
  await account.authorizeOperation(options, "iam:DeleteOpenIDConnectProvider", arn);
  if (account.store.oidcProviders.delete(arn)) account.touch();
  return {};
}

export async function addClientIDToOpenIDConnectProvider(account: AccountState, input: ClientIDRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "AddClientIDToOpenIDConnectProvider");
  const arn = checkProviderArn(input.OpenIDConnectProviderArn);
  const id = checkClientId(input.ClientID);
  const p = await authorizedEntity(account, OIDC_PROVIDERS, arn, "AddClientIDToOpenIDConnectProvider", options);
  if (p.ClientIDList.includes(id)) return {};
  if (p.ClientIDList.length >= OIDC_QUOTAS.clientIds) throw new IamError("LimitExceeded", `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${OIDC_QUOTAS.clientIds}`);
  p.ClientIDList = [...p.ClientIDList, id];
  account.touch();
  return {};
}

export async function removeClientIDFromOpenIDConnectProvider(account: AccountState, input: ClientIDRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "RemoveClientIDFromOpenIDConnectProvider");
  const arn = checkProviderArn(input.OpenIDConnectProviderArn);
  const id = checkClientId(input.ClientID);
  const p = await authorizedEntity(account, OIDC_PROVIDERS, arn, "RemoveClientIDFromOpenIDConnectProvider", options);
  if (!p.ClientIDList.includes(id)) return {};
  p.ClientIDList = p.ClientIDList.filter((c) => c !== id);
  account.touch();
  return {};
}

export async function updateOpenIDConnectProviderThumbprint(account: AccountState, input: UpdateOpenIDConnectProviderThumbprintRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "UpdateOpenIDConnectProviderThumbprint");
  const arn = checkProviderArn(input.OpenIDConnectProviderArn);
  const thumbprints = checkThumbprints(input.ThumbprintList, true);
  const p = await authorizedEntity(account, OIDC_PROVIDERS, arn, "UpdateOpenIDConnectProviderThumbprint", options);
  p.ThumbprintList = thumbprints;
  account.touch();
  return {};
}




export async function setOpenIDConnectProviderKeys(account: AccountState, input: SetOpenIDConnectProviderKeysRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "SetOpenIDConnectProviderKeys");
  const arn = checkProviderArn(input.OpenIDConnectProviderArn);
  let jwks: Jwks;
  try {
    jwks = checkJwks(input.Jwks);
  } catch (e) {
    if (e instanceof JwksError) throw new IamError("InvalidInput", `Invalid JWKS: ${e.message}`);
    throw e;
  }
  const p = await authorizedEntity(account, OIDC_PROVIDERS, arn, "UpdateOpenIDConnectProviderThumbprint", options);
  p.Jwks = jwks;
  account.touch();
  return {};
}

export async function getOpenIDConnectProviderKeys(account: AccountState, input: OpenIDConnectProviderRequest, options?: OperationOptions): Promise<GetOpenIDConnectProviderKeysResponse> {
  requestObject(input, "GetOpenIDConnectProviderKeys");
  const arn = checkProviderArn(input.OpenIDConnectProviderArn);
  const p = await authorizedEntity(account, OIDC_PROVIDERS, arn, "GetOpenIDConnectProvider", options);
  return p.Jwks ? { Jwks: structuredClone(p.Jwks) } : {};
}
