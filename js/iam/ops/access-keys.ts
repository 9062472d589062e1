/**
 * @module iam/ops/access-keys
 * Placeholder until this part of the account model lands.
 */
export {};
