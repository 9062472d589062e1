/**
 * Inputs for test/property/cold-compile.test.ts and its golden file: policy documents with
 * awkward strings (spaces, quotes, backslashes, controls, NUL, Latin-1, non-Latin-1, pairs and
 * lone surrogates, wildcards, variables), mutated documents, and recipes that turn a parsed
 * document into hostile object input (a getter, a throwing getter, NaN, -0, Infinity, a cycle,
 * a class instance, a Map, undefined, a function, a symbol, a bigint, deep nesting, a huge array),
 * each at a path of the document. A recipe is plain JSON, so the golden file can hold it.
 */
import fc from "fast-check";
import { junkValue, policyDoc } from "./arbitraries.ts";

export type HostileKind =
  | "getter" | "throwingGetter" | "nan" | "negZero" | "infinity" | "cycle" | "classInstance" | "map" | "undefined"
  | "function" | "symbol" | "bigint" | "deep" | "hugeArray" | "nullProto";

export interface Recipe {
  /** The document as JSON text (lone surrogates escaped, so the file stays valid UTF-8). */
  text: string;
  /** Turned into hostile object input at `at`: a chain of keys and indexes, followed while they exist. */
  hostile?: { kind: HostileKind; at: number[] };
}

export const HOSTILE_KINDS: HostileKind[] = [
  "getter", "throwingGetter", "nan", "negZero", "infinity", "cycle", "classInstance", "map", "undefined",
  "function", "symbol", "bigint", "deep", "hugeArray", "nullProto",
];

/** Strings a policy can hold that JSON escapes, IAM's character set refuses, or the encoder treats specially. */
export const awkwardString = fc.oneof(
  fc.constantFrom(
    "a b", "  ", "\t", "\n\r", "\"quoted\"", "back\\slash", "\u0000", "\u0001x", "\u001f", "\u007f", "é", "ÿ", "\u0100", "€",
    "😀", "\ud83d", "\ude00", "x\udc00\ud800y", "\u2028", "\ufeff", "arn:aws:s3:::b/\u0000*", "s3:Get*", "a?b*c",
    "${aws:username}", "${*}${?}${$}", "home/${aws:username}/é*", "${aws:PrincipalTag/t, 'd€f'}",
  ),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: fc.constantFrom("a", " ", "*", "?", "\\", "\"", "\u0000", "é", "€", "\ud800", "\udc00", "$", "{", "}"), maxLength: 10 }),
);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Replaces one string (a value, or with `key` a member name) at the n-th place a walk meets. */
function replaceString(doc: Json, n: number, by: string, key: boolean): Json {
  let seen = 0;
  const walk = (v: Json): Json => {
    if (typeof v === "string") return seen++ === n && !key ? by : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const out: { [k: string]: Json } = {};
      for (const [k, x] of Object.entries(v)) out[key && seen++ === n ? by : k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(doc);
}

/** A policy document with some of its strings or keys replaced by awkward ones. */
export const awkwardDoc: fc.Arbitrary<unknown> = fc
  .tuple(policyDoc, fc.array(fc.tuple(fc.nat(40), awkwardString, fc.boolean()), { maxLength: 4 }))
  .map(([d, edits]) => edits.reduce<Json>((doc, [n, s, key]) => replaceString(doc, n, s, key), d as Json));

/** Mutations of a document: an element dropped, duplicated in another case, retyped, or a big array. */
export const mutatedDoc: fc.Arbitrary<unknown> = fc
  .tuple(policyDoc, fc.constantFrom("drop", "caseDup", "retype", "bigArray", "unknownKey", "numberValue"), fc.nat(20), junkValue)
  .map(([d, how, n, junk]) => {
    const doc = structuredClone(d) as Record<string, unknown>;
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    const st = statements[n % statements.length] as Record<string, unknown>;
    const keys = Object.keys(st);
    const k = keys[n % keys.length];
    if (how === "drop") delete st[k];
    else if (how === "caseDup") st[k.toUpperCase() === k ? k.toLowerCase() : k.toUpperCase()] = st[k];
    else if (how === "retype") st[k] = junk;
    else if (how === "bigArray") st[k] = Array.from({ length: 100 + n }, (_, i) => (i % 7 === 0 ? junk : `b${i}*`));
    else if (how === "unknownKey") st[`Extra${n}`] = junk;
    else st[k] = n % 2 === 0 ? -0 : n * 1e21;
    return doc;
  });

/** Any document: awkward, mutated or junk, as object input. */
export const anyDoc: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: awkwardDoc }, { weight: 2, arbitrary: mutatedDoc }, { weight: 1, arbitrary: junkValue });

export const recipe: fc.Arbitrary<Recipe> = fc
  .tuple(anyDoc, fc.option(fc.tuple(fc.constantFrom(...HOSTILE_KINDS), fc.array(fc.nat(6), { maxLength: 5 })), { freq: 3 }))
  .map(([d, h]) => {
    const r: Recipe = { text: JSON.stringify(d === undefined ? null : d) };
    if (h) r.hostile = { kind: h[0], at: h[1] };
    return r;
  });

