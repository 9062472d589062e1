/**
 * @module cli/build
 * Bundles the CLI (js/cli/main.ts, with the Node entry of the engine) into one ESM file for
 * Node, `dist/cli.js`, which reads `engine.wasm` from beside itself. scripts/build.mjs calls
 * this after building dist/; the CLI tests call it with a temporary directory.
 */
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @param {{ root: string, outfile: string }} options  the package root; where to write the bundle
 */
export async function buildCli({ root, outfile }) {
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  await build({
    absWorkingDir: root,
    entryPoints: ["js/cli/main.ts"],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["*.wasm"],
    define: { __IAM_EDGE_VERSION__: JSON.stringify(version) },
    legalComments: "none",
    logLevel: "warning",
  });
}
