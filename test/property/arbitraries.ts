/**
 * Generators for the robustness and determinism properties: policy-shaped documents over a
 * small vocabulary (mostly valid, so they reach the compiler and the core), arbitrary JSON-ish
 * junk, and requests with hostile field values.
 */
import fc from "fast-check";
import type { PolicyKind } from "../../js/index.ts";

export const KINDS: PolicyKind[] = ["identity", "resource", "trust", "boundary", "session", "scp", "rcp"];

export const CONDITION_KEYS = [
  "aws:userid", "aws:username", "aws:SourceIp", "aws:CurrentTime", "aws:EpochTime", "aws:MultiFactorAuthPresent",
  "aws:MultiFactorAuthAge", "aws:PrincipalTag/team", "aws:TagKeys", "aws:SourceArn", "aws:PrincipalArn", "s3:prefix",
  "aws:RequestTag/Env", "kms:EncryptionContext:k",
];

/** Operators by family, each with values that parse for it. */
const TYPED: Array<[string[], string[], string[]]> = [
  [["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"],
    ["aws:userid", "aws:username", "aws:PrincipalTag/team", "aws:TagKeys", "s3:prefix", "aws:RequestTag/Env"],
    ["red", "blue", "r*d", "a?", "*", "${aws:username}", "home/${aws:username}/*", "${aws:PrincipalTag/team, 'x'}", "${*}${?}${$}", "é"]],
  [["NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"],
    ["aws:MultiFactorAuthAge", "aws:EpochTime"], ["10", "-1.5", "3600", "0", "1600000000"]],
  [["DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"],
    ["aws:CurrentTime", "aws:EpochTime"], ["2020-01-01T00:00:00Z", "2020-01-01", "1600000000", "2020-06-01T12:00:00.5+02:00"]],
  [["Bool"], ["aws:MultiFactorAuthPresent", "aws:SecureTransport"], ["true", "false"]],
  [["BinaryEquals"], ["aws:userid"], ["aGVsbG8=", "QUJD"]],
  [["IpAddress", "NotIpAddress"], ["aws:SourceIp"], ["10.0.0.0/8", "10.1.2.3", "2001:db8::/32", "::1", "0.0.0.0/0"]],
  [["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"], ["aws:SourceArn", "aws:PrincipalArn"],
    ["arn:aws:s3:::b/*", "arn:aws:iam::111122223333:user/*", "arn:aws:iam::111122223333:user/${aws:username}", "arn:*:*:*:*:*"]],
  [["Null"], ["aws:MultiFactorAuthPresent", "aws:PrincipalTag/team", "aws:TagKeys"], ["true", "false"]],
];
const OPERATORS = TYPED.flatMap(([ops]) => ops);

/** Values of many shapes: each operator gets some that parse and some that do not. */
const anyConditionValue = fc.oneof(
  fc.constantFrom(
    "red", "r*d", "a?", "", "*", "true", "false", "TRUE", "10", "-1.5", "1e3", "0x10", "2020-01-01T00:00:00Z", "2020-01-01",
    "1600000000", "10.0.0.0/8", "10.1.2.3", "2001:db8::/32", "::1", "256.1.1.1/33", "aGVsbG8=", "%%%", "arn:aws:s3:::b/*",
    "arn:aws:iam::111122223333:user/*", "${aws:username}", "${aws:PrincipalTag/team, 'x'}", "${*}${?}${$}", "${", "é😀",
    "\u0000",
  ),
  fc.string({ maxLength: 12 }),
);

/** One condition operator block: mostly well typed, sometimes anything. */
const conditionEntry = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(...TYPED).chain(([ops, keys, values]) =>
      fc.tuple(
        fc.constantFrom("", "", "", "ForAllValues:", "ForAnyValue:"),
        fc.constantFrom(...ops),
        fc.constantFrom("", "", "IfExists"),
        fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.constantFrom(...values), fc.array(fc.constantFrom(...values), { minLength: 1, maxLength: 3 })), {
          minKeys: 1,
          maxKeys: 2,
        }),
      ).map(([q, op, ie, body]) => [q + op + (op === "Null" ? "" : ie), body] as const),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.tuple(fc.constantFrom("", "ForAllValues:", "ForAnyValue:"), fc.constantFrom(...OPERATORS), fc.constantFrom("", "IfExists")).map(([q, op, ie]) => q + op + ie),
      fc.dictionary(fc.constantFrom(...CONDITION_KEYS), fc.oneof(anyConditionValue, fc.array(anyConditionValue, { maxLength: 3 })), { minKeys: 1, maxKeys: 2 }),
    ),
  },
);
const conditionBlock = fc.array(conditionEntry, { minLength: 1, maxLength: 3 }).map((entries) => Object.fromEntries(entries));

