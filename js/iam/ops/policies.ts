/**
 * @module iam/ops/policies
 * Placeholder until this part of the account model lands.
 */
export {};
