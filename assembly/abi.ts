/**
 * @module abi
 * The one definition of the engine's binary interface: the compiled policy image, the request
 * scratch layout and the result layout. Mirrored in js/engine/abi.ts; a test checks they agree.
 * docs/abi.md describes every record field by field.
 */

/** Bumped whenever any layout below changes; checked by the binding at load. */
export const ABI_VERSION: u32 = 5;
/** "IAMP" little-endian: the first word of every policy image. */
export const IMAGE_MAGIC: u32 = 0x504d4149;

// ---- Policy kinds (image header word 2) ----
export const KIND_IDENTITY: u32 = 0;
export const KIND_RESOURCE: u32 = 1;
export const KIND_TRUST: u32 = 2;
export const KIND_BOUNDARY: u32 = 3;
export const KIND_SESSION: u32 = 4;
export const KIND_SCP: u32 = 5;
export const KIND_RCP: u32 = 6;

// ---- Image header: 16 x u32 ----
export const H_MAGIC: u32 = 0;
export const H_ABI: u32 = 4;
export const H_KIND: u32 = 8;
export const H_FLAGS: u32 = 12;
export const H_STMT_COUNT: u32 = 16;
export const H_STMT_OFFSET: u32 = 20;
export const H_TOTAL_SIZE: u32 = 24;
/** Service mask of the whole image: the OR of its statements' masks (see S_MASK). */
export const H_MASK: u32 = 28;
export const HEADER_SIZE: u32 = 64;
/** Header flag: Version is 2012-10-17, so `${...}` templates were compiled as variables. */
export const HF_VARIABLES: u32 = 1;

// ---- Statement record: 16 x u32 ----
export const S_EFFECT: u32 = 0; // 0 Allow, 1 Deny
export const S_INDEX: u32 = 4; // index in the Statement array
export const S_FLAGS: u32 = 8;
export const S_ACTIONS: u32 = 12; // offset of a value list
export const S_RESOURCES: u32 = 16; // offset of a value list, 0 when no Resource/NotResource
export const S_PRINCIPALS: u32 = 20; // offset of a principal list, 0 when none
export const S_CONDS: u32 = 24; // offset of a condition list, 0 when none
/**
 * Service mask, 256 bits in 8 words: the bit of each service prefix the statement's Action
 * names is set; all bits for `*` and for NotAction. A request whose action's service bit is
 * clear cannot match the statement, so it is skipped without matching.
 */
export const S_MASK: u32 = 28;
export const MASK_WORDS: u32 = 8;
/**
 * Action hint: when every Action pattern is literal, bit `FNV-1a(ASCII-lowercased action) & 31`
 * of each; all bits otherwise (a glob, `*`, NotAction). A request whose action's bit is clear
 * cannot match the statement's actions, so it is skipped without matching.
 */
export const S_ACTION_HINT: u32 = 60;
export const STMT_SIZE: u32 = 64;
/** FNV-1a (32-bit) over the ASCII-lowercased service prefix, then `& 255`, picks the bit. */
export const FNV_OFFSET: u32 = 0x811c9dc5;
export const FNV_PRIME: u32 = 0x01000193;
export const EFFECT_ALLOW: u32 = 0;
export const EFFECT_DENY: u32 = 1;
export const SF_NOT_ACTION: u32 = 1;
export const SF_NOT_RESOURCE: u32 = 2;
export const SF_NOT_PRINCIPAL: u32 = 4;

// ---- Lists: u32 count, then count fixed-size records ----
export const LIST_HEADER: u32 = 4;

// ---- Value record (patterns and condition values): 4 x u32 ----
export const V_FLAGS: u32 = 0;
export const V_PTR: u32 = 4; // image offset of bytes, of template parts, or of an 8-byte f64
export const V_LEN: u32 = 8; // byte length, or template part count
export const V_AUX: u32 = 12; // IP prefix bits, Bool/Null value, or a pattern's literal prefix length
export const VALUE_SIZE: u32 = 16;
/** The pattern is exactly `*`. */
export const VF_STAR: u32 = 1;
/** No wildcard: compare bytes exactly. */
export const VF_LITERAL: u32 = 2;
/** Glob bytes: `*`, `?` are wildcards, 0x00 escapes the next byte. */
export const VF_GLOB: u32 = 4;
/** V_PTR points at template parts (policy variables). */
export const VF_TEMPLATE: u32 = 8;
/** Template output is matched as a glob (escape substituted text). */
export const VF_TEMPLATE_GLOB: u32 = 16;

