/**
 * @module sts/account-operations
 * The code of Account's asynchronous operations (IAM, STS, simulation, GAAD import), in one
 * module that js/sts/account.ts loads with `import()` when the first Account is created (issue
 * 17): `import "iam-edge"` then parses the engine and the Account class, not the operations
 * (about two thirds of the account model's JavaScript). The bundles put this module and what
 * only it reaches in a chunk of their own (scripts/build.mjs, code splitting).
 *
 * What Account calls synchronously stays a static import of account.ts: resolution and
 * decisions (js/iam/resolve), the access-key lookup, the GAAD export and the audit wrapper.
 */
export * as users from "../iam/ops/users.ts";
export * as groups from "../iam/ops/groups.ts";
export * as roles from "../iam/ops/roles.ts";
export * as policies from "../iam/ops/policies.ts";
export * as tags from "../iam/ops/tags.ts";
export * as boundaries from "../iam/ops/boundaries.ts";
export * as inline from "../iam/ops/inline-policies.ts";
export * as attachments from "../iam/ops/attachments.ts";
export * as mfa from "../iam/ops/mfa.ts";
export * as loginProfiles from "../iam/ops/login-profiles.ts";
export * as signIn from "../iam/ops/sign-in.ts";
export * as passwordPolicy from "../iam/ops/password-policy.ts";
export * as oidc from "../iam/ops/oidc-providers.ts";
export * as saml from "../iam/ops/saml-providers.ts";
export * as roleSessions from "../iam/ops/role-sessions.ts";
export * as simulate from "../iam/simulate/simulate.ts";
export * as gaadOperation from "../iam/gaad/operation.ts";
export { importAuthorizationDetails } from "../iam/gaad/import.ts";
export * as assumeRole from "./assume-role.ts";
export * as webIdentity from "./web-identity.ts";
export * as samlFederation from "./assume-role-with-saml.ts";
export * as sessionToken from "./session-token.ts";
export * as callerIdentity from "./caller-identity.ts";
export * as credentials from "./resolve-credentials.ts";
