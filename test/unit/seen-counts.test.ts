/**
 * The set cache's counts of sets not linked (js/engine/seen-counts.ts): a bounded, lossy table.
 * A count may be forgotten (read lower), never read higher than what was set for that key.
 */
import { describe, expect, it } from "vitest";
import { SeenCounts, pairOf } from "../../js/engine/seen-counts.ts";
import { MAX_SEEN_SETS } from "../../js/engine/limits.ts";

describe("SeenCounts", () => {
  it("gets what was set, forgets on delete, and halves every count", () => {
    const seen = new SeenCounts();
    expect(seen.get(12345)).toBe(0);
    seen.set(12345, 3);
    seen.set(0x7fffffff, 1);
    seen.set(0, 2);
    expect([seen.get(12345), seen.get(0x7fffffff), seen.get(0), seen.size]).toEqual([3, 1, 2, 3]);
    seen.delete(0);
    expect([seen.get(0), seen.size]).toEqual([0, 2]);
    seen.halve();
    // 3 -> 1; 1 -> 0, which empties the slot.
    expect([seen.get(12345), seen.get(0x7fffffff), seen.size]).toEqual([1, 0, 1]);
    seen.set(12345, 1e9);
    expect(seen.get(12345)).toBe(0xffff);
    seen.clear();
    expect([seen.get(12345), seen.size]).toEqual([0, 0]);
  });

  it("stays within its slots under many keys, and never reads a count above the one set", () => {
    const seen = new SeenCounts();
    const truth = new Map<number, number>();
    const order: number[] = [];
    let state = 99;
    let above = 0;
    for (let i = 0; i < 50_000; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      // Keys repeat (a third of them are drawn from the keys so far), as sets passed again do.
      const key = i % 3 === 0 && order.length > 0 ? order[state % order.length] : state & 0x7fffffff;
      if (!truth.has(key)) order.push(key);
      const count = (truth.get(key) ?? 0) + 1;
      truth.set(key, count);
      seen.set(key, count);
      const probe = order[(state >>> 7) % order.length];
      if (seen.get(probe) > truth.get(probe)!) above++;
    }
    expect(above).toBe(0);
    expect(seen.size).toBeLessThanOrEqual(MAX_SEEN_SETS);
  });

  it("keeps nearly every count while the keys are fewer than its slots", () => {
    const seen = new SeenCounts();
    const keys = Array.from({ length: MAX_SEEN_SETS / 4 }, (_, i) => Math.imul(i + 1, 0x9e3779b1) & 0x7fffffff);
    for (let round = 1; round <= 3; round++) for (const k of keys) seen.set(k, round);
    expect(keys.filter((k) => seen.get(k) === 3).length).toBeGreaterThan(0.95 * keys.length);
  });

  it("keeps the more used key of a pair when a third one comes", () => {
    const seen = new SeenCounts();
    const pair: number[] = [];
    for (let k = 1; pair.length < 3; k++) if (pairOf(k) === pairOf(1)) pair.push(k);
    seen.set(pair[0], 5);
    seen.set(pair[1], 2);
    seen.set(pair[2], 1); // takes the place of pair[1], the less used
    expect([seen.get(pair[0]), seen.get(pair[1]), seen.get(pair[2])]).toEqual([5, 0, 1]);
    seen.set(pair[1], 7); // and back, in place of pair[2]
    expect([seen.get(pair[0]), seen.get(pair[1]), seen.get(pair[2])]).toEqual([5, 7, 0]);
  });
});
