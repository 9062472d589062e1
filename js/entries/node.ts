/**
 * @module iam-edge/node
 * The full Node entry: the engine (./engine-node.ts, which says how the module is loaded) and
 * the account model.
 */
export * from "./engine-node.ts";
export * from "./iam.ts";
