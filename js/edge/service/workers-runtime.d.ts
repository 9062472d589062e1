/**
 * @module edge/service/workers-runtime
 * The few Workers runtime declarations the service uses (Durable Objects and their namespace
 * bindings, `ctx.waitUntil`), declared here so the project type-checks without the Workers type
 * package and its global `Request`/`Response` that clash with the DOM library's.
 */
declare module "cloudflare:workers" {
  export abstract class DurableObject<Env = unknown> {
    constructor(ctx: DurableObjectState, env: Env);
    protected readonly ctx: DurableObjectState;
    protected readonly env: Env;
  }
}

interface DurableObjectState {
  readonly storage: import("./sql.ts").SqlStorage;
  blockConcurrencyWhile<T>(fn: () => Promise<T>): Promise<T>;
  waitUntil(promise: Promise<unknown>): void;
}

interface DurableObjectId {
  toString(): string;
}

/** A Durable Object namespace binding; `get` returns a stub whose methods are the object's RPC methods. */
interface DurableObjectNamespace<Stub> {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): Stub;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}
