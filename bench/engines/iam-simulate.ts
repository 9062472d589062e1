/**
 * @cloud-copilot/iam-simulate (AGPL-3.0, devDependency), used as a black box through its public
 * API only: runSimulation (validating, async) and runUnsafeSimulation (no validation, sync).
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import type { Decision, Request, Workload } from "../workloads.ts";
import type { EngineAdapter, Prepared } from "./types.ts";

const MAP: Record<string, Decision> = { Allowed: "Allow", ExplicitlyDenied: "ExplicitDeny", ImplicitlyDenied: "ImplicitDeny" };

function simulation(w: Workload, req: Request): Simulation {
  const p = w.policies;
  const sim: Simulation = {
    request: {
      principal: req.principal,
      action: req.action,
      resource: { resource: req.resource, accountId: req.resourceAccount ?? req.principal.split(":")[4] },
      contextVariables: req.context,
    },
    identityPolicies: p.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: (p.scp ?? []).map((level, l) => ({ orgIdentifier: `ou-${l}`, policies: level.map((policy, i) => ({ name: `scp-${l}-${i}`, policy })) })),
    resourceControlPolicies: [],
  };
  if (p.boundary) sim.permissionBoundaryPolicies = [{ name: "boundary", policy: p.boundary }];
  if (p.resource) sim.resourcePolicy = p.resource;
  return sim;
}

export const iamSimulate: EngineAdapter = {
  name: "iam-simulate runSimulation",
  supports: () => true,
  async: true,
  compiles: false,
  sample: 300,
  prepare(w: Workload): Prepared {
    return {
      async decide(req) {
        const r = await runSimulation(simulation(w, req), { simulationMode: "Strict" });
        if (r.resultType === "error") throw new Error(`iam-simulate: ${JSON.stringify(r.errors).slice(0, 400)}`);
        return MAP[r.overallResult];
      },
    };
  },
};

export const iamSimulateUnsafe: EngineAdapter = {
  name: "iam-simulate runUnsafeSimulation",
  // 0.1.173's runUnsafeSimulation throws a TypeError (analyzeResourcePolicy) when given a
  // resource policy, so it sits out W4; runSimulation takes part there.
  supports: (w) => !w.policies.resource,
  sample: 1000,
  compiles: false,
  prepare(w: Workload): Prepared {
    return { decide: (req) => MAP[runUnsafeSimulation(simulation(w, req), { simulationMode: "Strict" })] };
  },
};