const validAction = fc.constantFrom("*", "s3:*", "s3:GetObject", "s3:Get*", "S3:getobject", "s3:?etObject", "ec2:Describe*", "iam:GetUser", "sts:AssumeRole", "dynamodb:GetItem");
const actionPattern = fc.oneof({ weight: 6, arbitrary: validAction }, { weight: 1, arbitrary: fc.constantFrom("s3:", "nocolon", "s3:Get Object", "kms:Decrypt") });
const validResource = fc.constantFrom(
  "*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/${aws:username}/*", "arn:aws:s3:::b?cket/*",
  "arn:aws:iam::111122223333:user/*", "arn:aws:iam::111122223333:role/r", "arn:aws:logs:*:*:log-group:*",
  "arn:aws:dynamodb:us-east-1:111122223333:table/t",
);
const resourcePattern = fc.oneof({ weight: 6, arbitrary: validResource }, { weight: 1, arbitrary: fc.constantFrom("arn:aws:s3*", "not-an-arn", "") });
const principalValue = fc.oneof(
  fc.constant("*"),
  fc.record({
    AWS: fc.oneof(
      fc.constantFrom(
        "*", "111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/alice",
        "arn:aws:iam::111122223333:role/r", "arn:aws:sts::111122223333:assumed-role/r/s", "AIDAEXAMPLE",
      ),
      fc.array(fc.constantFrom("111122223333", "arn:aws:iam::444455556666:user/bob"), { minLength: 1, maxLength: 2 }),
    ),
  }),
  fc.record({ Service: fc.constantFrom("s3.amazonaws.com", "lambda.amazonaws.com") }),
  fc.record({ Federated: fc.constantFrom("cognito-identity.amazonaws.com", "arn:aws:iam::111122223333:saml-provider/X") }),
);

const oneOrMany = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.array(a, { minLength: 1, maxLength: 3 }));

/**
 * A statement for a policy of some kind: `principal` says whether to name a principal (resource,
 * trust and RCP policies must, the others must not); `noisy` lets invalid pieces in.
 */
function statement(principal: boolean, noisy: boolean) {
  const pick = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => (noisy ? fc.oneof({ weight: 4, arbitrary: good }, bad) : good);
  return fc
    .record(
      {
        Sid: pick(fc.constantFrom("S1", "S2", "S3", "S4", "S5", "S6"), fc.constant("bad sid!")),
        Effect: pick(fc.constantFrom("Allow", "Deny"), fc.constant("allow")),
        action: fc.tuple(fc.constantFrom("Action", "Action", "Action", "NotAction"), oneOrMany(noisy ? actionPattern : validAction)),
        resource: fc.tuple(fc.constantFrom("Resource", "Resource", "NotResource"), oneOrMany(noisy ? resourcePattern : validResource)),
        principal: fc.tuple(fc.constantFrom("Principal", "Principal", "Principal", "NotPrincipal"), principalValue),
        Condition: conditionBlock,
      },
      { requiredKeys: ["Effect", "action", "resource"] },
    )
    .map((s) => {
      const out: Record<string, unknown> = {};
      if (s.Sid !== undefined) out.Sid = s.Sid;
      out.Effect = s.Effect;
      out[s.action[0]] = s.action[1];
      out[s.resource[0]] = s.resource[1];
      if (principal && s.principal) out[s.principal[0]] = s.principal[1];
      if (s.Condition) out.Condition = s.Condition;
      return out;
    });
}

function doc(principal: boolean, noisy: boolean) {
  return fc
    .record(
      {
        Version: noisy ? fc.constantFrom("2012-10-17", "2012-10-17", "2008-10-17", "2012-10-18") : fc.constantFrom("2012-10-17", "2012-10-17", "2008-10-17"),
        Statement: fc.oneof(statement(principal, noisy), fc.array(statement(principal, noisy), { minLength: 1, maxLength: 4 })),
      },
      { requiredKeys: ["Statement"] },
    )
    .map((d) => {
      // Sids must be unique; keep the first of each.
      if (Array.isArray(d.Statement)) {
        const seen = new Set<unknown>();
        for (const st of d.Statement) {
          if (st.Sid !== undefined && seen.has(st.Sid)) delete st.Sid;
          seen.add(st.Sid);
        }
      }
      return d;
    });
}

/** Role trust policies: a principal, `sts:` role actions, no Resource. */
const trustDoc = fc.record({
  Version: fc.constant("2012-10-17"),
  Statement: fc.array(
    fc.record(
      {
        Effect: fc.constantFrom("Allow", "Deny"),
        Principal: principalValue,
        Action: oneOrMany(fc.constantFrom("sts:AssumeRole", "sts:TagSession", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML")),
        Condition: conditionBlock,
      },
      { requiredKeys: ["Effect", "Principal", "Action"] },
    ),
    { minLength: 1, maxLength: 3 },
  ),
});

/** A policy-shaped document: often valid for some kind, sometimes not. */
export const policyDoc = fc.oneof(doc(false, false), doc(true, false), doc(false, true), doc(true, true), trustDoc);

/** JSON-like junk with policy keys sprinkled in, deep and shallow, with wrong types everywhere. */
export const junkValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.constantFrom("Allow", "Deny", "*", "2012-10-17", "s3:GetObject", "arn:aws:s3:::b", "\uD800", "\u0000", "😀"),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        fc.constantFrom("Version", "Statement", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal",
          "NotPrincipal", "Condition", "Sid", "Id", "AWS", "StringEquals", "aws:username", "__proto__", "constructor"),
        fc.string({ maxLength: 8 }),
      ),
      tie("value"),
      { maxKeys: 5 },
    ),
  ),
})).value;

