/**
 * @module test/unit/edge-api/cloudtrail-sdk.test
 * CloudTrail's LookupEvents through the real `@aws-sdk/client-cloudtrail` v3 client (JSON 1.1)
 * over the audit records the account model wrote for the calls the other clients made: each
 * lookup attribute, the time range, paging with `paginateLookupEvents`, the errors of bad
 * lookups, and the authorization of `cloudtrail:LookupEvents`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, CreateUserCommand, GetUserCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { LookupEventsCommand, paginateLookupEvents, DescribeTrailsCommand, type LookupAttributeKey } from "@aws-sdk/client-cloudtrail";
import { ACCOUNT_ID, failure, policy, startHarness, type Credentials, type Harness } from "./harness.ts";

const A = ACCOUNT_ID;
let h: Harness;
let carol: Credentials;
let createdAt: Date;

beforeAll(async () => {
  h = await startHarness();
  const root = h.iam(h.root);
  createdAt = h.now();
  await root.send(new CreateUserCommand({ UserName: "carol" }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: "carol" }));
  carol = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  await root.send(new PutUserPolicyCommand({ UserName: "carol", PolicyName: "trail", PolicyDocument: policy([{ Effect: "Allow", Action: ["cloudtrail:LookupEvents", "iam:GetUser"], Resource: "*" }]) }));
  await h.iam(carol).send(new GetUserCommand({ UserName: "carol" }));
  await h.sts(carol).send(new GetCallerIdentityCommand({}));
  await failure(h.iam(carol).send(new CreateUserCommand({ UserName: "nope" })));
});

afterAll(() => h.close());

async function lookup(key: LookupAttributeKey, value: string) {
  return h.cloudtrail(carol).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: key, AttributeValue: value }] }));
}

describe("CloudTrail LookupEvents through @aws-sdk/client-cloudtrail", () => {
  it("finds a call by EventName, with the record as CloudTrailEvent", async () => {
    const { Events } = await lookup("EventName", "CreateUser");
    expect(Events?.map((e) => JSON.parse(e.CloudTrailEvent!).requestParameters.userName)).toEqual(["nope", "carol"]);
    const [denied, created] = Events!;
    expect(created).toMatchObject({ EventName: "CreateUser", EventSource: "iam.amazonaws.com", ReadOnly: "false", Username: "root", AccessKeyId: h.root.accessKeyId });
    expect(created.EventTime).toBeInstanceOf(Date);
    expect(Math.abs(created.EventTime!.getTime() - createdAt.getTime())).toBeLessThan(5000);
    expect(created.Resources).toContainEqual({ ResourceType: "AWS::IAM::User", ResourceName: "carol" });
    const record = JSON.parse(denied.CloudTrailEvent!);
    expect(record.errorCode).toBe("AccessDenied");
    expect(record.userIdentity).toMatchObject({ type: "IAMUser", userName: "carol", accessKeyId: carol.accessKeyId });
    expect(record.sourceIPAddress).toBe("127.0.0.1");
  });

  it("by Username, AccessKeyId, ReadOnly, EventSource, ResourceType, ResourceName and EventId", async () => {
    const byUser = await lookup("Username", "carol");
    // LookupEvents calls are audited too (CloudTrail logs its own API), this one included.
    expect(byUser.Events?.map((e) => e.EventName).filter((n) => n !== "LookupEvents").sort()).toEqual(["CreateUser", "GetCallerIdentity", "GetUser"]);
    expect(byUser.Events?.[0].EventName).toBe("LookupEvents");
    const byKey = await lookup("AccessKeyId", carol.accessKeyId);
    expect(byKey.Events?.map((e) => e.EventName).filter((n) => n !== "LookupEvents").sort()).toEqual(["CreateUser", "GetCallerIdentity", "GetUser"]);
    const sts = await lookup("EventSource", "sts.amazonaws.com");
    expect(sts.Events?.map((e) => e.EventName)).toEqual(["GetCallerIdentity"]);
    const reads = await lookup("ReadOnly", "true");
    expect(reads.Events?.every((e) => e.ReadOnly === "true")).toBe(true);
    expect(reads.Events?.map((e) => e.EventName)).toContain("GetUser");
    const users = await lookup("ResourceType", "AWS::IAM::User");
    expect(users.Events?.map((e) => e.EventName)).toEqual(expect.arrayContaining(["CreateUser", "CreateAccessKey", "GetUser"]));
    expect(users.Events?.map((e) => e.EventName)).not.toContain("GetCallerIdentity");
    const named = await lookup("ResourceName", "carol");
    expect(named.Events?.map((e) => e.EventName)).toContain("PutUserPolicy");
    const one = byKey.Events!.find((e) => e.EventName === "GetUser")!;
    expect((await lookup("EventId", one.EventId!)).Events?.map((e) => e.EventId)).toEqual([one.EventId]);
  });

  it("pages with MaxResults and NextToken (paginateLookupEvents), newest first", async () => {
    const all = (await h.cloudtrail(carol).send(new LookupEventsCommand({}))).Events!;
    const times = all.map((e) => e.EventTime!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const ids: string[] = [];
    for await (const page of paginateLookupEvents({ client: h.cloudtrail(carol), pageSize: 2 }, { EndTime: h.now() })) {
      expect(page.Events!.length).toBeLessThanOrEqual(2);
      ids.push(...page.Events!.map((e) => e.EventId!));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(all.length);
  });

  it("pages without StartTime or EndTime while the clock moves: each page continues the first page's window", async () => {
    const ids: string[] = [];
    let firstPageAt: number | undefined;
    for await (const page of paginateLookupEvents({ client: h.cloudtrail(carol), pageSize: 2 }, {})) {
      firstPageAt ??= h.now().getTime();
      ids.push(...page.Events!.map((e) => e.EventId!));
      expect(page.Events!.every((e) => e.EventTime!.getTime() <= firstPageAt!)).toBe(true);
      await new Promise((r) => setTimeout(r, 15));
    }
    // Several pages were walked, none twice; the LookupEvents calls made while paging are after the window.
    expect(ids.length).toBeGreaterThan(4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("the time range bounds the events", async () => {
    const none = await h.cloudtrail(carol).send(new LookupEventsCommand({ StartTime: new Date(createdAt.getTime() - 3600_000), EndTime: new Date(createdAt.getTime() - 1800_000) }));
    expect(none.Events).toEqual([]);
    const err = await failure(h.cloudtrail(carol).send(new LookupEventsCommand({ StartTime: new Date(), EndTime: new Date(Date.now() - 3600_000) })));
    expect(err.name).toBe("InvalidTimeRangeException");
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it("bad lookups are CloudTrail's errors", async () => {
    const two = await failure(h.cloudtrail(carol).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "a" }, { AttributeKey: "EventName", AttributeValue: "b" }] })));
    expect(two.name).toBe("InvalidLookupAttributesException");
    const key = await failure(h.cloudtrail(carol).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "Colour" as LookupAttributeKey, AttributeValue: "a" }] })));
    expect(key.name).toBe("InvalidLookupAttributesException");
    const max = await failure(h.cloudtrail(carol).send(new LookupEventsCommand({ MaxResults: 51 })));
    expect(max.name).toBe("InvalidMaxResultsException");
    const token = await failure(h.cloudtrail(carol).send(new LookupEventsCommand({ NextToken: "bm90IGEgdG9rZW4" })));
    expect(token.name).toBe("InvalidNextTokenException");
    const other = await failure(h.cloudtrail(carol).send(new DescribeTrailsCommand({})));
    expect(other.name).toBe("UnsupportedOperationException");
    expect(other.message).toContain("DescribeTrails");
  });

  it("LookupEvents is authorized: a user without cloudtrail:LookupEvents is denied", async () => {
    await h.iam(h.root).send(new CreateUserCommand({ UserName: "dave" }));
    const { AccessKey } = await h.iam(h.root).send(new CreateAccessKeyCommand({ UserName: "dave" }));
    const err = await failure(h.cloudtrail({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }).send(new LookupEventsCommand({})));
    expect(err.name).toBe("AccessDeniedException");
    expect(err.message).toBe(`User: arn:aws:iam::${A}:user/dave is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action`);
    const decision = (await lookup("EventName", "LookupEvents")).Events!.map((e) => JSON.parse(e.CloudTrailEvent!)).find((r) => r.userIdentity.userName === "dave");
    expect(decision).toMatchObject({ eventSource: "cloudtrail.amazonaws.com", errorCode: "AccessDenied" });
  });
});
