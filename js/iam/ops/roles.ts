/**
 * @module iam/ops/roles
 * Placeholder until this part of the account model lands.
 */
export {};
