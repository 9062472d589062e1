/**
 * @module playground/limits
 * How much state the page takes, so that no link can hang the tab: a share link is untrusted
 * input (a 68 KB fragment can inflate to 50 MB; 2,000 editors never finish rendering). Each
 * limit is far above what the AWS quotas let one principal have; docs/playground.md lists them.
 */
import type { PlaygroundState } from "./state.ts";

/**
 * The largest state a link may hold, as UTF-8 JSON once decompressed. The largest AWS-managed
 * policy (AWSSupportServiceRolePolicy) is 194 KB pretty-printed, ReadOnlyAccess 118 KB: a
 * principal with both and its own policies fits.
 */
export const MAX_STATE_BYTES = 512 * 1024;
/**
 * Identity, session and SCP editors together (the resource and boundary editors are always
 * there). IAM's default quotas attach 10 managed policies to a user or role and put a user in up
 * to 10 groups; a principal with more policies than this is simulated in account mode instead.
 * Each editor's first layout reads the whole page, so the cost grows with the square of the count.
 */
export const MAX_POLICY_EDITORS = 50;
/** Context entries of the request form (a user or role has at most 50 tags). */
export const MAX_CONTEXT_ENTRIES = 200;
/** Rows of the test table (each runs on every change). */
export const MAX_TEST_ROWS = 200;
/**
 * Diagnostics shown per editor (marks and list); the rest are counted. A 512 KiB policy of bad
 * statements has over 20,000, and drawing them all took seconds on every evaluation.
 */
export const MAX_DIAGNOSTICS_SHOWN = 100;

const KIB = MAX_STATE_BYTES / 1024;
const count = (n: number) => n.toLocaleString("en-US");

export const editorCount = (doc: PlaygroundState): number => doc.identity.length + doc.session.length + doc.scp.length;

export const TOO_LARGE = `its state is larger than ${KIB} KiB once decompressed, the playground's limit`;

/** What is over a limit in a document, in words; undefined when it fits. */
export function overLimit(doc: PlaygroundState): string | undefined {
  const editors = editorCount(doc);
  if (editors > MAX_POLICY_EDITORS) return `it has ${count(editors)} identity, session and SCP policies; the playground holds at most ${MAX_POLICY_EDITORS}`;
  const entries = doc.request.context.length;
  if (entries > MAX_CONTEXT_ENTRIES) return `its request has ${count(entries)} context entries; the playground takes at most ${MAX_CONTEXT_ENTRIES}`;
  const rows = doc.tests.length;
  if (rows > MAX_TEST_ROWS) return `its test table has ${count(rows)} rows; the playground takes at most ${MAX_TEST_ROWS}`;
  return undefined;
}

/** The status line's answer to an *Add* button at a limit. */
export const AT_LIMIT = {
  policies: `The playground holds at most ${MAX_POLICY_EDITORS} identity, session and SCP policies.`,
  context: `The request takes at most ${MAX_CONTEXT_ENTRIES} context entries.`,
  tests: `The test table takes at most ${MAX_TEST_ROWS} rows.`,
};
