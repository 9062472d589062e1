/**
 * A policy with many action patterns indexes them by the service they name and remembers its
 * selections per action (js/engine/action-filter.ts, issue 17). Its answer must be the plain
 * scan's: every statement whose Action matches (or whose NotAction does not), by the policy
 * layer's own matcher, for any patterns (wildcards in the service part or not, any case,
 * characters outside ASCII, no colon) and any action, asked once or again.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ActionFilter, normalizeAction } from "../../js/engine/action-filter.ts";
import { actionMatches } from "../../js/policy/wildcard.ts";
import { MIN_REMEMBERING_PATTERNS } from "../../js/engine/limits.ts";

const piece = fc.constantFrom("s3", "S3", "ec2", "iam", "s", "3", "*", "?", ":", "Get", "get", "Object", "é", "\u{1F600}", "List", "x-y", ".");
const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(""));
const pattern = fc.oneof(text, text.map((t) => `s3:${t}`), text.map((t) => `${t}:${t}`));
const action = fc.oneof(text.map((t) => `s3:${t}`), text.map((t) => `ec2:${t}`), text.map((t) => `${t}:${t}`), text);

describe("ActionFilter's index by service", () => {
  it("selects what a scan with the policy layer's matcher selects", () => {
    const statement = fc.record({ not: fc.boolean(), patterns: fc.array(pattern, { minLength: 1, maxLength: 40 }) });
    fc.assert(fc.property(fc.array(statement, { minLength: 1, maxLength: 6 }), fc.array(action, { minLength: 1, maxLength: 20 }), (statements, actions) => {
      // Pad to the size at which the filter indexes and remembers.
      const total = statements.reduce((n, s) => n + s.patterns.length, 0);
      if (total < MIN_REMEMBERING_PATTERNS) statements.push({ not: false, patterns: Array.from({ length: MIN_REMEMBERING_PATTERNS - total }, (_, i) => `pad${i}:Only`) });
      const filter = new ActionFilter(statements.map((s) => (s.not ? { notAction: s.patterns } : { action: s.patterns })));
      expect(filter.remembers).toBe(true);
      for (const a of [...actions, ...actions]) {
        const expected = statements.flatMap((s, at) => (s.patterns.some((p) => actionMatches(p, a)) !== s.not ? [at] : []));
        expect([...filter.select(normalizeAction(a))]).toEqual(expected);
      }
    }), { numRuns: 400, endOnFailure: true });
  });
});
