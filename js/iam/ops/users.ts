/**
 * @module iam/ops/users
 * Placeholder until this part of the account model lands.
 */
export {};
