/**
 * @module iam/simulate/simulate
 * `simulatePrincipalPolicy` and `simulateCustomPolicy` with the IAM API's request and response
 * fields (IAM API Reference: SimulatePrincipalPolicy, SimulateCustomPolicy, EvaluationResult,
 * ResourceSpecificResult, Statement, ContextEntry).
 *
 * Shapes. By default one EvaluationResult per action, as AWS returns since 2026-07-30: the
 * top-level decision is the most restrictive across the resources (explicitDeny, then
 * implicitDeny, then allowed), and each resource's decision is in ResourceSpecificResults.
 * `{ resultShape: "per-resource" }` gives the older shape, one EvaluationResult per (action,
 * resource), each with a one-entry ResourceSpecificResults.
 *
 * Choices (AWS leaves them open or we lack its data):
 * - Context: the simulator does not invent request keys (`aws:CurrentTime`, `aws:SourceIp`,
 *   `aws:SecureTransport`, ... come only from ContextEntries). It does add the keys AWS derives
 *   from the simulated principal (`aws:PrincipalArn`, `aws:PrincipalAccount`,
 *   `aws:PrincipalType`, `aws:userid`, `aws:username`, `aws:PrincipalTag/*`; see resolve.ts):
 *   from CallerArn when given, else from PolicySourceArn (a user or role; a group derives none).
 *   ContextEntries override derived keys of the same name.
 * - Callers: SimulatePrincipalPolicy without CallerArn simulates PolicySourceArn itself (a role
 *   ARN stands for a session of the role). SimulateCustomPolicy without CallerArn uses a
 *   placeholder user of the account (`SIMULATED_CALLER`), with no derived keys.
 * - Positions: StartPosition and EndPosition are 1-based line and column of the statement's
 *   first character and of the character after its last (the engine's 0-based columns + 1).
 * - SourcePolicyId: managed policies by name, inline ones as `user_<user>_<policy>`,
 *   `group_<group>_<policy>`, `role_<role>_<policy>` (what the service returns),
 *   `PolicyInputList.N`, `PermissionsBoundaryPolicyInputList.1`, `ResourcePolicy`,
 *   `OrderedOrganizationPolicyInputList.I.ServiceControlPolicyInputList.J`.
 * - SourcePolicyType: the documented values (`user`, `group`, `role`, `aws-managed`,
 *   `user-managed`, `resource`, `none` for policies passed in the request). The service has been
 *   seen answering `IAM Policy` for all of these: `{ sourcePolicyTypes: "observed" }` does that.
 * - EvalResourceName of a per-action result: the resource when there is one; for several, a
 *   template built segment by segment (`arn:aws:s3:::${ResourceName}`), since AWS's templates
 *   come from its service catalogue, which the engine does not carry; `*` when services differ.
 * - EvalDecisionDetails: absent for resource `*`, `{}` in the same account, and for a
 *   cross-account resource `{ "IAM Policy": <identity side>, "Resource Policy": <resource side> }`.
 * - PermissionsBoundaryDecisionDetail: present when a boundary takes part; it tells whether the
 *   boundary alone allows the request. OrganizationsDecisionDetail: present when SCPs are given
 *   (OrderedOrganizationPolicyInputList); whether every SCP level allows.
 * - ResourceHandlingOption is checked against the EC2 scenario names and otherwise ignored.
 * - For `sts:AssumeRole*` the ResourcePolicy is evaluated as the role's trust policy (AWS's
 *   simulator drops it: aws/aws-cli#10314).
 */

import type { AccountState } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { mergeContext } from "../resolve/authorize.ts";
import { parsePrincipalArn } from "../resolve/principal-arn.ts";
import { resolveTarget } from "../resolve/principal.ts";
import type { ResolvedTarget } from "../resolve/types.ts";
import { contextFromEntries } from "./context-entries.ts";
import { checkExclusions, excluded } from "./exclusions.ts";
import { callerContext, compileInput, finishPlan, newPlan, sourceInfo } from "./plan.ts";
import { checkCaller, checkCommon } from "./request.ts";
import { run } from "./results.ts";
import { SIMULATED_CALLER, type SimulateCustomPolicyInput, type SimulateOptions, type SimulatePolicyResponse, type SimulatePrincipalPolicyInput } from "./shapes.ts";

