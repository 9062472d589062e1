/**
 * @module test/package/dev-server
 * Starts `npm start -- --port N` in a directory as its own process group, waits until /healthz
 * answers, and probes it; `stop` ends the whole group (npm, the start script, wrangler, workerd).
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { npmCommand } from "../../scripts/npm-cli.mjs";

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

/** `{ status, body }` of a GET, or `{ status: 0, body: <error> }` when nothing answers. */
export async function probe(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.text() };
  } catch (err) {
    return { status: 0, body: String(err?.cause ?? err) };
  }
}

/** Runs `npm start` in `cwd` on a free port; resolves once /healthz answers 200 (or rejects with the log's tail). */
export async function startDevServer(cwd, timeoutMs = 180_000) {
  const port = await freePort();
  const [cmd, pre] = npmCommand();
  const log = [];
  const child = spawn(cmd, [...pre, "start", "--", "--port", String(port)], {
    cwd, detached: true, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" },
  });
  child.stdout.on("data", (d) => log.push(String(d)));
  child.stderr.on("data", (d) => log.push(String(d)));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const origin = `http://127.0.0.1:${port}`;
  const server = {
    origin,
    alive: () => child.exitCode === null && child.signalCode === null,
    logTail: () => log.join("").split("\n").slice(-20).join("\n"),
    stop: async () => {
      for (const signal of ["SIGTERM", "SIGKILL"]) {
        try {
          process.kill(-child.pid, signal);
        } catch {}
        if (await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5_000))])) break;
      }
    },
  };
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && server.alive()) {
    if ((await probe(`${origin}/healthz`)).status === 200) return server;
    await new Promise((r) => setTimeout(r, 500));
  }
  await server.stop();
  throw new Error(`npm start did not answer on ${origin}/healthz:\n${server.logTail()}`);
}
