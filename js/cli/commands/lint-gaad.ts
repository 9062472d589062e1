/**
 * @module cli/commands/lint-gaad
 * The policy documents of an account file (the JSON of `aws iam get-account-authorization-
 * details`), each with what to lint it as and where it sits in the file: users', groups' and
 * roles' inline policies, roles' trust policies, and the default version of each
 * customer-managed policy. A document written as a JSON object is linted as the file's own
 * text, so findings point at their exact line and column in the file; a document written as a
 * string (JSON text or URL-encoded, as the raw API returns it) is linted as its decoded text and
 * its findings point at the string in the file.
 */
import { parseJson, type JsonNode, type ObjectNode } from "../../policy/json.ts";
import type { PolicyType, Position, ValidatePolicyResourceType } from "../../analyzer/index.ts";
import { CliError } from "../args.ts";

export interface GaadDocument {
  /** `user/alice inline HomeFolder`, `role/deploy trust policy`, `policy/DeployPermissions v2`. */
  name: string;
  /** The ARN of the entity or policy. */
  arn: string;
  policyType: PolicyType;
  resourceType?: ValidatePolicyResourceType;
  /** The text to lint. */
  text: string;
  /** Where `text` starts in the file (object documents); findings are shifted by it. */
  origin?: Position;
  /** Where the string holding the document is (string documents): every finding points there. */
  anchor?: Position;
  /** A managed policy used only as a permissions boundary: it limits, it grants nothing. */
  boundaryOnly?: boolean;
}

const member = (o: ObjectNode, key: string): JsonNode | undefined => o.members.find((m) => m.key === key)?.value;
const objects = (n: JsonNode | undefined): ObjectNode[] => (n?.type === "array" ? n.items.filter((i): i is ObjectNode => i.type === "object") : []);
const text = (n: JsonNode | undefined): string => (n?.type === "string" ? n.value : "");

/** Every policy document of the account file `source`. */
export function gaadDocuments(source: string, file: string): GaadDocument[] {
  const { root } = parseJson(source);
  if (!root || root.type !== "object") throw new CliError(`${file}: expected the JSON object \`aws iam get-account-authorization-details\` prints`);
  const out: GaadDocument[] = [];
  const add = (name: string, arn: string, node: JsonNode | undefined, policyType: PolicyType, resourceType?: ValidatePolicyResourceType, boundaryOnly = false) => {
    const doc = documentOf(source, node);
    if (doc) out.push({ name, arn, policyType, resourceType, ...doc, ...(boundaryOnly ? { boundaryOnly } : {}) });
  };
  for (const [list, field, policies] of [["UserDetailList", "UserName", "UserPolicyList"], ["GroupDetailList", "GroupName", "GroupPolicyList"], ["RoleDetailList", "RoleName", "RolePolicyList"]] as const) {
    const kind = list.slice(0, -"DetailList".length).toLowerCase();
    for (const e of objects(member(root, list))) {
      const who = `${kind}/${text(member(e, field))}`;
      for (const p of objects(member(e, policies))) add(`${who} inline ${text(member(p, "PolicyName"))}`, text(member(e, "Arn")), member(p, "PolicyDocument"), "IDENTITY_POLICY");
      if (kind === "role") add(`${who} trust policy`, text(member(e, "Arn")), member(e, "AssumeRolePolicyDocument"), "RESOURCE_POLICY", "AWS::IAM::AssumeRolePolicyDocument");
    }
  }
  for (const p of objects(member(root, "Policies"))) {
    const arn = text(member(p, "Arn"));
    if (arn.includes(":iam::aws:policy/")) continue; // AWS-managed: AWS's to fix
    const def = objects(member(p, "PolicyVersionList")).find((v) => member(v, "IsDefaultVersion")?.type === "boolean" && (member(v, "IsDefaultVersion") as { value: boolean }).value);
    const count = (key: string) => { const n = member(p, key); return n?.type === "number" ? n.value : 0; };
    const boundaryOnly = count("PermissionsBoundaryUsageCount") > 0 && count("AttachmentCount") === 0;
    if (def) add(`policy/${text(member(p, "PolicyName"))} ${text(member(def, "VersionId"))}`, arn, member(def, "Document"), "IDENTITY_POLICY", undefined, boundaryOnly);
  }
  return out;
}

function documentOf(source: string, node: JsonNode | undefined): Pick<GaadDocument, "text" | "origin" | "anchor"> | undefined {
  if (!node?.span) return undefined;
  if (node.type === "object") return { text: source.slice(node.span.start.offset, node.span.end.offset), origin: node.span.start };
  if (node.type !== "string") return undefined;
  let decoded = node.value;
  if (!decoded.trim().startsWith("{") && decoded.includes("%")) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      // left as it is: the analyzer reports the text as not JSON
    }
  }
  return { text: decoded, anchor: node.span.start };
}

/** A position inside a document, in the file: shifted by the document's origin, or the string's anchor. */
export function inFile(doc: Pick<GaadDocument, "origin" | "anchor">, p: Position): Position {
  if (doc.anchor) return doc.anchor;
  const o = doc.origin;
  if (!o) return p;
  return { line: p.line + o.line - 1, column: p.line === 1 ? p.column + o.column : p.column, offset: p.offset + o.offset };
}
