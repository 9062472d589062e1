/**
 * @module analyzer/checks/extra-table
 * Findings iam-edge adds beyond AWS's policy checks, each with the public source of its rule
 * (docs/analyzer.md, "Beyond AWS's checks"). They use Access Analyzer's finding shape and types;
 * their issue codes start with `IAM_EDGE_` so they can never be mistaken for AWS's.
 */
import type { CheckSpec } from "./table.ts";

export interface ExtraSpec extends CheckSpec {
  learnMoreLink: string;
}

const CLOUDSPLAINING = "https://github.com/salesforce/cloudsplaining/blob/master/docs/glossary";

export const EXTRA_CHECKS = {
  IAM_EDGE_PRIVILEGE_ESCALATION: {
    type: "SECURITY_WARNING", title: "Privilege escalation", anchor: "",
    details: "The statement allows {{actions}}, which together let a principal raise its own permissions ({{method}}). Restrict these actions to specific resources or remove them.",
    learnMoreLink: `${CLOUDSPLAINING}/privilege-escalation.md`,
  },
  IAM_EDGE_DATA_EXFILTRATION: {
    type: "SECURITY_WARNING", title: "Data exfiltration", anchor: "",
    details: "The statement allows {{actions}} on all resources: actions that read data out of an account (secrets, objects, parameters, keys). Restrict them to specific resources.",
    learnMoreLink: `${CLOUDSPLAINING}/data-exfiltration.md`,
  },
  IAM_EDGE_RESOURCE_EXPOSURE: {
    type: "SECURITY_WARNING", title: "Resource exposure", anchor: "",
    details: "The statement allows {{actions}} on all resources: actions that change who may access a resource (resource policies, ACLs, sharing). Restrict them to specific resources.",
    learnMoreLink: `${CLOUDSPLAINING}/resource-exposure.md`,
  },
  IAM_EDGE_CREDENTIALS_EXPOSURE: {
    type: "SECURITY_WARNING", title: "Credentials exposure", anchor: "",
    details: "The statement allows {{actions}} on all resources: actions that return credentials or tokens. Restrict them to specific resources.",
    learnMoreLink: `${CLOUDSPLAINING}/credentials-exposure.md`,
  },
  IAM_EDGE_FULL_ADMIN: {
    type: "SECURITY_WARNING", title: "Full administrator access", anchor: "",
    details: "The statement allows every action on every resource (\"Action\": \"*\", \"Resource\": \"*\"). Grant only the permissions the principal needs.",
    learnMoreLink: "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1",
  },
  IAM_EDGE_SERVICE_WILDCARD: {
    type: "SECURITY_WARNING", title: "Wildcard service actions", anchor: "",
    details: "The statement allows every action of {{services}} on all resources. Grant only the actions the principal needs.",
    learnMoreLink: "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21",
  },
} as const satisfies Record<string, ExtraSpec>;

export type ExtraCode = keyof typeof EXTRA_CHECKS;
