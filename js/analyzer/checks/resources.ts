/**
 * @module analyzer/checks/resources
 * Resource and NotResource values: the ARN format ("IAM identifiers", ARN format
 * `arn:partition:service:region:account-id:resource`), the partition, the service and its case,
 * the Region and account fields as the service's resource types define them, and whether the
 * resource part fits one of the service's resource types (AWS's Service Authorization Reference,
 * through the catalog). Policy variables in an ARN count as wildcards here.
 */
import { prepareText, wildcardMatch } from "../../policy/wildcard.ts";
import type { PolicyContext, StatementView } from "../context.ts";
import type { At } from "../tree.ts";
import { globCovers, globsIntersect } from "./glob.ts";

/** The partitions AWS documents ("IAM identifiers": ARN partitions). */
export const PARTITIONS = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];
/** Region codes: `us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-isoe-west-1`, `ap-southeast-5`. */
export const REGION = /^[a-z]{2}(?:-(?:gov|iso[a-z]?))?-[a-z]+-\d{1,2}$/;

export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits at the first five colons; null when there are fewer. */
export function splitArn(arn: string): ArnParts | null {
  const parts = arn.split(":");
  if (parts.length < 6) return null;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

/** A policy value as a glob: variables (`${aws:username}`) stand for anything. */
function asGlob(value: string): string {
  return value.replace(/\$\{[^}]*\}/g, "*");
}

