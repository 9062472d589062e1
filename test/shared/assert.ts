/**
 * @module test/shared/assert
 * The few assertions the shared suite needs, with no test framework and no Node imports, so the
 * same suite runs under vitest (Node, workerd) and in a plain browser page.
 */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

export function ok(value: unknown, message = "expected a truthy value"): asserts value {
  if (!value) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, what = "value"): void {
  if (!Object.is(actual, expected)) throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function deepEqual(actual: unknown, expected: unknown, what = "value"): void {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a !== e) throw new AssertionError(`${what}: expected ${e.slice(0, 2000)}, got ${a.slice(0, 2000)}`);
}

/** Runs `fn`, expects it to throw (or reject) an error of class `type`, and returns the error. */
export async function throws<E extends Error>(fn: () => unknown, type: abstract new (...args: any[]) => E, what = "call"): Promise<E> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof type) return err;
    throw new AssertionError(`${what}: expected ${type.name}, got ${err instanceof Error ? `${err.name}: ${err.message}` : show(err)}`);
  }
  throw new AssertionError(`${what}: expected ${type.name}, nothing was thrown`);
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function show(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}
