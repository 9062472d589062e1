/**
 * @module test/e2e/org-sso-cases
 * The playground's Organization panel and IAM Identity Center sign-in panel in Chromium
 * (registered by test/e2e/run.mjs): the sample organization's tree and where each SCP and RCP is
 * attached, the level that denies a request under an OU's SCP (AWS Organizations User Guide, "SCP
 * evaluation"), refusals and user text shown as text; a user signed in through a group, role
 * credentials for a permission set, and requests decided as that session (Allow, and the OU's SCP
 * denying). Expected answers follow the samples' documents (js/playground/org/org-sample.ts,
 * js/playground/sso/sso-sample.ts) and AWS's rules, not the page's own code.
 */

/** Registers the cases with the runner's `test`, using its helpers. */
export function orgSsoCases({ test, open, assert, shot }) {
  const setRequest = async (page, { principal, action, resource, account }) => {
    if (principal !== undefined) await page.fill("#req-principal", principal);
    if (action !== undefined) await page.fill("#req-action", action);
    if (resource !== undefined) await page.fill("#req-resource", resource);
    if (account !== undefined) await page.fill("#req-account", account);
  };
  const node = (type, name) => `#org-tree li.org-node[data-type="${type}"]:has(> .org-head strong:text-is("${name}"))`;
  const chips = (page, selector) => page.$$eval(`${selector} > .org-policies .org-policy`, (els) => els.map((e) => `${e.dataset.kind} ${e.dataset.policy}`));

  test("Organization panel: the sample's tree, where each SCP and RCP is attached, and the OU whose SCP denies", async (page) => {
    await open(page);
    await page.click("#org-load-sample");
    await page.waitForSelector('#org-tree li.org-node[data-type="ROOT"]');
    const accounts = await page.$$eval('#org-tree li.org-node[data-type="ACCOUNT"]', (els) => els.map((e) => e.dataset.target));
    assert(JSON.stringify(accounts) === JSON.stringify(["111111111111", "222222222222", "333333333333", "444444444444"]), `accounts ${accounts}`);
    const root = await chips(page, '#org-tree > li.org-node[data-type="ROOT"]');
    assert(JSON.stringify(root) === JSON.stringify(["SCP FullAWSAccess", "RCP RCPFullAWSAccess", "RCP EnforceSecureTransport"]), `root: ${root}`);
    const sandbox = await chips(page, node("ORGANIZATIONAL_UNIT", "Sandbox"));
    assert(JSON.stringify(sandbox) === JSON.stringify(["SCP FullAWSAccess", "SCP DenyS3Delete", "RCP RCPFullAWSAccess"]), `Sandbox: ${sandbox}`);
    const workloads = await chips(page, node("ORGANIZATIONAL_UNIT", "Workloads"));
    assert(workloads.includes("SCP DenyLeaveOrganization") && !workloads.includes("SCP DenyS3Delete"), `Workloads: ${workloads}`);
    const inSandbox = await page.$$eval(`${node("ORGANIZATIONAL_UNIT", "Sandbox")} li.org-node`, (els) => els.map((e) => e.dataset.target));
    assert(JSON.stringify(inSandbox) === JSON.stringify(["333333333333", "444444444444"]), `under Sandbox: ${inSandbox}`);

    // A role of the dev account (Sandbox OU) deleting a bucket: the OU's SCP denies.
    await setRequest(page, { principal: "arn:aws:iam::333333333333:role/dev", action: "s3:DeleteBucket", resource: "arn:aws:s3:::dev-bucket", account: "" });
    await page.waitForSelector('#org-verdict-sentence[data-outcome="deny"]', { timeout: 5_000 });
    const sentence = await page.textContent("#org-verdict-sentence");
    assert(/^Denied by the SCP DenyS3Delete attached to OU Sandbox \(ou-[a-z0-9]+-[a-z0-9]+\): statement DenyS3Delete/.test(sentence), `verdict: ${sentence}`);
    assert((await page.getAttribute(node("ORGANIZATIONAL_UNIT", "Sandbox"), "data-scp")) === "deny", "the Sandbox node is marked as denying");
    assert((await page.getAttribute('#org-tree > li.org-node[data-type="ROOT"]', "data-scp")) === "allow", "the root allows");
    const denying = await page.$$eval("#org-tree .org-policy.denies", (els) => els.map((e) => e.dataset.policy));
    assert(JSON.stringify(denying) === JSON.stringify(["DenyS3Delete"]), `denying chips: ${denying}`);
    const levels = await page.$$eval('#org-verdict [data-kind="SCP"] li', (els) => els.map((e) => e.dataset.outcome));
    assert(JSON.stringify(levels) === JSON.stringify(["allow", "deny", "allow"]), `SCP levels ${levels}`);
    await page.$eval("#org-view", (e) => e.scrollIntoView());
    await shot(page, "org-view-deny");

    // The same account reading an object: every level allows.
    await setRequest(page, { action: "s3:GetObject", resource: "arn:aws:s3:::dev-bucket/k" });
    await page.waitForSelector('#org-verdict-sentence[data-outcome="allow"]', { timeout: 5_000 });
    assert((await page.textContent("#org-verdict-sentence")) === "Every SCP and every RCP level allows this request.", "all levels allow");
    // The management account: SCPs do not apply ("SCPs don't affect users or roles in the management account").
    await setRequest(page, { principal: "arn:aws:iam::111111111111:role/admin", action: "s3:DeleteBucket", resource: "arn:aws:s3:::b" });
    await page.waitForSelector('#org-verdict-sentence[data-outcome="none"]', { timeout: 5_000 });
    assert((await page.textContent('#org-verdict [data-kind="SCP"]')).includes("management account"), "the management account is exempt");
  });

  test("Organization panel: bad JSON and Organizations' refusals are shown with where; names are text, not HTML", async (page) => {
    await open(page);
    await page.click("#org-edit summary");
    await page.fill("#org-json", '{\n  "ManagementAccountId": "111111111111",\n  "Root": {,}\n}');
    await page.click("#org-apply");
    const bad = await page.textContent("#org-status");
    assert(bad.startsWith("The organization was not loaded: InvalidJson") && bad.includes("line 3, column"), `status: ${bad}`);
    await page.fill("#org-json", JSON.stringify({ ManagementAccountId: "111111111111", Root: { OrganizationalUnits: [{ Name: "Bare", FullAWSAccess: false }] } }));
    await page.click("#org-apply");
    const refused = await page.textContent("#org-status");
    assert(refused.includes("ConstraintViolationException") && refused.includes("/Root/OrganizationalUnits/0/FullAWSAccess"), `status: ${refused}`);
    const name = '<img src=x onerror="document.title=1"><b>ops</b>';
    await page.fill("#org-json", JSON.stringify({ ManagementAccountId: "111111111111", Root: { Accounts: [{ Id: "222222222222", Name: name }] } }));
    await page.click("#org-apply");
    await page.waitForSelector('#org-tree li.org-node[data-target="222222222222"]');
    assert((await page.textContent('#org-tree li.org-node[data-target="222222222222"] strong')) === name, "the name as text");
    assert((await page.$$("#org-tree img, #org-tree b")).length === 0, "no element from the name");
  });

  test("Identity Center sign-in: a group member's accounts, role credentials, and the request decided as the session", async (page) => {
    await open(page);
    await setRequest(page, { action: "s3:GetObject", resource: "arn:aws:s3:::dev-bucket/report.csv", account: "" });
    await page.click("#sso-load-sample");
    await page.waitForFunction(() => document.querySelectorAll("#sso-user option").length === 2);
    // The instance needs the sample organization's accounts: the Organization panel shows it.
    await page.waitForSelector('#org-tree li.org-node[data-target="333333333333"]');
    const bob = await page.$eval("#sso-user", (s) => [...s.options].find((o) => o.textContent.startsWith("bob ")).value);
    await page.selectOption("#sso-user", bob);
    await page.click("#sso-sign-in");
    await page.waitForSelector("#sso-access tr[data-account]");
    const rows = await page.$$eval("#sso-access tbody tr", (els) => els.map((e) => `${e.dataset.account} ${e.dataset.permissionSet} ${e.querySelector(".sso-via").textContent}`));
    assert(JSON.stringify(rows) === JSON.stringify(["333333333333 S3Developer through group Developers", "444444444444 S3Developer through group Developers"]), `bob's access: ${rows}`);
    await page.click('#sso-access tr[data-account="333333333333"][data-permission-set="S3Developer"] .sso-get-credentials');
    await page.waitForSelector("#sso-session-arn");
    const session = await page.textContent("#sso-session-arn");
    assert(/^arn:aws:sts::333333333333:assumed-role\/AWSReservedSSO_S3Developer_[0-9a-f]{16}\/bob$/.test(session), `session ${session}`);
    const role = await page.textContent(".sso-session dd code");
    assert(/^arn:aws:iam::333333333333:role\/aws-reserved\/sso\.amazonaws\.com\/AWSReservedSSO_S3Developer_[0-9a-f]{16}$/.test(role), `role ${role}`);

    // The permission set's inline policy allows reading.
    await page.waitForSelector('#sso-decision-result[data-decision="Allow"]', { timeout: 5_000 });
    assert((await page.getAttribute("#sso-decision-result", "data-reason")) === "IdentityAllow", "reason IdentityAllow");
    const allowBy = await page.textContent("#sso-statements");
    assert(allowBy.includes("AwsSSOInlinePolicy") && allowBy.includes("S3Objects"), `allowed by: ${allowBy}`);
    await page.$eval("#sso-pane", (e) => e.scrollIntoView());
    await shot(page, "sso-allow");

    // Deleting: the inline policy allows it, the Sandbox OU's SCP denies it.
    await setRequest(page, { action: "s3:DeleteObject" });
    await page.waitForSelector('#sso-decision-result[data-decision="ExplicitDeny"]', { timeout: 5_000 });
    const denyBy = await page.$$eval('#sso-statements li[data-kind="scp"]', (els) => els.map((e) => e.textContent));
    assert(denyBy.length === 1 && denyBy[0].includes("SCP DenyS3Delete") && denyBy[0].includes("statement DenyS3Delete"), `denied by: ${denyBy}`);
    assert((await page.textContent("#sso-reason")).includes("explicit deny"), "the reason in words");
    // Something no policy allows: an implicit deny.
    await setRequest(page, { action: "s3:PutBucketPolicy", resource: "arn:aws:s3:::dev-bucket" });
    await page.waitForSelector('#sso-decision-result[data-decision="ImplicitDeny"][data-reason="NoAllow"]', { timeout: 5_000 });
    await page.$eval("#sso-decision", (e) => e.scrollIntoView());
    await shot(page, "sso-deny");

    // alice's assignments are her own.
    const alice = await page.$eval("#sso-user", (s) => [...s.options].find((o) => o.textContent.startsWith("alice ")).value);
    await page.selectOption("#sso-user", alice);
    await page.click("#sso-sign-in");
    await page.waitForSelector('#sso-signed-in[data-user="alice"]');
    const hers = await page.$$eval("#sso-access tbody tr", (els) => els.map((e) => `${e.dataset.account} ${e.dataset.permissionSet} ${e.querySelector(".sso-via").textContent}`));
    assert(JSON.stringify(hers) === JSON.stringify(["222222222222 AdministratorAccess to the user", "333333333333 AdministratorAccess to the user"]), `alice's access: ${hers}`);
    assert((await page.$$("#sso-decision *")).length === 0, "signing in again drops the previous session's decision");
  });
}
