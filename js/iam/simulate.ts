/**
 * @module iam/simulate
 * Placeholder until this part of the account model lands.
 */
export {};
