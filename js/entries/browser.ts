/**
 * @module iam-edge/browser
 * The full browser entry: the engine (./engine-browser.ts, which says how the module is loaded) and
 * the account model.
 */
export * from "./engine-browser.ts";
export * from "./iam.ts";
