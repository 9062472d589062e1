/**
 * The two engines behind one signature. iam-simulate (AGPL-3.0) is used strictly as a black
 * box through its published API (`runSimulation`); none of its code or test data is copied.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { PolicyValidationError, RequestError, type AuthorizationResult, type CompiledPolicy, type Engine, type PolicyKind } from "../../js/index.ts";
import type { DiffCase, Policy } from "./generator.ts";

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

export type PeerOutcome =
  | { kind: "decision"; decision: Decision; ignoredContextKeys: string[] }
  | { kind: "skipped"; reason: string };

const PEER_DECISIONS: Record<string, Decision> = {
  Allowed: "Allow",
  ExplicitlyDenied: "ExplicitDeny",
  ImplicitlyDenied: "ImplicitDeny",
};

/** iam-simulate's answer, or why it refused the case (counted as "skipped by peer"). */
export async function runPeer(c: DiffCase): Promise<PeerOutcome> {
  const named = (p: Policy, name: string) => ({ name, policy: p });
  const result = await runSimulation(
    {
      request: {
        principal: c.principal,
        action: c.action,
        resource: { resource: c.resource, accountId: c.resourceAccount },
        contextVariables: c.context,
      },
      identityPolicies: c.identity.map((p, i) => named(p, `identity-${i}`)),
      permissionBoundaryPolicies: c.boundary ? [named(c.boundary, "boundary")] : undefined,
      sessionPolicy: c.session,
      resourcePolicy: c.resourcePolicy,
      serviceControlPolicies: c.scp.map((level, l) => ({ orgIdentifier: l === 0 ? "r-root" : `ou-${l}`, policies: level.map((p, i) => named(p, `scp-${l}-${i}`)) })),
      resourceControlPolicies: c.rcp.map((level, l) => ({ orgIdentifier: l === 0 ? "r-root" : `ou-${l}`, policies: level.map((p, i) => named(p, `rcp-${l}-${i}`)) })),
    },
    { simulationMode: "Strict" },
  );
  if (result.resultType === "error") return { kind: "skipped", reason: result.errors.message };
  const decision = PEER_DECISIONS[result.overallResult];
  if (!decision) return { kind: "skipped", reason: `unknown result ${String(result.overallResult)}` };
  const ignored = result.resultType === "single" ? (result.result.ignoredContextKeys ?? []) : result.results.flatMap((r) => r.ignoredContextKeys ?? []);
  return { kind: "decision", decision, ignoredContextKeys: ignored };
}

export type EdgeOutcome = { kind: "decision"; decision: Decision; result: AuthorizationResult } | { kind: "rejected"; reason: string };

/** iam-edge's answer; `dropKeys` are context keys the peer ignored for this action (mirrored). */
export function runEdge(engine: Engine, c: DiffCase, dropKeys: string[] = []): EdgeOutcome {
  const compiled: CompiledPolicy[] = [];
  const compile = (doc: Policy, kind: PolicyKind, id: string) => {
    const p = engine.compile(doc, { kind, id });
    compiled.push(p);
    return p;
  };
  try {
    const drop = new Set(dropKeys.map((k) => k.toLowerCase()));
    const context = Object.fromEntries(Object.entries(c.context).filter(([k]) => !drop.has(k.toLowerCase())));
    const r = engine.authorize(
      { principal: c.principal, action: c.action, resource: c.resource, resourceAccount: c.resourceAccount, context },
      {
        identity: c.identity.map((p, i) => compile(p, "identity", `identity-${i}`)),
        boundary: c.boundary ? compile(c.boundary, "boundary", "boundary") : undefined,
        session: c.session ? [compile(c.session, "session", "session")] : undefined,
        resource: c.resourcePolicy ? compile(c.resourcePolicy, "resource", "resource") : undefined,
        scp: c.scp.map((level, l) => level.map((p, i) => compile(p, "scp", `scp-${l}-${i}`))),
        rcp: c.rcp.map((level, l) => level.map((p, i) => compile(p, "rcp", `rcp-${l}-${i}`))),
      },
    );
    return { kind: "decision", decision: r.decision, result: r };
  } catch (e) {
    if (e instanceof PolicyValidationError) return { kind: "rejected", reason: `policy: ${e.message}` };
    if (e instanceof RequestError) return { kind: "rejected", reason: `request: ${e.message}` };
    throw e;
  } finally {
    for (const p of compiled) p.dispose();
  }
}
