/**
 * @module iam/ops/inline-policies
 * Placeholder until this part of the account model lands.
 */
export {};
