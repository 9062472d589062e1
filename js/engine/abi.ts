/**
 * @module engine/abi
 * Mirror of assembly/abi.ts (the single definition of the binary interface). Kept by hand;
 * test/unit/abi.test.ts fails when the two disagree. Layouts: docs/abi.md.
 * The image format (header, records, opcodes) is the policy layer's, in
 * js/policy/image-format.ts, re-exported here; this file adds what only the binding writes and
 * reads: the request in the scratch buffer, the explain output and the result block.
 */
export * from "../policy/image-format.ts";

// ---- Request (scratch) header: u32 words ----
export const R_PRINCIPAL_TYPE = 0;
export const R_PRINCIPAL = 4; // off, len (8 bytes)
export const R_PRINCIPAL_ACCOUNT = 12; // off, len
export const R_ROLE_ARN = 20; // off, len
export const R_ACTION = 28; // off, len
export const R_RESOURCE = 36; // off, len
export const R_RESOURCE_ACCOUNT = 44; // off, len
export const R_CTX_COUNT = 52;
export const R_CTX_OFFSET = 56;
export const R_POLICIES = 60; // offset of the policy set
export const REQUEST_HEADER_SIZE = 64;
/** A policy reference in the policy set: handle, selection (assembly/abi.ts). */
export const REF_SIZE = 8;
// Offsets inside the request are relative to the scratch start.

// Principal types of the request.
export const RP_ANONYMOUS = 0;
export const RP_USER = 1;
export const RP_ROLE_SESSION = 2;
export const RP_ROOT = 3;
export const RP_FEDERATED_USER = 4;
export const RP_SERVICE = 5;
export const RP_FEDERATED = 6;
export const RP_CANONICAL = 7;
export const RP_OTHER = 8;

// Context entry: 4 x u32; values: (off, len) pairs.
export const X_KEY = 0;
export const X_FLAGS = 4;
export const X_COUNT = 8;
export const X_VALUES = 12;
export const CTX_SIZE = 16;
export const XF_MULTI = 1;
/** kms:ResourceAliases always has key id 0 (js/engine/keys.ts reserves it): the core reads it. */
export const KEY_KMS_RESOURCE_ALIASES = 0;

// Policy set: identityCount, ids..., boundary, sessionCount, ids..., resource,
// scpLevels, (count, ids...)*, rcpLevels, (count, ids...)*. Handles are image pointers; 0 = none.

// ---- Explain output: per statement, flags then condition results (eval/explain.ts) ----
export const EX_ACTION = 1; // Action/NotAction matched the request's action
export const EX_RESOURCE = 2; // Resource/NotResource matched (or the statement has none)
export const EX_HAS_RESOURCE = 4;
export const EX_PRINCIPAL = 8; // Principal/NotPrincipal matched (or the statement has none)
export const EX_HAS_PRINCIPAL = 16;
export const EX_APPLIES = 32; // every element and condition matched
export const EX_SKIPPED = 64; // the policy was not evaluated for this request; why: EX_SKIP_SHIFT
export const EX_SKIP_SHIFT = 8; // bits 8-11 of a skipped statement's flags: SKIP_*
export const SKIP_SERVICE_PRINCIPAL = 1;
export const SKIP_SERVICE_LINKED_ROLE = 2;
export const SKIP_AWS_MANAGED_KEY = 3;
export const SKIP_NO_PERMISSION_REQUIRED = 4;
export const EXC_RESULT = 1;
export const EXC_MISSING = 2;

// ---- Result ----
export const RES_DECISION = 0;
export const RES_REASON = 4;
export const RES_REASON_ARG = 8;
export const RES_MATCHED_COUNT = 12;
export const RES_MISSING_COUNT = 16;
export const RES_MATCHED = 20; // MAX_MATCHED x (handle, statement position)
export const MAX_MATCHED = 256;
export const RES_MISSING = RES_MATCHED + MAX_MATCHED * 8; // MAX_MISSING x key id
export const MAX_MISSING = 64;
export const RESULT_SIZE = RES_MISSING + MAX_MISSING * 4;

export const DECISION_ALLOW = 0;
export const DECISION_EXPLICIT_DENY = 1;
export const DECISION_IMPLICIT_DENY = 2;

// Reasons: why the decision came out as it did (RES_REASON_ARG carries a level where relevant).
export const REASON_EXPLICIT_DENY = 1;
export const REASON_IDENTITY_ALLOW = 2;
export const REASON_RESOURCE_ALLOW = 3;
export const REASON_ROOT = 4;
export const REASON_NO_ALLOW = 5;
export const REASON_SCP_NO_ALLOW = 6;
export const REASON_RCP_NO_ALLOW = 7;
export const REASON_BOUNDARY_NO_ALLOW = 8;
export const REASON_SESSION_NO_ALLOW = 9;
export const REASON_TRUST_NO_ALLOW = 10;
export const REASON_CROSS_ACCOUNT_NO_RESOURCE_ALLOW = 11;
export const REASON_CROSS_ACCOUNT_NO_IDENTITY_ALLOW = 12;
export const REASON_BAD_INPUT = 13;
export const REASON_NO_PERMISSION_REQUIRED = 14;
export const REASON_KEY_POLICY_NO_ALLOW = 15;
export const REASON_FEDERATED_USER_NO_SESSION_POLICY = 16;
export const REASON_UNMODIFIABLE_ENTITY = 17;
export const REASON_RESERVED_ALIAS = 18;
export const REASON_SCP_EXEMPT_SERVICE_LINKED_ROLE = 19;
export const REASON_RCP_EXEMPT_AWS_MANAGED_KEY = 20;
