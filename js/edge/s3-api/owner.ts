/**
 * @module edge/s3-api/owner
 * S3 names owners by a canonical user id (64 hex digits: "Find the canonical user ID for your
 * AWS account", S3 User Guide) in `<Owner><ID>`. Ours is derived from the account id
 * (SHA-256 of `iam-edge canonical user <account>`): stable, one per account, and not the account
 * id itself, as S3's is not. `DisplayName` is left out, as S3 now leaves it out.
 */
import { sha256 } from "../checksums/sha256.ts";
import { hex } from "./md5.ts";
import { el, wrap } from "./xml.ts";

const ids = new Map<string, string>();

export function canonicalUserId(accountId: string): string {
  let id = ids.get(accountId);
  if (!id) {
    const h = sha256();
    h.update(new TextEncoder().encode(`iam-edge canonical user ${accountId}`));
    id = hex(h.digest());
    if (ids.size > 10_000) ids.clear();
    ids.set(accountId, id);
  }
  return id;
}

/** `<name><ID>...</ID></name>` for an account. */
export function ownerXml(accountId: string, name = "Owner"): string {
  return wrap(name, el("ID", canonicalUserId(accountId)));
}
