/**
 * @module test/runtimes/browser/edge-page
 * The page side of the edge suite in Chromium: `iam-edge/edge` is the built dist/edge.js (an
 * import map points at it), and `window.runEdgeSuite(files)` runs the whole AWS SigV4 test suite
 * (header and query forms; the vector files come from Node), AWS's chunked-upload examples, and
 * browser-only checks: a page's Request drops `host` and `content-length` (forbidden header
 * names), so those requests reach the verifier as request-like objects, as a service worker's
 * would; and CRC32C/CRC64NVME give their check values here too.
 */
import * as edge from "iam-edge/edge";
import { vectorTests, vectorsFrom, type EdgeTest } from "../../unit/edge/sigv4-vectors.ts";
import { chunkedExampleTests } from "../../unit/edge/chunked-examples.ts";
import { equal, ok } from "../../shared/assert.ts";

interface PageResult {
  name: string;
  ok: boolean;
  error?: string;
}

function browserTests(): EdgeTest[] {
  return [
    {
      name: "chromium: a page's Request drops host (a forbidden header), and the verifier takes it from the URL",
      fn: async () => {
        const r = new Request("https://example.amazonaws.com/", { headers: { host: "example.amazonaws.com" } });
        equal(r.headers.get("host"), null, "host in a page's Request");
        const v = await edge.verifySigV4(r, { credentials: () => undefined });
        equal(v.ok, false, "ok");
        ok(!v.ok && v.code === "MissingAuthenticationToken", "an unsigned request");
      },
    },
    {
      name: "chromium: the flexible checksum algorithms give their published check values",
      fn: async () => {
        const check = new TextEncoder().encode("123456789");
        const want: Record<string, string> = { CRC32: "cbf43926", CRC32C: "e3069283", CRC64NVME: "ae8b14860a799888" };
        for (const spec of edge.CHECKSUMS) {
          if (!(spec.algorithm in want)) continue;
          const h = spec.create();
          h.update(check);
          equal([...h.digest()].map((b) => b.toString(16).padStart(2, "0")).join(""), want[spec.algorithm], spec.algorithm);
        }
      },
    },
  ];
}

async function runEdgeSuite(files: Record<string, string>): Promise<PageResult[]> {
  const verify = edge.verifySigV4 as never;
  const tests = [...browserTests(), ...vectorTests(verify, vectorsFrom(files)), ...chunkedExampleTests(verify)];
  const results: PageResult[] = [];
  for (const t of tests) {
    try {
      await t.fn();
      results.push({ name: t.name, ok: true });
    } catch (err) {
      results.push({ name: t.name, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    }
  }
  return results;
}

(globalThis as unknown as { runEdgeSuite: typeof runEdgeSuite }).runEdgeSuite = runEdgeSuite;
document.title = "ready";
