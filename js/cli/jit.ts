/**
 * @module cli/jit
 * V8 tuned for one batch command: `iam-edge lint` runs the analyzer's checks over up to
 * thousands of policies once, in a process that lives about a second. With V8's default tiering,
 * TurboFan compiled (and, after deoptimizations, recompiled) hundreds of the checks' functions
 * on its worker threads during that second: about as much CPU as the checks themselves, on a
 * machine of two cores, for code that ran a few hundred milliseconds more. Asking more of a
 * function before V8 optimizes it keeps the short-lived functions in the baseline tiers and
 * optimizes only the truly hot ones: measured in docs/analyzer.md ("Fewer TurboFan
 * compilations"). The flag only changes when functions tier up, never what they compute.
 * V8 renamed the knob across versions, and an unknown flag is reported on stderr, so a flag is
 * set only for the V8 versions it was measured on.
 */
import { setFlagsFromString } from "node:v8";

/**
 * The flag per V8 major version: V8 11 (Node 20) counts bytecode run (`--interrupt-budget`,
 * default 66 KiB: eight times that); V8 12 and 13 (Node 22, 24) count calls
 * (`--invocation-count-for-turbofan`, default 3,000: four times that).
 */
export function batchFlag(v8Version: string): string | undefined {
  const major = Number(v8Version.split(".")[0]);
  if (major === 11) return "--interrupt-budget=540672";
  if (major === 12 || major === 13) return "--invocation-count-for-turbofan=12000";
  return undefined;
}

let tuned = false;

/** Sets the flag for the rest of the process (once). */
export function tuneJitForBatch(v8Version: string = process.versions.v8): void {
  if (tuned) return;
  tuned = true;
  const flag = batchFlag(v8Version);
  if (flag) setFlagsFromString(flag);
}
