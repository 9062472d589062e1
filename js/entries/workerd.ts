/**
 * @module iam-edge/workerd
 * The full Cloudflare Workers entry: the engine (./engine-workerd.ts, which says how the module is loaded) and
 * the account model.
 */
export * from "./engine-workerd.ts";
export * from "./iam.ts";
