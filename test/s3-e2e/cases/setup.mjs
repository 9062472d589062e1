/**
 * @module test/s3-e2e/cases/setup
 * The callers of the S3 end-to-end tests, made through the service's own IAM and STS APIs with
 * the SDK (as a user would): in the local account, alice (her home prefix, and listing it), bob
 * (no policy) and a role Reader that alice assumes (a role session); in the second account,
 * carol (her side of a cross-account read and write).
 */
import { AttachRolePolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { sdk } from "../../edge-e2e/clients.mjs";

export const SHARED = "e2e-shared";
const doc = (Statement) => JSON.stringify({ Version: "2012-10-17", Statement });

async function user(admin, name, statements) {
  await admin.iam.send(new CreateUserCommand({ UserName: name }));
  if (statements) await admin.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: "s3", PolicyDocument: doc(statements) }));
  const { AccessKey } = await admin.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
}

export async function setUpCallers(t) {
  const a = sdk(t.origin, t.root);
  t.alice = await user(a, "alice", [
    { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `arn:aws:s3:::${SHARED}/home/\${aws:username}/*` },
    { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${SHARED}`, Condition: { StringLike: { "s3:prefix": "home/${aws:username}/*" } } },
  ]);
  t.bob = await user(a, "bob");
  await a.iam.send(new CreateRoleCommand({ RoleName: "Reader", AssumeRolePolicyDocument: doc([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${t.accountId}:user/alice` }, Action: "sts:AssumeRole" }]) }));
  const { Policy } = await a.iam.send(new CreatePolicyCommand({ PolicyName: "SharedRead", PolicyDocument: doc([{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${SHARED}/*` }]) }));
  await a.iam.send(new AttachRolePolicyCommand({ RoleName: "Reader", PolicyArn: Policy.Arn }));
  const { Credentials } = await sdk(t.origin, t.alice).sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${t.accountId}:role/Reader`, RoleSessionName: "e2e" }));
  t.reader = { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken };
  t.carol = await user(sdk(t.origin, t.other.root), "carol", [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::${SHARED}/*` }]);
}