// ---- Template part: 4 x u32 ----
export const T_TYPE: u32 = 0; // 0 literal bytes, 1 variable, 2 variable with default
export const T_A: u32 = 4; // literal: offset; variable: key id
export const T_B: u32 = 8; // literal: length; variable: default offset
export const T_C: u32 = 12; // variable: default length
export const TPART_SIZE: u32 = 16;
export const TP_LITERAL: u32 = 0;
export const TP_VAR: u32 = 1;
export const TP_VAR_DEFAULT: u32 = 2;

// ---- Principal record: 4 x u32 ----
export const P_TYPE: u32 = 0;
export const P_PTR: u32 = 4;
export const P_LEN: u32 = 8;
export const PRINCIPAL_SIZE: u32 = 16;
export const PT_STAR: u32 = 0;
export const PT_ACCOUNT: u32 = 1; // 12-digit id or arn:...:iam::ID:root, stored as the id
export const PT_USER: u32 = 2;
export const PT_ROLE: u32 = 3;
export const PT_SESSION: u32 = 4; // arn:...:sts::A:assumed-role/R/S
export const PT_FEDERATED_USER: u32 = 5; // arn:...:sts::A:federated-user/N
export const PT_OTHER_AWS: u32 = 6; // unique ids and other AWS strings, compared exactly
export const PT_SERVICE: u32 = 7;
export const PT_FEDERATED: u32 = 8;
export const PT_CANONICAL: u32 = 9;

// ---- Condition record: 4 x u32, followed by nothing; values live in a value list ----
export const C_OP: u32 = 0;
export const C_FLAGS: u32 = 4;
export const C_KEY: u32 = 8;
export const C_VALUES: u32 = 12; // offset of a value list
export const COND_SIZE: u32 = 16;
export const CF_IF_EXISTS: u32 = 1;
export const CF_FOR_ALL: u32 = 2;
export const CF_FOR_ANY: u32 = 4;
export const CF_NEGATED: u32 = 8;

// Base operators, negated ones folded into their positive test plus CF_NEGATED.
export const OP_STRING_EQUALS: u32 = 0;
export const OP_STRING_EQUALS_IGNORE_CASE: u32 = 1;
export const OP_STRING_LIKE: u32 = 2;
export const OP_NUMERIC_EQUALS: u32 = 3;
export const OP_NUMERIC_LT: u32 = 4;
export const OP_NUMERIC_LTE: u32 = 5;
export const OP_NUMERIC_GT: u32 = 6;
export const OP_NUMERIC_GTE: u32 = 7;
export const OP_DATE_EQUALS: u32 = 8;
export const OP_DATE_LT: u32 = 9;
export const OP_DATE_LTE: u32 = 10;
export const OP_DATE_GT: u32 = 11;
export const OP_DATE_GTE: u32 = 12;
export const OP_BOOL: u32 = 13;
export const OP_BINARY_EQUALS: u32 = 14;
export const OP_IP_ADDRESS: u32 = 15;
export const OP_ARN_LIKE: u32 = 16;
export const OP_NULL: u32 = 17;

// ---- Request (scratch) header: u32 words ----
export const R_PRINCIPAL_TYPE: u32 = 0;
export const R_PRINCIPAL: u32 = 4; // off, len (8 bytes)
export const R_PRINCIPAL_ACCOUNT: u32 = 12; // off, len
export const R_ROLE_ARN: u32 = 20; // off, len
export const R_ACTION: u32 = 28; // off, len
export const R_RESOURCE: u32 = 36; // off, len
export const R_RESOURCE_ACCOUNT: u32 = 44; // off, len
export const R_CTX_COUNT: u32 = 52;
export const R_CTX_OFFSET: u32 = 56;
export const R_POLICIES: u32 = 60; // offset of the policy set
export const REQUEST_HEADER_SIZE: u32 = 64;
// Offsets inside the request are relative to the scratch start.

// Principal types of the request.
export const RP_ANONYMOUS: u32 = 0;
export const RP_USER: u32 = 1;
export const RP_ROLE_SESSION: u32 = 2;
export const RP_ROOT: u32 = 3;
export const RP_FEDERATED_USER: u32 = 4;
export const RP_SERVICE: u32 = 5;
export const RP_FEDERATED: u32 = 6;
export const RP_CANONICAL: u32 = 7;
export const RP_OTHER: u32 = 8;

// Context entry: 4 x u32; values: (off, len) pairs.
export const X_KEY: u32 = 0;
export const X_FLAGS: u32 = 4;
export const X_COUNT: u32 = 8;
export const X_VALUES: u32 = 12;
export const CTX_SIZE: u32 = 16;
export const XF_MULTI: u32 = 1;
/**
 * Key ids the binding reserves before compiling anything (js/engine/keys.ts), because the core
 * reads them for service rules whether or not a policy mentions them. kms:ResourceAliases:
 * an `alias/aws/` value marks an AWS managed key (eval/service-facts.ts).
 */
