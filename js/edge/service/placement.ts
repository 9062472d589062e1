/**
 * @module edge/service/placement
 * Where a call runs. Calls that only read run in the Worker, on its cached copy of the account
 * (stamped current by the account's Durable Object), so they never queue behind the account's
 * single writer; calls that change anything run in the object, which stores the change and the
 * audit record before it answers. "Change" is wider than IAM's read/write split: STS's
 * credential calls (AssumeRole, GetSessionToken, ...) are read-only to CloudTrail, but they use up
 * an MFA code (RFC 6238 section 5.2) and record the session and the role's last use, so they run
 * in the object; GetAccessKeyLastUsed too, because the object holds the latest key use.
 */
import type { ApiService } from "../api/call-context.ts";

const IAM_READ = /^(Get|List|Simulate)[A-Z]/;
/** Reads whose freshest answer is the object's (key use is recorded there). */
const IAM_READ_IN_OBJECT = new Set(["GetAccessKeyLastUsed"]);
const STS_READ = new Set(["GetCallerIdentity", "GetAccessKeyInfo", "DecodeAuthorizationMessage"]);

export type Placement = "replica" | "object";

/** Where `action` of `service` runs (no action at all: the replica, which answers the error). */
export function placementOf(service: ApiService, action: string | undefined): Placement {
  if (service === "cloudtrail") return "replica";
  if (action === undefined || action === "") return "replica";
  if (service === "iam") return IAM_READ.test(action) && !IAM_READ_IN_OBJECT.has(action) ? "replica" : "object";
  return STS_READ.has(action) ? "replica" : "object";
}
