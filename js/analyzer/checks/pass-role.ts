/**
 * @module analyzer/checks/pass-role
 * The PassRole and CreateServiceLinkedRole families of AWS's check reference ("Pass role with
 * star in resource", "... with NotResource", "Create SLR with ..."): an Allow statement that
 * grants `iam:PassRole` (or `iam:CreateServiceLinkedRole`) on many roles. Which code depends on
 * how the action is granted (named, by a wildcard, or through NotAction) and how the resource is
 * given (a wildcard that reaches roles, or NotResource). A statement conditioned on
 * `iam:PassedToService` (`iam:AWSServiceName` for service-linked roles) scopes the grant, as
 * the findings' own advice says, so it is not flagged for its wildcard resource.
 */
import { itemsNaming } from "../action-matchers.ts";
import type { PolicyContext, StatementView } from "../context.ts";
import type { At } from "../tree.ts";
import type { IssueCode } from "./table.ts";
import { globsIntersect } from "./glob.ts";

interface Family {
  action: string;
  /** ARNs the action applies to, as a glob. */
  roles: string;
  scopingKey: string;
  codes: Record<"star" | "starAction" | "notAction" | "notResource" | "starActionNotResource" | "notActionNotResource", IssueCode>;
}

const FAMILIES: Family[] = [
  {
    action: "iam:PassRole", roles: "arn:*:iam::*:role/*", scopingKey: "iam:passedtoservice",
    codes: {
      star: "PASS_ROLE_WITH_STAR_IN_RESOURCE", starAction: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", notAction: "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
      notResource: "PASS_ROLE_WITH_NOT_RESOURCE", starActionNotResource: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", notActionNotResource: "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
    },
  },
  {
    action: "iam:CreateServiceLinkedRole", roles: "arn:*:iam::*:role/aws-service-role/*", scopingKey: "iam:awsservicename",
    codes: {
      star: "CREATE_SLR_WITH_STAR_IN_RESOURCE", starAction: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", notAction: "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
      notResource: "CREATE_SLR_WITH_NOT_RESOURCE", starActionNotResource: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", notActionNotResource: "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE",
    },
  },
];

export function checkPassRole(ctx: PolicyContext, s: StatementView): void {
  if (s.effect !== "Allow" || ctx.policyType !== "IDENTITY_POLICY") return;
  for (const f of FAMILIES) checkFamily(ctx, s, f);
}

function checkFamily(ctx: PolicyContext, s: StatementView, f: Family): void {
  const grant = howGranted(s, f.action);
  if (!grant) return;
  if (s.notResource) {
    ctx.sink.add(grant === "named" ? f.codes.notResource : grant === "wildcard" ? f.codes.starActionNotResource : f.codes.notActionNotResource, s.notResource);
    return;
  }
  const stars: At[] = s.resources.filter((r) => /[*?]/.test(r.text) && globsIntersect(r.text.replace(/\$\{[^}]*\}/g, "*"), f.roles)).map((r) => r.at);
  if (stars.length === 0 || s.conditions.some((c) => c.key.toLowerCase() === f.scopingKey)) return;
  ctx.sink.add(grant === "named" ? f.codes.star : grant === "wildcard" ? f.codes.starAction : f.codes.notAction, stars);
}

/** How the statement grants `action`: named exactly, through a wildcard, through NotAction, or not at all. */
export function howGranted(s: StatementView, action: string): "named" | "wildcard" | "notAction" | undefined {
  const items = itemsNaming(s, action);
  if (s.notAction) return items.length ? undefined : "notAction";
  if (items.some((i) => s.actions[i].text.toLowerCase() === action.toLowerCase())) return "named";
  return items.length ? "wildcard" : undefined;
}
