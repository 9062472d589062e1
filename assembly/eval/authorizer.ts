/**
 * @module eval/authorizer
 * One decision: read the request's policy set, evaluate every policy that applies to this
 * principal into the tally, then let the decision table decide (decision-table.ts, which
 * holds AWS's evaluation logic row by row) and report the statements that decided.
 *
 * Which policies are evaluated: none for sts:GetCallerIdentity (no permission is required);
 * otherwise identity, boundary, session and resource (or trust) policies; SCPs for principals
 * of an AWS account ("Service control policies (SCPs)": SCPs don't affect service principals,
 * nor service-linked roles, whose SCPs are evaluated as exempt); RCPs, though only their Deny
 * statements can act (AWS attaches RCPFullAWSAccess at every level; docs/decisions/0003), and
 * as exempt for an AWS managed KMS key ("Resource control policies in AWS KMS").
 */
import { REASON_SCP_NO_ALLOW, REF_SIZE } from "../abi";
import { indexContext } from "./context";
import { prepareRequest } from "./statement";
import { resetResult, setDecision } from "./result";
import {
  readPolicySet, identityAt, identityCount, boundaryRef, boundary, sessionAt, sessionCount, resourceRef, resource,
  scpAt, scpLevels, rcpAt, rcpLevels,
} from "./policy-set";
import { readRequestFacts, accountPrincipal, noPermissionRequired } from "./request-facts";
import { isServiceLinkedRole, isAwsManagedKey } from "./service-facts";
import {
  resetTally, evalRef, evalRefs, startLevel, endScpLevel, closeExemption, report, missingScpLevel,
  G_IDENTITY, G_BOUNDARY, G_SESSION, G_RESOURCE, G_ORGANIZATION, G_EXEMPT,
} from "./tally";
import { decide, outcomeDecision, outcomeReason, outcomeGroups } from "./decision-table";

/**
 * Evaluates the organization levels from `at` (count, then references, per level) into
 * `group` (G_ORGANIZATION, or G_EXEMPT). SCP levels (`scp`) record a level without an Allow.
 */
@inline function evalLevels(at: usize, levels: u32, group: u32, scp: bool, boundaryPresent: bool): void {
  let q = at;
  for (let l: u32 = 0; l < levels; l++) {
    const count = load<u32>(q); q += 4;
    startLevel();
    evalRefs(q, count, group, boundaryPresent);
    q += count * REF_SIZE;
    if (scp) endScpLevel(l, group);
  }
  if (group == G_EXEMPT) closeExemption(scp);
}

/** SCP levels: not for services; exempt for a service-linked role ("SCP evaluation"). */
@inline function evalScps(boundaryPresent: bool): void {
  if (!accountPrincipal() || scpLevels == 0) return;
  evalLevels(scpAt, scpLevels, isServiceLinkedRole() ? G_EXEMPT : G_ORGANIZATION, true, boundaryPresent);
}

/** RCP levels: exempt for an AWS managed KMS key ("Resource control policies in AWS KMS"). */
@inline function evalRcps(boundaryPresent: bool): void {
  if (rcpLevels == 0) return;
  evalLevels(rcpAt, rcpLevels, isAwsManagedKey() ? G_EXEMPT : G_ORGANIZATION, false, boundaryPresent);
}

/** Evaluates every policy of the set that applies to this request's principal. */
@inline function evaluateSet(): void {
  const boundaryPresent = boundary != 0;
  evalRefs(identityAt(), identityCount, G_IDENTITY, boundaryPresent);
  if (boundaryPresent) evalRef(boundaryRef(), G_BOUNDARY, boundaryPresent);
  evalRefs(sessionAt(), sessionCount, G_SESSION, boundaryPresent);
  if (resource != 0) evalRef(resourceRef(), G_RESOURCE, boundaryPresent);
  evalScps(boundaryPresent);
  evalRcps(boundaryPresent);
}

/** Writes the table's outcome to the result block, with the statements that decided. */
@inline function settle(outcome: u32): void {
  const reason = outcomeReason(outcome);
  report(outcomeGroups(outcome));
  setDecision(outcomeDecision(outcome), reason, reason == REASON_SCP_NO_ALLOW ? <u32>missingScpLevel : 0);
}

/** Decides the request in the scratch at `scratch`; the answer goes to the result block. */
export function authorize(scratch: usize): void {
  indexContext(scratch);
  prepareRequest();
  resetResult();
  resetTally();
  readPolicySet(scratch);
  readRequestFacts(scratch);
  if (!noPermissionRequired()) evaluateSet();
  settle(decide());
}
