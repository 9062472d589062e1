/**
 * @module test/architecture/layers
 * The layers of the code, written down once (DESIGN.md, "Layers"). Imports point down only: a
 * file may import its own layer unit (the folders of one row) and any row of a lower rank,
 * never a row of the same rank (sideways) or above (up). test/architecture/imports.test.ts
 * reads every import under `js/` and `assembly/` and holds the tree to this table; a file under
 * those folders that no row claims fails the test too, so a new folder is placed here first.
 *
 * `paths` are folders (or single files) relative to the repository root. The package's own name
 * (`iam-edge`, `iam-edge/engine`) resolves to the entries row, as Node resolves a self-import.
 */

export interface Layer {
  /** The layer's name in DESIGN.md. */
  name: string;
  /** Height: a file may import rows of a strictly lower rank, and its own row. */
  rank: number;
  /** Folders or files, relative to the repository root, forward slashes, no trailing slash. */
  paths: string[];
}

export const LAYERS: Layer[] = [
  // The two leaves: the Wasm core (its sources, and build/engine.wasm, what `npm run build:wasm`
  // compiles them to; the Worker imports it beside its own sources), and policy documents (parse,
  // validate, encode the image).
  { name: "core", rank: 0, paths: ["assembly", "build/engine.wasm"] },
  { name: "policy", rank: 0, paths: ["js/policy"] },
  // Loading the Wasm, the ABI, marshalling, results, typed errors: stands on both leaves.
  { name: "binding", rank: 1, paths: ["js/engine"] },
  // Accounts and their entities, resolving principals, GAAD, simulation.
  { name: "model", rank: 2, paths: ["js/iam"] },
  // STS stands on the model; the model never names it.
  { name: "sts", rank: 3, paths: ["js/sts"] },
  // Organizations: the tree, SCPs and RCPs, and what they impose on an account's decisions
  // (through the model's `account.organization`); beside STS, which it never names.
  { name: "org", rank: 3, paths: ["js/org"] },
  // The package entries (what `iam-edge` and `iam-edge/engine` export) and js/index.ts, the Node
  // entry from source.
  { name: "entries", rank: 4, paths: ["js/entries", "js/index.ts"] },
  // Findings about policies and accounts (`iam-edge/analyzer`): stands on the policy layer, the
  // binding and the model; the applications (the CLI's `lint`, the playground) use it.
  { name: "analyzer", rank: 4, paths: ["js/analyzer"] },
  // Measuring a user's policy set on the engine's paths: what the CLI's bench command and the
  // playground's Benchmark pane share (applications may not import each other).
  { name: "bench", rank: 4, paths: ["js/bench"] },
  // IAM Identity Center: permission sets and assignments, provisioned as roles through the org layer's ProvisionedRole.
  { name: "sso", rank: 4, paths: ["js/sso"] },
  // The applications, on top; none of them imports another.
  { name: "edge", rank: 5, paths: ["js/edge"] },
  { name: "playground", rank: 5, paths: ["js/playground"] },
  { name: "cli", rank: 5, paths: ["js/cli"] },
];

/** The folders whose every source file is checked. */
export const CHECKED_ROOTS = ["js", "assembly"];
