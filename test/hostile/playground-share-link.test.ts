/**
 * Hostile share links (issue 13, item 13): the playground's `#s=` fragment is untrusted input.
 * Decoding stops once the inflated state passes the size limit, and a state over any count
 * limit (editors, context entries, test rows) is refused with a message; the limits hold for the
 * page's own *Add* buttons too. The page's side (a message, not a hang) is in test/e2e/run.mjs.
 */
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeState, encodeState } from "../../js/playground/fragment.ts";
import {
  MAX_CONTEXT_ENTRIES, MAX_POLICY_EDITORS, MAX_STATE_BYTES, MAX_TEST_ROWS,
} from "../../js/playground/limits.ts";
import { sampleState } from "../../js/playground/samples.ts";
import { Store, normalizeState, type PlaygroundState } from "../../js/playground/state.ts";

const link = (json: string): string => "#s=" + deflateRawSync(Buffer.from(json)).toString("base64url");
const base = (): PlaygroundState => normalizeState(sampleState("s3-read-only"));
const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });

/** The base state, padded (in its `sample` field, which nothing renders) to exactly `bytes` of JSON. */
function stateOfSize(bytes: number): string {
  const s = { ...base(), sample: "" };
  const pad = bytes - JSON.stringify(s).length;
  return JSON.stringify({ ...s, sample: "x".repeat(pad) });
}

describe("share link: decoded size", () => {
  it("refuses a 68 KB link that inflates to 50 MB", async () => {
    const fragment = link(JSON.stringify({ ...base(), identity: [" ".repeat(50_000_000)] }));
    expect(fragment.length).toBeLessThan(70_000);
    const decoded = await decodeState(fragment);
    expect(decoded).toEqual({ problem: `its state is larger than ${MAX_STATE_BYTES / 1024} KiB once decompressed, the playground's limit` });
  });

  it("takes a state of exactly the limit and refuses one byte more", async () => {
    const at = stateOfSize(MAX_STATE_BYTES);
    expect(Buffer.byteLength(at)).toBe(MAX_STATE_BYTES);
    const ok = await decodeState(link(at));
    expect(ok && "state" in ok && ok.state.sample?.length).toBeGreaterThan(0);
    const over = await decodeState(link(stateOfSize(MAX_STATE_BYTES + 1)));
    expect(over && "problem" in over && over.problem).toMatch(/larger than 512 KiB/);
  });

  it("says a fragment that is not deflate-raw JSON is unreadable", async () => {
    for (const fragment of ["#s=AAAA", "#s=" + Buffer.from("not deflate").toString("base64url"), link("{not json")]) {
      expect(await decodeState(fragment), fragment).toEqual({ problem: "it is not a playground state (deflate-raw compressed JSON in base64url)" });
    }
    expect(await decodeState("")).toBeUndefined();
    expect(await decodeState("#other")).toBeUndefined();
  });

  it("round-trips a state, and gives a state over the limit no link", async () => {
    const encoded = await encodeState(base());
    expect("fragment" in encoded && (await decodeState(`#${encoded.fragment}`))).toEqual({ state: base() });
    const big = { ...base(), identity: ["x".repeat(MAX_STATE_BYTES)] };
    expect(await encodeState(big)).toEqual({ problem: expect.stringMatching(/larger than 512 KiB/) });
  });
});

describe("share link: counts", () => {
  const decode = (over: Partial<PlaygroundState>) => decodeState(link(JSON.stringify({ ...base(), ...over })));

  it("refuses 2,000 identity editors and takes the limit", async () => {
    expect(await decode({ identity: Array(2_000).fill(policy) }))
      .toEqual({ problem: "it has 2,000 identity, session and SCP policies; the playground holds at most 50" });
    const half = MAX_POLICY_EDITORS / 2;
    const at = await decode({ identity: Array(half).fill(policy), session: Array(half - 1).fill(policy), scp: [{ level: 1, text: policy }] });
    expect(at && "state" in at).toBe(true);
    const over = await decode({ identity: Array(half).fill(policy), session: Array(half).fill(policy), scp: [{ level: 1, text: policy }] });
    expect(over && "problem" in over).toBe(true);
  });

  it("refuses more context entries or test rows than the limits", async () => {
    const row = { key: "k", type: "string", value: "v" };
    const req = base().request;
    const test = { principal: "", action: "s3:GetObject", resource: "*", context: "", expected: "Allow" };
    expect(await decode({ request: { ...req, context: Array(MAX_CONTEXT_ENTRIES + 1).fill(row) } }))
      .toEqual({ problem: `its request has ${MAX_CONTEXT_ENTRIES + 1} context entries; the playground takes at most ${MAX_CONTEXT_ENTRIES}` });
    expect(await decode({ tests: Array(MAX_TEST_ROWS + 1).fill(test) }))
      .toEqual({ problem: `its test table has ${MAX_TEST_ROWS + 1} rows; the playground takes at most ${MAX_TEST_ROWS}` });
    const at = await decode({ request: { ...req, context: Array(MAX_CONTEXT_ENTRIES).fill(row) }, tests: Array(MAX_TEST_ROWS).fill(test) });
    expect(at && "state" in at).toBe(true);
  });
});

describe("the page's Add buttons stop at the limits", () => {
  it("adds editors, context entries and test rows up to the limit and no further", () => {
    const store = new Store({ ...base(), identity: [], session: [], scp: [] });
    for (let i = 0; i < MAX_POLICY_EDITORS; i++) expect(store.addPolicy((["identity", "session", "scp"] as const)[i % 3])).toBeTypeOf("number");
    expect(store.addPolicy("identity")).toBeUndefined();
    expect(store.addPolicy("scp")).toBeUndefined();
    store.removePolicy("session", 0);
    expect(store.addPolicy("identity")).toBeTypeOf("number");
    const row = { key: "k", type: "string" as const, value: "v" };
    for (let i = store.doc.request.context.length; i < MAX_CONTEXT_ENTRIES; i++) expect(store.addContextRow(row)).toBe(true);
    expect(store.addContextRow(row)).toBe(false);
    const test = { principal: "", action: "s3:GetObject", resource: "*", context: "", expected: "Allow" as const };
    for (let i = store.doc.tests.length; i < MAX_TEST_ROWS; i++) expect(store.addTestRow(test)).toBe(true);
    expect(store.addTestRow(test)).toBe(false);
    expect(store.doc.request.context).toHaveLength(MAX_CONTEXT_ENTRIES);
    expect(store.doc.tests).toHaveLength(MAX_TEST_ROWS);
  });
});
