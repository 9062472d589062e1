/**
 * Differential run: iam-edge against @cloud-copilot/iam-simulate (used as a black box through
 * its published `runSimulation`; AGPL-3.0, none of its code or data is copied here).
 *
 * A seeded generator (generator.ts) draws policies and requests over a small vocabulary; both
 * engines decide each case. A disagreement passes only when a class of known-differences.ts
 * explains it (each class is an AWS rule the peer reads differently); anything else fails the
 * test with a minimized reproduction. Cases the peer refuses to run (its input validation) are
 * counted as "skipped by peer".
 *
 *   npx vitest run test/differential
 *   DIFF_CASES=20000 DIFF_SEED=7 npx vitest run test/differential   # a longer or different run
 */
import { describe, it, expect, beforeAll } from "vitest";
import { createEngine, type Engine } from "../../js/index.ts";
import { generateCase } from "./generator.ts";
import { generateServiceCase } from "./service-generator.ts";
import { runDifferential } from "./run.ts";

const CASES = Number(process.env.DIFF_CASES ?? 5000);
const SEED = Number(process.env.DIFF_SEED ?? 20240601);
const SERVICE_CASES = Number(process.env.DIFF_SERVICE_CASES ?? 1500);

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe("differential: iam-edge vs iam-simulate", () => {
  it(`agrees on ${CASES} generated cases, up to the known differences`, async () => {
    const { tally, byDecision } = await runDifferential(engine, (id) => generateCase(SEED, id), CASES, `seed ${SEED}`);
    expect(tally.unexplained, "disagreements not covered by known-differences.ts (see the log above)").toBe(0);
    // The run must mean something: most cases decided by both, every decision represented.
    expect(tally.agreed + tally.known).toBeGreaterThan(CASES * 0.9);
    for (const d of ["Allow", "ExplicitDeny", "ImplicitDeny"]) expect(byDecision[d] ?? 0, d).toBeGreaterThan(CASES * 0.03);
  });

  it(`agrees on ${SERVICE_CASES} cases of the rules services add, up to the known differences`, async () => {
    const { tally, byDecision, byClass } = await runDifferential(engine, (id) => generateServiceCase(SEED, id), SERVICE_CASES, `service rules, seed ${SEED}`);
    expect(tally.unexplained, "disagreements not covered by known-differences.ts (see the log above)").toBe(0);
    expect(tally.agreed + tally.known).toBeGreaterThan(SERVICE_CASES * 0.9);
    for (const d of ["Allow", "ExplicitDeny", "ImplicitDeny"]) expect(byDecision[d] ?? 0, d).toBeGreaterThan(SERVICE_CASES * 0.03);
    // Each service rule the peer reads differently shows up (a run that never reaches them proves nothing).
    const seen = Object.keys(byClass).flatMap((k) => k.split(" + "));
    for (const id of ["kms-key-without-key-policy-has-the-default", "federation-token-without-session-policy-allows-nothing", "scp-exempt-service-linked-role", "service-linked-role-unmodifiable"]) {
      expect(seen, id).toContain(id);
    }
  });
});
