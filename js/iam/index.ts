/**
 * @module iam
 * The IAM account model: Account with every operation installed. Import from here: the
 * imports below install each family of operations on Account.
 */
import "./ops/users.ts";
import "./ops/groups.ts";
import "./ops/roles.ts";
import "./ops/policies.ts";
import "./ops/inline-policies.ts";
import "./ops/attachments.ts";
import "./ops/access-keys.ts";
import "./ops/mfa.ts";
import "./ops/login-profiles.ts";
import "./ops/password-policy.ts";
import "./ops/oidc-providers.ts";
import "./resolve.ts";
import "./simulate.ts";
import "./gaad.ts";
import "../sts/index.ts";
// Last: audit.ts wraps every operation installed above (and any installed later).
import "./audit.ts";

export { Account, type AccountOptions, type OperationOptions } from "./account.ts";
export { IamError } from "./errors.ts";
export type * from "./store.ts";
export type { CloudTrailRecord, CloudTrailUserIdentity, AuditSink, AuditStats } from "./audit.ts";
