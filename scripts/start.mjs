#!/usr/bin/env node
/**
 * @module scripts/start
 * `npm start`: builds the package and the playground, copies dist/ to build/start/dist/, and
 * serves that copy with `wrangler dev` on http://127.0.0.1:8787 (`npm start -- --port N` for
 * another port). The server never reads dist/: `npm run build`, `npm run example` or `npm test`
 * in another terminal empty and rewrite dist/, and a server reading it died
 * ("ENOENT: scandir dist/playground"). The copy's playground is the assets directory, and each
 * of the package's exports is aliased to its `workerd` file in the copy. The Worker
 * (js/edge/worker.ts) is bundled from the sources with the core from build/engine.wasm
 * (js/edge/service/runtime.ts), so wrangler reloads it when js/ or the core is rebuilt; restart
 * `npm start` to serve a rebuilt playground. The `IAM_EDGE_*` variables of this environment
 * become the Worker's settings (docs/edge.md, "The endpoint"); the accounts' state is wrangler's
 * local storage in .wrangler/state, so it survives a restart.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { npmCommand } from "./npm-cli.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const copy = join(root, "build", "start");
const host = "127.0.0.1";
const portAt = process.argv.indexOf("--port");
const port = portAt > 0 ? Number(process.argv[portAt + 1]) : 8787;
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`--port wants a port number, got \`${process.argv[portAt + 1]}\``);

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

/** Resolves when nothing listens on host:port; checked first, so a second `npm start` leaves the first's copy alone. */
function portIsFree() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

function npmRun(script) {
  const [cmd, pre] = npmCommand();
  const r = spawnSync(cmd, [...pre, "run", "--silent", script], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) fail(`npm run ${script} failed`);
}

/** The file an export resolves to in a Worker: Wrangler's conditions, in its order. */
const workerFile = (target) => (typeof target === "string" ? target : ["workerd", "worker", "browser", "default"].map((c) => target[c]).find(Boolean));

/** `--alias iam-edge:<copy>/dist/workerd.js`, one per package export, from package.json `exports`. */
function aliases() {
  const { name, exports } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const args = [];
  for (const [key, target] of Object.entries(exports)) {
    const file = workerFile(target);
    if (!file?.startsWith("./dist/")) continue;
    const specifier = key === "." ? name : `${name}/${key.slice(2)}`;
    args.push("--alias", `${specifier}:${join(copy, file.slice(2))}`);
  }
  return args;
}

if (!(await portIsFree())) fail(`${host}:${port} is in use (another \`npm start\`?): stop it, or pass --port N`);
npmRun("build");
npmRun("build:playground");
rmSync(copy, { recursive: true, force: true });
cpSync(join(root, "dist"), join(copy, "dist"), { recursive: true });

/** The service's settings (IAM_EDGE_ACCOUNT_ID, IAM_EDGE_ROOT_*, ...) from this environment, as Worker variables (wrangler hides their values). */
const settings = Object.entries(process.env).filter(([k]) => k.startsWith("IAM_EDGE_")).flatMap(([k, v]) => ["--var", `${k}:${v}`]);

const wrangler = spawn(process.execPath, [
  join(root, "node_modules", "wrangler", "bin", "wrangler.js"), "dev",
  "--ip", host, "--port", String(port), "--assets", join(copy, "dist", "playground"), ...aliases(), ...settings,
], { cwd: root, stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" } });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => wrangler.kill(signal));
wrangler.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Open the local account once the server answers: on the first start that generates its root
// key and prints it, with the commands to use it (js/edge/service/bootstrap.ts).
for (let i = 0; i < 240 && wrangler.exitCode === null; i++) {
  await new Promise((r) => setTimeout(r, 500));
  const ok = await fetch(`http://${host}:${port}/healthz`).then((r) => r.ok, () => false);
  if (ok) break;
}
