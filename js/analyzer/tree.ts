/**
 * @module analyzer/tree
 * Walking the positioned JSON tree of js/policy/json.ts with the path Access Analyzer reports:
 * `{ value: "Statement" }` for the value of a key, `{ key: "Statement" }` for the key itself,
 * `{ index: 3 }` for an array item (a statement given as one object has no index). A node
 * together with its path is an `At`, the one handle every check passes around. The walk makes
 * one for every item (ReadOnlyAccess has thousands) and few become findings, so a walked `At`
 * keeps its parent and its own step, and builds its path when asked.
 */
import type { JsonNode, ObjectMember, ObjectNode } from "../policy/json.ts";
import type { PathElement, Span } from "./types.ts";

export interface At {
  node: JsonNode;
  readonly path: PathElement[];
  /** Where the finding points; the node's span unless set (a key points at the key's span). */
  span?: Span;
}

/** The member named exactly `name` (policy element names are case-sensitive); the last one wins, as in the engine. */
export function member(obj: ObjectNode, name: string): ObjectMember | undefined {
  let found: ObjectMember | undefined;
  for (const m of obj.members) if (m.key === name) found = m;
  return found;
}

/** An `At` one step below another, its path built on first read. */
class Step implements At {
  readonly node: JsonNode;
  readonly span?: Span;
  #parent: At | undefined;
  #step: PathElement | number | undefined;
  #path: PathElement[] | undefined;

  /** `step`: a path element, or an array index (its element made only with the path). */
  constructor(node: JsonNode, parent: At, step: PathElement | number, span?: Span) {
    this.node = node;
    this.#parent = parent;
    this.#step = step;
    if (span) this.span = span;
  }

  get path(): PathElement[] {
    if (!this.#path) {
      const step = this.#step!;
      this.#path = [...this.#parent!.path, typeof step === "number" ? { index: step } : step];
      this.#parent = this.#step = undefined;
    }
    return this.#path;
  }
}

/** The value of `m` inside `at`. */
export function valueAt(at: At, m: ObjectMember): At {
  return new Step(m.value, at, { value: m.key });
}

/** The key of `m` itself, as a location. */
export function keyAt(at: At, m: ObjectMember): At {
  return new Step(m.value, at, { key: m.key }, m.keySpan);
}

/** The value of the member named `name`, or undefined. */
export function child(at: At, name: string): At | undefined {
  if (at.node.type !== "object") return undefined;
  const m = member(at.node, name);
  return m ? valueAt(at, m) : undefined;
}

/** The items of an array (with their index), or the node itself when it is a single value. */
export function items(at: At): At[] {
  if (at.node.type !== "array") return [at];
  return at.node.items.map((node, index) => new Step(node, at, index));
}

/** The string items of `at` (a string or an array of them); other items are skipped (DATA_TYPE_MISMATCH reports them). */
export function strings(at: At): { text: string; at: At }[] {
  const out: { text: string; at: At }[] = [];
  for (const item of items(at)) if (item.node.type === "string") out.push({ text: item.node.value, at: item });
  return out;
}

/** The span a location reports for `at`. */
export function spanOf(at: At): Span | undefined {
  return at.span ?? at.node.span;
}
