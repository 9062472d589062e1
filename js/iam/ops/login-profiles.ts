/**
 * @module iam/ops/login-profiles
 * Placeholder until this part of the account model lands.
 */
export {};
