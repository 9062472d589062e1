/**
 * @module iam-edge/iam
 * The account model's public API (Account, IamError and their types), added to the engine by
 * the full entries (node.ts, browser.ts, workerd.ts). The engine-only entries
 * (engine-*.ts, the package's `iam-edge/engine` export) leave it out, so a Worker that only
 * decides carries no model code. Account (js/sts/account.ts) joins the model (js/iam) and STS.
 */
export { Account } from "../sts/account.ts";
export { IamError } from "../iam/errors.ts";
export type { AccountOptions, OperationOptions } from "../iam/account-state.ts";
