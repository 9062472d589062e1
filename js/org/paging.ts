/**
 * @module org/paging
 * The List operations' paging (Organizations API Reference, e.g. ListAccounts: `MaxResults` 1-20,
 * `NextToken` from the previous answer). The token is opaque to the caller; here it is the
 * offset, bound to the operation and its parameters, so a token of another list is refused
 * (InvalidInputException `INVALID_NEXT_TOKEN`, the Reason the AWS model gives an invalid token).
 */
import { invalidInput } from "./errors.ts";
import type { PageInput } from "./shapes.ts";

const MAX_RESULTS = 20;

function tag(scope: string): string {
  let h = 2166136261;
  for (let i = 0; i < scope.length; i++) h = Math.imul(h ^ scope.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}

/** One page of `items`; `scope` names the list (operation and parameters). */
export function page<T>(items: readonly T[], input: PageInput | undefined, scope: string): { items: T[]; NextToken?: string } {
  const max = input?.MaxResults ?? MAX_RESULTS;
  if (!Number.isInteger(max) || max < 1 || max > MAX_RESULTS) {
    throw invalidInput(max < 1 ? "MIN_VALUE_EXCEEDED" : "MAX_VALUE_EXCEEDED", `MaxResults must be from 1 to ${MAX_RESULTS}.`);
  }
  let start = 0;
  if (input?.NextToken !== undefined && input.NextToken !== null) {
    const m = /^([0-9a-z]+)\.(\d{1,9})$/.exec(String(input.NextToken));
    if (!m || m[1] !== tag(scope)) throw invalidInput("INVALID_NEXT_TOKEN", "The NextToken value is not valid.");
    start = Number(m[2]);
  }
  const out: { items: T[]; NextToken?: string } = { items: items.slice(start, start + max) };
  if (start + max < items.length) out.NextToken = `${tag(scope)}.${start + max}`;
  return out;
}
