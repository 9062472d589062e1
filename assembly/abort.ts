/**
 * @module abort
 * Replaces AssemblyScript's default `abort` import so the module needs no imports at all.
 * An abort is a broken invariant: trap, and the binding discards the instance
 * (docs/abi.md "Traps"). User input never reaches this path.
 */
export function abortHandler(message: usize, fileName: usize, line: u32, column: u32): void {
  unreachable();
}
