/**
 * flattenHandles (js/engine/request.ts) writes a policy set's words as the core reads them
 * (docs/abi.md "Policy set"): counts, handle and selection-offset pairs in the core's order,
 * then each selection's length and positions, with offsets in bytes from the set's start.
 */
import { describe, expect, it } from "vitest";
import { flattenHandles, type HandleSet } from "../../js/engine/request.ts";

describe("flattenHandles", () => {
  it("the empty set: four counts of zero and two empty references (boundary, resource)", () => {
    const empty: HandleSet = { identity: [], boundary: 0, session: [], resource: 0, scp: [], rcp: [] };
    expect([...flattenHandles(empty)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("one identity policy with a selection, one SCP level of a policy without one", () => {
    const set: HandleSet = { identity: [7], boundary: 0, session: [], resource: 0, scp: [[9]], rcp: [] };
    // identity count, (7, offset of its selection), boundary, session count, resource, 1 SCP
    // level of 1 policy (9, all statements), 0 RCP levels; then the selection [2, 5] at word 13.
    expect([...flattenHandles(set, (h) => (h === 7 ? [2, 5] : null))]).toEqual([1, 7, 52, 0, 0, 0, 0, 0, 1, 1, 9, 0, 0, 2, 2, 5]);
  });
});
