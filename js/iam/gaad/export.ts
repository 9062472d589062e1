/**
 * @module iam/gaad/export
 * The account as `aws iam get-account-authorization-details` prints it
 * (`account.toAuthorizationDetails()`): documents as objects, as the AWS CLI prints them
 * (`{ documents: "json" }` keeps the stored text, `"url"` URL-encodes it as the raw API does);
 * computed AttachmentCount / PermissionsBoundaryUsageCount; no secrets (GAAD carries no access
 * keys, passwords or MFA seeds). A role's `Description` and `MaxSessionDuration` and a managed
 * policy's `Tags` are not in GAAD's RoleDetail / ManagedPolicyDetail: they are exported as extra
 * fields so that export then import gives the same model (`{ extensions: false }` leaves them out).
 */
import type { AccountState } from "../account-state.ts";
import { IamError } from "../errors.ts";
import type { AttachedPolicy, BoundaryRef, GroupEntity, InlinePolicy, ManagedPolicyEntity, RoleEntity, Tag, UserEntity } from "../store.ts";
import { exportDocument } from "./documents.ts";
import type { AuthorizationDetails, ExportOptions, GaadGroup, GaadInlinePolicy, GaadPolicy, GaadRole, GaadUser } from "./shapes.ts";

type Mode = ExportOptions["documents"];

/** How many entities use each managed policy, as a permissions policy and as a boundary. */
interface Usage {
  attachments: Map<string, number>;
  boundaries: Map<string, number>;
}

export function toAuthorizationDetails(account: AccountState, given?: ExportOptions | null): AuthorizationDetails {
  const options: ExportOptions = given !== null && typeof given === "object" ? given : {};
  const mode = options.documents ?? "object";
  if (mode !== "object" && mode !== "json" && mode !== "url") throw new IamError("ValidationError", "`documents` must be `object`, `json` or `url`");
  const extensions = options.extensions !== false;
  const { users, groups, roles, policies } = account.store;
  const usage = usageOf(account);
  return {
    UserDetailList: [...users.values()].map((u) => exportUser(u, mode)),
    GroupDetailList: [...groups.values()].map((g) => exportGroup(g, mode)),
    RoleDetailList: [...roles.values()].map((r) => exportRole(r, mode, extensions)),
    Policies: [...policies.values()].map((p) => exportPolicy(p, mode, extensions, usage)),
    IsTruncated: false,
  };
}

function usageOf(account: AccountState): Usage {
  const { users, groups, roles } = account.store;
  const usage: Usage = { attachments: new Map(), boundaries: new Map() };
  const count = (map: Map<string, number>, arn: string) => map.set(arn, (map.get(arn) ?? 0) + 1);
  for (const e of [...users.values(), ...groups.values(), ...roles.values()]) for (const a of e.AttachedManagedPolicies) count(usage.attachments, a.PolicyArn);
  for (const e of [...users.values(), ...roles.values()]) if (e.PermissionsBoundary) count(usage.boundaries, e.PermissionsBoundary.PermissionsBoundaryArn);
  return usage;
}

function exportUser(u: UserEntity, mode: Mode): GaadUser {
  return {
    Path: u.Path, UserName: u.UserName, UserId: u.UserId, Arn: u.Arn, CreateDate: u.CreateDate,
    UserPolicyList: exportInline(u.UserPolicyList, mode), GroupList: [...u.GroupList],
    AttachedManagedPolicies: exportAttached(u.AttachedManagedPolicies),
    ...exportBoundary(u.PermissionsBoundary), ...tagsField(u.Tags),
  };
}

function exportGroup(g: GroupEntity, mode: Mode): GaadGroup {
  return {
    Path: g.Path, GroupName: g.GroupName, GroupId: g.GroupId, Arn: g.Arn, CreateDate: g.CreateDate,
    GroupPolicyList: exportInline(g.GroupPolicyList, mode),
    AttachedManagedPolicies: exportAttached(g.AttachedManagedPolicies),
  };
}

/** A role, with its instance profiles each nesting the role as GAAD does. */
function exportRole(r: RoleEntity, mode: Mode, extensions: boolean): GaadRole {
  const trust = exportDocument(r.AssumeRolePolicyDocument, mode);
  const nestedRole = {
    Path: r.Path, RoleName: r.RoleName, RoleId: r.RoleId, Arn: r.Arn, CreateDate: r.CreateDate, AssumeRolePolicyDocument: trust,
    ...(r.Description !== undefined ? { Description: r.Description } : {}), MaxSessionDuration: r.MaxSessionDuration,
  };
  const out: GaadRole = {
    Path: r.Path, RoleName: r.RoleName, RoleId: r.RoleId, Arn: r.Arn, CreateDate: r.CreateDate, AssumeRolePolicyDocument: trust,
    InstanceProfileList: (r.InstanceProfileList ?? []).map((ip) => ({
      Path: ip.Path, InstanceProfileName: ip.InstanceProfileName, InstanceProfileId: ip.InstanceProfileId, Arn: ip.Arn,
      CreateDate: ip.CreateDate, Roles: [{ ...nestedRole }], ...tagsField(ip.Tags),
    })),
    RolePolicyList: exportInline(r.RolePolicyList, mode),
    AttachedManagedPolicies: exportAttached(r.AttachedManagedPolicies),
    ...exportBoundary(r.PermissionsBoundary), ...tagsField(r.Tags),
    RoleLastUsed: { ...(r.RoleLastUsed ?? {}) },
  };
  if (extensions) {
    if (r.Description !== undefined) out.Description = r.Description;
    out.MaxSessionDuration = r.MaxSessionDuration;
  }
  return out;
}

function exportPolicy(p: ManagedPolicyEntity, mode: Mode, extensions: boolean, usage: Usage): GaadPolicy {
  const out: GaadPolicy = {
    PolicyName: p.PolicyName, PolicyId: p.PolicyId, Arn: p.Arn, Path: p.Path, DefaultVersionId: p.DefaultVersionId,
    AttachmentCount: usage.attachments.get(p.Arn) ?? 0, PermissionsBoundaryUsageCount: usage.boundaries.get(p.Arn) ?? 0, IsAttachable: true,
    ...(p.Description !== undefined ? { Description: p.Description } : {}),
    CreateDate: p.CreateDate, UpdateDate: p.UpdateDate,
    PolicyVersionList: p.PolicyVersionList.map((v) => ({ Document: exportDocument(v.Document, mode), VersionId: v.VersionId, IsDefaultVersion: v.IsDefaultVersion, CreateDate: v.CreateDate })),
  };
  if (extensions && p.Tags.length > 0) out.Tags = p.Tags.map((t) => ({ Key: t.Key, Value: t.Value }));
  return out;
}

function exportInline(list: InlinePolicy[], mode: Mode): GaadInlinePolicy[] {
  return list.map((p) => ({ PolicyName: p.PolicyName, PolicyDocument: exportDocument(p.PolicyDocument, mode) }));
}

function exportAttached(list: AttachedPolicy[]): AttachedPolicy[] {
  return list.map((a) => ({ PolicyName: a.PolicyName, PolicyArn: a.PolicyArn }));
}

function exportBoundary(b: BoundaryRef | undefined): { PermissionsBoundary?: GaadUser["PermissionsBoundary"] } {
  return b ? { PermissionsBoundary: { PermissionsBoundaryType: b.PermissionsBoundaryType, PermissionsBoundaryArn: b.PermissionsBoundaryArn } } : {};
}

function tagsField(tags: Tag[] | undefined): { Tags?: Tag[] } {
  return tags && tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {};
}
