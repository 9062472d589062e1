/**
 * @module iam/ops/entities
 * The operations users, groups and roles share the shape of, written once:
 * List{Users,Groups,Roles} (API_ListUsers.html, API_ListGroups.html, API_ListRoles.html: those
 * whose path starts with PathPrefix, by name, paginated) and Update{User,Group}
 * (API_UpdateUser.html, API_UpdateGroup.html: a new name and/or path; renaming needs permission on
 * both the source and the target ARN; the new name must be free, ignoring case), and
 * Delete{User,Group,Role} (DeleteConflict while the entity still has what IAM requires removed
 * first, the first of them named as IAM names it).
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkPath } from "../validate.ts";
import type { GroupEntity, RoleEntity, UserEntity } from "../store.ts";
import { authorizedEntity, entityRequest, type NamedFamily } from "./families.ts";
import {
  checkMaxItems, checkPathPrefix, paginate, requestObject, sortedEntries,
  type EmptyResponse, type PaginatedResponse, type PaginationRequest,
} from "./shared.ts";

type Principal = UserEntity | GroupEntity | RoleEntity;

export interface ListRequest extends PaginationRequest { PathPrefix?: string }

/** List<Families>: `field` names the answer's list (`Users`), `shape` writes each entity as ListX returns it. */
export function listEntities<E extends Principal, T, F extends string>(f: NamedFamily<E>, field: F, shape: (entity: E) => T) {
  return async (account: AccountState, input?: ListRequest, options?: OperationOptions): Promise<Record<F, T[]> & PaginatedResponse> => {
    const req = input ?? {};
    requestObject(req, `List${field}`);
    const prefix = checkPathPrefix(req.PathPrefix);
    checkMaxItems(req.MaxItems);
    // The request's resource is the family's ARN up to the path prefix: AWS's denial of a plain
    // ListUsers names `arn:aws:iam::ACCOUNT:user/` (and ListRoles `...:role/`), so a policy whose
    // Resource is `arn:aws:iam::ACCOUNT:user/*` allows it. With a PathPrefix, that prefix follows
    // the noun (docs/iam.md).
    await account.authorizeOperation(options, `iam:List${field}`, account.arn(`${f.noun}${prefix}`));
    const all = sortedEntries(f.all(account)).filter(([, e]) => e.Path.startsWith(prefix));
    const { page, ...rest } = paginate(all, ([k]) => k, req);
    return { [field]: page.map(([, e]) => shape(e)), ...rest } as Record<F, T[]> & PaginatedResponse;
  };
}

/** How a rename is applied to a family's entity (and to what refers to it by name). */
export type Rename<E> = (account: AccountState, entity: E, name: string) => void;

/** Update<Family>: NewPath and/or New<Family>Name (the ARN changes with them). */
export function updateEntity<E extends UserEntity | GroupEntity, I extends object>(f: NamedFamily<E>, rename: Rename<E>) {
  return async (account: AccountState, input: I, options?: OperationOptions): Promise<EmptyResponse> => {
    const { req, id: name } = entityRequest(f, input, `Update${f.word}`);
    const newField = `New${f.idField}`;
    const newName = req[newField] === undefined ? undefined : f.checkName(req[newField], newField);
    const newPath = req.NewPath === undefined ? undefined : checkPath(req.NewPath, "NewPath");
    const entity = await authorizedEntity(account, f, name, `Update${f.word}`, options);
    const current = f.nameOf(entity);
    const path = newPath ?? entity.Path;
    const finalName = newName ?? current;
    const arn = account.arn(`${f.noun}${path}${finalName}`);
    if (arn !== entity.Arn) await account.authorizeOperation(options, `iam:Update${f.word}`, arn);
    if (newName !== undefined && newName.toLowerCase() !== current.toLowerCase() && f.all(account).has(newName.toLowerCase())) {
      throw new IamError("EntityAlreadyExists", `${f.word} with name ${newName} already exists.`);
    }
    if (finalName === current && path === entity.Path) return {};
    f.all(account).delete(current.toLowerCase());
    rename(account, entity, finalName);
    entity.Path = path;
    entity.Arn = arn;
    f.all(account).set(finalName.toLowerCase(), entity);
    account.touch();
    return {};
  };
}

/** What still holds an entity back from deletion, as IAM's DeleteConflict message words it. */
export type DeleteConflict<E> = (account: AccountState, entity: E) => string | undefined;

/** Delete<Family>: only once `conflictOf` finds nothing left. */
export function deleteEntity<E extends Principal, I extends object>(f: NamedFamily<E>, conflictOf: DeleteConflict<E>) {
  return async (account: AccountState, input: I, options?: OperationOptions): Promise<EmptyResponse> => {
    const { id: name } = entityRequest(f, input, `Delete${f.word}`);
    const entity = await authorizedEntity(account, f, name, `Delete${f.word}`, options);
    const conflict = conflictOf(account, entity);
    if (conflict) throw new IamError("DeleteConflict", conflict);
    f.all(account).delete(f.nameOf(entity).toLowerCase());
    account.touch();
    return {};
  };
}

/** The policies an entity must lose before it is deleted: inline ones first, then attached ones. */
export function policiesConflict<E extends Principal>(f: NamedFamily<E>, entity: E): string | undefined {
  if (f.inlinePolicies(entity).length > 0) return "Cannot delete entity, must delete policies first.";
  if (entity.AttachedManagedPolicies.length > 0) return "Cannot delete entity, must detach all policies first.";
  return undefined;
}
