/**
 * @module analyzer/context
 * What every check of one policy shares: where findings go, the catalog, the policy type, and
 * each statement read once into a StatementView (its elements with their paths, its actions,
 * its conditions).
 */
import type { ObjectNode } from "../policy/json.ts";
import { parseOperator, type ParsedOperator } from "../policy/operators.ts";
import type { Catalog } from "./catalog/catalog.ts";
import type { FindingSink } from "./findings.ts";
import { child, items, keyAt, strings, valueAt, type At } from "./tree.ts";
import type { PolicyType, ValidatePolicyResourceType } from "./types.ts";

export interface PolicyContext {
  sink: FindingSink;
  catalog: Catalog;
  policyType: PolicyType;
  resourceType?: ValidatePolicyResourceType;
  /** A role trust policy (`validatePolicyResourceType` AWS::IAM::AssumeRolePolicyDocument). */
  trust: boolean;
  /** `Version` when it is a string, else null. */
  version: string | null;
  /** The policy text the spans refer to. */
  text: string;
}

export interface ConditionView {
  /** The operator as written, and parsed (null when it is not an operator). */
  operator: string;
  parsed: ParsedOperator | null;
  /** The operator's key in the Condition block. */
  operatorAt: At;
  key: string;
  /** The condition key itself, as a location. */
  keyAt: At;
  /** The key's value: a string, number, boolean or an array of them. */
  valueAt: At;
  /** The scalar values with their locations (arrays flattened). */
  values: { text: string; at: At; type: string }[];
}

export interface StatementView {
  at: At;
  index: number;
  sid?: string;
  effect?: string;
  action?: At;
  notAction?: At;
  resource?: At;
  notResource?: At;
  principal?: At;
  notPrincipal?: At;
  condition?: At;
  /** The strings of Action or NotAction. */
  actions: { text: string; at: At }[];
  /** The strings of Resource or NotResource. */
  resources: { text: string; at: At }[];
  conditions: ConditionView[];
}

/** Reads one statement object (its path in `at`). */
export function readStatement(at: At, index: number): StatementView {
  const obj = at.node as ObjectNode;
  const view: StatementView = { at, index, actions: [], resources: [], conditions: [] };
  for (const m of obj.members) {
    const v = valueAt(at, m);
    switch (m.key) {
      case "Sid": if (m.value.type === "string") view.sid = m.value.value; break;
      case "Effect": if (m.value.type === "string") view.effect = m.value.value; break;
      case "Action": view.action = v; break;
      case "NotAction": view.notAction = v; break;
      case "Resource": view.resource = v; break;
      case "NotResource": view.notResource = v; break;
      case "Principal": view.principal = v; break;
      case "NotPrincipal": view.notPrincipal = v; break;
      case "Condition": view.condition = v; break;
    }
  }
  const actionAt = view.action ?? view.notAction;
  if (actionAt) view.actions = strings(actionAt);
  const resourceAt = view.resource ?? view.notResource;
  if (resourceAt) view.resources = strings(resourceAt);
  if (view.condition?.node.type === "object") view.conditions = readConditions(view.condition);
  return view;
}

function readConditions(block: At): ConditionView[] {
  const out: ConditionView[] = [];
  for (const op of (block.node as ObjectNode).members) {
    if (op.value.type !== "object") continue;
    const operatorAt = keyAt(block, op);
    const opValue = valueAt(block, op);
    for (const k of op.value.members) {
      const value = valueAt(opValue, k);
      const values: ConditionView["values"] = [];
      for (const item of items(value)) {
        const n = item.node;
        if (n.type === "string") values.push({ text: n.value, at: item, type: "string" });
        else if (n.type === "number") values.push({ text: n.raw, at: item, type: "number" });
        else if (n.type === "boolean") values.push({ text: String(n.value), at: item, type: "boolean" });
      }
      out.push({ operator: op.key, parsed: parseOperator(op.key), operatorAt, key: k.key, keyAt: keyAt(opValue, k), valueAt: value, values });
    }
  }
  return out;
}

/** The statement's Allow/Deny as written (undefined when missing or invalid). */
export function isAllow(s: StatementView): boolean {
  return s.effect === "Allow";
}

export { child };
