/**
 * @module analyzer/account/controls
 * The account recommendations: each with AWS Security Hub's control id where one exists
 * ("AWS Security Hub controls for IAM", IAM.1 to IAM.22; the CIS AWS Foundations Benchmark
 * behind IAM.11 to IAM.17), or IAM Access Analyzer's unused-access finding type, and the page
 * that explains it. Finding types follow Access Analyzer's scale so `lint --fail-on` treats
 * them as it treats policy findings.
 */
import type { FindingType } from "../types.ts";

export interface ControlSpec {
  type: FindingType;
  control?: string;
  title: string;
  link: string;
}

const HUB = "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html";
const UNUSED = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings-view.html";

export const CONTROLS = {
  FULL_ADMIN_POLICY: { type: "SECURITY_WARNING", control: "IAM.1", title: "IAM policies should not allow full \"*\" administrative privileges", link: `${HUB}#iam-1` },
  USER_HAS_POLICIES: { type: "SUGGESTION", control: "IAM.2", title: "IAM users should not have IAM policies attached", link: `${HUB}#iam-2` },
  ACCESS_KEY_NOT_ROTATED: { type: "WARNING", control: "IAM.3", title: "IAM users' access keys should be rotated every 90 days or less", link: `${HUB}#iam-3` },
  ROOT_ACCESS_KEY: { type: "SECURITY_WARNING", control: "IAM.4", title: "IAM root user access key should not exist", link: `${HUB}#iam-4` },
  CONSOLE_USER_WITHOUT_MFA: { type: "WARNING", control: "IAM.5", title: "MFA should be enabled for all IAM users that have a console password", link: `${HUB}#iam-5` },
  NO_PASSWORD_POLICY: { type: "WARNING", control: "IAM.7", title: "Password policies for IAM users should have strong configurations", link: `${HUB}#iam-7` },
  CREDENTIALS_UNUSED_90_DAYS: { type: "WARNING", control: "IAM.8", title: "Unused IAM user credentials should be removed", link: `${HUB}#iam-8` },
  PASSWORD_POLICY_NO_UPPERCASE: { type: "WARNING", control: "IAM.11", title: "Ensure IAM password policy requires at least one uppercase letter", link: `${HUB}#iam-11` },
  PASSWORD_POLICY_NO_LOWERCASE: { type: "WARNING", control: "IAM.12", title: "Ensure IAM password policy requires at least one lowercase letter", link: `${HUB}#iam-12` },
  PASSWORD_POLICY_NO_SYMBOLS: { type: "WARNING", control: "IAM.13", title: "Ensure IAM password policy requires at least one symbol", link: `${HUB}#iam-13` },
  PASSWORD_POLICY_NO_NUMBERS: { type: "WARNING", control: "IAM.14", title: "Ensure IAM password policy requires at least one number", link: `${HUB}#iam-14` },
  PASSWORD_POLICY_SHORT: { type: "WARNING", control: "IAM.15", title: "Ensure IAM password policy requires minimum password length of 14 or greater", link: `${HUB}#iam-15` },
  PASSWORD_POLICY_REUSE: { type: "WARNING", control: "IAM.16", title: "Ensure IAM password policy prevents password reuse", link: `${HUB}#iam-16` },
  PASSWORD_POLICY_NO_EXPIRY: { type: "WARNING", control: "IAM.17", title: "Ensure IAM password policy expires passwords within 90 days or less", link: `${HUB}#iam-17` },
  NO_SUPPORT_ROLE: { type: "SUGGESTION", control: "IAM.18", title: "Ensure a support role has been created to manage incidents with AWS Support", link: `${HUB}#iam-18` },
  SERVICE_WILDCARD_POLICY: { type: "SUGGESTION", control: "IAM.21", title: "IAM customer managed policies that you create should not allow wildcard actions for services", link: `${HUB}#iam-21` },
  CREDENTIALS_UNUSED_45_DAYS: { type: "WARNING", control: "IAM.22", title: "IAM user credentials unused for 45 days should be removed", link: `${HUB}#iam-22` },
  INLINE_POLICY: { type: "SUGGESTION", title: "Prefer managed policies to inline policies", link: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-use-aws-defined-policies" },
  UNUSED_IAM_ROLE: { type: "SUGGESTION", title: "Unused role (Access Analyzer: UnusedIAMRole)", link: UNUSED },
  TRUST_POLICY_ANY_PRINCIPAL: { type: "SECURITY_WARNING", title: "Role trust policy allows any principal", link: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous" },
  TRUST_POLICY_UNKNOWN_ACCOUNT: { type: "WARNING", title: "Role trust policy trusts an account outside the known ones", link: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html" },
} as const satisfies Record<string, ControlSpec>;

export type RecommendationCode = keyof typeof CONTROLS;

export type AccountResourceType = "AWS::IAM::User" | "AWS::IAM::Role" | "AWS::IAM::Group" | "AWS::IAM::Policy" | "AWS::::Account";

/** One recommendation, in the words of Access Analyzer's findings where they fit. */
export interface AccountRecommendation {
  issueCode: RecommendationCode;
  findingType: FindingType;
  /** AWS Security Hub's control id (`IAM.4`), when one covers the case. */
  securityHubControl?: string;
  title: string;
  resourceType: AccountResourceType;
  /** The ARN of the user, role, group or policy; the root user's ARN for account-wide ones. */
  resource: string;
  findingDetails: string;
  learnMoreLink: string;
}

export function recommendation(code: RecommendationCode, resourceType: AccountResourceType, resource: string, details: string): AccountRecommendation {
  const spec: ControlSpec = CONTROLS[code];
  const r: AccountRecommendation = { issueCode: code, findingType: spec.type, title: spec.title, resourceType, resource, findingDetails: details, learnMoreLink: spec.link };
  if (spec.control) r.securityHubControl = spec.control;
  return r;
}
