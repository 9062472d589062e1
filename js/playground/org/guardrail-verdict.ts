/**
 * @module playground/org/guardrail-verdict
 * For the request pane's request, what each level of the organization says: the SCP levels of the
 * principal's account and the RCP levels of the resource's account, root first, each decided on
 * its own, and which of them deny. No DOM.
 *
 * The rules (AWS Organizations User Guide):
 * - "SCP evaluation": every level from the root through each OU to the account must allow (an SCP
 *   never grants: it only bounds), and a Deny at any level wins. So a level is decided alone with
 *   an identity policy that allows everything: Allow means the level allows, ExplicitDeny names the
 *   denying statement, ScpNoAllow means no SCP there allows the action.
 * - "RCP evaluation": the same on the resource's account, for the services RCPs support only
 *   (js/org `rcpApplies`).
 * - SCPs and RCPs do not apply to the management account; service-linked roles are exempt from
 *   SCPs (the engine answers ScpExemptServiceLinkedRole).
 * The levels and the organization's keys (`aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`,
 * `aws:ResourceOrgID`, `aws:ResourceOrgPaths`) come from js/org (`guardrailsOf`,
 * `GuardrailCompiler`), as the account model applies them.
 */
import type { AuthorizationRequest, CompiledPolicy, Engine } from "../../entries/browser.ts";
import { GuardrailCompiler, guardrailsOf, RCP_SERVICES, rcpApplies, type GuardrailLevel, type Organization } from "../../org/index.ts";
import { policyById } from "./org-tree.ts";

export type LevelOutcome = "allow" | "deny" | "no-allow";

export interface LevelVerdict {
  kind: "SCP" | "RCP";
  targetId: string;
  targetType: GuardrailLevel["targetType"];
  targetName: string;
  outcome: LevelOutcome;
  /** The denying statement (outcome `deny`). */
  statement?: { policyId: string; policyName: string; sid?: string; index: number };
}

/** Whether a kind of level applies to this request, and if not why. */
export type LevelsOf = { applies: true; levels: LevelVerdict[] } | { applies: false; why: string };

export interface OrgVerdict {
  principalAccount?: string;
  resourceAccount?: string;
  scp: LevelsOf;
  rcp: LevelsOf;
  /** The levels that deny: explicit denies first, then levels without an Allow. Empty: every level allows. */
  denied: LevelVerdict[];
}

const ALLOW_ALL = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

