/**
 * @module cli/files
 * Reading the files the commands are given, with errors a user can act on (`-` is stdin).
 * Every input is read in chunks up to its limit (cli/limits), files and standard input alike,
 * so an endless or huge input is refused after reading at most the limit; standard input can
 * be read once, so `-` may stand for one input only. Files are read synchronously: a command
 * reads them one after another anyway, and a read stream per file cost `iam-edge lint` about
 * 0.3 ms of CPU a file (a third of a second for 1,000 policies), a synchronous read 0.02 ms.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { CliError } from "./args.ts";
import { formatBytes, POLICY_INPUT, type InputLimit } from "./limits.ts";
import { decodeUtf8 } from "./utf8.ts";

let stdinTaken = false;

/** Reads `file` (`-`: standard input) as UTF-8 text, refusing more than `limit.bytes`. */
export async function readText(file: string, limit: InputLimit = POLICY_INPUT): Promise<string> {
  if (file === "-") {
    if (stdinTaken) throw new CliError("standard input (`-`) is given for more than one input: it can be read only once");
    stdinTaken = true;
  }
  let bytes: Buffer | undefined;
  try {
    bytes = file === "-" ? await readCapped(process.stdin, limit.bytes) : readFileCapped(file, limit.bytes);
  } catch (err) {
    throw new CliError(`cannot read \`${file}\`: ${why(err)}`);
  }
  if (!bytes) throw new CliError(`cannot read \`${file}\`: larger than ${formatBytes(limit.bytes)}, the limit for ${limit.what}`);
  const decoded = decodeUtf8(bytes);
  if ("text" in decoded) return decoded.text;
  if (decoded.utf16) throw new CliError(`${file}: UTF-16 text (it starts with a UTF-16 byte order mark): save it as UTF-8`);
  const byte = decoded.byte.toString(16).toUpperCase().padStart(2, "0");
  throw new CliError(`${file}:${decoded.line}:${decoded.column}: not UTF-8 text (byte 0x${byte}): save it as UTF-8`);
}

/**
 * The bytes of `chunks`, or undefined once they pass `limit`: leaving the loop early destroys
 * the stream, so nothing past the limit is read or kept.
 */
async function readCapped(chunks: AsyncIterable<Buffer | string>, limit: number): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const part = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += part.length;
    if (size > limit) return undefined;
    parts.push(part);
  }
  return Buffer.concat(parts, size);
}

/** Where files are read into before their bytes are copied out: one buffer for the process. */
let scratch: Buffer | undefined;

/** The bytes of a file, or undefined once they pass `limit` (nothing past `limit` + 1 bytes is read). */
function readFileCapped(file: string, limit: number): Buffer | undefined {
  const fd = openSync(file, "r");
  try {
    const parts: Buffer[] = [];
    scratch ??= Buffer.allocUnsafe(65536);
    let size = 0;
    for (;;) {
      const n = readSync(fd, scratch, 0, Math.min(scratch.length, limit + 1 - size), null);
      // Most files fit one read: their one copy is the result (concat would copy it again).
      if (n === 0) return parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
      size += n;
      if (size > limit) return undefined;
      parts.push(Buffer.from(scratch.subarray(0, n)));
    }
  } finally {
    closeSync(fd);
  }
}

const WHY: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOTDIR: "a part of the path is not a directory",
  ENAMETOOLONG: "the file name is too long",
  ELOOP: "too many symbolic links",
  ENXIO: "no such device (a socket or a FIFO without a writer)",
};

/** Why a read failed, without the path again (Node's messages end in `, open '<path>'`). */
function why(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code && Object.hasOwn(WHY, code)) return WHY[code];
  return String((err as Error).message).replace(/, \w+ '.*'$/s, "");
}

/** Reads and parses a JSON file; a syntax error names the file, line and column. */
export async function readJson(file: string, limit?: InputLimit): Promise<{ text: string; value: unknown }> {
  const text = await readText(file, limit);
  try {
    return { text, value: JSON.parse(text) };
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    throw new CliError(`${file}${m ? `:${lineColumn(text, Number(m[1]))}` : ""}: not valid JSON (${(err as Error).message})`);
  }
}

/** `line:column`, both 1-based, of a UTF-16 offset in `text`. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}`;
}
