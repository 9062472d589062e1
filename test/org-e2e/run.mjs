#!/usr/bin/env node
/**
 * @module test/org-e2e/run
 * End-to-end tests of Organizations at the edge service as `npm start` serves it (`wrangler dev`
 * on the project's wrangler.jsonc, test/edge-e2e/server.mjs), driven by unmodified AWS clients
 * (`@aws-sdk/client-organizations`, `client-sts`, `client-iam`):
 *
 * the local account creates the organization and becomes its management account; CreateAccount
 * makes two member accounts (IN_PROGRESS, then SUCCEEDED); an OU gets an SCP; a management
 * principal assumes OrganizationAccountAccessRole in each member through STS (cross-account);
 * the member in the OU is refused what the OU's SCP denies, with the reason, the other is not,
 * the management account is exempt; detaching the SCP lets the next request through. S3 too
 * (`@aws-sdk/client-s3`): the member's role is refused a DeleteObject the OU's SCP denies, and
 * allowed once the SCP is detached. Then IAM
 * Identity Center (identity-center.mjs, `@aws-sdk/client-sso-admin`, `client-identitystore`,
 * `client-sso`): a permission set assigned to a user provisions its AWSReservedSSO role in the
 * member account, the user signs in and decides requests as that role's session.
 *
 * Prints a line per test and `org-e2e: N passed, M failed`; writes test-results/org-e2e.json.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import {
  AttachPolicyCommand, CreateAccountCommand, CreateOrganizationCommand, CreateOrganizationalUnitCommand, CreatePolicyCommand,
  DescribeCreateAccountStatusCommand, DescribeOrganizationCommand, DetachPolicyCommand, EnablePolicyTypeCommand, ListAccountsCommand,
  ListChildrenCommand, ListParentsCommand, ListPoliciesForTargetCommand, ListRootsCommand, ListTargetsForPolicyCommand, MoveAccountCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { CreateAccessKeyCommand, CreateUserCommand, ListUsersCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { s3 } from "../s3-e2e/clients.mjs";
import { createHarness, eventually } from "../edge-e2e/harness.mjs";
import { identityCenterTests } from "./identity-center.mjs";
import { root, startServer } from "../edge-e2e/server.mjs";
import { REGION, sdk } from "../edge-e2e/clients.mjs";

const started = Date.now();
const report = join(root, "test-results", "org-e2e.json");
mkdirSync(join(root, "test-results"), { recursive: true });
const h = createHarness();
const MGMT = "000000000000";
const rootKey = { accessKeyId: "AKIAORGE2EMANAGEMENT", secretAccessKey: "orgE2eManagementRootSecret00000000000000" };

function finish(note) {
  if (note) console.log(note);
  const failed = h.failed + (note ? 1 : 0);
  console.log(`org-e2e: ${h.passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  writeFileSync(report, JSON.stringify({ passed: h.passed, failed }) + "\n");
  process.exit(failed > 0 ? 1 : 0);
}

const npm = (args) => spawnSync("npm", args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] }).status === 0;
if (!existsSync(join(root, "build", "engine.wasm")) && !npm(["run", "--silent", "build"])) finish("npm run build failed");
if (!existsSync(join(root, "dist", "playground", "index.html")) && !npm(["run", "--silent", "build:playground"])) finish("npm run build:playground failed");

const orgs = (origin, creds) => new OrganizationsClient({ endpoint: origin, region: REGION, credentials: creds, maxAttempts: 1 });
const scp = (statement) => JSON.stringify({ Version: "2012-10-17", Statement: statement });
async function rejects(promise, name, message) {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err, `expected ${name}, got success`);
  assert.equal(err.name, name, `expected ${name}, got ${err.name}: ${err.message}`);
  if (message) assert.match(err.message, message);
  return err;
}
const credsOf = (r) => ({ accessKeyId: r.Credentials.AccessKeyId, secretAccessKey: r.Credentials.SecretAccessKey, sessionToken: r.Credentials.SessionToken });

const stateDir = mkdtempSync(join(tmpdir(), "iam-edge-org-e2e-"));
let server;
const t = {};
try {
  server = await startServer({ vars: { IAM_EDGE_ROOT_ACCESS_KEY_ID: rootKey.accessKeyId, IAM_EDGE_ROOT_SECRET_ACCESS_KEY: rootKey.secretAccessKey }, stateDir });
  const o = orgs(server.origin, rootKey);
  const mgmtSdk = sdk(server.origin, rootKey);

  await h.test("an account outside any organization: AWSOrganizationsNotInUseException", async () => {
    await rejects(o.send(new ListAccountsCommand({})), "AWSOrganizationsNotInUseException");
  });

  await h.test("CreateOrganization: the local account becomes the management account", async () => {
    const { Organization } = await o.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
    assert.match(Organization.Id, /^o-[a-z0-9]{10,32}$/);
    assert.equal(Organization.MasterAccountId, MGMT);
    assert.equal((await o.send(new DescribeOrganizationCommand({}))).Organization.Id, Organization.Id);
    await rejects(o.send(new CreateOrganizationCommand({})), "AlreadyInOrganizationException");
    t.rootId = (await o.send(new ListRootsCommand({}))).Roots[0].Id;
    assert.match(t.rootId, /^r-[0-9a-z]{4,32}$/);
    await o.send(new EnablePolicyTypeCommand({ RootId: t.rootId, PolicyType: "SERVICE_CONTROL_POLICY" }));
  });

  await h.test("CreateAccount twice: IN_PROGRESS, then SUCCEEDED; ListAccounts has three", async () => {
    t.members = [];
    for (const name of ["sandbox", "prod"]) {
      const { CreateAccountStatus: s } = await o.send(new CreateAccountCommand({ Email: `${name}@example.com`, AccountName: name }));
      assert.equal(s.State, "IN_PROGRESS");
      const done = await eventually(async () => {
        const r = (await o.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: s.Id }))).CreateAccountStatus;
        assert.equal(r.State, "SUCCEEDED");
        return r;
      }, 15_000);
      assert.match(done.AccountId, /^\d{12}$/);
      t.members.push(done.AccountId);
    }
    const ids = (await o.send(new ListAccountsCommand({}))).Accounts.map((a) => a.Id).sort();
    assert.deepEqual(ids, [MGMT, ...t.members].sort());
  });

  await h.test("an OU, an account moved into it, ListChildren and ListParents", async () => {
    t.ou = (await o.send(new CreateOrganizationalUnitCommand({ ParentId: t.rootId, Name: "Sandbox" }))).OrganizationalUnit.Id;
    assert.match(t.ou, new RegExp(`^ou-${t.rootId.slice(2)}-[a-z0-9]{8,32}$`));
    await o.send(new MoveAccountCommand({ AccountId: t.members[0], SourceParentId: t.rootId, DestinationParentId: t.ou }));
    assert.deepEqual((await o.send(new ListChildrenCommand({ ParentId: t.ou, ChildType: "ACCOUNT" }))).Children, [{ Id: t.members[0], Type: "ACCOUNT" }]);
    assert.deepEqual((await o.send(new ListParentsCommand({ ChildId: t.members[0] }))).Parents, [{ Id: t.ou, Type: "ORGANIZATIONAL_UNIT" }]);
  });

  await h.test("an SCP attached to the OU; attaching it again is DuplicatePolicyAttachmentException", async () => {
    const { Policy } = await o.send(new CreatePolicyCommand({ Name: "DenyCreateUser", Description: "no new users", Type: "SERVICE_CONTROL_POLICY", Content: scp({ Effect: "Deny", Action: "iam:CreateUser", Resource: "*" }) }));
    t.policy = Policy.PolicySummary.Id;
    await o.send(new AttachPolicyCommand({ PolicyId: t.policy, TargetId: t.ou }));
    await rejects(o.send(new AttachPolicyCommand({ PolicyId: t.policy, TargetId: t.ou })), "DuplicatePolicyAttachmentException");
    const names = (await o.send(new ListPoliciesForTargetCommand({ TargetId: t.ou, Filter: "SERVICE_CONTROL_POLICY" }))).Policies.map((p) => p.Name).sort();
    assert.deepEqual(names, ["DenyCreateUser", "FullAWSAccess"]);
    assert.deepEqual((await o.send(new ListTargetsForPolicyCommand({ PolicyId: t.policy }))).Targets.map((x) => x.TargetId), [t.ou]);
    await rejects(o.send(new DetachPolicyCommand({ PolicyId: "p-FullAWSAccess", TargetId: t.rootId })), "ConstraintViolationException");
  });

  await h.test("a management principal assumes OrganizationAccountAccessRole in each member (cross-account STS)", async () => {
    await mgmtSdk.iam.send(new CreateUserCommand({ UserName: "ops" }));
    await mgmtSdk.iam.send(new PutUserPolicyCommand({ UserName: "ops", PolicyName: "assume", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] }) }));
    const key = (await mgmtSdk.iam.send(new CreateAccessKeyCommand({ UserName: "ops" }))).AccessKey;
    const ops = sdk(server.origin, { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey });
    t.sessions = [];
    for (const member of t.members) {
      const r = await ops.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`, RoleSessionName: "ops" }));
      const s = sdk(server.origin, credsOf(r));
      const who = await s.sts.send(new GetCallerIdentityCommand({}));
      assert.equal(who.Account, member);
      assert.equal(who.Arn, `arn:aws:sts::${member}:assumed-role/OrganizationAccountAccessRole/ops`);
      t.sessions.push(s);
    }
    const nobodyKey = (await mgmtSdk.iam.send(new CreateUserCommand({ UserName: "nobody" })) && await mgmtSdk.iam.send(new CreateAccessKeyCommand({ UserName: "nobody" }))).AccessKey;
    const nobody = sdk(server.origin, { accessKeyId: nobodyKey.AccessKeyId, secretAccessKey: nobodyKey.SecretAccessKey });
    await rejects(nobody.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${t.members[0]}:role/OrganizationAccountAccessRole`, RoleSessionName: "x1" })), "AccessDenied");
  });

  await h.test("the member in the OU is denied by the OU's SCP, with the reason; the other member and the management account are not", async () => {
    const [sandbox, prod] = t.sessions;
    await sandbox.iam.send(new ListUsersCommand({}));
    await rejects(sandbox.iam.send(new CreateUserCommand({ UserName: "blocked" })), "AccessDenied", /explicit deny in a service control policy/);
    await prod.iam.send(new CreateUserCommand({ UserName: "allowed" }));
    await o.send(new AttachPolicyCommand({ PolicyId: t.policy, TargetId: t.rootId }));
    await mgmtSdk.iam.send(new CreateUserCommand({ UserName: "management-exempt" }));
    await rejects(prod.iam.send(new CreateUserCommand({ UserName: "now-blocked" })), "AccessDenied", /service control policy/);
  });

  await h.test("a member may not manage the organization: AccessDeniedException", async () => {
    const member = orgs(server.origin, await t.sessions[0].iam.config.credentials());
    await rejects(member.send(new ListAccountsCommand({})), "AccessDeniedException");
    assert.equal((await member.send(new DescribeOrganizationCommand({}))).Organization.MasterAccountId, MGMT);
  });

  await h.test("detaching the SCP lets the very next request through", async () => {
    await o.send(new DetachPolicyCommand({ PolicyId: t.policy, TargetId: t.rootId }));
    await t.sessions[1].iam.send(new CreateUserCommand({ UserName: "again-allowed" }));
    await o.send(new DetachPolicyCommand({ PolicyId: t.policy, TargetId: t.ou }));
    await t.sessions[0].iam.send(new CreateUserCommand({ UserName: "unblocked" }));
  });

  await h.test("S3: the member's role is denied DeleteObject by the OU's SCP, with the reason, and allowed once it is detached", async () => {
    const { Policy } = await o.send(new CreatePolicyCommand({ Name: "NoS3Deletes", Description: "keep objects", Type: "SERVICE_CONTROL_POLICY", Content: scp({ Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }) }));
    await o.send(new AttachPolicyCommand({ PolicyId: Policy.PolicySummary.Id, TargetId: t.ou }));
    const sandbox = s3(server.origin, await t.sessions[0].iam.config.credentials());
    const Bucket = `org-e2e-${t.members[0]}`;
    await sandbox.send(new CreateBucketCommand({ Bucket }));
    await sandbox.send(new PutObjectCommand({ Bucket, Key: "keep", Body: "kept" }));
    const err = await rejects(sandbox.send(new DeleteObjectCommand({ Bucket, Key: "keep" })), "AccessDenied", /s3:DeleteObject .* with an explicit deny in a service control policy/);
    assert.equal(err.$metadata.httpStatusCode, 403);
    assert.equal(await (await sandbox.send(new GetObjectCommand({ Bucket, Key: "keep" }))).Body.transformToString(), "kept");
    await o.send(new DetachPolicyCommand({ PolicyId: Policy.PolicySummary.Id, TargetId: t.ou }));
    await sandbox.send(new DeleteObjectCommand({ Bucket, Key: "keep" }));
    await rejects(sandbox.send(new GetObjectCommand({ Bucket, Key: "keep" })), "NoSuchKey");
  });

  await identityCenterTests({ h, origin: server.origin, rootKey, t, rejects, sdk, credsOf });
} catch (err) {
  console.log(`org-e2e: ${String(err?.stack ?? err)}`);
  if (server) console.log(server.log().split("\n").slice(-30).join("\n"));
  h.results.push({ name: "setup", ok: false, error: err });
} finally {
  if (h.failed && server) console.log(server.log().split("\n").filter((l) => /error|iam-edge/i.test(l)).slice(-20).join("\n"));
  await server?.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
finish();
