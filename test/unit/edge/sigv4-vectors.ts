/**
 * @module test/unit/edge/sigv4-vectors
 * The AWS SigV4 test suite (test/vectors/aws-sigv4, from awslabs/aws-c-auth) as framework-free
 * tests, so Node, workerd and Chromium run the same cases. For every case and both forms
 * (Authorization header, presigned query):
 * - the signed request verifies, with the target's raw path given (`path`), and also from the
 *   Request alone when the URL parser keeps that path as it is;
 * - with one signature digit changed it fails with SignatureDoesNotMatch, and the canonical
 *   request and string to sign in the message are the suite's (except where the suite's form is
 *   one the verifier reaches only as a fallback: repeated headers that `Headers` joins with
 *   `, `, and a token added to the query after signing);
 * - the context flags are honoured: `normalize` (the signer's path normalization), the session
 *   token (`token`, with `omit_session_token` for a token added after signing), `sign_body`.
 */
import { equal, ok } from "../../shared/assert.ts";
import { parseRawRequest, targetPath, toRequest, type RequestLike } from "./request-text.ts";

export interface VectorContext {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  expiration_in_seconds: number;
  normalize: boolean;
  region: string;
  service: string;
  sign_body: boolean;
  timestamp: string;
  omit_session_token?: boolean;
}

export interface Vector {
  name: string;
  context: VectorContext;
  files: Record<string, string>;
}

export interface EdgeTest {
  name: string;
  fn(): Promise<void>;
}

type Verify = (request: RequestLike, options: Record<string, unknown>) => Promise<{ ok: boolean; code?: string; message?: string; details?: Record<string, string> }>;

/** Groups `{ ".../aws-sigv4/<case>/<file>": text }` by case. */
export function vectorsFrom(files: Record<string, string>): Vector[] {
  const byCase = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(files)) {
    const m = /aws-sigv4\/([^/]+)\/([^/]+)$/.exec(path);
    if (!m) continue;
    if (!byCase.has(m[1])) byCase.set(m[1], {});
    byCase.get(m[1])![m[2]] = text;
  }
  return [...byCase].filter(([, f]) => f["context.json"]).sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, f]) => ({ name, context: JSON.parse(f["context.json"]), files: f }));
}

function flipLastDigit(text: string, signature: string): string {
  const flipped = signature.slice(0, -1) + (signature.endsWith("0") ? "1" : "0");
  return text.replace(signature, flipped);
}

function optionsFor(v: Vector, path?: string): Record<string, unknown> {
  const c = v.context;
  const credentials = async ({ accessKeyId }: { accessKeyId: string }) =>
    accessKeyId === c.credentials.access_key_id ? { secretAccessKey: c.credentials.secret_access_key, sessionToken: c.credentials.token } : undefined;
  return { credentials, now: new Date(c.timestamp), normalizeUriPath: c.normalize, ...(path !== undefined ? { path } : {}) };
}

/** The URL parser keeps this path as written (no dot segments, nothing it would escape). */
function survivesUrlParsing(path: string): boolean {
  try {
    return new URL(`http://h${path}`).pathname === path;
  } catch {
    return false;
  }
}

async function drain(body: ReadableStream<Uint8Array> | null | undefined): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  while (!(await reader.read()).done);
}

function formTests(verify: Verify, v: Vector, form: "header" | "query"): EdgeTest[] {
  const signed = v.files[`${form}-signed-request.txt`];
  const signature = v.files[`${form}-signature.txt`].trim();
  const raw = parseRawRequest(signed);
  const path = targetPath(raw.target);
  const repeated = new Set(raw.headers.map(([n]) => n.toLowerCase())).size !== raw.headers.length;
  const fallbackForm = repeated || (form === "query" && v.context.omit_session_token === true);
  const tests: EdgeTest[] = [
    {
      name: `${v.name} (${form}): verifies with the raw path`,
      fn: async () => {
        const r = await verify(toRequest(raw), optionsFor(v, path));
        ok(r.ok, `expected ok, got ${r.code}: ${r.message}`);
        await drain((r as { body?: ReadableStream<Uint8Array> | null }).body);
      },
    },
    {
      name: `${v.name} (${form}): one changed signature digit is SignatureDoesNotMatch with the suite's canonical request`,
      fn: async () => {
        const r = await verify(toRequest(parseRawRequest(flipLastDigit(signed, signature))), optionsFor(v, path));
        equal(r.ok, false, "ok");
        equal(r.code, "SignatureDoesNotMatch", "code");
        if (fallbackForm) return;
        const canonical = v.files[`${form}-canonical-request.txt`];
        const sts = v.files[`${form}-string-to-sign.txt`];
        ok(r.message!.includes(`'${canonical}'`), `canonical request in the message:\n${r.message}\nexpected:\n${canonical}`);
        ok(r.message!.includes(`'${sts}'`), `string to sign in the message:\n${r.message}\nexpected:\n${sts}`);
      },
    },
  ];
  if (survivesUrlParsing(path)) {
    tests.push({
      name: `${v.name} (${form}): verifies from the Request alone`,
      fn: async () => {
        const r = await verify(toRequest(raw), optionsFor(v));
        ok(r.ok, `expected ok, got ${r.code}: ${r.message}`);
        await drain((r as { body?: ReadableStream<Uint8Array> | null }).body);
      },
    });
  }
  return tests;
}

/** Every case, both forms. */
export function vectorTests(verify: Verify, vectors: Vector[]): EdgeTest[] {
  if (vectors.length < 38) throw new Error(`only ${vectors.length} AWS SigV4 vectors found`);
  return vectors.flatMap((v) => [...formTests(verify, v, "header"), ...formTests(verify, v, "query")]);
}
