/**
 * @module test/e2e/analyzer-cases
 * The playground's analyzer parts in Chromium (registered by test/e2e/run.mjs): findings at
 * their line in the editor and in the list with its learn-more link, a custom check's FAIL with
 * its example request loaded and decided, CheckNoPublicAccess on a bucket policy, and the visual
 * policy builder (a policy with no ERROR finding, the JSON and the builder in sync, a resource
 * policy's Principal). Expected answers come from the package's
 * analyzer and engine in Node (dist/analyzer.js, dist/node.js).
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Registers the cases with the runner's `test`, using its helpers. */
export async function analyzerCases({ test, open, setEditor, editorText, expectDecision, assert, shot, dist, nodeEngine }) {
  const analyzer = await import(pathToFileURL(join(dist, "analyzer.js")).href);
  const lines = (...l) => l.join("\n");
  const findingsOf = (page, slot) => page.$$eval(`#editor-${slot} .findings li.finding`, (els) => els.map((e) => ({
    code: e.dataset.code, line: e.dataset.line, href: e.querySelector("a.learn-more")?.getAttribute("href"), text: e.textContent,
  })));

  test("analyzer: a broken policy's findings sit at their line, in the editor and in the list", async (page) => {
    const text = lines(
      "{",
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    { "Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*" }',
      "  ]",
      "}",
    );
    const { findings } = await analyzer.validatePolicy({ policyDocument: text, policyType: "IDENTITY_POLICY" });
    const invalid = findings.find((f) => f.issueCode === "INVALID_ACTION");
    assert(invalid && invalid.locations[0].span.start.line === 4, `Node's analyzer: ${JSON.stringify(findings.map((f) => f.issueCode))}`);
    // The engine has no catalog: the policy is valid to it, so the only error mark is the finding's.
    assert(nodeEngine.validate(text, { kind: "identity" }).every((d) => d.severity !== "error"), "the engine sees no error");
    await open(page);
    await setEditor(page, "identity-1", text);
    await page.waitForSelector('#editor-identity-1 .findings li.finding[data-code="INVALID_ACTION"]', { timeout: 20_000 });
    const shown = await findingsOf(page, "identity-1");
    assert(JSON.stringify(shown.map((f) => f.code)) === JSON.stringify(findings.map((f) => f.issueCode)), `codes ${shown.map((f) => f.code)} vs ${findings.map((f) => f.issueCode)}`);
    const row = shown.find((f) => f.code === "INVALID_ACTION");
    assert(row.line === "4", `the finding's line ${row.line}`);
    assert(row.href === invalid.learnMoreLink && row.href.startsWith("https://docs.aws.amazon.com/"), `learn more ${row.href}`);
    assert(row.text.includes("Invalid action") && row.text.includes("s3:GetObjekt"), `text ${row.text}`);
    const markLine = await page.$eval("#editor-identity-1 .cm-finding-error", (mark) => {
      const line = mark.closest(".cm-line");
      return [...line.parentElement.querySelectorAll(".cm-line")].indexOf(line) + 1;
    });
    assert(markLine === 4, `the finding's mark is on line ${markLine}`);
    await page.waitForSelector("#editor-identity-1 .cm-lint-marker-error");
    await shot(page, "analyzer-findings");
  });

  test("analyzer: a finding's location jumps to its line; a fixed policy has no findings left", async (page) => {
    await open(page);
    const text = lines("{", '  "Version": "2012-10-17",', '  "Statement": {', '    "Effect": "Allow",', '    "Action": "iam:PassRole",', '    "Resource": "*"', "  }", "}");
    await setEditor(page, "identity-1", text);
    await page.waitForSelector('#editor-identity-1 .findings li.finding[data-code="PASS_ROLE_WITH_STAR_IN_RESOURCE"]', { timeout: 20_000 });
    const cls = await page.getAttribute('#editor-identity-1 li.finding[data-code="PASS_ROLE_WITH_STAR_IN_RESOURCE"]', "class");
    assert(cls.includes("security-warning"), `class ${cls}`);
    await page.click('#editor-identity-1 li.finding[data-code="PASS_ROLE_WITH_STAR_IN_RESOURCE"] button');
    const cursorLine = await page.$eval("#editor-identity-1 .cm-content", (el) => {
      const active = el.querySelector(".cm-activeLine");
      return [...el.querySelectorAll(".cm-line")].indexOf(active) + 1;
    });
    const { findings } = await analyzer.validatePolicy({ policyDocument: text, policyType: "IDENTITY_POLICY" });
    const want = findings.find((f) => f.issueCode === "PASS_ROLE_WITH_STAR_IN_RESOURCE").locations[0].span.start.line;
    assert(cursorLine === want, `the cursor is on line ${cursorLine}, the finding on ${want}`);
    await setEditor(page, "identity-1", text.replace('"Resource": "*"', '"Resource": "arn:aws:iam::111122223333:role/app"'));
    await page.waitForFunction(() => document.querySelector("#editor-identity-1 .findings")?.dataset.count === "0", null, { timeout: 10_000 });
  });

  test("analyzer: CheckNoNewAccess FAILs with reasons, and its example request decides Allow in the form", async (page) => {
    await open(page);
    await expectDecision(page, "Allow");
    await page.selectOption("#check-kind", "no-new-access");
    await page.selectOption("#check-policy", "identity-1");
    await page.selectOption("#check-existing", "");
    const existing = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::amzn-s3-demo-bucket" }] });
    await page.fill("#check-existing-text", existing);
    await page.click("#check-run");
    await page.waitForSelector('#check-result[data-result="FAIL"]', { timeout: 20_000 });
    const reasons = await page.$$eval("#check-reasons li", (els) => els.map((e) => e.dataset.statement));
    // The sample's statement 1 (ReadObjects) is the new access; statement 0 is the existing one.
    const ref = await analyzer.checkNoNewAccess({ newPolicyDocument: await editorText(page, "identity-1"), existingPolicyDocument: existing, policyType: "IDENTITY_POLICY" }, { engine: nodeEngine });
    assert(ref.result === "FAIL", `Node: ${ref.result}`);
    assert(JSON.stringify(reasons) === JSON.stringify(ref.reasons.map((r) => String(r.statementIndex))), `reasons ${reasons} vs ${JSON.stringify(ref.reasons)}`);
    assert(reasons.includes("1") && !reasons.includes("0"), `reasons ${reasons}`);
    const example = JSON.parse(await page.textContent("#check-example"));
    assert(/^s3:GetObject/.test(example.action), `example ${JSON.stringify(example)}`);
    await page.click("#check-load-example");
    assert((await page.inputValue("#req-action")) === example.action, "the form holds the example's action");
    assert((await page.inputValue("#req-resource")) === example.resource, "the form holds the example's resource");
    assert((await page.inputValue("#req-principal")) === example.principal, "the form holds the example's principal");
    await expectDecision(page, "Allow");
    await shot(page, "analyzer-custom-check");
  });

  test("analyzer: CheckNoNewAccess PASSes against a broader existing policy; CheckAccessNotGranted FAILs on a granted action", async (page) => {
    await open(page);
    await page.selectOption("#check-policy", "identity-1");
    await page.fill("#check-existing-text", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }));
    await page.click("#check-run");
    await page.waitForSelector('#check-result[data-result="PASS"]', { timeout: 20_000 });
    assert(!(await page.$("#check-load-example")), "no example on PASS");
    await page.selectOption("#check-kind", "access-not-granted");
    await page.fill("#check-actions", "s3:GetObject");
    await page.click("#check-run");
    await page.waitForSelector('#check-result[data-result="FAIL"]', { timeout: 20_000 });
    const example = JSON.parse(await page.textContent("#check-example"));
    assert(example.action === "s3:GetObject", `example ${JSON.stringify(example)}`);
    await page.fill("#check-actions", "s3:DeleteBucket");
    await page.click("#check-run");
    await page.waitForSelector('#check-result[data-result="PASS"]', { timeout: 20_000 });
  });

  test("analyzer: the policy builder writes a statement with no ERROR finding, and reads JSON edits back", async (page) => {
    await open(page);
    await page.click("#builder-open");
    await page.waitForSelector("#builder-form", { timeout: 20_000 });
    await page.selectOption("#builder-target", "identity-1");
    const count = JSON.parse(await editorText(page, "identity-1")).Statement.length;
    await page.selectOption("#builder-statement", String(count));
    // Search over the whole catalog, then an action by its access level.
    await page.fill("#builder-search", "s3:getobj");
    await page.click('#builder-search-results button[data-action="s3:GetObject"]');
    assert((await page.inputValue("#builder-service")) === "s3", "the search picked the service");
    await page.check('#builder-actions fieldset[data-level="Read"] input[data-action="s3:GetObjectVersion"]');
    // A resource from the action's resource type, drafted from its ARN template.
    await page.click('#builder-resources button[data-type="object"]');
    assert((await page.inputValue(".builder-resource")) === "arn:aws:s3:::*/*", "the ARN draft");
    await page.fill(".builder-resource", "arn:aws:s3:::amzn-s3-demo-bucket/reports/*");
    // A condition: the operators offered fit the key's type.
    await page.click("#builder-add-condition");
    await page.fill(".builder-key", "aws:SourceIp");
    await page.press(".builder-key", "Enter");
    await page.dispatchEvent(".builder-key", "change");
    const ops = await page.$$eval(".builder-op option", (os) => os.map((o) => o.value));
    assert(ops.includes("IpAddress") && ops.includes("NotIpAddress") && !ops.includes("StringEquals"), `operators for an IP key: ${ops}`);
    await page.selectOption(".builder-op", "IpAddress");
    await page.fill(".builder-values", "192.0.2.0/24");
    await page.waitForTimeout(100);
    const text = await editorText(page, "identity-1");
    const built = JSON.parse(text).Statement[count];
    const want = {
      Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: "arn:aws:s3:::amzn-s3-demo-bucket/reports/*",
      Condition: { IpAddress: { "aws:SourceIp": "192.0.2.0/24" } },
    };
    assert(JSON.stringify(built) === JSON.stringify(want), `the JSON holds ${JSON.stringify(built)}`);
    const { findings } = await analyzer.validatePolicy({ policyDocument: text, policyType: "IDENTITY_POLICY" });
    assert(findings.every((f) => f.findingType !== "ERROR"), `errors: ${findings.map((f) => f.issueCode)}`);
    await page.waitForFunction(() => document.querySelector("#editor-identity-1 .findings")?.dataset.count !== undefined, null, { timeout: 10_000 });
    assert(!(await page.$("#editor-identity-1 li.finding.error")), "the page shows no ERROR finding");
    await expectDecision(page, "Allow");
    await shot(page, "analyzer-builder");
    // The JSON edited by hand comes back into the builder.
    const edited = JSON.parse(text);
    edited.Statement[count] = { ...want, Effect: "Deny", Resource: ["arn:aws:s3:::amzn-s3-demo-bucket/private/*"] };
    await setEditor(page, "identity-1", JSON.stringify(edited, null, 2));
    await page.waitForFunction(() => document.querySelector("#builder-effect")?.value === "Deny", null, { timeout: 10_000 });
    assert((await page.inputValue(".builder-resource")) === "arn:aws:s3:::amzn-s3-demo-bucket/private/*", "the resource read back");
    assert(await page.isChecked('input[data-action="s3:GetObjectVersion"]'), "the actions read back");
    // A statement the builder cannot show says why.
    edited.Statement[count] = { Effect: "Allow", NotAction: "s3:*", Resource: "*" };
    await setEditor(page, "identity-1", JSON.stringify(edited, null, 2));
    await page.waitForFunction(() => document.querySelector("#builder-note")?.textContent.includes("NotAction"), null, { timeout: 10_000 });
  });

  test("analyzer: CheckNoPublicAccess FAILs on a public bucket policy with its reason, PASSes when restricted to an organization or an account", async (page) => {
    await open(page);
    const bucket = (statement) => JSON.stringify({ Version: "2012-10-17", Statement: [{
      Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*", ...statement,
    }] }, null, 2);
    const open_ = bucket({ Sid: "PublicRead", Principal: "*" });
    const org = bucket({ Sid: "OrgRead", Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } });
    const account = bucket({ Sid: "AccountRead", Principal: { AWS: "arn:aws:iam::111122223333:root" } });
    const ref = async (text) => analyzer.checkNoPublicAccess({ policyDocument: text, resourceType: "AWS::S3::Bucket" }, { engine: nodeEngine });
    const run = async (text, want) => {
      await setEditor(page, "resource", text);
      await page.click("#check-run");
      await page.waitForSelector(`#check-result[data-result="${want}"]`, { timeout: 20_000 });
      return ref(text);
    };
    await page.selectOption("#check-kind", "no-public-access");
    // The pane offers the resource editor and AWS's resource types for this check.
    assert((await page.inputValue("#check-policy")) === "resource", `the policy picked: ${await page.inputValue("#check-policy")}`);
    assert(await page.isVisible("#check-resource-type"), "the resource type is asked for");
    assert(!(await page.isVisible("#check-existing-text")), "no existing policy for this check");
    await page.selectOption("#check-resource-type", "AWS::S3::Bucket");
    const failed = await run(open_, "FAIL");
    assert(failed.result === "FAIL", `Node: ${JSON.stringify(failed)}`);
    const reasons = await page.$$eval("#check-reasons li", (els) => els.map((e) => ({ statement: e.dataset.statement, text: e.textContent })));
    assert(reasons.length === 1 && reasons[0].statement === "0", `reasons ${JSON.stringify(reasons)}`);
    assert(reasons[0].text.includes("PublicRead") && reasons[0].text.includes(failed.reasons[0].description), `reason ${reasons[0].text} vs ${failed.reasons[0].description}`);
    assert((await page.textContent("#check-verdict")).includes(failed.message), "the verdict's message is AWS's");
    const example = JSON.parse(await page.textContent("#check-example"));
    assert(example.action === "s3:GetObject" && example.resource.startsWith("arn:aws:s3:::amzn-s3-demo-bucket/"), `example ${JSON.stringify(example)}`);
    assert(!example.principal.includes(":111122223333:"), `the example's principal is an outsider: ${example.principal}`);
    await shot(page, "analyzer-no-public-access");
    for (const text of [org, account]) {
      const passed = await run(text, "PASS");
      assert(passed.result === "PASS", `Node: ${JSON.stringify(passed)}`);
      assert(!(await page.$("#check-load-example")), "no example on PASS");
      assert(!(await page.$("#check-reasons")), "no reasons on PASS");
    }
  });

  test("analyzer: the builder sets a bucket policy's Principal (no ERROR finding), reads Principal edits back and keeps NotPrincipal", async (page) => {
    await open(page);
    await page.click("#builder-open");
    await page.waitForSelector("#builder-form", { timeout: 20_000 });
    await page.selectOption("#builder-target", "resource");
    await page.waitForSelector("#builder-principal", { timeout: 10_000 });
    await page.fill("#builder-search", "s3:getobj");
    await page.click('#builder-search-results button[data-action="s3:GetObject"]');
    await page.click('#builder-resources button[data-type="object"]');
    await page.fill(".builder-resource", "arn:aws:s3:::amzn-s3-demo-bucket/reports/*");
    // One principal to fill in (an account), then a second of another type.
    assert((await page.inputValue(".builder-principal-type")) === "AWS", "a resource policy's first principal is an AWS one");
    await page.fill(".builder-principal-value", "111122223333");
    await page.click("#builder-add-principal");
    await page.selectOption('.builder-principal[data-index="1"] .builder-principal-type', "Service");
    await page.fill('.builder-principal[data-index="1"] .builder-principal-value', "cloudtrail.amazonaws.com");
    await page.waitForTimeout(100);
    const text = await editorText(page, "resource");
    const built = JSON.parse(text).Statement[0];
    const want = {
      Effect: "Allow", Principal: { AWS: "111122223333", Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetObject",
      Resource: "arn:aws:s3:::amzn-s3-demo-bucket/reports/*",
    };
    assert(JSON.stringify(built) === JSON.stringify(want), `the JSON holds ${JSON.stringify(built)}`);
    const { findings } = await analyzer.validatePolicy({ policyDocument: text, policyType: "RESOURCE_POLICY", validatePolicyResourceType: "AWS::S3::Bucket" });
    assert(findings.every((f) => f.findingType !== "ERROR"), `errors: ${findings.map((f) => f.issueCode)}`);
    await page.waitForFunction(() => document.querySelector("#editor-resource .findings")?.dataset.count !== undefined, null, { timeout: 10_000 });
    assert(!(await page.$("#editor-resource li.finding.error")), "the page shows no ERROR finding");
    // Anyone: Principal "*".
    await page.check("#builder-anyone");
    await page.waitForFunction(() => !document.querySelector(".builder-principal"), null, { timeout: 10_000 });
    assert(JSON.parse(await editorText(page, "resource")).Statement[0].Principal === "*", "anyone is written as *");
    await shot(page, "analyzer-builder-principal");
    // A Principal edited in the JSON comes back into the builder.
    const edited = { Version: "2012-10-17", Statement: [{ ...want, Principal: { AWS: ["arn:aws:iam::444455556666:role/reader", "999988887777"] } }] };
    await setEditor(page, "resource", JSON.stringify(edited, null, 2));
    await page.waitForFunction(() => document.querySelectorAll(".builder-principal-value").length === 2, null, { timeout: 10_000 });
    const values = await page.$$eval(".builder-principal-value", (els) => els.map((e) => e.value));
    assert(JSON.stringify(values) === JSON.stringify(["arn:aws:iam::444455556666:role/reader", "999988887777"]), `read back ${values}`);
    assert(!(await page.isChecked("#builder-anyone")), "not anyone");
    // NotPrincipal is kept as written while the builder changes the statement.
    const notPrincipal = { AWS: "arn:aws:iam::444455556666:root" };
    const deny = { Version: "2012-10-17", Statement: [{ Effect: "Deny", NotPrincipal: notPrincipal, Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*" }] };
    await setEditor(page, "resource", JSON.stringify(deny, null, 2));
    await page.waitForSelector("#builder-not-principal", { timeout: 10_000 });
    await page.check('#builder-actions input[data-action="s3:GetObjectVersion"]');
    await page.waitForTimeout(100);
    const kept = JSON.parse(await editorText(page, "resource")).Statement[0];
    assert(JSON.stringify(kept.NotPrincipal) === JSON.stringify(notPrincipal), `NotPrincipal ${JSON.stringify(kept.NotPrincipal)}`);
    assert(JSON.stringify(kept.Action) === JSON.stringify(["s3:GetObject", "s3:GetObjectVersion"]), `actions ${JSON.stringify(kept.Action)}`);
  });
}
