/**
 * @module engine/abi
 * Mirror of assembly/abi.ts (the single definition of the binary interface). Kept by hand;
 * test/unit/abi.test.ts fails when the two disagree. Layouts: docs/abi.md.
 */


export const ABI_VERSION = 5;
export const IMAGE_MAGIC = 0x504d4149;

// ---- Policy kinds (image header word 2) ----
export const KIND_IDENTITY = 0;
export const KIND_RESOURCE = 1;
export const KIND_TRUST = 2;
export const KIND_BOUNDARY = 3;
export const KIND_SESSION = 4;
export const KIND_SCP = 5;
export const KIND_RCP = 6;

// ---- Image header: 16 x u32 ----
export const H_MAGIC = 0;
export const H_ABI = 4;
export const H_KIND = 8;
export const H_FLAGS = 12;
export const H_STMT_COUNT = 16;
export const H_STMT_OFFSET = 20;
export const H_TOTAL_SIZE = 24;
export const H_MASK = 28;
export const HEADER_SIZE = 64;
export const HF_VARIABLES = 1;

// ---- Statement record: 16 x u32 ----
export const S_EFFECT = 0; // 0 Allow, 1 Deny
export const S_INDEX = 4; // index in the Statement array
export const S_FLAGS = 8;
export const S_ACTIONS = 12; // offset of a value list
export const S_RESOURCES = 16; // offset of a value list, 0 when no Resource/NotResource
export const S_PRINCIPALS = 20; // offset of a principal list, 0 when none
export const S_CONDS = 24; // offset of a condition list, 0 when none
export const S_MASK = 28;
export const MASK_WORDS = 8;
export const S_ACTION_HINT = 60; // FNV-1a bits of literal actions, all bits otherwise
export const STMT_SIZE = 64;
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
export const EFFECT_ALLOW = 0;
export const EFFECT_DENY = 1;
export const SF_NOT_ACTION = 1;
export const SF_NOT_RESOURCE = 2;
export const SF_NOT_PRINCIPAL = 4;

// ---- Lists: u32 count, then count fixed-size records ----
export const LIST_HEADER = 4;

// ---- Value record (patterns and condition values): 4 x u32 ----
export const V_FLAGS = 0;
export const V_PTR = 4; // image offset of bytes, of template parts, or of an 8-byte f64
export const V_LEN = 8; // byte length, or template part count
export const V_AUX = 12; // IP prefix bits, Bool/Null value, or a pattern's literal prefix length
export const VALUE_SIZE = 16;
export const VF_STAR = 1;
export const VF_LITERAL = 2;
export const VF_GLOB = 4;
export const VF_TEMPLATE = 8;
export const VF_TEMPLATE_GLOB = 16;

// ---- Template part: 4 x u32 ----
export const T_TYPE = 0; // 0 literal bytes, 1 variable, 2 variable with default
export const T_A = 4; // literal: offset; variable: key id
export const T_B = 8; // literal: length; variable: default offset
export const T_C = 12; // variable: default length
export const TPART_SIZE = 16;
export const TP_LITERAL = 0;
export const TP_VAR = 1;
export const TP_VAR_DEFAULT = 2;

// ---- Principal record: 4 x u32 ----
export const P_TYPE = 0;
export const P_PTR = 4;
export const P_LEN = 8;
export const PRINCIPAL_SIZE = 16;
export const PT_STAR = 0;
export const PT_ACCOUNT = 1; // 12-digit id or arn:...:iam::ID:root, stored as the id
export const PT_USER = 2;
export const PT_ROLE = 3;
export const PT_SESSION = 4; // arn:...:sts::A:assumed-role/R/S
export const PT_FEDERATED_USER = 5; // arn:...:sts::A:federated-user/N
export const PT_OTHER_AWS = 6; // unique ids and other AWS strings, compared exactly
export const PT_SERVICE = 7;
export const PT_FEDERATED = 8;
export const PT_CANONICAL = 9;

// ---- Condition record: 4 x u32, followed by nothing; values live in a value list ----
export const C_OP = 0;
export const C_FLAGS = 4;
export const C_KEY = 8;
export const C_VALUES = 12; // offset of a value list
export const COND_SIZE = 16;
export const CF_IF_EXISTS = 1;
export const CF_FOR_ALL = 2;
export const CF_FOR_ANY = 4;
export const CF_NEGATED = 8;

// Base operators, negated ones folded into their positive test plus CF_NEGATED.
export const OP_STRING_EQUALS = 0;
export const OP_STRING_EQUALS_IGNORE_CASE = 1;
export const OP_STRING_LIKE = 2;
export const OP_NUMERIC_EQUALS = 3;
export const OP_NUMERIC_LT = 4;
export const OP_NUMERIC_LTE = 5;
export const OP_NUMERIC_GT = 6;
export const OP_NUMERIC_GTE = 7;
export const OP_DATE_EQUALS = 8;
export const OP_DATE_LT = 9;
export const OP_DATE_LTE = 10;
export const OP_DATE_GT = 11;
export const OP_DATE_GTE = 12;
export const OP_BOOL = 13;
export const OP_BINARY_EQUALS = 14;
export const OP_IP_ADDRESS = 15;
export const OP_ARN_LIKE = 16;
export const OP_NULL = 17;

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