const wild = (s: string) => /[*?]|\$\{/.test(s);

export function checkResources(ctx: PolicyContext, s: StatementView): void {
  for (const { text, at } of s.resources) checkResource(ctx, text, at);
  checkRedundantResources(ctx, s);
}

function checkResource(ctx: PolicyContext, text: string, at: At): void {
  if (text === "*") return;
  if (!text.startsWith("arn:")) {
    ctx.sink.add("INVALID_ARN_PREFIX", at);
    return;
  }
  const arn = splitArn(text);
  if (!arn) {
    ctx.sink.add("MISSING_ARN_FIELD", at, { fields: "6" });
    return;
  }
  if (!wild(arn.partition) && !PARTITIONS.includes(arn.partition)) {
    ctx.sink.add("INVALID_PARTITION", at, { service: arn.service, partition: arn.partition, partitions: PARTITIONS.join(", ") });
    return;
  }
  if (wild(arn.service)) return;
  if (arn.service !== arn.service.toLowerCase()) {
    ctx.sink.add("INVALID_ARN_SERVICE_CASE", at, { service: arn.service });
    return;
  }
  if (!ctx.catalog.hasService(arn.service)) {
    ctx.sink.add("INVALID_SERVICE", at, { service: arn.service });
    return;
  }
  if (arn.region !== "" && !wild(arn.region) && !REGION.test(arn.region)) ctx.sink.add("INVALID_ARN_REGION", at, { region: arn.region });
  // `aws` names resources AWS owns: managed policies (`arn:aws:iam::aws:policy/...`), and the
  // Service Authorization Reference's own templates (eks access policies, organizations AWS
  // policies, SageMaker's public hub, CloudFormation transforms).
  if (arn.account !== "" && !wild(arn.account) && !/^\d{12}$/.test(arn.account) && arn.account !== "aws") {
    ctx.sink.add("INVALID_ARN_ACCOUNT", at, { account: arn.account });
  }
  checkAgainstTypes(ctx, arn, at);
}

/** The service's resource-type ARN templates, split, their resource part as a glob: built once per catalog and service. */
const split = new WeakMap<object, Map<string, (ArnParts & { glob: string })[]>>();
function templates(ctx: PolicyContext, service: string): (ArnParts & { glob: string })[] {
  let byService = split.get(ctx.catalog);
  if (!byService) split.set(ctx.catalog, (byService = new Map()));
  let list = byService.get(service);
  if (!list) {
    list = ctx.catalog.resourceTypes(service).map((t) => splitArn(t.arn)).filter((t): t is ArnParts => t !== null).map((t) => ({ ...t, glob: asGlob(t.resource) }));
    byService.set(service, list);
  }
  return list;
}

/**
 * The resource types of the service whose resource part could match, and what their templates
 * say about the Region and account fields (empty in every one: the field is not allowed; set
 * in every one: it is required).
 */
function checkAgainstTypes(ctx: PolicyContext, arn: ArnParts, at: At): void {
  const types = templates(ctx, arn.service);
  if (types.length === 0) return;
  const candidates = candidateTypes(ctx, arn.service, types, asGlob(arn.resource));
  if (candidates.length === 0) {
    ctx.sink.add("INVALID_ARN_RESOURCE", at);
    return;
  }
  if (arn.region !== "" && !wild(arn.region) && candidates.every((t) => t.region === "")) ctx.sink.add("ARN_REGION_NOT_ALLOWED", at, { service: arn.service });
  else if (arn.region === "" && candidates.every((t) => t.region !== "")) ctx.sink.add("MISSING_ARN_REGION", at, { service: arn.service });
  if (arn.account !== "" && !wild(arn.account) && candidates.every((t) => t.account === "")) ctx.sink.add("ARN_ACCOUNT_NOT_ALLOWED", at, { service: arn.service });
}

/** The resource types whose template's resource part some string of `resource` fits, cached per catalog, service and resource: a batch repeats ARNs. */
const fitting = new WeakMap<object, Map<string, (ArnParts & { glob: string })[]>>();
function candidateTypes(ctx: PolicyContext, service: string, types: (ArnParts & { glob: string })[], resource: string): (ArnParts & { glob: string })[] {
  let cache = fitting.get(ctx.catalog);
  if (!cache) fitting.set(ctx.catalog, (cache = new Map()));
  const id = `${service}\u0000${resource}`;
  let found = cache.get(id);
  if (!found) cache.set(id, (found = types.filter((t) => globsIntersect(t.glob, resource))));
  return found;
}

/** "Suggestion – Redundant resource": an ARN another ARN of the same element already covers. */
function checkRedundantResources(ctx: PolicyContext, s: StatementView): void {
  // An ARN without a wildcard covers only an equal ARN: those are found by a lookup, and only
  // the wildcard ARNs are compared with every other (an S3 policy may list hundreds of ARNs).
  // A wildcard ARN covers only texts that begin with its literal head (the matcher compares
  // prepared texts), so that test rejects most pairs before the matcher runs.
  const firstLiteral = new Map<string, number>();
  const globs: { text: string; j: number; head: string }[] = [];
  const prepared = s.resources.map((r) => prepareText(r.text));
  s.resources.forEach((b, j) => {
    if (b.text.includes("${")) return;
    const wildAt = prepared[j].search(/[*?]/);
    if (wildAt >= 0) globs.push({ text: b.text, j, head: prepared[j].slice(0, wildAt) });
    else if (!firstLiteral.has(prepared[j])) firstLiteral.set(prepared[j], j);
  });
  const redundant: At[] = [];
  s.resources.forEach((a, i) => {
    if (a.text.includes("${")) return;
    const twice = !/[*?]/.test(a.text) && firstLiteral.get(prepared[i])! < i;
    const covered = (g: (typeof globs)[number]) => g.j !== i && prepared[i].startsWith(g.head) && resourceCovers(g.text, a.text) && (!resourceCovers(a.text, g.text) || g.j < i);
    if (twice || globs.some(covered)) redundant.push(a.at);
  });
  if (redundant.length > 0) ctx.sink.add("REDUNDANT_RESOURCE", redundant, { redundantResourceCount: String(redundant.length) });
}

/** Whether every ARN `inner` names is named by `outer` (ARNs are case-sensitive). */
export function resourceCovers(outer: string, inner: string): boolean {
  if (outer === "*") return true;
  return wildcardMatch(outer, inner) && (!/[*?]/.test(inner) || globCovers(outer, inner));
}
