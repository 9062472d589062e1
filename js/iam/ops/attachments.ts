/**
 * @module iam/ops/attachments
 * Placeholder until this part of the account model lands.
 */
export {};
