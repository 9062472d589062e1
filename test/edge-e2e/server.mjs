/**
 * @module test/edge-e2e/server
 * The edge service under test: `wrangler dev` on the project's wrangler.jsonc (what `npm start`
 * runs), on 127.0.0.1 with a free port, its state in a directory the caller owns (so a restart on
 * the same directory keeps it), settings given as `--var`. Used by the end-to-end tests and the
 * load test. `start` resolves once `/healthz` answers 200; `stop` ends the process group.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(origin, child, ms) {
  const until = Date.now() + ms;
  let last = "";
  while (Date.now() < until && child.exitCode === null) {
    try {
      const res = await fetch(`${origin}/healthz`);
      last = await res.text();
      if (res.status === 200) return { ok: true, body: JSON.parse(last) };
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { ok: false, last };
}

/**
 * Starts `wrangler dev`. `vars`: settings (IAM_EDGE_*), `stateDir`: where its Durable Objects keep
 * their SQLite files. Resolves to `{ origin, port, log(), stop() }`; throws with the log's tail
 * when it does not come up.
 */
export async function startServer({ vars = {}, stateDir, port, timeoutMs = 90_000 }) {
  port ??= await freePort();
  const inspector = await freePort();
  const args = [
    join(root, "node_modules", "wrangler", "bin", "wrangler.js"), "dev", "--config", join(root, "wrangler.jsonc"),
    "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--persist-to", stateDir,
    "--log-level", "log", "--show-interactive-dev-session=false",
  ];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const lines = [];
  const child = spawn(process.execPath, args, {
    cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "1", NO_COLOR: "1" },
  });
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (d) => lines.push(...String(d).split("\n")));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  };
  const up = await waitForHealth(origin, child, timeoutMs);
  if (!up.ok) {
    await stop();
    throw new Error(`wrangler dev did not answer /healthz 200 (last: ${up.last.slice(0, 300)}); its output:\n${lines.slice(-25).join("\n")}`);
  }
  return { origin, port, health: up.body, log: () => lines.join("\n"), stop };
}
