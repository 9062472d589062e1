/**
 * @module test/runtimes/browser/page
 * The page side of the browser tests. The page maps `"iam-edge"` to /dist/browser.js with an
 * import map, so the built package loads as a browser loads it: browser.js fetches engine.wasm
 * from beside itself and compiles it while streaming. `window.runSuite(input)` runs the shared
 * suite plus the browser-only checks and returns one result per test.
 */
import * as api from "iam-edge";
import { sharedSuite, type Api, type SharedTest } from "../../shared/suite.ts";
import type { SuiteInput } from "../../shared/cases.ts";
import { EXAMPLE_OUTPUT, captureConsole } from "../../shared/example.ts";
import { deepEqual, equal, ok } from "../../shared/assert.ts";
import { applyOrganization, GuardrailCompiler, Organization } from "../../../js/org/index.ts";
import { samlBrowserTests } from "./saml-tests.ts";

export interface PageResult {
  name: string;
  ok: boolean;
  error?: string;
}

const wasmUrl = new URL("/dist/engine.wasm", location.href).href;
const bytes = async () => new Uint8Array(await (await fetch(wasmUrl)).arrayBuffer());

/** "SCP evaluation": an OU's Deny decides a member account's request, derived from the tree (js/org, from source, on the built engine). */
async function organizationScp(): Promise<void> {
  const M = "111111111111";
  const member = "222222222222";
  const engine = await api.createEngine();
  const org = Organization.create(M);
  const root = org.listRoots(M).Roots[0].Id;
  org.enablePolicyType(M, { RootId: root, PolicyType: "SERVICE_CONTROL_POLICY" });
  const { CreateAccountStatus } = org.createAccount(M, { Email: "m@example.com", AccountName: "m" }, () => member);
  org.completeCreateAccount(CreateAccountStatus.Id, { ok: true });
  const ou = org.createOrganizationalUnit(M, { ParentId: root, Name: "Sandbox" }).OrganizationalUnit.Id;
  org.moveAccount(M, { AccountId: member, SourceParentId: root, DestinationParentId: ou });
  const deny = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }] });
  const p = org.createPolicy(M, { Name: "DenyS3", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: deny }).Policy.PolicySummary.Id;
  org.attachPolicy(M, { PolicyId: p, TargetId: ou });
  const account = await api.Account.create({ accountId: member, engine });
  await account.createUser({ UserName: "admin" });
  await account.putUserPolicy({ UserName: "admin", PolicyName: "all", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) });
  applyOrganization(account as never, org, new GuardrailCompiler(engine as never));
  const admin = `arn:aws:iam::${member}:user/admin`;
  const denied = account.authorizePrincipal(admin, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" });
  equal(denied.decision, "ExplicitDeny", "s3 under the OU's SCP");
  equal(denied.matchedStatements[0]?.policyId, p, "the SCP's statement decided");
  equal(account.authorizePrincipal(admin, { action: "ec2:RunInstances" }).decision, "Allow", "ec2 passes every level");
}

function browserTests(): SharedTest[] {
  return [
    { name: "browser: an organization's OU SCP denies a member account's request (js/org)", fn: organizationScp },
    {
      name: "browser: createEngine() fetched engine.wasm from beside dist/browser.js",
      fn: async () => {
        await api.createEngine();
        ok(performance.getEntriesByName(wasmUrl).length > 0, `no fetch of ${wasmUrl}`);
      },
    },
    {
      name: "browser: a server that does not send application/wasm still works (arrayBuffer fallback)",
      fn: async () => {
        const response = await fetch("/plain/engine.wasm");
        equal(response.headers.get("content-type"), "application/octet-stream", "content type");
        const e = await api.createEngine(response);
        ok(e instanceof api.Engine, "an engine");
      },
    },
    {
      name: "browser: the README example (examples/node/decide.mjs) runs unchanged and prints the same lines",
      fn: async () => {
        const path = "/examples/node/decide.mjs";
        deepEqual(await captureConsole(() => import(/* @vite-ignore */ path)), EXAMPLE_OUTPUT, "output");
      },
    },
  ];
}

async function runSuite(input: SuiteInput): Promise<PageResult[]> {
  const tests = [
    ...browserTests(),
    ...samlBrowserTests(api),
    ...sharedSuite({ ...input, runtime: "chromium", api: api as unknown as Api, bytes, module: async () => WebAssembly.compile(await bytes()) }),
  ];
  const results: PageResult[] = [];
  for (const t of tests) {
    let error: string | undefined;
    try {
      await t.fn();
    } catch (err) {
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    if (t.fails) {
      // A known difference must still fail; if it passes, the known-differences entry is stale.
      results.push({ name: `${t.name} (known difference: ${t.fails})`, ok: error !== undefined, error: error ? undefined : "expected to fail (known difference) but passed" });
    } else {
      results.push({ name: t.name, ok: error === undefined, error });
    }
  }
  return results;
}

(globalThis as unknown as { runSuite: typeof runSuite }).runSuite = runSuite;
document.title = "ready";
