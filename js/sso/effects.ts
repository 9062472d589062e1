/**
 * @module sso/effects
 * What an Identity Center change asks of the member accounts: a reserved role to create or bring
 * up to date (`replace`: policies the permission set no longer has are removed too), or to
 * delete. The model only lists them; the edge's account objects carry them out.
 */
import type { ProvisionedRole } from "../org/access-role.ts";

export type RoleEffect =
  | { kind: "provision"; accountId: string; role: ProvisionedRole; replace: boolean }
  | { kind: "remove"; accountId: string; roleName: string };
