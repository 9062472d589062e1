/**
 * @module test/shared/cases
 * The inputs of the shared suite, in a form that crosses runtimes: the conformance case files
 * flattened into cases (ids `topic/name`, doc inherited from the file) and the known differences.
 * Reading the files is the runner's job (Node reads them and hands them to workerd and the page),
 * so every runtime decides exactly the same inputs.
 */
import type { CaseFile, ConformanceCase } from "../conformance/run-case.ts";

export interface SuiteInput {
  cases: ConformanceCase[];
  /** Case name → reason: the case is expected to fail (conformance/known-differences.json). */
  knownDifferences: Record<string, string>;
  /** The decision matrix computed in Node from the built package; other runtimes must match it. */
  reference?: DecisionMatrix;
}

export interface DecisionMatrix {
  /** One entry per case: [case id, what the engine answered]. */
  cases: [string, unknown][];
  /** Decisions for the generated requests, in order, one letter each (A/E/I). */
  generated: string;
}

export function flattenCases(files: CaseFile[]): ConformanceCase[] {
  return files.flatMap((data) =>
    data.cases.map((c) => ({ ...c, topic: data.topic, doc: c.doc ?? data.doc, id: `${data.topic}/${c.name}` })),
  );
}
