/**
 * @module test/edge-e2e/cases/audit
 * The audit trail through CloudTrail's LookupEvents (@aws-sdk/client-cloudtrail): the calls made
 * by the other cases are found, each mutating call exactly once under the request id its
 * response carried, denials with their error code, STS calls, reads (stored after the response:
 * eventually), lookups by user name and paging; and LookupEvents is itself authorized.
 */
import assert from "node:assert/strict";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { cli, errorOf, sdk } from "../clients.mjs";
import { eventually } from "../harness.mjs";

/** Every event matching one attribute (all pages). */
export async function lookupAll(client, key, value) {
  const events = [];
  let NextToken;
  do {
    const page = await client.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: key, AttributeValue: value }], MaxResults: 50, NextToken }));
    events.push(...page.Events);
    NextToken = page.NextToken;
  } while (NextToken);
  return events.map((e) => ({ ...e, record: JSON.parse(e.CloudTrailEvent) }));
}

export async function auditCases(t, { test }) {
  const trail = sdk(t.origin, t.root).cloudtrail;

  await test("LookupEvents finds every mutating call exactly once, under the request id of its response", async () => {
    const withIds = t.mutations.filter((m) => m.requestId);
    assert.ok(withIds.length >= 10, `${withIds.length} mutating calls recorded by the cases`);
    const byName = new Map();
    for (const m of withIds) {
      if (!byName.has(m.eventName)) byName.set(m.eventName, await lookupAll(trail, "EventName", m.eventName));
      const found = byName.get(m.eventName).filter((e) => e.record.requestID === m.requestId);
      assert.equal(found.length, 1, `${m.eventName} ${m.requestId}: ${found.length} records`);
      assert.equal(found[0].record.errorCode, undefined);
    }
    const created = await lookupAll(trail, "ResourceName", "alice");
    const createUser = created.find((e) => e.EventName === "CreateUser");
    assert.equal(createUser.Username, "root");
    assert.equal(createUser.EventSource, "iam.amazonaws.com");
    assert.equal(createUser.record.userIdentity.type, "Root");
    assert.equal(createUser.record.userIdentity.accessKeyId, t.root.accessKeyId);
    assert.ok(!JSON.stringify(created).includes(t.alice.secretAccessKey), "no secret in any record");
  });

  await test("LookupEvents finds the denial (AccessDenied), the STS calls and, eventually, the reads", async () => {
    const byAlice = await lookupAll(trail, "Username", "alice");
    const denial = byAlice.find((e) => e.record.requestID === t.denied.requestId);
    assert.equal(denial?.record.errorCode, "AccessDenied");
    assert.equal(denial.EventName, "CreateUser");
    assert.ok(byAlice.some((e) => e.EventName === "AssumeRole" && e.EventSource === "sts.amazonaws.com"));
    assert.ok(byAlice.some((e) => e.EventName === "GetSessionToken"));
    const sessions = await lookupAll(trail, "Username", "e2e");
    assert.ok(sessions.some((e) => e.EventName === "ListRoles" && e.record.userIdentity.type === "AssumedRole"));
    await eventually(async () => {
      const reads = await lookupAll(trail, "ReadOnly", "true");
      assert.ok(reads.some((e) => e.EventName === "ListUsers" && e.Username === "alice"));
      assert.ok(reads.some((e) => e.EventName === "GetCallerIdentity"));
    });
  });

  await test("LookupEvents pages newest first and is itself authorized (cloudtrail:LookupEvents)", async () => {
    const range = { StartTime: new Date(Date.now() - 3600_000), EndTime: new Date(Date.now() + 60_000) };
    const first = await trail.send(new LookupEventsCommand({ ...range, MaxResults: 2 }));
    assert.equal(first.Events.length, 2);
    assert.ok(first.NextToken);
    const second = await trail.send(new LookupEventsCommand({ ...range, MaxResults: 2, NextToken: first.NextToken }));
    assert.ok(first.Events[1].EventTime >= second.Events[0].EventTime);
    assert.notEqual(first.Events[0].EventId, second.Events[0].EventId);
    const denied = await errorOf(sdk(t.origin, t.alice).cloudtrail.send(new LookupEventsCommand({})));
    assert.equal(denied?.code, "AccessDeniedException");
  });

  await test("the AWS CLI v2 looks events up too (cloudtrail lookup-events)", async () => {
    const out = cli(t.origin, t.root, ["cloudtrail", "lookup-events", "--lookup-attributes", "AttributeKey=Username,AttributeValue=alice", "--max-results", "50"]);
    assert.equal(out.status, 0, out.stderr);
    const denial = out.json.Events.find((e) => JSON.parse(e.CloudTrailEvent).requestID === t.denied.requestId);
    assert.equal(denial?.EventName, "CreateUser");
  });
}
