/**
 * @module org/aws-managed
 * The AWS managed organization policies AWS attaches by default:
 *
 * - `FullAWSAccess` (`p-FullAWSAccess`), an SCP that allows every action: attached to the root,
 *   every OU and every account when SCPs are enabled ("SCP evaluation": "This is why when you
 *   enable SCPs, AWS Organizations attaches an AWS managed SCP policy named FullAWSAccess");
 * - `RCPFullAWSAccess` (`p-RCPFullAWSAccess`), an RCP that allows every principal and action:
 *   attached to the root, every OU and every account when RCPs are enabled, and it cannot be
 *   detached ("RCP syntax": "This policy is automatically attached to the organization root, every
 *   OU, and every account in your organization, when you enable resource control policies
 *   (RCPs). You cannot detach this policy.").
 */
import type { PolicyState, PolicyType } from "./shapes.ts";

export const FULL_AWS_ACCESS_ID = "p-FullAWSAccess";
export const RCP_FULL_AWS_ACCESS_ID = "p-RCPFullAWSAccess";

const FULL_AWS_ACCESS: PolicyState = {
  Id: FULL_AWS_ACCESS_ID, Name: "FullAWSAccess", Type: "SERVICE_CONTROL_POLICY", AwsManaged: true,
  Description: "Allows access to every operation",
  Content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
};

const RCP_FULL_AWS_ACCESS: PolicyState = {
  Id: RCP_FULL_AWS_ACCESS_ID, Name: "RCPFullAWSAccess", Type: "RESOURCE_CONTROL_POLICY", AwsManaged: true,
  Description: "Allows access to every operation",
  Content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }),
};

export const AWS_MANAGED_POLICIES: readonly PolicyState[] = [FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS];

/** The default policy of a type: attached to every target when the type is enabled. */
export function defaultPolicyOf(type: PolicyType): PolicyState {
  return type === "SERVICE_CONTROL_POLICY" ? FULL_AWS_ACCESS : RCP_FULL_AWS_ACCESS;
}
