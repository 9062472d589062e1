/**
 * @module iam-edge/iam
 * The account model's public API (Account, IamError and their types), added to the engine by
 * the full entries (node.ts, browser.ts, workerd.ts). The engine-only entries
 * (engine-*.ts, the package's `iam-edge/engine` export) leave it out, so a Worker that only
 * decides carries no model code.
 */
export { Account, IamError } from "../iam/index.ts";
export type { AccountOptions, OperationOptions } from "../iam/index.ts";
