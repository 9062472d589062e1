/**
 * @module iam/gaad
 * Placeholder until this part of the account model lands.
 */
export {};
