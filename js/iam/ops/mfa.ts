/**
 * @module iam/ops/mfa
 * Placeholder until this part of the account model lands.
 */
export {};
