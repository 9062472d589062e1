/**
 * @module iam/simulate
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
import type { AccountState, OperationOptions } from "./account-state.ts";
import { IamError } from "./errors.ts";
import { allowAllPolicy } from "./resolve/policy-cache.ts";
import { isAssumeRole, mergeContext, resourceAccountOf } from "./resolve/authorize.ts";
import { parsePrincipalArn } from "./resolve/principal-arn.ts";
import { resolveTarget } from "./resolve/principal.ts";
import type { PolicySource, ResolvedTarget } from "./resolve/types.ts";
import type { AuthorizationResult, CompiledPolicy, Decision, MatchedStatement, PolicySet } from "../engine/engine.ts";
import type { ContextValue } from "../engine/request.ts";
import { PolicyValidationError, RequestError } from "../engine/errors.ts";
import type { PolicyKind } from "../policy/types.ts";

// ---------------------------------------------------------------------------------------------
// Shapes

export type ContextKeyType =
  | "string" | "stringList" | "numeric" | "numericList" | "boolean" | "booleanList"
  | "ip" | "ipList" | "binary" | "binaryList" | "date" | "dateList";

export interface ContextEntry {
  ContextKeyName: string;
  ContextKeyValues: string[];
  ContextKeyType: ContextKeyType;
}

export interface PolicyExclusion {
  PolicyType: "inline" | "aws-managed" | "user-managed" | "permission-boundary" | "scp" | "rcp";
  PolicyArn?: string;
  InlinePolicyIdentifier?: { PolicyName: string; AttachmentType: "user" | "group" | "role"; AttachmentName: string };
}

interface SimulateCommon {
  PolicyInputList?: string[];
  PermissionsBoundaryPolicyInputList?: string[];
  ActionNames: string[];
  ResourceArns?: string[];
  ResourcePolicy?: string;
  ResourceOwner?: string;
  CallerArn?: string;
  ContextEntries?: ContextEntry[];
  ResourceHandlingOption?: string;
  MaxItems?: number;
  Marker?: string;
}

export interface SimulatePrincipalPolicyInput extends SimulateCommon {
  PolicySourceArn: string;
  PolicyExclusionList?: PolicyExclusion[];
}

export interface SimulateCustomPolicyInput extends SimulateCommon {
  PolicyInputList: string[];
  OrderedOrganizationPolicyInputList?: { ServiceControlPolicyInputList: string[] }[];
}

export type EvalDecision = "allowed" | "explicitDeny" | "implicitDeny";

export interface Position {
  Line: number;
  Column: number;
}

export interface SimulatedStatement {
  SourcePolicyId: string;
  SourcePolicyType: string;
  StartPosition?: Position;
  EndPosition?: Position;
}

export interface ResourceSpecificResult {
  EvalResourceName: string;
  EvalResourceDecision: EvalDecision;
  MatchedStatements: SimulatedStatement[];
  MissingContextValues: string[];
  EvalDecisionDetails?: Record<string, EvalDecision>;
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
}

export interface EvaluationResult {
  EvalActionName: string;
  EvalResourceName: string;
  EvalDecision: EvalDecision;
  MatchedStatements: SimulatedStatement[];
  MissingContextValues: string[];
  OrganizationsDecisionDetail?: { AllowedByOrganizations: boolean };
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
  EvalDecisionDetails?: Record<string, EvalDecision>;
  ResourceSpecificResults: ResourceSpecificResult[];
}

export interface SimulatePolicyResponse {
  EvaluationResults: EvaluationResult[];
  IsTruncated: boolean;
  Marker?: string;
}

export interface SimulateOptions extends OperationOptions {
  /** `per-action` (default, AWS since 2026-07-30) or `per-resource` (one result per action and resource, the older shape). */
  resultShape?: "per-action" | "per-resource";
  /** `documented` (default: user, group, role, aws-managed, user-managed, resource, none) or `observed` (`IAM Policy`, as the service answers). */
  sourcePolicyTypes?: "documented" | "observed";
}