export const KEY_KMS_RESOURCE_ALIASES: u32 = 0;

// Policy set: identityCount, refs..., boundary ref, sessionCount, refs..., resource ref,
// scpLevels, (count, refs...)*, rcpLevels, (count, refs...)*. A policy reference is two words:
// the image handle (0 = none) and its selection: 0 for every statement, or the byte offset from
// the set's start of a list (count, statement positions...) of exactly the statements whose
// Action matches the request's action or whose NotAction does not (the binding matched them
// as the core does); the core evaluates only those and does not match their actions again.
export const REF_SIZE: u32 = 8;

// ---- Explain output: per statement, flags then condition results (eval/explain.ts) ----
export const EX_ACTION: u32 = 1; // Action/NotAction matched the request's action
export const EX_RESOURCE: u32 = 2; // Resource/NotResource matched (or the statement has none)
export const EX_HAS_RESOURCE: u32 = 4;
export const EX_PRINCIPAL: u32 = 8; // Principal/NotPrincipal matched (or the statement has none)
export const EX_HAS_PRINCIPAL: u32 = 16;
export const EX_APPLIES: u32 = 32; // every element and condition matched
export const EX_SKIPPED: u32 = 64; // the policy was not evaluated for this request; why: EX_SKIP_SHIFT
/** Bits 8-11 of a skipped statement's flags: why its policy was not evaluated (SKIP_*). */
export const EX_SKIP_SHIFT: u32 = 8;
export const SKIP_SERVICE_PRINCIPAL: u32 = 1; // SCPs: the principal is a service
export const SKIP_SERVICE_LINKED_ROLE: u32 = 2; // SCPs: the principal is a service-linked role
export const SKIP_AWS_MANAGED_KEY: u32 = 3; // RCPs: the resource is an AWS managed KMS key
export const SKIP_NO_PERMISSION_REQUIRED: u32 = 4; // every policy: sts:GetCallerIdentity
export const EXC_RESULT: u32 = 1;
export const EXC_MISSING: u32 = 2;

// ---- Result ----
export const RES_DECISION: u32 = 0;
export const RES_REASON: u32 = 4;
export const RES_REASON_ARG: u32 = 8;
export const RES_MATCHED_COUNT: u32 = 12;
export const RES_MISSING_COUNT: u32 = 16;
export const RES_MATCHED: u32 = 20; // MAX_MATCHED x (handle, statement position)
export const MAX_MATCHED: u32 = 256;
export const RES_MISSING: u32 = RES_MATCHED + MAX_MATCHED * 8; // MAX_MISSING x key id
export const MAX_MISSING: u32 = 64;
export const RESULT_SIZE: u32 = RES_MISSING + MAX_MISSING * 4;

export const DECISION_ALLOW: u32 = 0;
export const DECISION_EXPLICIT_DENY: u32 = 1;
export const DECISION_IMPLICIT_DENY: u32 = 2;

// Reasons: why the decision came out as it did (RES_REASON_ARG carries a level where relevant).
export const REASON_EXPLICIT_DENY: u32 = 1;
export const REASON_IDENTITY_ALLOW: u32 = 2;
export const REASON_RESOURCE_ALLOW: u32 = 3;
export const REASON_ROOT: u32 = 4;
export const REASON_NO_ALLOW: u32 = 5;
export const REASON_SCP_NO_ALLOW: u32 = 6;
export const REASON_RCP_NO_ALLOW: u32 = 7;
export const REASON_BOUNDARY_NO_ALLOW: u32 = 8;
export const REASON_SESSION_NO_ALLOW: u32 = 9;
export const REASON_TRUST_NO_ALLOW: u32 = 10;
export const REASON_CROSS_ACCOUNT_NO_RESOURCE_ALLOW: u32 = 11;
export const REASON_CROSS_ACCOUNT_NO_IDENTITY_ALLOW: u32 = 12;
export const REASON_BAD_INPUT: u32 = 13;
// Service rules (eval/decision-table.ts serviceRules; docs/semantics.md "Service rules").
export const REASON_NO_PERMISSION_REQUIRED: u32 = 14;
export const REASON_KEY_POLICY_NO_ALLOW: u32 = 15;
export const REASON_FEDERATED_USER_NO_SESSION_POLICY: u32 = 16;
export const REASON_UNMODIFIABLE_ENTITY: u32 = 17;
export const REASON_RESERVED_ALIAS: u32 = 18;
export const REASON_SCP_EXEMPT_SERVICE_LINKED_ROLE: u32 = 19;
export const REASON_RCP_EXEMPT_AWS_MANAGED_KEY: u32 = 20;
