#!/usr/bin/env node
// iam-edge: the command line (docs/cli.md). Runs the built CLI, dist/cli.js (`npm run build`).
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("iam-edge: dist/cli.js is missing: run `npm run build` in the package first\n");
  process.exitCode = 1;
} else {
  const { main } = await import(cli.href);
  await main(process.argv.slice(2));
}
