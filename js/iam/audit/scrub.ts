/**
 * @module iam/audit/scrub
 * Secrets, the last line: replaces any string in a record equal to (or containing) a secret the
 * account knows (access key secrets, MFA seeds, the STS session key) or the call carried with
 * `HIDDEN_DUE_TO_SECURITY_REASONS`.
 */
import type { AccountState } from "../account-state.ts";
import { HIDDEN, type CloudTrailRecord } from "./shapes.ts";
import { encodeBase64 } from "../rfc4648.ts";

interface SecretCache {
  version: number;
  mfa: number;
  rootKeys: number;
  values: string[];
}
const secretCaches = new WeakMap<AccountState, SecretCache>();

/** Every secret the account holds: access key secrets, MFA seeds, the STS session key. */
function accountSecrets(account: AccountState): string[] {
  const store = account.store;
  const cached = secretCaches.get(account);
  if (cached && cached.version === account.version && cached.mfa === store.mfaDevices.size && cached.rootKeys === store.rootAccessKeys.length) return cached.values;
  const values: string[] = [];
  for (const k of store.rootAccessKeys) values.push(k.SecretAccessKey);
  for (const u of store.users.values()) for (const k of u.AccessKeys ?? []) values.push(k.SecretAccessKey);
  for (const d of store.mfaDevices.values()) values.push(d.Base32StringSeed);
  const sessionKey = (store as { sessionKey?: unknown }).sessionKey;
  if (sessionKey instanceof Uint8Array && sessionKey.length) {
    values.push(encodeBase64(sessionKey), [...sessionKey].map((b) => b.toString(16).padStart(2, "0")).join(""));
    // Given as a string (AccountOptions.sessionKey): its text.
    const text = new TextDecoder("utf-8", { fatal: false }).decode(sessionKey);
    if (/^[\x20-\x7e]+$/.test(text)) values.push(text);
  }
  const clean = values.filter((v) => typeof v === "string" && v !== "");
  secretCaches.set(account, { version: account.version, mfa: store.mfaDevices.size, rootKeys: store.rootAccessKeys.length, values: clean });
  return clean;
}

/** Secrets shorter than this are replaced only where a whole value equals them (6-digit codes). */
const MIN_CONTAINED_SECRET = 8;

function scrubString(s: string, exact: Set<string>, contained: string[]): string {
  if (exact.has(s)) return HIDDEN;
  let out = s;
  for (const secret of contained) if (out.includes(secret)) out = out.split(secret).join(HIDDEN);
  return out;
}

function scrub(value: unknown, exact: Set<string>, contained: string[], depth = 0): unknown {
  if (typeof value === "string") return scrubString(value, exact, contained);
  if (value === null || typeof value !== "object" || depth > 40) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, exact, contained, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[scrubString(k, exact, contained)] = scrub(v, exact, contained, depth + 1);
  return out;
}

export function scrubRecord(account: AccountState, record: CloudTrailRecord, extra: string[]): CloudTrailRecord {
  const all = [...accountSecrets(account), ...extra].filter((s) => typeof s === "string" && s.length > 0);
  if (all.length === 0) return record;
  const exact = new Set(all);
  const contained = [...new Set(all.filter((s) => s.length >= MIN_CONTAINED_SECRET))].sort((a, b) => b.length - a.length);
  return scrub(record, exact, contained) as CloudTrailRecord;
}
