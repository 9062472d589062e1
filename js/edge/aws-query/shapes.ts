/**
 * @module edge/aws-query/shapes
 * The compact form of an awsQuery service model (models/*.ts, generated from the AWS SDK's
 * schemas by models/generate.mjs): each operation's input and output shape, each shape, and
 * each modeled error's code, HTTP status and fault. A shape reference is a scalar kind or the
 * index of a list, map or structure in `shapes`; -1 is "no input" / "no output" (Smithy's Unit).
 */

/** `s` string, `n` number, `b` boolean, `t` timestamp, `B` blob (base64 on the wire). */
export type ScalarKind = "s" | "n" | "b" | "t" | "B";
export type ShapeRef = ScalarKind | number;

/** `["S", name, [[member, ref], ...], requiredCount]`: the first `requiredCount` members are required. */
export type StructShape = readonly ["S", string, readonly (readonly [string, ShapeRef])[], number];
export type ListShape = readonly ["L", ShapeRef];
export type MapShape = readonly ["M", ShapeRef, ShapeRef];
export type Shape = StructShape | ListShape | MapShape;

export interface QueryModel {
  /** The signing name and endpoint prefix: `iam`, `sts`. */
  service: string;
  /** The API version clients send as `Version`. */
  version: string;
  /** The XML namespace of responses. */
  namespace: string;
  /** The SDK package and version the model was generated from. */
  source: string;
  /** Every operation of the AWS model: [input, output] (-1: none). */
  operations: Readonly<Record<string, readonly [number, number]>>;
  shapes: readonly Shape[];
  /** Modeled errors: code → [HTTP status, fault]. */
  errors: Readonly<Record<string, readonly [number, "Sender" | "Receiver"]>>;
}

/** The structure at `ref` (operations' inputs and outputs are structures). */
export function structAt(model: QueryModel, ref: number): StructShape | undefined {
  const shape = ref >= 0 ? model.shapes[ref] : undefined;
  return shape && shape[0] === "S" ? shape : undefined;
}
