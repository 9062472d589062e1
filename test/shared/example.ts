/**
 * @module test/shared/example
 * The README example (examples/node/decide.mjs) runs unchanged in every runtime; this is what it
 * must print, and a way to capture what it printed.
 */
export const EXAMPLE_OUTPUT = [
  "Allow s3:GetObject q1.csv by Reports statement 0 (Sid ReadReports)",
  "ExplicitDeny s3:GetObject secret/pay.csv by Reports statement 1 (Sid NoSecrets)",
  "ImplicitDeny s3:PutObject q1.csv (NoAllow)",
];

/** Runs `fn` with console.log recording its lines (and still printing nothing), then restores it. */
export async function captureConsole(fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  try {
    await fn();
  } finally {
    console.log = original;
  }
  return lines;
}
