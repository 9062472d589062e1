/**
 * @module playground/sso/sso-sample
 * The sample IAM Identity Center instance, for the sample organization's accounts
 * (org/org-sample.ts): two users, a group, two permission sets, and assignments to a user and
 * to the group (IAM Identity Center User Guide, "Assign user or group access to AWS accounts").
 * Built through the instance's own operations (identity-center-sandbox.ts).
 */

export interface SamplePermissionSet {
  Name: string;
  Description: string;
  SessionDuration: string;
  ManagedPolicyArns: string[];
  InlinePolicy?: object;
}

export interface SampleAssignment {
  /** A user's UserName or a group's DisplayName. */
  principal: string;
  PrincipalType: "USER" | "GROUP";
  PermissionSet: string;
  AccountId: string;
}

export interface SampleInstance {
  users: { UserName: string; DisplayName: string }[];
  groups: { DisplayName: string; members: string[] }[];
  permissionSets: SamplePermissionSet[];
  assignments: SampleAssignment[];
}

export const SAMPLE_INSTANCE: SampleInstance = {
  users: [
    { UserName: "alice", DisplayName: "Alice Rivera" },
    { UserName: "bob", DisplayName: "Bob Chen" },
  ],
  groups: [{ DisplayName: "Developers", members: ["bob"] }],
  permissionSets: [
    {
      Name: "AdministratorAccess",
      Description: "Full access (the AWS managed AdministratorAccess policy)",
      SessionDuration: "PT4H",
      ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    },
    {
      Name: "S3Developer",
      Description: "Read and write objects, list buckets",
      SessionDuration: "PT8H",
      ManagedPolicyArns: [],
      InlinePolicy: {
        Version: "2012-10-17",
        Statement: [{ Sid: "S3Objects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"], Resource: "*" }],
      },
    },
  ],
  assignments: [
    { principal: "alice", PrincipalType: "USER", PermissionSet: "AdministratorAccess", AccountId: "222222222222" },
    { principal: "alice", PrincipalType: "USER", PermissionSet: "AdministratorAccess", AccountId: "333333333333" },
    { principal: "Developers", PrincipalType: "GROUP", PermissionSet: "S3Developer", AccountId: "333333333333" },
    { principal: "Developers", PrincipalType: "GROUP", PermissionSet: "S3Developer", AccountId: "444444444444" },
  ],
};
