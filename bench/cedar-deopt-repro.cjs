// bench/cedar-deopt-repro: why Cedar-wasm runs with --no-turbo-inline-js-wasm-calls in the
// benchmark (bench/engines/cedar.ts). Optimized JS that inlined a call to a Wasm export returning
// externref (every cedar-wasm export) is deoptimized lazily while that call runs; here a getter
// that Cedar reads from the request deoptimizes the caller. On Node 20 and 22 V8 aborts with
// "unreachable code" in Deoptimizer::DoComputeBuiltinContinuation, as `npm run bench` did after
// the W2 plain-TS row; Node 24, or the flag, prints "survived".
//   node --allow-natives-syntax bench/cedar-deopt-repro.cjs
//   node --allow-natives-syntax --no-turbo-inline-js-wasm-calls bench/cedar-deopt-repro.cjs
const cedar = require("@cedar-policy/cedar-wasm/nodejs");

const parsed = cedar.preparsePolicySet("p", { staticPolicies: "permit(principal, action, resource);" });
if (parsed.type !== "success") throw new Error(JSON.stringify(parsed.errors));
let deoptimizeNow = false;
function decide(context) {
  return cedar.statefulIsAuthorized({
    principal: { type: "User", id: "alice" }, action: { type: "Action", id: "read" }, resource: { type: "Resource", id: "r" },
    context, preparsedPolicySetId: "p", entities: [],
  });
}
const context = { get key() { if (deoptimizeNow) %DeoptimizeFunction(decide); return "value"; } };
%PrepareFunctionForOptimization(decide);
for (let i = 0; i < 200; i++) decide(context); // feedback, so the Cedar call is inlined
%OptimizeFunctionOnNextCall(decide);
decide(context);
deoptimizeNow = true;
const answer = decide(context); // Cedar reads `key` while the optimized decide() is on the stack
console.log(`survived: ${answer.type} ${answer.response.decision}`);
