/**
 * @module analyzer/security/escalation-methods
 * Privilege-escalation methods: sets of actions that, granted together on all resources, let a
 * principal give itself more permissions. The list follows the public write-ups cloudsplaining
 * catalogues in its documentation ("Privilege Escalation Findings", docs/glossary of
 * salesforce/cloudsplaining, BSD-3-Clause), which come from Rhino Security Labs' "AWS
 * Privilege Escalation – Methods and Mitigation" and from pathfinding.cloud (Datadog), grouped
 * as Bishop Fox groups them. Only the names and action sets are taken, as facts; the code is
 * ours.
 */

export interface EscalationMethod {
  name: string;
  actions: string[];
  source: string;
}

const RHINO = "Rhino Security Labs, AWS privilege escalation methods";
const PATHFINDING = "pathfinding.cloud";

const m = (name: string, actions: string[], source = RHINO): EscalationMethod => ({ name, actions, source });

export const ESCALATION_METHODS: EscalationMethod[] = [
  // IAM permissions on other users
  m("CreateAccessKey", ["iam:CreateAccessKey"]),
  m("CreateLoginProfile", ["iam:CreateLoginProfile"]),
  m("UpdateLoginProfile", ["iam:UpdateLoginProfile"]),
  m("AddUserToGroup", ["iam:AddUserToGroup"]),
  // Permissions on policies
  m("CreateNewPolicyVersion", ["iam:CreatePolicyVersion"]),
  m("SetExistingDefaultPolicyVersion", ["iam:SetDefaultPolicyVersion"]),
  m("AttachUserPolicy", ["iam:AttachUserPolicy"]),
  m("AttachGroupPolicy", ["iam:AttachGroupPolicy"]),
  m("AttachRolePolicy", ["iam:AttachRolePolicy"]),
  m("PutUserPolicy", ["iam:PutUserPolicy"]),
  m("PutGroupPolicy", ["iam:PutGroupPolicy"]),
  m("PutRolePolicy", ["iam:PutRolePolicy"]),
  // Updating an AssumeRole policy
  m("UpdatingAssumeRolePolicy", ["iam:UpdateAssumeRolePolicy"]),
  // iam:PassRole to a service that runs the caller's code
  m("CreateEC2WithExistingIP", ["iam:PassRole", "ec2:RunInstances"]),
  m("PassExistingRoleToNewLambdaThenInvoke", ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]),
  m("PassExistingRoleToNewLambdaThenTriggerWithDynamo", ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"]),
  m("EditExistingLambdaFunctionWithRole", ["lambda:UpdateFunctionCode"]),
  m("PassExistingRoleToNewGlueDevEndpoint", ["iam:PassRole", "glue:CreateDevEndpoint"]),
  m("PassExistingRoleToCloudFormation", ["iam:PassRole", "cloudformation:CreateStack"]),
  m("PassExistingRoleToNewDataPipeline", ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"]),
  // AWS services
  m("UpdateExistingGlueDevEndpoint", ["glue:UpdateDevEndpoint"]),
  // pathfinding.cloud additions
  m("PassExistingRoleToNewAppRunnerService", ["iam:PassRole", "apprunner:CreateService"], PATHFINDING),
  m("PassExistingRoleToNewCloudFormationStackSet", ["iam:PassRole", "cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"], PATHFINDING),
  m("ExecuteCloudFormationChangeSet", ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"], PATHFINDING),
  m("PassExistingRoleToNewCodeBuildProjectThenBuild", ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"], PATHFINDING),
  m("ModifyEC2InstanceUserDataThenRestart", ["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"], PATHFINDING),
  m("PassExistingRoleToNewEC2SpotInstance", ["iam:PassRole", "ec2:RequestSpotInstances"], PATHFINDING),
  m("ModifyExistingEC2LaunchTemplate", ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"], PATHFINDING),
  m("PassExistingRoleToNewECSTaskViaRunTask", ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"], PATHFINDING),
  m("PassExistingRoleToNewECSService", ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"], PATHFINDING),
  m("ECSExecuteCommandOnRunningTask", ["ecs:ExecuteCommand", "ecs:DescribeTasks"], PATHFINDING),
  m("PassExistingRoleToNewGlueJobThenRun", ["iam:PassRole", "glue:CreateJob", "glue:StartJobRun"], PATHFINDING),
  m("PassExistingRoleToUpdatedGlueJobThenRun", ["iam:PassRole", "glue:UpdateJob", "glue:StartJobRun"], PATHFINDING),
  m("UpdateAndInvokeLambdaFunction", ["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], PATHFINDING),
  m("PassExistingRoleToNewSageMakerNotebookInstance", ["iam:PassRole", "sagemaker:CreateNotebookInstance"], PATHFINDING),
  m("PassExistingRoleToNewSageMakerTrainingJob", ["iam:PassRole", "sagemaker:CreateTrainingJob"], PATHFINDING),
  m("PassExistingRoleToNewSageMakerProcessingJob", ["iam:PassRole", "sagemaker:CreateProcessingJob"], PATHFINDING),
  m("CreatePresignedSageMakerNotebookUrl", ["sagemaker:CreatePresignedNotebookInstanceUrl"], PATHFINDING),
];

/** cloudsplaining's "Data Exfiltration" actions (docs/glossary/data-exfiltration.md). */
export const DATA_EXFILTRATION = [
  "s3:GetObject", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "secretsmanager:GetSecretValue",
  "rds:CopyDBSnapshot", "rds:CreateDBSnapshot",
];

/** cloudsplaining's "Credentials Exposure" actions (docs/glossary/credentials-exposure.md). */
export const CREDENTIALS_EXPOSURE = [
  "codepipeline:PollForJobs", "cognito-identity:GetOpenIdToken", "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
  "cognito-identity:GetCredentialsForIdentity", "connect:GetFederationToken", "connect:GetFederationTokens",
  "ecr:GetAuthorizationToken", "gamelift:RequestUploadCredentials", "iam:CreateAccessKey", "iam:CreateLoginProfile",
  "iam:CreateServiceSpecificCredential", "iam:ResetServiceSpecificCredential", "iam:UpdateAccessKey",
  "lightsail:GetInstanceAccessDetails", "lightsail:GetRelationalDatabaseMasterUserPassword", "rds-db:Connect",
  "redshift:GetClusterCredentials", "sso:GetRoleCredentials", "mediapackage:RotateChannelCredentials",
  "mediapackage:RotateIngestEndpointCredentials", "sts:AssumeRole", "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity", "sts:GetFederationToken", "sts:GetSessionToken",
];
