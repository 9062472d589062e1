/**
 * @module iam/ops/groups
 * Placeholder until this part of the account model lands.
 */
export {};
