/**
 * @module test/shared/read-cases.node
 * Node side: reads test/conformance/cases/** and known-differences.json into a SuiteInput.
 * Used by the Node runner, the workerd vitest config and the browser runner.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CaseFile } from "../conformance/run-case.ts";
import { flattenCases, type SuiteInput } from "./cases.ts";


function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listJson(p));
    else if (name.endsWith(".json")) out.push(p);
  }
  return out;
}

/** `conformanceDir`: test/conformance (pass it when this module is bundled elsewhere). */
export function readSuiteInput(conformanceDir = fileURLToPath(new URL("../conformance/", import.meta.url))): SuiteInput {
  const conformance = pathToFileURL(join(conformanceDir, "/"));
  const casesDir = fileURLToPath(new URL("cases/", conformance));
  const files = existsSync(casesDir) ? listJson(casesDir).map((f) => JSON.parse(readFileSync(f, "utf8")) as CaseFile) : [];
  const knownPath = fileURLToPath(new URL("known-differences.json", conformance));
  const knownDifferences = existsSync(knownPath) ? (JSON.parse(readFileSync(knownPath, "utf8")) as Record<string, string>) : {};
  const cases = flattenCases(files);
  if (cases.length === 0) throw new Error(`no conformance cases under ${casesDir}`);
  return { cases, knownDifferences };
}
