// A user's Worker, type-checked against dist/types: the edge API's public shapes.
import { createEngine, Account } from "iam-edge";
import { verifySigV4, iamFetch, iamAuthorizer, modelCredentials, type VerifyResult, type DecisionRecord, type SigV4Failure } from "iam-edge/edge";

const account = await Account.create({ accountId: "111122223333", engine: await createEngine() });
const records: DecisionRecord[] = [];
export const handler: (request: Request) => Promise<Response> = iamFetch(
  { accounts: account, service: "execute-api", executeApi: { accountId: "111122223333", apiId: "orders" }, onDecision: (r) => { records.push(r); } },
  (request, outcome) => new Response(`${outcome.principal} ${request.method}`),
);
export const middleware = iamAuthorizer({ accounts: account, service: "s3" });

export async function check(request: Request): Promise<string> {
  const v: VerifyResult = await verifySigV4(request, { credentials: async ({ accessKeyId }) => (accessKeyId === "AKID" ? { secretAccessKey: "s" } : undefined), now: new Date() });
  if (v.ok) return `${v.accessKeyId} ${v.service} ${v.region} ${v.presigned} ${v.signedAt.toISOString()} ${v.body === null}`;
  const failure: SigV4Failure = v;
  return `${failure.code} ${failure.status} ${failure.message}`;
}
export const source = modelCredentials(account);
