/**
 * @module iam/simulate/request
 * The checks of a simulation request, with the simulator's InvalidInput answers: ActionNames,
 * ResourceArns, ResourceHandlingOption (checked against the EC2 scenario names, otherwise
 * ignored), MaxItems and Marker, the policy input lists, CallerArn and ResourceOwner.
 */
import { IamError } from "../errors.ts";
import { decodeBase64 } from "../rfc4648.ts";
import { parsePrincipalArn } from "../resolve/principal-arn.ts";
import type { SimulateCommon } from "./shapes.ts";

const EC2_SCENARIOS = new Set([
  "EC2-Classic-InstanceStore", "EC2-Classic-EBS", "EC2-VPC-InstanceStore", "EC2-VPC-InstanceStore-Subnet", "EC2-VPC-EBS", "EC2-VPC-EBS-Subnet",
]);
export function checkCommon(input: SimulateCommon): { actions: string[]; resources: string[]; maxItems: number; start: number } {
  if (!input || typeof input !== "object") throw new IamError("InvalidInput", "the request must be an object");
  const actions = input.ActionNames;
  if (!Array.isArray(actions) || actions.length === 0) throw new IamError("InvalidInput", "ActionNames is required: a non-empty list of actions such as s3:GetObject");
  for (const a of actions) {
    if (typeof a !== "string" || !/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/.test(a)) {
      throw new IamError("InvalidInput", `Invalid action name '${String(a)}': give a service prefix and an action without wildcards, such as s3:GetObject`);
    }
  }
  const resources = input.ResourceArns ?? ["*"];
  if (!Array.isArray(resources) || resources.length === 0 || resources.some((r) => typeof r !== "string" || r.length === 0 || r.length > 2048)) {
    throw new IamError("InvalidInput", "ResourceArns must be a non-empty list of ARNs (or `*`)");
  }
  if (input.ResourceHandlingOption !== undefined && !EC2_SCENARIOS.has(input.ResourceHandlingOption)) {
    throw new IamError("InvalidInput", `Invalid ResourceHandlingOption '${String(input.ResourceHandlingOption)}': expected one of ${[...EC2_SCENARIOS].join(", ")}`);
  }
  const maxItems = input.MaxItems ?? 100;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) throw new IamError("InvalidInput", "MaxItems must be an integer from 1 to 1000");
  let start = 0;
  if (input.Marker !== undefined) {
    const m = typeof input.Marker === "string" ? /^iam-edge:(\d+)$/.exec(markerText(input.Marker)) : null;
    if (!m) throw new IamError("InvalidInput", "Invalid Marker: pass the Marker of a previous response unchanged");
    start = Number(m[1]);
  }
  for (const list of ["PolicyInputList", "PermissionsBoundaryPolicyInputList"] as const) {
    const v = input[list];
    if (v !== undefined && (!Array.isArray(v) || v.some((d) => typeof d !== "string" && (d === null || typeof d !== "object")))) {
      throw new IamError("InvalidInput", `${list} must be a list of policy documents (JSON text)`);
    }
  }
  if ((input.PermissionsBoundaryPolicyInputList?.length ?? 0) > 1) {
    throw new IamError("InvalidInput", "PermissionsBoundaryPolicyInputList takes at most one policy");
  }
  return { actions, resources, maxItems, start };
}
/** The marker's text when it is canonical base64 (rfc4648.ts: one spelling per marker), else "". */
function markerText(s: string): string {
  const bytes = decodeBase64(s);
  return bytes ? new TextDecoder().decode(bytes) : "";
}

/** Caller ARNs the simulator takes: users, groups, roles (not sessions, federated users or services). */
export function checkCaller(arn: unknown): string | undefined {
  if (arn === undefined) return undefined;
  const p = parsePrincipalArn(arn);
  if (!p || (p.kind !== "user" && p.kind !== "group" && p.kind !== "role")) {
    throw new IamError("InvalidInput", `Invalid CallerArn '${String(arn)}': it must be the ARN of an IAM user, group or role (not an assumed role, federated user or service)`);
  }
  return arn as string;
}
export function resourceOwner(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const m = typeof value === "string" ? /^(?:arn:[a-z0-9-]+:iam::(\d{12}):root|(\d{12}))$/.exec(value) : null;
  if (!m) throw new IamError("InvalidInput", `Invalid ResourceOwner '${String(value)}': expected an account ARN such as arn:aws:iam::111122223333:root`);
  return m[1] ?? m[2];
}
