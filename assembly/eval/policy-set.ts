/**
 * @module eval/policy-set
 * Reads the policy set of a request (layout in abi.ts, "Policy set"; docs/abi.md): where each
 * slot's policy references start and how many there are. Nothing is evaluated here; the
 * authorizer and the explainer walk the slots this module finds.
 */
import { R_POLICIES, REF_SIZE, H_KIND, KIND_TRUST } from "../abi";

/** Start of the set: selections are byte offsets from it (abi.ts REF_SIZE). */
export let setBase: usize = 0;
// Counts are kept; where each slot starts follows from them (one store fewer per slot).
export let identityCount: u32 = 0;
/** The boundary's image (0 = no boundary). */
export let boundary: usize = 0;
/** Session policies (0 = not a session with policies). */
export let sessionCount: u32 = 0;
/** The resource (or trust) policy's image (0 = none). */
export let resource: usize = 0;
/** Whether the resource slot holds a role trust policy (compiled with kind `trust`). */
export let trust = false;

/** Identity policy references start right after their count. */
@inline export function identityAt(): usize {
  return setBase + 4;
}
/** The boundary's reference follows the identity references. */
@inline export function boundaryRef(): usize {
  return setBase + 4 + identityCount * REF_SIZE;
}
/** Session policy references follow the boundary and their count. */
@inline export function sessionAt(): usize {
  return boundaryRef() + REF_SIZE + 4;
}
/** The resource policy's reference follows the session references. */
@inline export function resourceRef(): usize {
  return sessionAt() + sessionCount * REF_SIZE;
}
/** SCP levels, root first: each a count, then that many references. */
export let scpAt: usize = 0;
export let scpLevels: u32 = 0;
/** RCP levels, laid out as the SCP levels. */
export let rcpAt: usize = 0;
export let rcpLevels: u32 = 0;

/** Reads the set of the request at `scratch` into this module's fields. */
@inline export function readPolicySet(scratch: usize): void {
  let p = scratch + load<u32>(scratch + R_POLICIES);
  setBase = p;
  const identities = load<u32>(p); p += 4 + identities * REF_SIZE;
  identityCount = identities;
  boundary = <usize>load<u32>(p); p += REF_SIZE;
  const sessions = load<u32>(p); p += 4 + sessions * REF_SIZE;
  sessionCount = sessions;
  const res = <usize>load<u32>(p); p += REF_SIZE;
  resource = res;
  scpLevels = load<u32>(p); p += 4;
  scpAt = p;
  for (let l: u32 = 0; l < scpLevels; l++) p += 4 + load<u32>(p) * REF_SIZE;
  rcpLevels = load<u32>(p); p += 4;
  rcpAt = p;
  // INVARIANT: a non-zero handle is a live image the binding validated.
  trust = res != 0 && load<u32>(res + H_KIND) == KIND_TRUST;
}

/** The image of reference `ref` (abi.ts: handle, selection). */
@inline export function imageOf(ref: usize): usize {
  return <usize>load<u32>(ref);
}

/** The selection list of reference `ref`, or 0 to evaluate every statement. */
@inline export function selectionOf(ref: usize): usize {
  const select = load<u32>(ref + 4);
  return select == 0 ? 0 : setBase + <usize>select;
}