/** Nested `depth` levels deep, as arrays or objects. */
export function deeplyNested(depth: number, asObject: boolean): unknown {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = asObject ? { Statement: v } : [v];
  return { Version: "2012-10-17", Statement: v };
}

/** Text inputs: JSON of policies, mutated JSON, random text, deep brackets, URL-encoding. */
export const policyText = fc.oneof(
  policyDoc.map((d) => JSON.stringify(d)),
  fc
    .tuple(policyDoc.map((d) => JSON.stringify(d, null, 2)), fc.nat(), fc.string({ unit: "binary", maxLength: 3 }), fc.nat({ max: 5 }))
    .map(([t, at, ins, del]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + ins + t.slice(i + del);
    }),
  fc.json({ depthSize: "medium" }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.nat({ max: 5000 }).map((n) => "[".repeat(n)),
  fc.nat({ max: 5000 }).map((n) => '{"Statement":'.repeat(n)),
  policyDoc.map((d) => encodeURIComponent(JSON.stringify(d))),
  fc.constantFrom("", " ", "{", "}", "{}", "null", "[]", '{"Version":"2012-10-17"}', '{"a":1,"a":2}', "%", "%E0%A4%A", '{"Statement":[]}'),
);

/** Context values of every JS type, including ones the API must refuse. */
export const contextValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom("red", "10.1.2.3", "2020-01-01T00:00:00Z", "1600000000", "true", "false", "arn:aws:s3:::b", "alice", ""),
  fc.string({ unit: "binary", maxLength: 10 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.double(), fc.boolean(), fc.constant(null), fc.object({ maxDepth: 1 })), { maxLength: 4 }),
  fc.object({ maxDepth: 2 }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308),
  fc.bigInt().map((b) => b as unknown),
  fc.constant(Symbol("s") as unknown),
  fc.constant((() => 1) as unknown),
  fc.constant(new Date(0) as unknown),
);

/** Well-typed context values drawn to hit the policy vocabulary. */
const safeContextValue = fc.oneof(
  fc.constantFrom("red", "blue", "10.1.2.3", "2001:db8::1", "2020-01-01T00:00:00Z", "1600000000", "3600", "true", "false",
    "arn:aws:s3:::b/x", "arn:aws:iam::111122223333:user/alice", "alice", "home/alice/x", "aGVsbG8=", ""),
  fc.array(fc.constantFrom("red", "Env", "a", "b"), { maxLength: 3 }),
  fc.integer({ min: -5, max: 5000 }),
  fc.boolean(),
);

const requestString = fc.oneof(
  fc.constantFrom(
    "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:role/r", "arn:aws:sts::111122223333:assumed-role/r/s",
    "arn:aws:iam::111122223333:root", "111122223333", "arn:aws:iam::444455556666:user/bob", "s3.amazonaws.com",
    "cognito-identity.amazonaws.com", "*", "", "anonymous", "s3:GetObject", "sts:AssumeRole", "arn:aws:s3:::bucket/alice/x",
  ),
  fc.string({ unit: "binary", maxLength: 30 }),
);

/** A request with hostile fields: wrong types, unknown keys, huge strings now and then. */
export const hostileRequest = fc.record(
  {
    principal: fc.oneof({ weight: 20, arbitrary: requestString }, { weight: 1, arbitrary: contextValue }),
    action: fc.oneof({ weight: 20, arbitrary: fc.oneof(requestString, fc.constantFrom("s3:GetObject", "S3:GETOBJECT", "ec2:DescribeInstances", "iam:GetUser", "sts:AssumeRole")) }, { weight: 1, arbitrary: contextValue }),
    resource: fc.oneof({ weight: 20, arbitrary: fc.oneof(requestString, fc.constantFrom("arn:aws:s3:::bucket/alice/x", "arn:aws:s3:::bucket", "arn:aws:iam::111122223333:user/alice", "*")) }, { weight: 1, arbitrary: contextValue }),
    resourceAccount: fc.oneof({ weight: 20, arbitrary: fc.constantFrom("111122223333", "444455556666", "") }, { weight: 1, arbitrary: contextValue }),
    context: fc.oneof(
      { weight: 12, arbitrary: fc.dictionary(fc.constantFrom(...CONDITION_KEYS), safeContextValue, { maxKeys: 6 }) },
      { weight: 4, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...CONDITION_KEYS, "AWS:USERNAME", "aws:tagkeys"), fc.string({ maxLength: 6 })), contextValue, { maxKeys: 6 }) },
      { weight: 1, arbitrary: contextValue },
    ),
  },
  { requiredKeys: ["principal", "action"] },
).chain((r) =>
  // Now and then a required field goes missing.
  fc.oneof({ weight: 30, arbitrary: fc.constant(r) }, fc.constantFrom("principal", "action").map((k) => {
    const copy: Record<string, unknown> = { ...r };
    delete copy[k];
    return copy;
  })),
);