/** The principal SimulateCustomPolicy uses when no CallerArn is given (a user name IAM would accept). */
export const SIMULATED_CALLER = "iam-edge-simulated-caller";

// ---------------------------------------------------------------------------------------------
// Context entries

const TYPES = new Set<ContextKeyType>(["string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList"]);

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/(3[0-2]|[12]?\d))?$/;
const IPV6 = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/;

function checkValue(type: string, value: string, key: string): ContextValue {
  const bad = (what: string) => new IamError("InvalidInput", `Invalid value '${value}' for context key ${key}: expected ${what} (ContextKeyType ${type})`);
  switch (type) {
    case "numeric":
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim())) throw bad("a number");
      return value.trim();
    case "boolean":
      if (!/^(true|false)$/i.test(value.trim())) throw bad("true or false");
      return value.trim().toLowerCase() === "true";
    case "ip":
      if (!IPV4.test(value.trim()) && !IPV6.test(value.trim())) throw bad("an IPv4 or IPv6 address or CIDR block");
      return value.trim();
    case "binary":
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value.trim()) || value.trim().length % 4 !== 0) throw bad("base64");
      return value.trim();
    case "date":
      if (!/^\d+$/.test(value.trim()) && Number.isNaN(Date.parse(value.trim()))) throw bad("an ISO 8601 date or epoch seconds");
      return value.trim();
    default:
      return value;
  }
}

/**
 * Turns ContextEntries into engine context: list types become arrays (multivalued keys),
 * booleans become booleans, other values stay text after their type is checked.
 * @throws IamError InvalidInput
 */
