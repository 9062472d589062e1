/**
 * @module edge/iam-api/authorization-details
 * GetAccountAuthorizationDetails over the model's GAAD export (`account.toAuthorizationDetails`,
 * documents URL-encoded as the IAM API returns them). The export takes no caller, so the call is
 * authorized here: `iam:GetAccountAuthorizationDetails` on `*` ("Actions, resources, and
 * condition keys for IAM": the action has no resource type). Then, as API_GetAccountAuthorizationDetails
 * describes:
 * - `Filter`: any of `User`, `Role`, `Group`, `LocalManagedPolicy`, `AWSManagedPolicy` (no
 *   filter: everything); another value is ValidationError;
 * - `MaxItems` 1-1000 (default 100) and `Marker`: one page runs over the four lists in order
 *   (users, groups, roles, policies), each sorted by ARN; the marker names the next item (its
 *   list and ARN), so a page boundary survives deletions between calls; an unreadable marker is
 *   ValidationError.
 */
import type { ApiCall } from "../api/call-context.ts";
import { authorizeOwn } from "../api/decisions.ts";
import { denialMessage } from "../authorize/denial-message.ts";
import { queryError } from "../aws-query/errors.ts";
import { IAM_MODEL } from "../aws-query/models/iam.ts";

const LISTS = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"] as const;
const FILTERS = new Set(["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"]);

type Item = { Arn: string };

function included(list: (typeof LISTS)[number], item: Item, filter: Set<string> | undefined): boolean {
  if (!filter) return true;
  if (list === "UserDetailList") return filter.has("User");
  if (list === "GroupDetailList") return filter.has("Group");
  if (list === "RoleDetailList") return filter.has("Role");
  return filter.has(/^arn:[^:]+:iam::aws:policy\//.test(item.Arn) ? "AWSManagedPolicy" : "LocalManagedPolicy");
}

function filterOf(value: unknown): Set<string> | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  for (const v of value) {
    if (typeof v !== "string" || !FILTERS.has(v)) {
      throw queryError(IAM_MODEL, "ValidationError", `1 validation error detected: Value '${String(v)}' at 'filter' failed to satisfy constraint: Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]`);
    }
  }
  return new Set(value as string[]);
}

function maxItemsOf(value: unknown): number {
  if (value === undefined) return 100;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 1000) {
    throw queryError(IAM_MODEL, "ValidationError", `1 validation error detected: Value '${String(value)}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  return value;
}

function markerOf(value: unknown): [number, string] | undefined {
  if (value === undefined) return undefined;
  try {
    const [list, arn] = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(String(value)), (c) => c.charCodeAt(0))));
    if (Number.isInteger(list) && list >= 0 && list < LISTS.length && typeof arn === "string") return [list, arn];
  } catch {
    // fall through
  }
  throw queryError(IAM_MODEL, "ValidationError", `Invalid Marker: '${String(value)}'`);
}

function encodeMarker(list: number, arn: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify([list, arn]))));
}

export async function getAccountAuthorizationDetails(call: ApiCall): Promise<unknown> {
  const filter = filterOf(call.input.Filter);
  const maxItems = maxItemsOf(call.input.MaxItems);
  const marker = markerOf(call.input.Marker);
  const action = "iam:GetAccountAuthorizationDetails";
  if (call.ctx.caller) {
    const decision = authorizeOwn(call.ctx, action, "*");
    call.record.decisions.push(decision);
    if (decision.decision !== "Allow") {
      throw queryError(IAM_MODEL, "AccessDenied", denialMessage(call.ctx.caller.principal, action, "*", { decision: decision.decision, matchedStatements: decision.matchedStatements, reason: { code: decision.reason } }));
    }
  }
  const details = call.account.toAuthorizationDetails({ documents: "url" }) as unknown as Record<(typeof LISTS)[number], Item[]>;
  const out: Record<string, unknown> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  let count = 0;
  for (let list = 0; list < LISTS.length; list++) {
    const name = LISTS[list];
    const items = [...(details[name] ?? [])].filter((item) => included(name, item, filter)).sort((a, b) => (a.Arn < b.Arn ? -1 : a.Arn > b.Arn ? 1 : 0));
    for (const item of items) {
      if (marker && (list < marker[0] || (list === marker[0] && item.Arn < marker[1]))) continue;
      if (count === maxItems) return { ...out, IsTruncated: true, Marker: encodeMarker(list, item.Arn) };
      (out[name] as Item[]).push(item);
      count++;
    }
  }
  return { ...out, IsTruncated: false };
}
