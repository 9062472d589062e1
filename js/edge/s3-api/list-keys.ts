/**
 * @module edge/s3-api/list-keys
 * One page of a bucket's keys as S3 lists them ("ListObjectsV2", "ListObjects", S3 API
 * Reference; "Organizing objects using prefixes"): keys after a start in UTF-8 byte order, those
 * below `prefix`, rolled up into common prefixes at the first `delimiter` after the prefix, keys
 * and common prefixes counting together against `max-keys`. R2 lists by the same rules; this
 * adds S3's handling of a start inside a rolled-up prefix (such a prefix was already answered:
 * it is skipped whole), and the merge of keys and prefixes in one order.
 */
import type { R2Bucket, R2Object } from "./r2.ts";

export type ListItem = { key: string; object: R2Object } | { prefix: string };

export interface ListPage {
  items: ListItem[];
  truncated: boolean;
  /** Where the next page starts (exclusive), when truncated. */
  next?: string;
}

/** After every key that starts with `p` (the last code point there is). */
export const PAST = "\u{10FFFF}";

/** Compares in UTF-8 byte order, which is code point order (not UTF-16's). */
export function compareUtf8(a: string, b: string): number {
  const x = a[Symbol.iterator]();
  const y = b[Symbol.iterator]();
  for (;;) {
    const p = x.next();
    const q = y.next();
    if (p.done || q.done) return p.done && q.done ? 0 : p.done ? -1 : 1;
    const d = p.value.codePointAt(0)! - q.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

export interface ListInput {
  /** The R2 prefix of the bucket's objects. */
  base: string;
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  /** Exclusive. */
  startAfter?: string;
  /** R2 metadata to list with the keys. */
  include?: ("httpMetadata" | "customMetadata")[];
}

function itemName(i: ListItem): string {
  return "key" in i ? i.key : i.prefix;
}

/** One page (a few R2 calls at most). */
export async function listPage(r2: R2Bucket, input: ListInput): Promise<ListPage> {
  if (input.maxKeys === 0) return { items: [], truncated: false };
  const items: ListItem[] = [];
  let start = input.startAfter;
  let truncated = false;
  for (let round = 0; round < 16 && items.length <= input.maxKeys; round++) {
    const listed = await r2.list({
      prefix: input.base + input.prefix, delimiter: input.delimiter || undefined, limit: Math.min(1000, input.maxKeys - items.length + 1),
      startAfter: start !== undefined && compareUtf8(start, input.prefix) >= 0 ? input.base + start : undefined,
      ...(input.include ? { include: input.include } : {}),
    });
    const found: ListItem[] = [
      ...listed.objects.map((o) => ({ key: o.key.slice(input.base.length), object: o })),
      ...listed.delimitedPrefixes.map((p) => ({ prefix: p.slice(input.base.length) })),
    ].sort((a, b) => compareUtf8(itemName(a), itemName(b)));
    // A prefix at or before the start was answered on an earlier page.
    const fresh = found.filter((i) => !("prefix" in i) || start === undefined || compareUtf8(i.prefix, start) > 0);
    items.push(...fresh);
    truncated = listed.truncated;
    if (!listed.truncated || fresh.length === found.length) break;
    const last = found[found.length - 1];
    start = "prefix" in last ? last.prefix + PAST : last.key;
  }
  if (items.length > input.maxKeys) {
    items.length = input.maxKeys;
    truncated = true;
  }
  const last = items[items.length - 1];
  return { items, truncated, ...(truncated && last ? { next: "prefix" in last ? last.prefix : last.key } : {}) };
}