export function contextFromEntries(entries: unknown): Record<string, ContextValue> {
  if (entries === undefined) return {};
  if (!Array.isArray(entries)) throw new IamError("InvalidInput", "ContextEntries must be a list of {ContextKeyName, ContextKeyValues, ContextKeyType}");
  const out: Record<string, ContextValue> = {};
  const seen = new Set<string>();
  entries.forEach((e: ContextEntry, i) => {
    const at = `ContextEntries.${i + 1}`;
    if (!e || typeof e !== "object") throw new IamError("InvalidInput", `${at} must be an object`);
    const key = e.ContextKeyName;
    if (typeof key !== "string" || key.length < 5 || key.length > 256) {
      throw new IamError("InvalidInput", `${at}.ContextKeyName must be a condition key name of 5 to 256 characters`);
    }
    if (seen.has(key.toLowerCase())) throw new IamError("InvalidInput", `${at}: context key ${key} is given twice (keys compare ignoring case)`);
    seen.add(key.toLowerCase());
    const type = e.ContextKeyType;
    if (!TYPES.has(type)) throw new IamError("InvalidInput", `${at}.ContextKeyType must be one of ${[...TYPES].join(", ")}`);
    const values = e.ContextKeyValues ?? [];
    if (!Array.isArray(values) || values.some((v) => typeof v !== "string")) {
      throw new IamError("InvalidInput", `${at}.ContextKeyValues must be a list of strings`);
    }
    if (type.endsWith("List")) {
      const base = type.slice(0, -4);
      out[key] = values.map((v) => checkValue(base, v, key)) as ContextValue;
    } else {
      if (values.length !== 1) throw new IamError("InvalidInput", `${at}: context key ${key} of type ${type} takes exactly one value (use ${type}List for several)`);
      out[key] = checkValue(type, values[0], key);
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Plans

interface SourceInfo {
  id: string;
  type: string;
}

/** What one simulation evaluates. */
interface Plan {
  principal: string;
  principalAccount: string;
  context: Record<string, ContextValue>;
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  scp?: CompiledPolicy[][];
  resourcePolicyText?: string;
  resourceOwner?: string;
  sources: Map<string, SourceInfo>;
  /** Policies compiled for this request only, disposed at the end. */
  temp: CompiledPolicy[];
}

const EC2_SCENARIOS = new Set([
  "EC2-Classic-InstanceStore", "EC2-Classic-EBS", "EC2-VPC-InstanceStore", "EC2-VPC-InstanceStore-Subnet", "EC2-VPC-EBS", "EC2-VPC-EBS-Subnet",
]);

function checkCommon(input: SimulateCommon): { actions: string[]; resources: string[]; maxItems: number; start: number } {
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
    const m = typeof input.Marker === "string" ? /^iam-edge:(\d+)$/.exec(safeAtob(input.Marker)) : null;
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

function safeAtob(s: string): string {
  try {
    return atob(s);
  } catch {
    return "";
  }
}

function compileInput(account: AccountState, plan: Plan, doc: unknown, kind: PolicyKind, id: string, type = "none"): CompiledPolicy {
  let policy: CompiledPolicy;
  try {
    policy = account.engine.compile(doc, { kind, id });
  } catch (err) {
    if (err instanceof PolicyValidationError) throw new IamError("MalformedPolicyDocument", `${id}: ${err.message}`, err.diagnostics);
    throw err;
  }
  plan.temp.push(policy);
  plan.sources.set(id, { id, type });
  return policy;
}

function sourceInfo(source: PolicySource): SourceInfo {
  if (source.owner) return { id: `${source.owner.type}_${source.owner.name}_${source.policyName}`, type: source.owner.type };
  return { id: source.policyName, type: source.awsManaged ? "aws-managed" : "user-managed" };
}

/** Caller ARNs the simulator takes: users, groups, roles (not sessions, federated users or services). */
function checkCaller(arn: unknown): string | undefined {
  if (arn === undefined) return undefined;
  const p = parsePrincipalArn(arn);
  if (!p || (p.kind !== "user" && p.kind !== "group" && p.kind !== "role")) {
    throw new IamError("InvalidInput", `Invalid CallerArn '${String(arn)}': it must be the ARN of an IAM user, group or role (not an assumed role, federated user or service)`);
  }
  return arn as string;
}

/** Derived keys of a caller: from the store when it is there, else what its ARN says. */
function callerContext(account: AccountState, arn: string): Record<string, ContextValue> {
  const p = parsePrincipalArn(arn)!;
  if (p.account === account.accountId) {
    try {
      return resolveTarget(account, arn).context;
    } catch (err) {
      if (!(err instanceof IamError) || err.code !== "NoSuchEntity") throw err;
    }
  }
  if (p.kind === "group") return {};
  const context: Record<string, ContextValue> = {
    "aws:PrincipalArn": arn, "aws:PrincipalAccount": p.account, "aws:PrincipalType": p.kind === "user" ? "User" : "AssumedRole",
  };
  if (p.kind === "user") context["aws:username"] = p.name;
  return context;
}

function resourceOwner(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const m = typeof value === "string" ? /^(?:arn:[a-z0-9-]+:iam::(\d{12}):root|(\d{12}))$/.exec(value) : null;
  if (!m) throw new IamError("InvalidInput", `Invalid ResourceOwner '${String(value)}': expected an account ARN such as arn:aws:iam::111122223333:root`);
  return m[1] ?? m[2];
}

function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return re.test(value);
}

function excluded(source: PolicySource, exclusions: PolicyExclusion[]): boolean {
  return exclusions.some((x) => {
    if (source.kind === "boundary") return x.PolicyType === "permission-boundary" && (!x.PolicyArn || globMatch(x.PolicyArn, source.policyArn ?? ""));
    if (x.PolicyType === "inline") {
      const id = x.InlinePolicyIdentifier;
      return !!source.owner && !!id && id.AttachmentType === source.owner.type && globMatch(id.AttachmentName, source.owner.name) && globMatch(id.PolicyName, source.policyName);
    }
    if (x.PolicyType === "aws-managed" || x.PolicyType === "user-managed") {
      return !source.owner && source.awsManaged === (x.PolicyType === "aws-managed") && (!x.PolicyArn || globMatch(x.PolicyArn, source.policyArn ?? ""));
    }
    return false;
  });
}

function checkExclusions(list: unknown): PolicyExclusion[] {
  if (list === undefined) return [];
  const types = ["inline", "aws-managed", "user-managed", "permission-boundary", "scp", "rcp"];
  if (!Array.isArray(list) || list.some((x) => !x || !types.includes(x.PolicyType))) {
    throw new IamError("InvalidInput", `PolicyExclusionList must be a list of {PolicyType: ${types.join("|")}, PolicyArn?, InlinePolicyIdentifier?}`);
  }
  for (const x of list as PolicyExclusion[]) {
    if (x.PolicyType === "inline") {
      const id = x.InlinePolicyIdentifier;
      if (!id || typeof id.PolicyName !== "string" || typeof id.AttachmentName !== "string" || !["user", "group", "role"].includes(id.AttachmentType)) {
        throw new IamError("InvalidInput", "an inline PolicyExclusion needs InlinePolicyIdentifier {PolicyName, AttachmentType: user|group|role, AttachmentName}");
      }
    }
  }
  return list as PolicyExclusion[];
}

// ---------------------------------------------------------------------------------------------
// Evaluation

const EVAL: Record<Decision, EvalDecision> = { Allow: "allowed", ExplicitDeny: "explicitDeny", ImplicitDeny: "implicitDeny" };
const RANK: Record<EvalDecision, number> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 };

interface Evaluated extends ResourceSpecificResult {
  AllowedByOrganizations?: boolean;
}

function evaluate(account: AccountState, plan: Plan, action: string, resource: string, types: "documented" | "observed"): Evaluated {
  const resourceAccount = resourceAccountOf(resource) ?? plan.resourceOwner ?? plan.principalAccount;
  const request = { principal: plan.principal, action, resource, context: plan.context, resourceAccount };
  const set: PolicySet = { identity: plan.identity, boundary: plan.boundary, scp: plan.scp };
  if (plan.resourcePolicyText !== undefined) set.resource = resourcePolicy(account, plan, action);
  const run = (req: typeof request, s: PolicySet): AuthorizationResult => {
    try {
      return account.engine.authorize(req, s);
    } catch (err) {
      if (err instanceof RequestError) throw new IamError("InvalidInput", err.message);
      throw err;
    }
  };
  const result = run(request, set);
  const out: Evaluated = {
    EvalResourceName: resource,
    EvalResourceDecision: EVAL[result.decision],
    MatchedStatements: result.matchedStatements.map((m) => statement(plan, m, types)),
    MissingContextValues: [...result.missingContextValues],
  };
  if (resource !== "*") {
    if (resourceAccount === plan.principalAccount) out.EvalDecisionDetails = {};
    else {
      const same = { ...request, resourceAccount: plan.principalAccount };
      const identitySide = run(same, { identity: plan.identity, boundary: plan.boundary, scp: plan.scp });
      const resourceSide = set.resource ? run(same, { resource: set.resource }).decision : "ImplicitDeny";
      out.EvalDecisionDetails = { "IAM Policy": EVAL[identitySide.decision], "Resource Policy": EVAL[resourceSide] };
    }
  }
  if (plan.boundary) {
    const b = run(request, { identity: [allowAllPolicy(account)], boundary: plan.boundary });
    out.PermissionsBoundaryDecisionDetail = { AllowedByPermissionsBoundary: b.decision === "Allow" };
  }
  if (plan.scp) out.AllowedByOrganizations = run(request, { identity: [allowAllPolicy(account)], scp: plan.scp }).decision === "Allow";
  return out;
}

/**
 * The ResourcePolicy compiled as the kind the action needs: the trust policy for sts:AssumeRole*,
 * a resource policy otherwise; a document valid only as the other kind is compiled as that one.
 */
function resourcePolicy(account: AccountState, plan: Plan, action: string): CompiledPolicy {
  const id = "ResourcePolicy";
  const preferred: PolicyKind = isAssumeRole(action) ? "trust" : "resource";
  const other: PolicyKind = preferred === "trust" ? "resource" : "trust";
  const valid = (kind: PolicyKind) => !account.engine.validate(plan.resourcePolicyText, { kind }).some((d) => d.severity === "error");
  const kind = valid(preferred) || !valid(other) ? preferred : other;
  const existing = plan.temp.find((p) => p.id === id && p.kind === kind);
  if (existing) return existing;
  return compileInput(account, plan, plan.resourcePolicyText, kind, id, "resource");
}

function statement(plan: Plan, m: MatchedStatement, types: "documented" | "observed"): SimulatedStatement {
  const info = plan.sources.get(m.policyId) ?? { id: m.policyId, type: "none" };
  const out: SimulatedStatement = { SourcePolicyId: info.id, SourcePolicyType: types === "observed" ? "IAM Policy" : info.type };
  if (m.span) {
    out.StartPosition = { Line: m.span.start.line, Column: m.span.start.column + 1 };
    out.EndPosition = { Line: m.span.end.line, Column: m.span.end.column + 1 };
  }
  return out;
}

function resourceTemplate(resources: string[]): string {
  if (resources.length === 1) return resources[0];
  if (resources.includes("*")) return "*";
  const split = resources.map((r) => r.split(":"));
  if (split.some((p) => p.length < 6 || p[0] !== "arn")) return "*";
  const names = ["${Partition}", null, "${Region}", "${Account}"];
  const seg = (i: number) => {
    const values = new Set(split.map((p) => (i === 5 ? p.slice(5).join(":") : p[i])));
    if (values.size === 1) return [...values][0];
    return i === 5 ? "${ResourceName}" : names[i - 1];
  };
  const service = seg(2);
  if (service === null) return "*";
  return ["arn", seg(1), service, seg(3), seg(4), seg(5)].join(":");
}

function dedupe(statements: SimulatedStatement[]): SimulatedStatement[] {
  const seen = new Set<string>();
  return statements.filter((s) => {
    const key = `${s.SourcePolicyId}\u0000${s.SourcePolicyType}\u0000${s.StartPosition?.Line}:${s.StartPosition?.Column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function specific(e: Evaluated): ResourceSpecificResult {
  const r: ResourceSpecificResult = {
    EvalResourceName: e.EvalResourceName, EvalResourceDecision: e.EvalResourceDecision,
    MatchedStatements: e.MatchedStatements, MissingContextValues: e.MissingContextValues,
  };
  if (e.EvalDecisionDetails) r.EvalDecisionDetails = e.EvalDecisionDetails;
  if (e.PermissionsBoundaryDecisionDetail) r.PermissionsBoundaryDecisionDetail = e.PermissionsBoundaryDecisionDetail;
  return r;
}

function run(account: AccountState, plan: Plan, actions: string[], resources: string[], paging: { maxItems: number; start: number }, options: SimulateOptions): SimulatePolicyResponse {
  const types = options.sourcePolicyTypes ?? "documented";
  if (options.resultShape !== undefined && options.resultShape !== "per-action" && options.resultShape !== "per-resource") {
    throw new IamError("InvalidInput", "resultShape must be per-action or per-resource");
  }
  const results: EvaluationResult[] = [];
  for (const action of actions) {
    const evaluated = resources.map((r) => evaluate(account, plan, action, r, types));
    if (options.resultShape === "per-resource") {
      for (const e of evaluated) {
        const r: EvaluationResult = {
          EvalActionName: action, EvalResourceName: e.EvalResourceName, EvalDecision: e.EvalResourceDecision,
          MatchedStatements: e.MatchedStatements, MissingContextValues: e.MissingContextValues,
        } as EvaluationResult;
        if (e.AllowedByOrganizations !== undefined) r.OrganizationsDecisionDetail = { AllowedByOrganizations: e.AllowedByOrganizations };
        if (e.PermissionsBoundaryDecisionDetail) r.PermissionsBoundaryDecisionDetail = e.PermissionsBoundaryDecisionDetail;
        if (e.EvalDecisionDetails) r.EvalDecisionDetails = e.EvalDecisionDetails;
        r.ResourceSpecificResults = [specific(e)];
        results.push(r);
      }
      continue;
    }
    const decision = evaluated.reduce<EvalDecision>((d, e) => (RANK[e.EvalResourceDecision] > RANK[d] ? e.EvalResourceDecision : d), "allowed");
    const r = {
      EvalActionName: action, EvalResourceName: resourceTemplate(resources), EvalDecision: decision,
      MatchedStatements: dedupe(evaluated.filter((e) => e.EvalResourceDecision === decision).flatMap((e) => e.MatchedStatements)),
      MissingContextValues: [...new Set(evaluated.flatMap((e) => e.MissingContextValues))],
    } as EvaluationResult;
    if (evaluated.some((e) => e.AllowedByOrganizations !== undefined)) {
      r.OrganizationsDecisionDetail = { AllowedByOrganizations: evaluated.every((e) => e.AllowedByOrganizations) };
    }
    if (evaluated.some((e) => e.PermissionsBoundaryDecisionDetail)) {
      r.PermissionsBoundaryDecisionDetail = { AllowedByPermissionsBoundary: evaluated.every((e) => e.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary) };
    }
    const details = evaluated.filter((e) => e.EvalDecisionDetails);
    if (details.length > 0) {
      const merged: Record<string, EvalDecision> = {};
      for (const e of details) {
        for (const [k, v] of Object.entries(e.EvalDecisionDetails!)) if (merged[k] === undefined || RANK[v] > RANK[merged[k]]) merged[k] = v;
      }
      r.EvalDecisionDetails = merged;
    }
    r.ResourceSpecificResults = evaluated.map(specific);
    results.push(r);
  }
  if (paging.start > results.length) throw new IamError("InvalidInput", "Invalid Marker: it is past the end of the results");
  const page = results.slice(paging.start, paging.start + paging.maxItems);
  const next = paging.start + page.length;
  const response: SimulatePolicyResponse = { EvaluationResults: page, IsTruncated: next < results.length };
  if (response.IsTruncated) response.Marker = btoa(`iam-edge:${next}`);
  return response;
}

function newPlan(principal: string, principalAccount: string): Plan {
  return { principal, principalAccount, context: {}, identity: [], sources: new Map(), temp: [] };
}

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

/** The request's own policies: PolicyInputList, the boundary input, ResourcePolicy, ResourceOwner. */
function finishPlan(account: AccountState, plan: Plan, input: SimulateCommon): void {
  (input.PolicyInputList ?? []).forEach((doc, i) => plan.identity.push(compileInput(account, plan, doc, "identity", `PolicyInputList.${i + 1}`)));
  const boundary = input.PermissionsBoundaryPolicyInputList?.[0];
  if (boundary !== undefined) plan.boundary = compileInput(account, plan, boundary, "boundary", "PermissionsBoundaryPolicyInputList.1");
  if (input.ResourcePolicy !== undefined) {
    if (typeof input.ResourcePolicy !== "string" && (input.ResourcePolicy === null || typeof input.ResourcePolicy !== "object")) {
      throw new IamError("InvalidInput", "ResourcePolicy must be a policy document (JSON text)");
    }
    plan.resourcePolicyText = typeof input.ResourcePolicy === "string" ? input.ResourcePolicy : JSON.stringify(input.ResourcePolicy);
    // Fail early on a broken resource policy, whatever the actions.
    resourcePolicy(account, plan, "resource:Policy");
  }
  plan.resourceOwner = resourceOwner(input.ResourceOwner);
}
