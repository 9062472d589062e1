/**
 * @module test/unit/edge-api/raw
 * Requests the SDKs would never send, signed by the SDKs' own signer (@smithy/signature-v4):
 * arbitrary form bodies and JSON bodies, for the bad-input tests.
 */
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import type { Credentials } from "./harness.ts";

export interface RawOptions {
  service?: string;
  method?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  now?: Date;
}

/** Sends `body` to `url` signed with `creds` for `service` (default iam); no signature without creds. */
export async function rawRequest(url: string, creds: Credentials | undefined, body: string | Uint8Array | undefined, options: RawOptions = {}): Promise<Response> {
  const u = new URL(url);
  const method = options.method ?? "POST";
  const headers: Record<string, string> = { host: u.host, ...(body !== undefined && !options.headers?.["content-type"] ? { "content-type": "application/x-www-form-urlencoded; charset=utf-8" } : {}), ...options.headers };
  let signedHeaders = headers;
  let query = options.query ?? {};
  if (creds) {
    const signer = new SignatureV4({ credentials: creds, region: "us-east-1", service: options.service ?? "iam", sha256: Sha256 });
    const signed = await signer.sign({ method, protocol: "http:", hostname: u.hostname, port: Number(u.port), path: "/", query, headers, body }, { signingDate: options.now });
    signedHeaders = signed.headers as Record<string, string>;
    query = (signed.query ?? query) as Record<string, string>;
  }
  const qs = new URLSearchParams(query).toString();
  const h = { ...signedHeaders };
  delete h.host;
  return fetch(`${url}/${qs ? `?${qs}` : ""}`, { method, headers: h, body: body as BodyInit | undefined });
}

/** The `<Code>`, `<Message>` and `<Type>` of an `<ErrorResponse>`. */
export function queryErrorOf(xml: string): { code?: string; message?: string; type?: string; requestId?: string } {
  const entities: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&" };
  const pick = (tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1]?.replace(/&(lt|gt|quot|apos|amp);/g, (e) => entities[e]);
  return { code: pick("Code"), message: pick("Message"), type: pick("Type"), requestId: pick("RequestId") };
}