/** The account id of a principal ARN (`arn:aws:iam::ACCOUNT:...`, `arn:aws:sts::ACCOUNT:...`), or a bare account id. */
export function accountOfPrincipal(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** The resource's account: the request's, else the ARN's account field, else the principal's (as the account model does). */
export function accountOfResource(request: AuthorizationRequest, principalAccount: string | undefined): string | undefined {
  if (request.resourceAccount) return request.resourceAccount;
  const parts = (request.resource ?? "").split(":");
  return parts.length >= 6 && parts[0] === "arn" && /^\d{12}$/.test(parts[4]) ? parts[4] : principalAccount;
}

export class GuardrailView {
  readonly #engine: Engine;
  readonly #compiler: GuardrailCompiler;
  #allowAll: CompiledPolicy | undefined;

  constructor(engine: Engine) {
    this.#engine = engine;
    this.#compiler = new GuardrailCompiler(engine as never);
  }

  /** Each level's verdict for `request` (see the module doc). Throws the engine's RequestError on a bad request. */
  verdict(org: Organization, request: AuthorizationRequest): OrgVerdict {
    const principalAccount = accountOfPrincipal(request.principal);
    const resourceAccount = accountOfResource(request, principalAccount);
    const p = principalAccount ? guardrailsOf(org, principalAccount) : undefined;
    const r = resourceAccount ? guardrailsOf(org, resourceAccount) : undefined;
    const context = {
      ...request.context,
      ...(p ? this.#compiler.compile(p).principalContext : {}),
      ...(r ? this.#compiler.compile(r).resourceContext : {}),
    };
    // Each level alone, in the principal's account: the cross-account rule is not the organization's.
    const alone = { ...request, context, resourceAccount: undefined };
    const scp = this.#scp(org, p, principalAccount, alone);
    const rcp = this.#rcp(org, r, resourceAccount, alone);
    const all = [...(scp.applies ? scp.levels : []), ...(rcp.applies ? rcp.levels : [])];
    const denied = [...all.filter((l) => l.outcome === "deny"), ...all.filter((l) => l.outcome === "no-allow")];
    return { principalAccount, resourceAccount, scp, rcp, denied };
  }

  #scp(org: Organization, docs: ReturnType<typeof guardrailsOf>, account: string | undefined, request: AuthorizationRequest): LevelsOf {
    if (!account) return { applies: false, why: "the principal is not an account's principal ARN" };
    if (!docs) return { applies: false, why: `account ${account} is not in the organization` };
    if (docs.management) return { applies: false, why: `account ${account} is the management account: SCPs don't affect its users and roles` };
    if (!docs.scp) return { applies: false, why: "SCPs are not enabled in the root" };
    const compiled = this.#compiler.compile(docs).scp!;
    const levels = docs.scp.map((level, i) => this.#decide(org, "SCP", level, request, { scp: [compiled[i]] }));
    if (levels.some((l) => l === "exempt")) return { applies: false, why: "a service-linked role: SCPs don't apply to it" };
    return { applies: true, levels: levels as LevelVerdict[] };
  }

  #rcp(org: Organization, docs: ReturnType<typeof guardrailsOf>, account: string | undefined, request: AuthorizationRequest): LevelsOf {
    if (!rcpApplies(request.action)) return { applies: false, why: `RCPs apply to ${[...RCP_SERVICES].join(", ")} only` };
    if (!account || !docs) return { applies: false, why: "the resource's account is not in the organization" };
    if (docs.management) return { applies: false, why: `account ${account} is the management account: RCPs don't affect its resources` };
    if (!docs.rcp) return { applies: false, why: "RCPs are not enabled in the root" };
    const compiled = this.#compiler.compile(docs).rcp(request.action)!;
    return { applies: true, levels: docs.rcp.map((level, i) => this.#decide(org, "RCP", level, request, { rcp: [compiled[i]] }) as LevelVerdict) };
  }

  #decide(org: Organization, kind: "SCP" | "RCP", level: GuardrailLevel, request: AuthorizationRequest, levels: { scp?: CompiledPolicy[][]; rcp?: CompiledPolicy[][] }): LevelVerdict | "exempt" {
    this.#allowAll ??= this.#engine.compile(ALLOW_ALL, { kind: "identity", id: "allow-all" });
    const result = this.#engine.authorize(request, { identity: [this.#allowAll], ...levels });
    if (result.reason.code === "ScpExemptServiceLinkedRole") return "exempt";
    const base = { kind, targetId: level.targetId, targetType: level.targetType, targetName: targetName(org, level) };
    if (result.decision === "Allow") return { ...base, outcome: "allow" };
    const m = result.matchedStatements.find((s) => s.effect === "Deny" && (s.kind === "scp" || s.kind === "rcp"));
    if (result.decision === "ExplicitDeny" && m) {
      return { ...base, outcome: "deny", statement: { policyId: m.policyId, policyName: policyById(org, m.policyId)?.name ?? m.policyId, sid: m.sid, index: m.statementIndex } };
    }
    return { ...base, outcome: "no-allow" };
  }
}

function targetName(org: Organization, level: GuardrailLevel): string {
  const s = org.state;
  if (level.targetType === "ROOT") return s.root.Name;
  if (level.targetType === "ORGANIZATIONAL_UNIT") return s.ous.find((o) => o.Id === level.targetId)?.Name ?? level.targetId;
  return s.accounts.find((a) => a.Id === level.targetId)?.Name ?? level.targetId;
}

const TARGET_WORDS: Record<GuardrailLevel["targetType"], string> = { ROOT: "the root", ORGANIZATIONAL_UNIT: "OU", ACCOUNT: "account" };

/** A level in words: `OU Sandbox (ou-...)`, `the root (r-...)`. */
export function levelName(l: Pick<LevelVerdict, "targetType" | "targetName" | "targetId">): string {
  return l.targetType === "ROOT" ? `${TARGET_WORDS.ROOT} (${l.targetId})` : `${TARGET_WORDS[l.targetType]} ${l.targetName} (${l.targetId})`;
}

/** The verdict in one sentence: which level denied, with the statement, or that every level allows. */
export function verdictSentence(v: OrgVerdict): string {
  const first = v.denied[0];
  if (!first) {
    const applied = [v.scp.applies ? "SCP" : "", v.rcp.applies ? "RCP" : ""].filter(Boolean);
    return applied.length ? `Every ${applied.join(" and every ")} level allows this request.` : "No SCP or RCP level applies to this request.";
  }
  if (first.outcome === "deny") {
    const s = first.statement!;
    return `Denied by the ${first.kind} ${s.policyName} attached to ${levelName(first)}: statement ${s.sid ? `${s.sid} ` : ""}#${s.index + 1} denies it.`;
  }
  return `Denied at ${levelName(first)}: no ${first.kind} attached there allows it (every level from the root to the account must allow).`;
}
