/**
 * @module engine/limits
 * The engine's limits on what a caller hands it: request sizes (each following what AWS itself
 * accepts), the number of entries and bytes every cache may hold, and the Wasm memory the
 * engine may use. docs/limits.md ("Engine") gives each one's reason and source; lengths count
 * UTF-16 code units (a string's `length`).
 */

/** `principal`: an ARN, as IAM's `ResourceNameType` and `arnType` (at most 2,048 characters). */
export const MAX_PRINCIPAL_LENGTH = 2048;
/** `action`: SimulatePrincipalPolicy's `ActionNameType`, 3 to 128 characters. */
export const MAX_ACTION_LENGTH = 128;
/** `resource`: an ARN (2,048); the longest S3 object ARN is 1,101. */
export const MAX_RESOURCE_LENGTH = 2048;
/** A context key: `ContextEntry.ContextKeyName`, 5 to 256 characters. */
export const MAX_CONTEXT_KEY_LENGTH = 256;
/** A context value (each item of a multivalued one): twice the longest ARN; browsers cut `Referer` at 4,096. */
export const MAX_CONTEXT_VALUE_LENGTH = 4096;
/** Keys of one request's context (null and undefined ones included). */
export const MAX_CONTEXT_KEYS = 1024;
/** Values of one request's context, every key's together. */
export const MAX_CONTEXT_VALUES = 4096;
/** Every string of one request together. */
export const MAX_REQUEST_LENGTH = 262_144;

/** Distinct actions a linked bundle keeps a statement selection for, and their bytes at most. */
export const MAX_SELECTIONS = 4096;
export const MAX_SELECTION_BYTES = 2 << 20;
/**
 * Policy sets `authorize` links implicitly (set-cache.ts), and the bytes of their words and
 * selections together: 256 principals' sets decided in turn stay linked, within 16 MiB.
 */
export const MAX_LINKED_SETS = 256;
export const MAX_LINKED_SET_BYTES = 16 << 20;
/**
 * Plain sets decided without being linked that the set cache counts (seen-counts.ts: a table of
 * this many slots, 24 KiB), so that a set seen again is linked and one seen once is not; and the
 * misses after which every count is halved. A power of two.
 */
export const MAX_SEEN_SETS = 4096;
/**
 * A policy with this many action patterns or more remembers which of its statements apply to
 * each request action (action-filter.ts): the scan of its patterns is long, and the answer serves
 * every set the policy is in. At most MAX_REMEMBERED_ACTIONS actions per policy (each an action's
 * text and a short array: about 40 KiB at most), then it starts over.
 */
export const MIN_REMEMBERING_PATTERNS = 64;
export const MAX_REMEMBERED_ACTIONS = 128;
/**
 * Request actions and resources whose form was checked (checked-texts.ts), and their characters
 * at most: 16,384 holds the generated bench family's 8,400 distinct texts (a bound below a
 * workload's distinct texts checks every text again and pays the remembering on top).
 */
export const MAX_CHECKED_TEXTS = 16_384;
export const MAX_CHECKED_CHARS = 1 << 20;
/** Checked resources up to this long keep a copy in Wasm memory (bytes: within MAX_CHECKED_CHARS plus a block header each). */
export const MAX_KEPT_RESOURCE_LENGTH = 256;
/** Distinct action texts kept in Wasm memory, for linked bundles (each at most MAX_ACTION_LENGTH). */
export const MAX_KEPT_TEXTS = 4096;
/**
 * Bytes of per-action selection words kept in Wasm memory for requests to point at (each
 * selection's words once, at most MAX_KEPT_TEXTS selections): given back with the kept texts.
 */
export const MAX_KEPT_WORDS_BYTES = 2 << 20;
/** Principals whose parsed form is kept (each at most MAX_PRINCIPAL_LENGTH), and their bytes at most. */
export const MAX_PRINCIPALS = 1024;
export const MAX_PRINCIPAL_BYTES = 1 << 20;
/** Request context-key spellings whose ids are kept. */
export const MAX_KEY_SPELLINGS = 4096;
/** A batch chunk stops taking requests once its requests fill this many bytes of scratch. */
export const MAX_CHUNK_BYTES = 1 << 20;
/** A scratch grown past this by one large call is given back after it. */
export const MAX_KEPT_SCRATCH = 4 << 20;

/** The default of `createEngine`'s `maxMemory`: bytes of Wasm memory the engine's blocks may take. */
export const DEFAULT_MAX_MEMORY = 1 << 30;
/** wasm32 addresses 4 GiB at most; `maxMemory` may not ask for more. */
export const MAX_MEMORY = 2 ** 32;
