/**
 * @module test/architecture/check-imports
 * Holds a source tree to the layer table (./layers.ts): every import that crosses from one layer
 * row to another must point to a strictly lower rank. Reports each import that points up or
 * sideways, each file or import target no row claims, each computed dynamic import (its direction
 * cannot be read), and each cycle between rows, always with the file and line. Works on a list of
 * files so the tests can hand it small fixture trees as well as the real one.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import type { Layer } from "./layers.ts";
import { readImports } from "./read-imports.ts";

export interface SourceText {
  /** Relative to the repository root, forward slashes. */
  path: string;
  text: string;
}

export interface Finding {
  file: string;
  line: number;
  message: string;
}

/** One import that crosses from one row to another, kept as the evidence of a cycle. */
interface Edge {
  from: string;
  to: string;
  file: string;
  line: number;
  specifier: string;
}

export interface ImportReport {
  /** Imports that point up or sideways, files and targets in no row, computed imports. */
  violations: Finding[];
  /** One line per cycle between rows, naming the import behind every hop. */
  cycles: string[];
}

export interface CheckOptions {
  layers: Layer[];
  /** The package's own name: `name` and `name/...` resolve to the row `selfLayer`. */
  packageName: string;
  selfLayer: string;
}

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** Reads every source file under `roots` (relative to `root`), skipping node_modules. */
export function readTree(root: string, roots: string[]): SourceText[] {
  const out: SourceText[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(full);
      else if (entry.isFile() && SOURCE.test(entry.name)) {
        out.push({ path: relative(root, full).split(sep).join("/"), text: readFileSync(full, "utf8") });
      }
    }
  };
  for (const r of roots) walk(join(root, r));
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Checks every import of `files` against the layer table. */
export function checkImports(files: SourceText[], options: CheckOptions): ImportReport {
  const violations: Finding[] = [];
  const edges: Edge[] = [];
  for (const file of files) {
    const from = layerOf(file.path, options.layers);
    if (!from) {
      violations.push({ file: file.path, line: 1, message: "is in no layer row of test/architecture/layers.ts" });
      continue;
    }
    for (const ref of readImports(file.path, file.text)) {
      const at = { file: file.path, line: ref.line };
      if (ref.specifier === null) {
        violations.push({ ...at, message: `${ref.kind} of a computed specifier: its direction cannot be checked` });
        continue;
      }
      const target = resolveTarget(file.path, ref.specifier, options);
      if (target === undefined) continue; // another package or a runtime built-in
      const to = target === null ? null : layerOf(target, options.layers);
      if (!to) {
        violations.push({ ...at, message: `${ref.kind} "${ref.specifier}" names ${target ?? "a path outside the repository"}, which is in no layer row` });
        continue;
      }
      if (to === from) continue;
      edges.push({ from: from.name, to: to.name, file: file.path, line: ref.line, specifier: ref.specifier });
      if (to.rank >= from.rank) {
        const way = to.rank > from.rank ? "up" : "sideways";
        violations.push({ ...at, message: `${ref.kind} "${ref.specifier}" points ${way}: ${describe(from)} imports ${describe(to)}` });
      }
    }
  }
  return { violations, cycles: findCycles(edges) };
}

/** Every finding as one line, `file:line: message`, then the cycles. */
export function formatReport(report: ImportReport): string[] {
  return [...report.violations.map((v) => `${v.file}:${v.line}: ${v.message}`), ...report.cycles];
}

function describe(layer: Layer): string {
  return `${layer.name} (${layer.paths[0]}, rank ${layer.rank})`;
}

/** The row whose path is the longest prefix of `path`. */
export function layerOf(path: string, layers: Layer[]): Layer | undefined {
  let best: Layer | undefined;
  let bestLength = -1;
  for (const layer of layers) {
    for (const p of layer.paths) {
      if ((path === p || path.startsWith(`${p}/`)) && p.length > bestLength) {
        best = layer;
        bestLength = p.length;
      }
    }
  }
  return best;
}

/**
 * The repository path an import names: a normalized relative path, the self-import row's first
 * path for the package's own name, null for a path that leaves the repository, and undefined for
 * another package or a built-in (`node:fs`, `vitest`), which no layer rule covers.
 */
function resolveTarget(file: string, specifier: string, options: CheckOptions): string | null | undefined {
  if (specifier === options.packageName || specifier.startsWith(`${options.packageName}/`)) {
    return options.layers.find((l) => l.name === options.selfLayer)?.paths[0] ?? null;
  }
  if (!specifier.startsWith(".") && !specifier.startsWith("/")) return undefined;
  if (specifier.startsWith("/")) return null;
  const path = posix.normalize(posix.join(posix.dirname(file), specifier));
  return path.startsWith("../") || path === ".." ? null : path;
}

/** One cycle per strongly connected group of rows (Tarjan), each hop with its first import. */
function findCycles(edges: Edge[]): string[] {
  const next = new Map<string, Map<string, Edge>>();
  for (const e of edges) {
    const out = next.get(e.from) ?? new Map<string, Edge>();
    if (!out.has(e.to)) out.set(e.to, e);
    next.set(e.from, out);
  }
  return stronglyConnected(next)
    .filter((group) => group.length > 1)
    .map((group) => describeCycle(shortestCycle(group.sort()[0], new Set(group), next)));
}

function describeCycle(hops: Edge[]): string {
  const names = [...hops.map((e) => e.from), hops[0].from].join(" -> ");
  const evidence = hops.map((e) => `${e.file}:${e.line} imports "${e.specifier}"`).join("; ");
  return `cycle ${names}: ${evidence}`;
}

/** Breadth-first from `start` back to itself inside `group`: the hops of one shortest cycle. */
function shortestCycle(start: string, group: Set<string>, next: Map<string, Map<string, Edge>>): Edge[] {
  const via = new Map<string, Edge>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const [to, edge] of next.get(node) ?? []) {
      if (!group.has(to) || via.has(to)) continue;
      via.set(to, edge);
      if (to === start) return unwind(start, via);
      queue.push(to);
    }
  }
  throw new Error(`no cycle through ${start}`); // unreachable: start is in a strongly connected group
}

function unwind(start: string, via: Map<string, Edge>): Edge[] {
  const hops: Edge[] = [];
  let at = start;
  do {
    const edge = via.get(at)!;
    hops.unshift(edge);
    at = edge.from;
  } while (at !== start);
  return hops;
}

/** Tarjan's strongly connected components over the row graph. */
function stronglyConnected(next: Map<string, Map<string, Edge>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const nodes = new Set([...next.keys(), ...[...next.values()].flatMap((m) => [...m.keys()])]);
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    groups.push(group);
  };
  for (const v of [...nodes].sort()) if (!index.has(v)) connect(v);
  return groups;
}
