/**
 * @module iam/gaad/operation
 * GetAccountAuthorizationDetails as the IAM API serves it (API_GetAccountAuthorizationDetails):
 * authorized as `iam:GetAccountAuthorizationDetails` on `*` (the action has no resource type,
 * "Actions, resources, and condition keys for IAM"), documents URL-encoded as the raw API returns
 * them, and
 * - `Filter`: any of `User`, `Role`, `Group`, `LocalManagedPolicy`, `AWSManagedPolicy` (none:
 *   everything); another value is ValidationError;
 * - `MaxItems` 1-1000 (default 100) and `Marker`: one page runs over the four lists in order
 *   (users, groups, roles, policies), each sorted by ARN; the marker names the next item (its
 *   list and ARN), so a page boundary survives deletions between calls; an unreadable marker is
 *   ValidationError.
 * `toAuthorizationDetails` (export.ts) is the whole account at once, for files; this is the API.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { requestObject } from "../ops/shared.ts";
import { toAuthorizationDetails } from "./export.ts";
import type { AuthorizationDetails } from "./shapes.ts";

export interface GetAccountAuthorizationDetailsRequest {
  Filter?: ("User" | "Role" | "Group" | "LocalManagedPolicy" | "AWSManagedPolicy")[];
  MaxItems?: number;
  Marker?: string;
}
export interface GetAccountAuthorizationDetailsResponse extends AuthorizationDetails {
  Marker?: string;
}

const LISTS = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"] as const;
type ListName = (typeof LISTS)[number];
const FILTERS = new Set(["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"]);

type Item = { Arn: string };

function included(list: ListName, item: Item, filter: Set<string> | undefined): boolean {
  if (!filter) return true;
  if (list === "UserDetailList") return filter.has("User");
  if (list === "GroupDetailList") return filter.has("Group");
  if (list === "RoleDetailList") return filter.has("Role");
  return filter.has(/^arn:[^:]+:iam::aws:policy\//.test(item.Arn) ? "AWSManagedPolicy" : "LocalManagedPolicy");
}

function filterOf(value: unknown): Set<string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new IamError("ValidationError", "1 validation error detected: Value at 'filter' failed to satisfy constraint: Member must be a list");
  if (value.length === 0) return undefined;
  for (const v of value) {
    if (typeof v !== "string" || !FILTERS.has(v)) {
      throw new IamError("ValidationError", `1 validation error detected: Value '${String(v).slice(0, 64)}' at 'filter' failed to satisfy constraint: Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]`);
    }
  }
  return new Set(value as string[]);
}

function maxItemsOf(value: unknown): number {
  if (value === undefined || value === null) return 100;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 1000) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(value).slice(0, 32)}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  return value;
}

function markerOf(value: unknown): [number, string] | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(String(value)), (c) => c.charCodeAt(0)));
    const [list, arn] = JSON.parse(text) as unknown[];
    if (Number.isInteger(list) && (list as number) >= 0 && (list as number) < LISTS.length && typeof arn === "string") return [list as number, arn];
  } catch {
    // fall through
  }
  throw new IamError("ValidationError", `Invalid Marker: '${String(value).slice(0, 320)}'`);
}

function encodeMarker(list: number, arn: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify([list, arn]))));
}

const byArn = (a: Item, b: Item): number => (a.Arn < b.Arn ? -1 : a.Arn > b.Arn ? 1 : 0);

export async function getAccountAuthorizationDetails(account: AccountState, input: GetAccountAuthorizationDetailsRequest = {}, options?: OperationOptions): Promise<GetAccountAuthorizationDetailsResponse> {
  const given = requestObject(input, "GetAccountAuthorizationDetails") as Record<string, unknown>;
  const filter = filterOf(given.Filter);
  const maxItems = maxItemsOf(given.MaxItems);
  const marker = markerOf(given.Marker);
  await account.authorizeOperation(options, "iam:GetAccountAuthorizationDetails", "*");
  const details = toAuthorizationDetails(account, { documents: "url" }) as unknown as Record<ListName, Item[]>;
  const out = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] } as unknown as Record<ListName, Item[]>;
  let count = 0;
  for (let list = 0; list < LISTS.length; list++) {
    const name = LISTS[list];
    for (const item of details[name].filter((i) => included(name, i, filter)).sort(byArn)) {
      if (marker && (list < marker[0] || (list === marker[0] && item.Arn < marker[1]))) continue;
      if (count === maxItems) return { ...(out as unknown as AuthorizationDetails), IsTruncated: true, Marker: encodeMarker(list, item.Arn) };
      out[name].push(item);
      count++;
    }
  }
  return { ...(out as unknown as AuthorizationDetails), IsTruncated: false };
}
