/**
 * @module test/unit/s3-api/harness
 * The S3 gateway in Node for the tests: Miniflare's R2 (real R2 semantics: conditional writes,
 * ranges, multipart rules, listing order) behind a small http server on 127.0.0.1 that turns
 * each request into a Web Request (with its raw path, as the verifier wants it) and hands it to
 * `handleS3`. Accounts are the real account model; clients are the real AWS SDK v3 and CLI.
 *
 * Miniflare's R2 from Node needs the length of a streamed write up front (it proxies workerd's
 * binding, which takes only a known-length stream, a `FixedLengthStream` in Workers); outside
 * Workers the gateway passes its stream as it is, so this adapter collects a streamed value
 * before handing it to Miniflare. That buffering is the test rig's, not the gateway's.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { createEngine, Account } from "../../../js/index.ts";
import type { DecisionRecord } from "../../../js/edge/authorize/decision-record.ts";
import { handleS3 } from "../../../js/edge/s3-api/handler.ts";
import { MemoryBucketRegistry } from "../../../js/edge/s3-api/buckets.ts";
import type { R2Bucket } from "../../../js/edge/s3-api/r2.ts";
import type { S3GatewayOptions } from "../../../js/edge/s3-api/context.ts";

export const A = "111111111111";
export const B = "222222222222";
export const REGION = "us-east-1";

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

async function collect(value: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(value).arrayBuffer());
}

/** Miniflare's R2, with streamed writes collected first (see the module doc). */
function nodeR2(bucket: Awaited<ReturnType<Miniflare["getR2Bucket"]>>): R2Bucket {
  const b = bucket as unknown as R2Bucket;
  const value = async (v: unknown) => (v instanceof ReadableStream ? collect(v) : v);
  return {
    head: (k) => b.head(k),
    get: (k, o) => b.get(k, o),
    put: async (k, v, o) => b.put(k, (await value(v)) as Uint8Array, o),
    delete: (k) => b.delete(k),
    list: (o) => b.list(o),
    createMultipartUpload: (k, o) => b.createMultipartUpload(k, o),
    resumeMultipartUpload: (k, id) => {
      const u = b.resumeMultipartUpload(k, id);
      return { key: u.key, uploadId: u.uploadId, abort: () => u.abort(), complete: (p) => u.complete(p), uploadPart: async (n, v) => u.uploadPart(n, (await value(v)) as Uint8Array) };
    },
  };
}

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const body = req.method === "GET" || req.method === "HEAD" ? null : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  return new Request(origin + req.url, { method: req.method, headers, body, duplex: "half" } as RequestInit);
}

async function send(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => { headers[k] = v; });
  res.writeHead(response.status, headers);
  if (head || !response.body) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

export interface Gateway {
  origin: string;
  port: number;
  accounts: Map<string, Account>;
  /** Access key id → account (users' keys, and session keys once registered). */
  keys: Map<string, Account>;
  records: DecisionRecord[];
  options: S3GatewayOptions;
  registry: MemoryBucketRegistry;
  r2: R2Bucket;
  client(creds: Creds | undefined, config?: Partial<S3ClientConfig>): S3Client;
  stop(): Promise<void>;
}

/** Starts the gateway with two empty accounts, A and B. */
export async function startGateway(extra: Partial<S3GatewayOptions> = {}): Promise<Gateway> {
  const mf = new Miniflare({ modules: true, script: "export default { fetch() { return new Response(null, { status: 404 }); } }", r2Buckets: ["DATA"] });
  const r2 = nodeR2(await mf.getR2Bucket("DATA"));
  const engine = await createEngine();
  const accounts = new Map<string, Account>();
  for (const id of [A, B]) accounts.set(id, await Account.create({ accountId: id, engine }));
  const keys = new Map<string, Account>();
  const records: DecisionRecord[] = [];
  const registry = new MemoryBucketRegistry();
  const options: S3GatewayOptions = {
    r2, buckets: registry, engine, accounts: (id) => keys.get(id), onDecision: (r) => { records.push(r); },
    // A bucket owner's organization, as the Worker reads it from the owner's copy (an account
    // with no organization, the tests' default, has none).
    organizationOf: (id) => accounts.get(id)?.organization, ...extra,
  };
  let origin = "";
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    handleS3(toRequest(req, origin), options, { path }).then((r) => send(res, r, req.method === "HEAD")).catch((err) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  // Node's server drops a keep-alive connection after 5 s idle, and a client that picks that socket
  // for its next request at the same moment gets ECONNRESET (the SDK keeps sockets alive). Servers
  // in front of clients that reuse connections keep them longer than the clients do.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  const clients: S3Client[] = [];
  return {
    origin, port, accounts, keys, records, options, registry, r2,
    client(creds, config = {}) {
      const c = new S3Client({
        endpoint: origin, region: REGION, forcePathStyle: true, maxAttempts: 1,
        credentials: creds ?? { accessKeyId: "", secretAccessKey: "" }, ...(creds ? {} : { signer: { sign: async (r: unknown) => r } }), ...config,
      } as S3ClientConfig);
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) c.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await mf.dispose();
    },
  };
}

/** A user with an inline policy and an access key, registered with the gateway. */
export async function createUser(g: Gateway, accountId: string, name: string, policy?: object): Promise<Creds & { arn: string }> {
  const account = g.accounts.get(accountId)!;
  await account.createUser({ UserName: name });
  if (policy) await account.putUserPolicy({ UserName: name, PolicyName: "p", PolicyDocument: JSON.stringify(policy) });
  const { AccessKey } = await account.createAccessKey({ UserName: name });
  g.keys.set(AccessKey.AccessKeyId, account);
  return { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey, arn: `arn:aws:iam::${accountId}:user/${name}` };
}

/** The root user's access key, registered with the gateway. */
export async function rootKey(g: Gateway, accountId: string): Promise<Creds> {
  const account = g.accounts.get(accountId)!;
  const { AccessKey } = await account.createAccessKey({}, { caller: account.rootArn });
  g.keys.set(AccessKey.AccessKeyId, account);
  return { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
}

export const allow = (action: string | string[], resource: string | string[] = "*", extra: object = {}) =>
  ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource, ...extra }] });

/** A request signed as the SDK signs it (SigV4, service s3), for what no S3Client call sends. */
export async function signedFetch(g: Gateway, creds: Creds, init: { method: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Response> {
  const { SignatureV4 } = await import("@smithy/signature-v4");
  const { Sha256 } = await import("@aws-crypto/sha256-js");
  const url = new URL(init.path, g.origin);
  const signer = new SignatureV4({ service: "s3", region: REGION, credentials: creds, sha256: Sha256, uriEscapePath: false });
  const body = init.body ?? "";
  const signed = await signer.sign({
    method: init.method, protocol: "http:", hostname: url.hostname, port: Number(url.port), path: url.pathname, query: Object.fromEntries(url.searchParams),
    headers: { host: url.host, "x-amz-content-sha256": createHashHex(body), ...(init.headers ?? {}) }, body,
  });
  const headers = { ...signed.headers } as Record<string, string>;
  delete headers.host;
  return fetch(url, { method: init.method, headers, body: init.method === "GET" || init.method === "HEAD" ? undefined : body });
}

function createHashHex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** What a failed SDK call reports (its error's name, HTTP status, message, request id); throws if the call succeeded. */
export async function errorOf(p: Promise<unknown>): Promise<{ name: string; status?: number; message: string; requestId?: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message, requestId: err.$metadata?.requestId };
  }
  throw new Error("expected the call to fail");
}
