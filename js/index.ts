/**
 * @module iam-edge
 * AWS IAM policy evaluation compiled to WebAssembly. `createEngine()` loads the core;
 * `engine.compile` turns policy documents into compiled policies; `engine.authorize` decides.
 * This is the Node entry (the `node` export condition); the `workerd` and `browser` entries in
 * ./entries/ have the same API and differ only in how they obtain the module.
 */
export * from "./entries/node.ts";
