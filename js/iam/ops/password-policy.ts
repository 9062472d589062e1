/**
 * @module iam/ops/password-policy
 * Placeholder until this part of the account model lands.
 */
export {};