class Custom {
  Effect = "Allow";
}

function hostileValue(kind: HostileKind, old: unknown, holder: Record<string, unknown>): { value?: unknown; getter?: () => unknown } {
  switch (kind) {
    case "getter": return { getter: () => old };
    case "throwingGetter": return { getter: () => { throw new Error("boom"); } };
    case "nan": return { value: NaN };
    case "negZero": return { value: -0 };
    case "infinity": return { value: -Infinity };
    case "cycle": return { value: holder };
    case "classInstance": return { value: new Custom() };
    case "map": return { value: new Map([["Effect", "Allow"]]) };
    case "undefined": return { value: undefined };
    case "function": return { value: () => 1 };
    case "symbol": return { value: Symbol("s") };
    case "bigint": return { value: 10n };
    case "deep": {
      let v: unknown = old;
      for (let i = 0; i < 70; i++) v = i % 2 ? [v] : { Statement: v };
      return { value: v };
    }
    case "hugeArray": return { value: Array.from({ length: 5000 }, (_, i) => `s3:Get${i}`) };
    case "nullProto": return { value: Object.assign(Object.create(null) as object, { Effect: "Allow", Action: "*", Resource: "*" }) };
  }
}

/** The object input a recipe describes: its text parsed, then made hostile where it says. */
export function objectOf(r: Recipe): unknown {
  const doc = JSON.parse(r.text) as unknown;
  if (!r.hostile || doc === null || typeof doc !== "object") return doc;
  // Walk down while the path leads into objects and arrays; the last container holds the change.
  let holder = doc as Record<string, unknown>;
  let key: string | undefined;
  for (const step of r.hostile.at) {
    const keys = Object.keys(holder);
    if (keys.length === 0) break;
    key = keys[step % keys.length];
    const next = holder[key];
    if (next === null || typeof next !== "object") break;
    holder = next as Record<string, unknown>;
    key = undefined;
  }
  const keys = Object.keys(holder);
  const target = key ?? (keys.length > 0 ? keys[0] : "Statement");
  const h = hostileValue(r.hostile.kind, holder[target], holder);
  if (h.getter) Object.defineProperty(holder, target, { get: h.getter, enumerable: true, configurable: true });
  else holder[target] = h.value;
  return doc;
}

/**
 * Documents that mostly compile, with awkward strings where policies may hold any text:
 * resource paths, String and Arn condition values, Sids left out. `kind` is one they suit.
 */
export const encodable: fc.Arbitrary<{ recipe: Recipe; kind: "identity" | "resource" | "scp" }> = fc
  .tuple(
    fc.constantFrom("identity", "resource", "scp") as fc.Arbitrary<"identity" | "resource" | "scp">,
    fc.constantFrom("2012-10-17", "2008-10-17"),
    fc.array(
      fc.record({
        effect: fc.constantFrom("Allow", "Deny"),
        not: fc.boolean(),
        actions: fc.array(fc.constantFrom("s3:GetObject", "s3:Get*", "S3:PUTOBJECT", "ec2:Describe?nstances", "*", "iam:PassRole", "kms:*"), { minLength: 1, maxLength: 3 }),
        resources: fc.array(fc.tuple(fc.constantFrom("arn:aws:s3:::b/", "arn:aws:iam::111122223333:role/", "*", "arn:aws:sqs:us-east-1:111122223333:"), awkwardString), { minLength: 1, maxLength: 3 }),
        like: fc.option(fc.array(awkwardString, { minLength: 1, maxLength: 3 })),
        equals: fc.option(awkwardString),
        arn: fc.option(fc.tuple(fc.constant("arn:aws:iam::111122223333:user/"), awkwardString)),
        principal: fc.constantFrom("*", "111122223333", "arn:aws:iam::111122223333:root", "arn:aws:sts::111122223333:assumed-role/r/s", "AIDAEXAMPLE"),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([kind, version, statements]) => {
    const Statement = statements.map((s) => {
      const st: Record<string, unknown> = { Effect: kind === "scp" ? "Deny" : s.effect };
      st[s.not && kind !== "scp" ? "NotAction" : "Action"] = s.actions;
      st.Resource = s.resources.map(([head, tail]) => (head === "*" ? "*" : head + tail));
      if (kind === "resource") st.Principal = { AWS: s.principal };
      const condition: Record<string, Record<string, unknown>> = {};
      if (s.like) condition.StringLike = { "aws:PrincipalTag/team": s.like };
      if (s.equals !== null) condition.StringNotEquals = { "s3:prefix": s.equals };
      if (s.arn) condition.ArnLike = { "aws:SourceArn": s.arn[0] + s.arn[1] };
      if (Object.keys(condition).length > 0) st.Condition = condition;
      return st;
    });
    return { recipe: { text: JSON.stringify({ Version: version, Statement }) }, kind };
  });
