/**
 * @module cli/files
 * Reading the files the commands are given, with errors a user can act on (`-` is stdin).
 */
import { readFile } from "node:fs/promises";
import { CliError } from "./args.ts";

export async function readText(file: string): Promise<string> {
  try {
    if (file === "-") {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    }
    return await readFile(file, "utf8");
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : (err as Error).message;
    throw new CliError(`cannot read \`${file}\`: ${why}`);
  }
}

/** Reads and parses a JSON file; a syntax error names the file, line and column. */
export async function readJson(file: string): Promise<{ text: string; value: unknown }> {
  const text = await readText(file);
  try {
    return { text, value: JSON.parse(text) };
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    let at = "";
    if (m) {
      const offset = Number(m[1]);
      const before = text.slice(0, offset).split("\n");
      at = `:${before.length}:${before[before.length - 1].length + 1}`;
    }
    throw new CliError(`${file}${at}: not valid JSON (${(err as Error).message})`);
  }
}
