/**
 * @module iam/ops/tags
 * Tagging, written once for every taggable family: Tag/Untag/List{User,Role,Policy,
 * OpenIDConnectProvider}Tags (IAM API Reference: API_TagUser.html, API_UntagUser.html,
 * API_ListUserTags.html and their Role, Policy, OpenIDConnectProvider and SAMLProvider counterparts).
 *
 * Rules ("Tagging IAM resources"): at most 50 tags, keys 1-128 and values 0-256 characters, keys
 * unique ignoring case (a tag of an existing key replaces its value), no `aws:` prefix
 * (validate.ts `checkTags`); untagging at most 50 keys. The caller check carries the request's
 * tags (`aws:RequestTag/KEY`, `aws:TagKeys`). AWS-managed policies cannot be tagged
 * (UnmodifiableEntity). Tags are listed by key, ignoring case, and paginated.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkTags } from "../validate.ts";
import type { ManagedPolicyEntity, OpenIDConnectProviderEntity, RoleEntity, SAMLProviderEntity, Tag, UserEntity } from "../store.ts";
import { authorizedEntity, entityRequest, OIDC_PROVIDERS, POLICIES, ROLES, SAML_PROVIDERS, USERS, type EntityFamily } from "./families.ts";
import {
  checkMaxItems, paginate, tagContext, validationError,
  type EmptyResponse, type PaginatedResponse, type PaginationRequest,
} from "./shared.ts";

export interface ListTagsResponse extends PaginatedResponse { Tags: Tag[] }

export interface TagUserRequest { UserName: string; Tags: Tag[] }
export interface UntagUserRequest { UserName: string; TagKeys: string[] }
export interface ListUserTagsRequest extends PaginationRequest { UserName: string }
export interface TagRoleRequest { RoleName: string; Tags: Tag[] }
export interface UntagRoleRequest { RoleName: string; TagKeys: string[] }
export interface ListRoleTagsRequest extends PaginationRequest { RoleName: string }
export interface TagPolicyRequest { PolicyArn: string; Tags: Tag[] }
export interface UntagPolicyRequest { PolicyArn: string; TagKeys: string[] }
export interface ListPolicyTagsRequest extends PaginationRequest { PolicyArn: string }
export interface TagOpenIDConnectProviderRequest { OpenIDConnectProviderArn: string; Tags: Tag[] }
export interface UntagOpenIDConnectProviderRequest { OpenIDConnectProviderArn: string; TagKeys: string[] }
export interface ListOpenIDConnectProviderTagsRequest extends PaginationRequest { OpenIDConnectProviderArn: string }
export interface TagSAMLProviderRequest { SAMLProviderArn: string; Tags: Tag[] }
export interface UntagSAMLProviderRequest { SAMLProviderArn: string; TagKeys: string[] }
export interface ListSAMLProviderTagsRequest extends PaginationRequest { SAMLProviderArn: string }

type Tagged = { Tags: Tag[] };
type Operation<I, O> = (account: AccountState, input: I, options?: OperationOptions) => Promise<O>;

/** Tag<Family>: adds tags, replacing the values of keys already there. */
function tag<E extends Tagged, I extends object>(f: EntityFamily<E>): Operation<I, EmptyResponse> {
  return async (account, input, options) => {
    const { req, id } = entityRequest(f, input, `Tag${f.word}`);
    if (!Array.isArray(req.Tags)) throw validationError("tags", "Member must not be null");
    const entity = await authorizedEntity(account, f, id, `Tag${f.word}`, options, { context: tagContext(req.Tags), write: true });
    entity.Tags = checkTags(req.Tags, entity.Tags);
    account.touch();
    return {};
  };
}

/** Untag<Family>: removes tags by key; removing absent keys changes nothing. */
function untag<E extends Tagged, I extends object>(f: EntityFamily<E>): Operation<I, EmptyResponse> {
  return async (account, input, options) => {
    const { req, id } = entityRequest(f, input, `Untag${f.word}`);
    const keys = checkTagKeys(req.TagKeys);
    const entity = await authorizedEntity(account, f, id, `Untag${f.word}`, options, { context: { "aws:TagKeys": keys }, write: true });
    const tags = withoutTags(entity.Tags, keys);
    if (tags.length !== entity.Tags.length) {
      entity.Tags = tags;
      account.touch();
    }
    return {};
  };
}

/** List<Family>Tags: the tags by key, ignoring case, paginated. */
function listTags<E extends Tagged, I extends object>(f: EntityFamily<E>): Operation<I, ListTagsResponse> {
  return async (account, input, options) => {
    const { req, id } = entityRequest(f, input, `List${f.word}Tags`);
    checkMaxItems(req.MaxItems);
    const entity = await authorizedEntity(account, f, id, `List${f.word}Tags`, options);
    const { page, ...rest } = paginate(sortedTags(entity.Tags), (t) => t.Key.toLowerCase(), req as PaginationRequest);
    return { Tags: page.map((t) => ({ ...t })), ...rest };
  };
}

export const tagUser = tag<UserEntity, TagUserRequest>(USERS);
export const untagUser = untag<UserEntity, UntagUserRequest>(USERS);
export const listUserTags = listTags<UserEntity, ListUserTagsRequest>(USERS);
export const tagRole = tag<RoleEntity, TagRoleRequest>(ROLES);
export const untagRole = untag<RoleEntity, UntagRoleRequest>(ROLES);
export const listRoleTags = listTags<RoleEntity, ListRoleTagsRequest>(ROLES);
export const tagPolicy = tag<ManagedPolicyEntity, TagPolicyRequest>(POLICIES);
export const untagPolicy = untag<ManagedPolicyEntity, UntagPolicyRequest>(POLICIES);
export const listPolicyTags = listTags<ManagedPolicyEntity, ListPolicyTagsRequest>(POLICIES);
export const tagOpenIDConnectProvider = tag<OpenIDConnectProviderEntity, TagOpenIDConnectProviderRequest>(OIDC_PROVIDERS);
export const untagOpenIDConnectProvider = untag<OpenIDConnectProviderEntity, UntagOpenIDConnectProviderRequest>(OIDC_PROVIDERS);
export const listOpenIDConnectProviderTags = listTags<OpenIDConnectProviderEntity, ListOpenIDConnectProviderTagsRequest>(OIDC_PROVIDERS);
export const tagSAMLProvider = tag<SAMLProviderEntity, TagSAMLProviderRequest>(SAML_PROVIDERS);
export const untagSAMLProvider = untag<SAMLProviderEntity, UntagSAMLProviderRequest>(SAML_PROVIDERS);
export const listSAMLProviderTags = listTags<SAMLProviderEntity, ListSAMLProviderTagsRequest>(SAML_PROVIDERS);

/** Tags in list order (by key, ignoring case). */
export function sortedTags(tags: Tag[]): Tag[] {
  return [...tags].sort((a, b) => (a.Key.toLowerCase() < b.Key.toLowerCase() ? -1 : a.Key.toLowerCase() > b.Key.toLowerCase() ? 1 : 0));
}

/** The tag keys of an untag request: 0-50 keys of 1-128 characters. */
export function checkTagKeys(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > 50 || value.some((k) => typeof k !== "string" || k.length < 1 || k.length > 128)) {
    throw new IamError("ValidationError", "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must be a list of at most 50 keys of 1 to 128 characters");
  }
  return value;
}

/** Tags minus the given keys (IAM tag keys are compared ignoring case). */
export function withoutTags(tags: Tag[], keys: string[]): Tag[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return tags.filter((t) => !drop.has(t.Key.toLowerCase()));
}
