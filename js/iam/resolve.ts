/**
 * @module iam/resolve
 * Placeholder until this part of the account model lands.
 */
export {};
