/**
 * @module test/shared/read-cases.node
 * Node side: reads test/conformance/cases/** and known-differences.json into a SuiteInput.
 * Used by the Node runner, the workerd vitest config and the browser runner.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
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

/** Every case file under `casesDir`, in a stable order, with its path relative to `relativeTo`. */
export function readCaseFiles(casesDir: string, relativeTo = casesDir): { file: string; data: CaseFile }[] {
  if (!existsSync(casesDir)) return [];
  return listJson(casesDir).map((f) => ({ file: relative(relativeTo, f), data: JSON.parse(readFileSync(f, "utf8")) as CaseFile }));
}

/** The known differences (case name -> reason) in `conformanceDir`, or none. */
export function readKnownDifferences(conformanceDir: string): Record<string, string> {
  const knownPath = join(conformanceDir, "known-differences.json");
  return existsSync(knownPath) ? (JSON.parse(readFileSync(knownPath, "utf8")) as Record<string, string>) : {};
}

/** `conformanceDir`: test/conformance (pass it when this module is bundled elsewhere). */
export function readSuiteInput(conformanceDir = fileURLToPath(new URL("../conformance/", import.meta.url))): SuiteInput {
  const conformance = pathToFileURL(join(conformanceDir, "/"));
  const casesDir = fileURLToPath(new URL("cases/", conformance));
  const files = readCaseFiles(casesDir).map((f) => f.data);
  const knownDifferences = readKnownDifferences(fileURLToPath(conformance));
  const cases = flattenCases(files);
  if (cases.length === 0) throw new Error(`no conformance cases under ${casesDir}`);
  return { cases, knownDifferences };
}
