/**
 * @module test/unit/edge-api/harness
 * A Node HTTP server on 127.0.0.1 (a random port) that turns each request into a Web `Request`
 * (with the raw path, as a server that has it passes to the verifier) and answers it with
 * `serveAwsApi` over an in-memory account, plus the clients the tests drive it with: the real
 * AWS SDK v3 clients for IAM, STS and CloudTrail, pointed at it with `endpoint`. The clock is
 * shared: `advance(ms)` moves the server's and the account's time, and the clients' clock offset
 * follows, so signatures stay fresh while sessions expire.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { createEngine, Account } from "../../../js/index.ts";
import { serveAwsApi, memoryAuditStore, type AwsApiOptions, type DecisionRecord, type MemoryAuditStore } from "../../../js/edge/index.ts";

export const ACCOUNT_ID = "111122223333";
export const engine = await createEngine();

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Harness {
  url: string;
  account: Account;
  trail: MemoryAuditStore;
  decisions: DecisionRecord[];
  root: Credentials;
  now(): Date;
  advance(ms: number): void;
  iam(creds: Credentials): IAMClient;
  sts(creds: Credentials): STSClient;
  cloudtrail(creds: Credentials): CloudTrailClient;
  close(): Promise<void>;
}

/**
 * The body as a web stream, with backpressure. `drain()` (or the server cancelling the stream)
 * makes the rest of the body flow to nowhere, so the request ends and the answer can be sent:
 * answering while the client still sends would make Node reset the connection.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let discard = false;
  const drain = () => {
    discard = true;
    req.resume();
  };
  drains.set(req, drain);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        if (discard) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.on("end", () => {
        if (!discard) controller.close();
      });
      req.on("error", (err) => {
        if (!discard) controller.error(err);
      });
      req.pause();
    },
    pull() {
      if (!discard) req.resume();
    },
    cancel: drain,
  }, { highWaterMark: 4 });
}

const drains = new WeakMap<IncomingMessage, () => void>();

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(origin + req.url, {
    method: req.method, headers, body: hasBody ? bodyStream(req) : null, duplex: "half",
  } as RequestInit);
}

async function send(req: IncomingMessage, res: ServerResponse, response: Response, now: Date): Promise<void> {
  // A body the server stopped reading is drained first: answering while the client still sends
  // makes Node reset the connection, and the client would never read the answer.
  if (!req.complete && !req.readableEnded) {
    const ended = new Promise((resolve) => req.once("end", resolve).once("close", resolve));
    (drains.get(req) ?? (() => req.resume()))();
    await ended;
  }
  res.statusCode = response.status;
  // The server's clock, as AWS sends it: the SDKs correct their clock offset from this header.
  res.setHeader("date", now.toUTCString());
  response.headers.forEach((v, k) => res.setHeader(k, v));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function startHarness(extra: Partial<AwsApiOptions> = {}): Promise<Harness> {
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const trail = memoryAuditStore();
  const decisions: DecisionRecord[] = [];
  const account = await Account.create({ accountId: ACCOUNT_ID, engine, now, audit: trail.add });
  const { AccessKey } = await account.createAccessKey({}, { caller: account.rootArn });
  const root = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey! };
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    const path = (req.url ?? "/").split("?")[0];
    serveAwsApi(toRequest(req, origin), { account, auditStore: trail, onDecision: (r) => { decisions.push(r); }, now, sourceIp: () => "127.0.0.1", path, ...extra })
      .then((response) => send(req, res, response, now()))
      .catch((err) => { res.statusCode = 599; res.end(String(err?.stack ?? err)); });
  });
  // Node's server drops a keep-alive connection after 5 s idle, and a client that picks that socket
  // for its next request at the same moment gets ECONNRESET (the SDK keeps sockets alive). Servers
  // in front of clients that reuse connections keep them longer than the clients do.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const common = (creds: Credentials) => ({ endpoint: url, region: "us-east-1", credentials: creds, maxAttempts: 1, systemClockOffset: offset });
  return {
    url, account, trail, decisions, root, now,
    advance: (ms) => { offset += ms; },
    iam: (creds) => Object.assign(new IAMClient(common(creds)), {}),
    sts: (creds) => new STSClient(common(creds)),
    cloudtrail: (creds) => new CloudTrailClient(common(creds)),
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** The error a rejected promise rejected with (fails when it resolved). */
export async function failure(p: Promise<unknown>): Promise<Error & { name: string; Code?: string; $metadata?: { httpStatusCode?: number; requestId?: string } }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { name: string };
  }
  throw new Error("expected the call to fail");
}

export const policy = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
