/**
 * @module test/edge-e2e/harness
 * A small sequential test harness for the end-to-end runner: named tests, each failing on its own
 * (a thrown assertion), a line per test, counts for scripts/test-all.mjs, and `eventually` for
 * what the service documents as asynchronous (the audit records of reads).
 */
export function createHarness() {
  const results = [];
  return {
    results,
    async test(name, fn) {
      const started = Date.now();
      try {
        await fn();
        results.push({ name, ok: true });
        console.log(`  ok   ${name} (${Date.now() - started} ms)`);
      } catch (err) {
        results.push({ name, ok: false, error: err });
        console.log(`  FAIL ${name}\n       ${String(err?.stack ?? err).split("\n").slice(0, 6).join("\n       ")}`);
      }
    },
    get passed() {
      return results.filter((r) => r.ok).length;
    },
    get failed() {
      return results.filter((r) => !r.ok).length;
    },
  };
}

/** Retries `fn` until it stops throwing, for at most `ms`. */
export async function eventually(fn, ms = 5000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
