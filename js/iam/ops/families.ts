/**
 * @module iam/ops/families
 * One descriptor per entity family (users, groups, roles, managed policies, OIDC and SAML providers): how
 * a request names the entity, how that name or ARN is checked, the ARN a caller check is made on,
 * how the entity is found (NoSuchEntity in IAM's words) and, for users, groups and roles, where
 * their inline policies are. The operations several families share (tags.ts, boundaries.ts,
 * attachments.ts, inline-policies.ts) are written once against these descriptors.
 */
import { IamError } from "../errors.ts";
import { checkName } from "../validate.ts";
import { findManagedPolicy, isAwsManagedArn } from "../aws-managed.ts";
import { isUnmodifiable, unmodifiableError } from "../unmodifiable.ts";
import type { GroupEntity, InlinePolicy, ManagedPolicyEntity, OpenIDConnectProviderEntity, RoleEntity, SAMLProviderEntity, UserEntity } from "../store.ts";
import type { ContextValue } from "../../engine/request.ts";
import type { AccountState, OperationOptions } from "../account-state.ts";
import { checkPolicyArn, requestObject, validationError, type Req } from "./shared.ts";

/** An entity family as the shared operations see it. */
export interface EntityFamily<E> {
  /** In IAM's messages: `user`, `group`, `role`, `policy`, `OpenID Connect provider`. */
  noun: string;
  /** In operation and action names: `User` (TagUser, iam:TagUser), `Group`, `Role`, `Policy`, `OpenIDConnectProvider`. */
  word: string;
  /** The request field that names the entity. */
  idField: "UserName" | "GroupName" | "RoleName" | "PolicyArn" | "OpenIDConnectProviderArn" | "SAMLProviderArn";
  /** Checks that field's value (a name or an ARN) as IAM does. */
  checkId(value: unknown): string;
  /** The entity, if it exists. */
  get(account: AccountState, id: string): E | undefined;
  /** The ARN a caller check is made on: the existing entity's, else the one the id would have. */
  arnOf(account: AccountState, id: string): string;
  /** The entity, or NoSuchEntity as IAM answers. */
  find(account: AccountState, id: string): E;
  /** The entity to modify: `find`, and for policies, a customer-managed one (UnmodifiableEntity otherwise). */
  findWritable(account: AccountState, id: string): E;
}

/** Users, groups and roles: named entities with inline policies and attached managed policies. */
export interface NamedFamily<E extends UserEntity | GroupEntity | RoleEntity> extends EntityFamily<E> {
  noun: "user" | "group" | "role";
  word: "User" | "Group" | "Role";
  idField: "UserName" | "GroupName" | "RoleName";
  /** Checks a name of this family given in another field (`NewUserName`, ...). */
  checkName(value: unknown, field: string): string;
  /** Every entity of the family, keyed by lowercased name. */
  all(account: AccountState): Map<string, E>;
  /** The entity's name and unique id (`UserName` and `UserId`, ...). */
  nameOf(entity: E): string;
  idOf(entity: E): string;
  inlinePolicies(entity: E): InlinePolicy[];
  setInlinePolicies(entity: E, list: InlinePolicy[]): void;
}

/** What tells users, groups and roles apart in the store. */
interface NamedParts<E> {
  all(account: AccountState): Map<string, E>;
  nameOf(entity: E): string;
  idOf(entity: E): string;
  inlinePolicies(entity: E): InlinePolicy[];
  setInlinePolicies(entity: E, list: InlinePolicy[]): void;
}

function named<E extends UserEntity | GroupEntity | RoleEntity>(noun: "user" | "group" | "role", parts: NamedParts<E>): NamedFamily<E> {
  const word = (noun.charAt(0).toUpperCase() + noun.slice(1)) as "User" | "Group" | "Role";
  const family: NamedFamily<E> = {
    noun, word, idField: `${word}Name`, ...parts,
    checkId: (value) => checkName(value, `${word}Name`, noun),
    checkName: (value, field) => checkName(value, field, noun),
    get: (account, name) => parts.all(account).get(name.toLowerCase()),
    arnOf: (account, name) => family.get(account, name)?.Arn ?? account.arn(`${noun}/${name}`),
    find(account, name) {
      const entity = family.get(account, name);
      if (!entity) throw new IamError("NoSuchEntity", `The ${noun} with name ${name} cannot be found.`);
      return entity;
    },
    findWritable: (account, name) => family.find(account, name),
  };
  return family;
}

export const USERS = named<UserEntity>("user", {
  all: (a) => a.store.users, nameOf: (e) => e.UserName, idOf: (e) => e.UserId,
  inlinePolicies: (e) => e.UserPolicyList, setInlinePolicies: (e, l) => void (e.UserPolicyList = l),
});
export const GROUPS = named<GroupEntity>("group", {
  all: (a) => a.store.groups, nameOf: (e) => e.GroupName, idOf: (e) => e.GroupId,
  inlinePolicies: (e) => e.GroupPolicyList, setInlinePolicies: (e, l) => void (e.GroupPolicyList = l),
});
export const ROLES = named<RoleEntity>("role", {
  all: (a) => a.store.roles, nameOf: (e) => e.RoleName, idOf: (e) => e.RoleId,
  inlinePolicies: (e) => e.RolePolicyList, setInlinePolicies: (e, l) => void (e.RolePolicyList = l),
});

