/**
 * @module cli/build
 * Bundles the CLI (js/cli/main.ts, with the Node entry of the engine) into ESM for Node:
 * `dist/cli.js`, which reads `engine.wasm` from beside itself, and the chunks it loads on first
 * use beside it (`cli-<hash>.js`: the analyzer's action catalog, which only `lint` needs, so the
 * other commands do not parse its 1.5 MB). scripts/build.mjs calls this after building dist/;
 * the CLI tests call it with a temporary directory.
 */
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Large JSON modules as `JSON.parse("...")` of one string: V8 scans a string literal and parses
 * JSON faster than it parses and evaluates the same data as an object literal ("The cost of
 * JavaScript in 2019", v8.dev: "JSON.parse is much faster than a JavaScript object literal" for
 * large data). The action catalog loads in about 55 ms instead of 85 ms.
 */
export const jsonParsePlugin = {
  name: "json-parse",
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (text.length < 10_000) return undefined;
      return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`, loader: "js" };
    });
  },
};

/**
 * @param {{ root: string, outfile: string }} options  the package root; where to write the bundle
 */
export async function buildCli({ root, outfile }) {
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  await build({
    absWorkingDir: root,
    entryPoints: { [basename(outfile, ".js")]: "js/cli/main.ts" },
    outdir: dirname(outfile),
    bundle: true,
    splitting: true,
    chunkNames: "cli-[hash]",
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["*.wasm"],
    define: { __IAM_EDGE_VERSION__: JSON.stringify(version) },
    plugins: [jsonParsePlugin],
    legalComments: "none",
    logLevel: "warning",
  });
}
