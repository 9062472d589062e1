import { createEngine } from "iam-edge";

const engine = await createEngine();
const policy = engine.compile({
  Version: "2012-10-17",
  Statement: [
    { Sid: "ReadReports", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" },
    { Sid: "NoSecrets", Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::reports/secret/*" },
  ],
}, { kind: "identity", id: "Reports" });

for (const [action, key] of [["s3:GetObject", "q1.csv"], ["s3:GetObject", "secret/pay.csv"], ["s3:PutObject", "q1.csv"]]) {
  const request = { principal: "arn:aws:iam::111122223333:user/alice", action, resource: `arn:aws:s3:::reports/${key}` };
  const { decision, matchedStatements: [by], reason } = engine.authorize(request, { identity: [policy] });
  console.log(decision, action, key, by ? `by ${by.policyId} statement ${by.statementIndex} (Sid ${by.sid})` : `(${reason.code})`);
}
