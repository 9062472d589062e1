/**
 * @module test/edge-e2e/cases/restart
 * State survives a restart of the server: entities, keys, MFA devices and the steps their codes
 * used, live sessions, the audit trail and the denials' explanations; the root key is not
 * generated or printed again. Then, with the service's clock moved past a session's expiry
 * (IAM_EDGE_CLOCK_OFFSET_MS, the clients' clocks moved alike), the session is refused as expired
 * while long-term keys work, and a root key given in the environment joins the generated one.
 */
import assert from "node:assert/strict";
import { ListMFADevicesCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { errorOf, sdk, signedFetch } from "../clients.mjs";
import { lookupAll } from "./audit.mjs";

export async function afterRestartCases(t, { test }) {
  await test("after a restart: no new root key, and every entity, key, MFA device and session is still there", async () => {
    assert.doesNotMatch(t.lastLog, /export AWS_ACCESS_KEY_ID=/);
    const root = sdk(t.origin, t.root);
    const { Users } = await root.iam.send(new ListUsersCommand({}));
    assert.deepEqual(Users.map((u) => u.UserName).sort(), ["alice", "carol"]);
    const { MFADevices } = await root.iam.send(new ListMFADevicesCommand({ UserName: "alice" }));
    assert.equal(MFADevices.length, 2);
    const alice = sdk(t.origin, t.alice);
    assert.equal((await alice.sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${t.accountId}:user/e2e/alice`);
    assert.equal((await sdk(t.origin, t.deployer).sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:sts::${t.accountId}:assumed-role/deployer/e2e`);
  });

  await test("after a restart: a used TOTP code stays used", async () => {
    const alice = sdk(t.origin, t.alice);
    const replay = await errorOf(alice.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${t.accountId}:role/deployer`, RoleSessionName: "again", ExternalId: "ext-7", SerialNumber: t.mfa[0].serial, TokenCode: t.usedCode })));
    assert.equal(replay?.code, "AccessDenied");
  });

  await test("after a restart: the audit trail and the denial's explanation are still there", async () => {
    const trail = sdk(t.origin, t.root).cloudtrail;
    const byAlice = await lookupAll(trail, "Username", "alice");
    assert.ok(byAlice.some((e) => e.record.requestID === t.denied.requestId));
    const created = await lookupAll(trail, "EventName", "CreateUser");
    for (const m of t.mutations.filter((x) => x.eventName === "CreateUser" && x.requestId)) {
      assert.equal(created.filter((e) => e.record.requestID === m.requestId).length, 1);
    }
    const res = await signedFetch(t.origin, t.root, { service: "sts", method: "GET", path: `/_iam-edge/explain/${t.denied.requestId}` });
    assert.equal(res.status, 200);
  });
}

export async function laterClockCases(t, { test }) {
  const later = { clockOffsetMs: t.clockOffsetMs };
  await test("a session past its expiry is refused (ExpiredToken); long-term keys still work", async () => {
    const expired = await errorOf(sdk(t.origin, t.deployer, later).sts.send(new GetCallerIdentityCommand({})));
    assert.equal(expired?.code, "ExpiredToken");
    assert.match(expired.message, /expired/);
    await sdk(t.origin, t.alice, later).iam.send(new ListUsersCommand({}));
  });

  await test("a root key given in the environment works beside the generated one", async () => {
    assert.match(t.lastLog, new RegExp(`root access key ${t.envRoot.accessKeyId} \\(from IAM_EDGE_ROOT_ACCESS_KEY_ID`));
    assert.doesNotMatch(t.lastLog, new RegExp(t.envRoot.secretAccessKey.replace(/[+/]/g, "\\$&")));
    for (const creds of [t.envRoot, t.root]) {
      const me = await sdk(t.origin, creds, later).sts.send(new GetCallerIdentityCommand({}));
      assert.equal(me.Arn, `arn:aws:iam::${t.accountId}:root`);
    }
  });
}
