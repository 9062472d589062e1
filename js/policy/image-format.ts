/**
 * @module policy/image-format
 * The compiled policy image's binary format: the half of the ABI that the policy encoder
 * writes and the Wasm core reads (header, statement, value, template, principal and condition
 * records, operator codes, the hashes of the service mask and the action hint). Defined once in
 * assembly/abi.ts; this file mirrors it by hand, and test/unit/abi.test.ts fails when the two
 * disagree. It lives in the policy layer, a leaf, so that the encoder needs nothing from the
 * binding; js/engine/abi.ts re-exports it with the request and result layouts. Layouts:
 * docs/abi.md.
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
