/**
 * Writes test/property/fixtures/cold-compile-golden.json: for a fixed sample of recipes
 * (cold-compile-inputs.ts), what an engine built BEFORE the issue 17 compile work (commit
 * a0e14cd) reports for each as JSON text and as object input: its diagnostics (hashed) and,
 * when it compiles, its image (hashed). cold-compile.test.ts checks that today's engine gives
 * the same. Run against that commit's built engine:
 *   npx esbuild test/property/make-cold-compile-golden.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/golden.mjs && node /tmp/golden.mjs /path/to/old/dist/engine-node.js > test/property/fixtures/cold-compile-golden.json
 */
import fc from "fast-check";
import { createHash } from "node:crypto";
import { KINDS } from "./arbitraries.ts";
import { encodable, objectOf, recipe, type Recipe } from "./cold-compile-inputs.ts";
import type { Engine, PolicyKind } from "../../js/index.ts";

export interface GoldenCase {
  recipe: Recipe;
  kind: PolicyKind;
  iamChecks: boolean;
  text: Outcome;
  object: Outcome;
}
/** Hashes of what an engine says: diagnostics (JSON), and the image when compile succeeds. */
export interface Outcome { diagnostics: string; count: number; image?: string }

export const sha = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex").slice(0, 32);

/** What `engine` says of `input`; the image comes from `compile` (it is internal: `image`). */
export function outcome(engine: Engine, input: unknown, kind: PolicyKind, iamChecks: boolean): Outcome {
  const diagnostics = engine.validate(input, { kind, iamChecks });
  const out: Outcome = { diagnostics: sha(JSON.stringify(diagnostics)), count: diagnostics.length };
  if (!iamChecks && !diagnostics.some((d) => d.severity === "error")) {
    const p = engine.compile(input, { kind, id: "golden" });
    out.image = sha((p as unknown as { image: Uint8Array }).image);
    p.dispose();
  }
  return out;
}

if (process.argv[1]?.endsWith("golden.mjs")) {
  const mod = (await import(process.argv[2])) as { createEngine(): Promise<Engine> };
  const engine = await mod.createEngine();
  const one = (r: Recipe, kind: PolicyKind, iamChecks: boolean): GoldenCase =>
    ({ recipe: r, kind, iamChecks, text: outcome(engine, r.text, kind, iamChecks), object: outcome(engine, objectOf(r), kind, iamChecks) });
  const cases: GoldenCase[] = [
    ...fc.sample(recipe, { seed: 17, numRuns: 160 }).map((r, i) => one(r, KINDS[i % KINDS.length], i % 5 === 4)),
    ...fc.sample(encodable, { seed: 17, numRuns: 160 }).map((e, i) => one(e.recipe, e.kind, i % 10 === 9)),
  ];
  process.stdout.write(JSON.stringify({ engine: "a0e14cd", cases }, null, 0).replace(/\{"recipe"/g, '\n{"recipe"') + "\n");
}
