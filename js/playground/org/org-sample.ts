/**
 * @module playground/org/org-sample
 * The sample organization (in the view's input format, org-input.ts): a management account, two
 * OUs, three member accounts, an SCP on the Sandbox OU that denies deleting S3 data (the shape of
 * the AWS Organizations User Guide's "Example service control policies"), an SCP on Workloads that
 * keeps accounts in the organization, and an RCP on the root that denies S3 requests without
 * TLS (the "Enforce secure transport" shape of "Resource control policy examples").
 */
import type { OrgDocument } from "./org-input.ts";

export const SAMPLE_ORGANIZATION: OrgDocument = {
  ManagementAccountId: "111111111111",
  Policies: [
    {
      Name: "DenyS3Delete",
      Type: "SERVICE_CONTROL_POLICY",
      Description: "Sandbox accounts may not delete S3 buckets or objects",
      Content: { Version: "2012-10-17", Statement: [{ Sid: "DenyS3Delete", Effect: "Deny", Action: ["s3:DeleteBucket", "s3:DeleteObject"], Resource: "*" }] },
    },
    {
      Name: "DenyLeaveOrganization",
      Type: "SERVICE_CONTROL_POLICY",
      Description: "Member accounts stay in the organization",
      Content: { Version: "2012-10-17", Statement: [{ Sid: "DenyLeave", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }] },
    },
    {
      Name: "EnforceSecureTransport",
      Type: "RESOURCE_CONTROL_POLICY",
      Description: "S3 requests must use TLS",
      Content: {
        Version: "2012-10-17",
        Statement: [{ Sid: "EnforceSecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }],
      },
    },
  ],
  Root: {
    Policies: ["EnforceSecureTransport"],
    Accounts: [{ Id: "111111111111", Name: "Management" }],
    OrganizationalUnits: [
      { Name: "Workloads", Policies: ["DenyLeaveOrganization"], Accounts: [{ Id: "222222222222", Name: "prod" }] },
      { Name: "Sandbox", Policies: ["DenyS3Delete"], Accounts: [{ Id: "333333333333", Name: "dev" }, { Id: "444444444444", Name: "test" }] },
    ],
  },
};

export const SAMPLE_ORGANIZATION_TEXT = JSON.stringify(SAMPLE_ORGANIZATION, null, 2);
