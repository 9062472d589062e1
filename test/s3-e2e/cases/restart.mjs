/**
 * @module test/s3-e2e/cases/restart
 * After `wrangler dev` restarts on the same state: buckets (their Durable Objects), their
 * policies and settings, and the objects in R2 are all there.
 */
import assert from "node:assert/strict";
import { GetBucketPolicyCommand, GetObjectCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { s3 } from "../clients.mjs";
import { SHARED } from "./setup.mjs";
import { OBJECTS } from "./objects.mjs";
import { CLI_BUCKET } from "./cli.mjs";

export async function restartCases(t, { test }) {
  await test("after a restart: the buckets, a bucket policy and the objects are kept", async () => {
    const root = s3(t.origin, t.root);
    const names = (await root.send(new ListBucketsCommand({}))).Buckets.map((b) => b.Name);
    for (const b of [SHARED, OBJECTS, CLI_BUCKET]) assert.ok(names.includes(b), `${b} in ${names}`);
    assert.match((await root.send(new GetBucketPolicyCommand({ Bucket: SHARED }))).Policy, /s3:GetObject/);
    assert.equal(await (await root.send(new GetObjectCommand({ Bucket: SHARED, Key: "team/plan" }))).Body.transformToString(), "plan");
    assert.equal((await (await root.send(new GetObjectCommand({ Bucket: OBJECTS, Key: "mp/30mib" }))).Body.transformToByteArray()).length, 30 * 1024 * 1024);
    assert.equal((await fetch(`${t.origin}/${SHARED}/www/index.html`)).status, 200);
  });
}
