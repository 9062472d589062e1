/**
 * @module scripts/npm-cli
 * The npm to run from a script: the one that runs us (`npm_execpath` under `npm run` / `npm
 * test`), else `npm` from PATH. Under npm the PATH starts with node_modules/.bin, whose `npm` is
 * an npm 6 that a test tool depends on (no --pack-destination, old lockfile rules).
 */
import { dirname, join } from "node:path";

/** `[command, leadingArgs]` running npm's `tool` ("npm" or "npx"). */
export function npmCommand(tool = "npm") {
  const execpath = process.env.npm_execpath;
  if (execpath && /npm-cli\.[cm]?js$/.test(execpath)) return [process.execPath, [join(dirname(execpath), `${tool}-cli.js`)]];
  return [tool, []];
}
