/**
 * @module edge/s3-api/ops/delete-objects
 * DeleteObject and DeleteObjects ("DeleteObject", "DeleteObjects", S3 API Reference). Deleting a
 * key that does not exist succeeds (204), as S3 answers. DeleteObjects decides each key on its
 * own (js/edge/s3's mapping: `s3:DeleteObject` per key): the keys allowed are deleted, the others
 * are answered as `<Error><Code>AccessDenied</Code>` entries in the `<DeleteResult>`; `Quiet`
 * leaves the deleted keys out. Version ids other than `null` name nothing here (no versioning):
 * `NoSuchVersion`.
 */
import type { S3Context } from "../context.ts";
import { invalidArgument, malformedXml } from "../errors.ts";
import { objectKey, sidecarKey } from "../layout.ts";
import { parseDeleteObjects } from "../../s3/delete-objects.ts";
import { el, wrap, xmlDocument, xmlResponse } from "../xml.ts";
import { child, parseXml } from "../xml-read.ts";

/** R2 deletes at most 1000 keys a call; each S3 key is two (object and sidecar). */
const KEYS_PER_CALL = 500;

export async function deleteObject(ctx: S3Context): Promise<Response> {
  const v = ctx.params.get("versionId");
  if (v !== null && v !== "null") throw invalidArgument("Invalid version id specified", "versionId", v);
  const b = ctx.bucket!;
  await ctx.r2.delete([objectKey(b.id, ctx.key!), sidecarKey(b.id, ctx.key!)]);
  return new Response(null, { status: 204 });
}

export async function deleteObjects(ctx: S3Context): Promise<Response> {
  const b = ctx.bucket!;
  const text = new TextDecoder().decode(ctx.mapping.body ?? new Uint8Array(0));
  const root = parseXml(text);
  if (root.name !== "Delete") throw malformedXml();
  const quiet = child(root, "Quiet")?.text.trim().toLowerCase() === "true";
  const entries = parseDeleteObjects(text);
  const results: string[] = [];
  const doomed: string[] = [];
  entries.forEach((e, i) => {
    const version = e.versionId !== undefined ? el("VersionId", e.versionId) : "";
    if (!ctx.decisions[i]?.allowed) {
      results.push(wrap("Error", el("Key", e.key) + version + el("Code", "AccessDenied") + el("Message", "Access Denied")));
    } else if (e.versionId !== undefined && e.versionId !== "null") {
      results.push(wrap("Error", el("Key", e.key) + version + el("Code", "NoSuchVersion") + el("Message", "The specified version does not exist.")));
    } else {
      doomed.push(e.key);
      if (!quiet) results.push(wrap("Deleted", el("Key", e.key) + version));
    }
  });
  for (let i = 0; i < doomed.length; i += KEYS_PER_CALL) {
    const batch = doomed.slice(i, i + KEYS_PER_CALL);
    await ctx.r2.delete(batch.flatMap((k) => [objectKey(b.id, k), sidecarKey(b.id, k)]));
  }
  return xmlResponse(xmlDocument("DeleteResult", results.join("")));
}