/** Managed policies, customer or AWS (aws-managed.ts); only customer-managed ones are modified. */
export const POLICIES: EntityFamily<ManagedPolicyEntity> = {
  noun: "policy", word: "Policy", idField: "PolicyArn",
  checkId: (value) => checkPolicyArn(value),
  get: (account, arn) => findManagedPolicy(account, arn),
  arnOf: (_account, arn) => arn,
  find(account, arn) {
    const policy = findManagedPolicy(account, arn);
    if (!policy) throw new IamError("NoSuchEntity", `Policy ${arn} was not found.`);
    return policy;
  },
  findWritable(account, arn) {
    const policy = POLICIES.find(account, arn);
    if (policy.AwsManaged || isAwsManagedArn(arn)) throw unmodifiableError(arn);
    return policy;
  },
};

/** OIDC identity providers, keyed by ARN (`arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH`). */
export const OIDC_PROVIDERS: EntityFamily<OpenIDConnectProviderEntity> = {
  noun: "OpenID Connect provider", word: "OpenIDConnectProvider", idField: "OpenIDConnectProviderArn",
  checkId: checkProviderArn,
  get: (account, arn) => account.store.oidcProviders.get(arn),
  arnOf: (_account, arn) => arn,
  find(account, arn) {
    const provider = account.store.oidcProviders.get(arn);
    if (!provider) throw new IamError("NoSuchEntity", `OpenIDConnect Provider not found for arn ${arn}`);
    return provider;
  },
  findWritable: (account, arn) => OIDC_PROVIDERS.find(account, arn),
};

/** An OIDC provider ARN argument; InvalidInput when malformed. */
export function checkProviderArn(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) throw validationError("openIDConnectProviderArn", "Member must not be null");
  if (value.length < 20 || value.length > 2048 || !/^arn:[a-z][a-z0-9-]*:iam::\d{12}:oidc-provider\/.+$/.test(value)) {
    throw new IamError("InvalidInput", `ARN ${value} is not valid.`);
  }
  return value;
}

/** SAML identity providers, keyed by ARN (`arn:aws:iam::ACCOUNT:saml-provider/NAME`). */
export const SAML_PROVIDERS: EntityFamily<SAMLProviderEntity> = {
  noun: "SAML provider", word: "SAMLProvider", idField: "SAMLProviderArn",
  checkId: checkSamlProviderArn,
  get: (account, arn) => account.store.samlProviders.get(arn),
  arnOf: (_account, arn) => arn,
  find(account, arn) {
    const provider = account.store.samlProviders.get(arn);
    if (!provider) throw new IamError("NoSuchEntity", `Manifest not found for arn ${arn}`);
    return provider;
  },
  findWritable: (account, arn) => SAML_PROVIDERS.find(account, arn),
};

/** A SAML provider ARN argument (API_GetSAMLProvider: 20 to 2048 characters); InvalidInput when malformed. */
export function checkSamlProviderArn(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) throw validationError("sAMLProviderArn", "Member must not be null");
  if (value.length < 20 || value.length > 2048) throw validationError("sAMLProviderArn", "Member must have length between 20 and 2048", value);
  if (!/^arn:[a-z][a-z0-9-]*:iam::\d{12}:saml-provider\/[\w.+=,@-]{1,128}$/.test(value)) throw new IamError("InvalidInput", `ARN ${value} is not valid.`);
  return value;
}

/** The request object of an operation on one entity of `f`, and the entity's checked name or ARN. */
export function entityRequest<E>(f: EntityFamily<E>, input: unknown, operation: string): { req: Req; id: string } {
  const req = requestObject(input as Req, operation);
  return { req, id: f.checkId(req[f.idField]) };
}

/** How `authorizedEntity` checks and finds. */
export interface EntityAccess {
  /** Extra request context for the caller check (`aws:TagKeys`, `iam:PolicyARN`, ...). */
  context?: Record<string, ContextValue | undefined>;
  /** The operation modifies the entity (`findWritable`). */
  write?: boolean;
}

/**
 * What most operations on one entity do once their arguments are checked: the caller check of
 * `iam:<operation>` on the entity's ARN, then the entity (NoSuchEntity after the check, as IAM
 * answers an authorized caller only).
 */
export async function authorizedEntity<E>(account: AccountState, f: EntityFamily<E>, id: string, operation: string, options: OperationOptions | undefined, access: EntityAccess = {}): Promise<E> {
  const arn = f.arnOf(account, id);
  await account.authorizeOperation(options, `iam:${operation}`, arn, access.context);
  // With a caller the engine applied IAM's refusal (UnmodifiableEntity) in its decision, on the
  // ARN, before existence; without one nothing was decided, so it is applied here, in the same place.
  if (!options?.caller && isUnmodifiable(`iam:${operation}`, arn)) throw unmodifiableError(arn);
  return access.write ? f.findWritable(account, id) : f.find(account, id);
}
