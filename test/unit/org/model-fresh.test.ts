/** js/edge/org-api/model.ts is what generate.mjs writes from the pinned @aws-sdk/client-organizations (Node only: it runs node). */
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";

it("the generated Organizations model is current", () => {
  const r = spawnSync(process.execPath, ["js/edge/org-api/generate.mjs", "--check"], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});
