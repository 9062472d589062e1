// A CommonJS consumer of the installed tarball: `require` loads the ESM package (require(esm),
// Node 20.19+, 22.12+, 24), which works because no entry uses top-level await.
const { Account, createEngine } = require("iam-edge");
const engineOnly = require("iam-edge/engine");

(async () => {
  const engine = await createEngine();
  const policy = engine.compile(
    { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }] },
    { kind: "identity" },
  );
  const { decision } = engine.authorize(
    { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv" },
    { identity: [policy] },
  );
  const slim = await engineOnly.createEngine();
  console.log(JSON.stringify({ decision, account: typeof Account, engineOnly: typeof slim.authorize, engineOnlyHasAccount: "Account" in engineOnly }));
})().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
