/**
 * @module org/compiled
 * Guardrails compiled for the engine: `GuardrailCompiler.compile(docs)` turns an account's
 * guardrail documents (guardrails.ts) into what the account model applies to every decision
 * (`account.organization`, js/iam/resolve/organization.ts): compiled SCP and RCP levels and the
 * organization's condition keys.
 *
 * RCPs apply only to the services that support them ("Resource control policies (RCPs)", the
 * list of supported services: Amazon S3, AWS STS, AWS KMS, Amazon SQS, AWS Secrets Manager);
 * a request of another service is not bounded by them (IAM's own actions, for one).
 *
 * Compiled policies are cached by policy id and content, so every account of an OU shares them
 * and a change recompiles only the policy that changed. A superseded policy is disposed only
 * after later ones (a request in flight may still hold the older guardrails); the cache is bounded.
 */
import type { CompiledPolicy, Engine } from "../engine/engine.ts";
import type { ContextValue } from "../engine/request.ts";
import type { OrganizationGuardrails } from "../iam/resolve/organization.ts";
import type { AccountGuardrailDocs, GuardrailLevel } from "./guardrails.ts";
import type { PolicyState } from "./shapes.ts";

/** Service prefixes whose resources RCPs bound (see the module doc). */
export const RCP_SERVICES: ReadonlySet<string> = new Set(["s3", "sts", "kms", "sqs", "secretsmanager"]);

const MAX_CACHED = 1024;
const KEEP_RETIRED = 64;

export function rcpApplies(action: string): boolean {
  const i = action.indexOf(":");
  return i > 0 && RCP_SERVICES.has(action.slice(0, i).toLowerCase());
}

export class GuardrailCompiler {
  readonly #engine: Engine;
  readonly #cache = new Map<string, { content: string; policy: CompiledPolicy }>();
  readonly #retired: CompiledPolicy[] = [];

  constructor(engine: Engine) {
    this.#engine = engine;
  }

  /** The guardrails the account model applies (see the module doc). */
  compile(docs: AccountGuardrailDocs): OrganizationGuardrails {
    const scp = docs.scp ? this.#levels(docs.scp, "scp") : undefined;
    const rcp = docs.rcp ? this.#levels(docs.rcp, "rcp") : undefined;
    const paths: ContextValue = [docs.orgPath];
    return {
      scp,
      rcp: (action: string) => (rcp && rcpApplies(action) ? rcp : undefined),
      principalContext: { "aws:PrincipalOrgID": docs.organizationId, "aws:PrincipalOrgPaths": paths },
      resourceContext: { "aws:ResourceOrgID": docs.organizationId, "aws:ResourceOrgPaths": paths },
    };
  }

  #levels(levels: GuardrailLevel[], kind: "scp" | "rcp"): CompiledPolicy[][] {
    return levels.map((l) => l.policies.map((p) => this.#policy(p, kind)));
  }

  #policy(p: PolicyState, kind: "scp" | "rcp"): CompiledPolicy {
    const hit = this.#cache.get(p.Id);
    if (hit && hit.content === p.Content && !hit.policy.disposed) {
      this.#cache.delete(p.Id);
      this.#cache.set(p.Id, hit);
      return hit.policy;
    }
    if (hit) this.#retire(hit.policy);
    // Stored policies were validated when created; a size bound above the quota keeps old ones compiling.
    const policy = this.#engine.compile(p.Content, { kind, id: p.Id, maxSize: 1 << 20 });
    this.#cache.set(p.Id, { content: p.Content, policy });
    while (this.#cache.size > MAX_CACHED) {
      const [id, oldest] = this.#cache.entries().next().value as [string, { policy: CompiledPolicy }];
      this.#cache.delete(id);
      this.#retire(oldest.policy);
    }
    return policy;
  }

  #retire(p: CompiledPolicy): void {
    this.#retired.push(p);
    while (this.#retired.length > KEEP_RETIRED) this.#retired.shift()!.dispose();
  }
}