export async function simulatePrincipalPolicy(account: AccountState, input: SimulatePrincipalPolicyInput, options: SimulateOptions = {}): Promise<SimulatePolicyResponse> {
  const common = checkCommon(input);
  const source = parsePrincipalArn(input.PolicySourceArn);
  if (!source || (source.kind !== "user" && source.kind !== "group" && source.kind !== "role")) {
    throw new IamError("InvalidInput", `Invalid PolicySourceArn '${String(input.PolicySourceArn)}': it must be the ARN of an IAM user, group or role`);
  }
  const caller = checkCaller(input.CallerArn);
  const exclusions = checkExclusions(input.PolicyExclusionList);
  await account.authorizeOperation(options, "iam:SimulatePrincipalPolicy", input.PolicySourceArn);
  const target: ResolvedTarget = resolveTarget(account, input.PolicySourceArn);
  const principal = caller ?? input.PolicySourceArn;
  const plan = newPlan(principal, parsePrincipalArn(principal)!.account);
  try {
    for (const p of target.identity) {
      const s = target.sources.get(p.id)!;
      if (excluded(s, exclusions)) continue;
      plan.identity.push(p);
      plan.sources.set(p.id, sourceInfo(s));
    }
    if (target.boundary && !excluded(target.sources.get(target.boundary.id)!, exclusions)) {
      plan.boundary = target.boundary;
      plan.sources.set(target.boundary.id, sourceInfo(target.sources.get(target.boundary.id)!));
    }
    // A boundary given in the request (PermissionsBoundaryPolicyInputList) replaces the entity's.
    finishPlan(account, plan, input);
    plan.context = mergeContext(caller ? callerContext(account, caller) : target.context, contextFromEntries(input.ContextEntries));
    return run(account, plan, common.actions, common.resources, common, options);
  } finally {
    for (const p of plan.temp) p.dispose();
  }
}
export async function simulateCustomPolicy(account: AccountState, input: SimulateCustomPolicyInput, options: SimulateOptions = {}): Promise<SimulatePolicyResponse> {
  const common = checkCommon(input);
  if (!Array.isArray(input.PolicyInputList)) throw new IamError("InvalidInput", "PolicyInputList is required: a list of policy documents");
  const caller = checkCaller(input.CallerArn);
  if (input.ResourcePolicy !== undefined && caller === undefined) {
    throw new IamError("InvalidInput", "CallerArn is required when a ResourcePolicy is given, so that the policy's Principal element has a value to match");
  }
  const orgs = input.OrderedOrganizationPolicyInputList;
  if (orgs !== undefined && (!Array.isArray(orgs) || orgs.some((l) => !l || !Array.isArray(l.ServiceControlPolicyInputList)))) {
    throw new IamError("InvalidInput", "OrderedOrganizationPolicyInputList must be a list of {ServiceControlPolicyInputList: [documents]}, from the root to the account");
  }
  await account.authorizeOperation(options, "iam:SimulateCustomPolicy", "*");
  const principal = caller ?? account.arn(`user/${SIMULATED_CALLER}`);
  const plan = newPlan(principal, parsePrincipalArn(principal)!.account);
  try {
    finishPlan(account, plan, input);
    if (orgs) {
      plan.scp = orgs.map((level, i) => level.ServiceControlPolicyInputList.map((doc, j) =>
        compileInput(account, plan, doc, "scp", `OrderedOrganizationPolicyInputList.${i + 1}.ServiceControlPolicyInputList.${j + 1}`)));
    }
    plan.context = mergeContext(caller ? callerContext(account, caller) : {}, contextFromEntries(input.ContextEntries));
    return run(account, plan, common.actions, common.resources, common, options);
  } finally {
    for (const p of plan.temp) p.dispose();
  }
}
