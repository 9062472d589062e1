/**
 * @module test/package/fresh-copy
 * A fresh clone of the working tree, as a new user gets it: every tracked file and every
 * untracked file git does not ignore (so uncommitted work is tested too), and nothing that a
 * build makes (no dist/, no build/). node_modules is linked from the repository instead of
 * installed again.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Copies `root`'s source files into a new temporary directory and returns its path. */
export function freshCopy(root) {
  const ls = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  if (ls.status !== 0) throw new Error(`git ls-files failed: ${ls.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), "iam-edge-clone-"));
  for (const path of ls.stdout.split("\0")) {
    if (!path || !existsSync(join(root, path))) continue; // deleted but not yet committed
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    copyFileSync(join(root, path), join(dir, path));
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}
