/**
 * @module playground/simulation-table
 * SimulatePrincipalPolicy's `EvaluationResults` as a table (decision, matched statements with
 * their positions, missing context values) and as the JSON response.
 */
import { h } from "./dom.ts";
import type { EvaluationResult, SimulatePolicyResponse, SimulatedStatement } from "./package-types.ts";

const COLUMNS = ["Action", "Resource", "Decision", "Matched statements", "Missing context"];

type Position = SimulatedStatement["StartPosition"];
const pos = (p: Position): string => (p ? `${p.Line}:${p.Column}` : "");

export function simulationTable(response: SimulatePolicyResponse): Node[] {
  const results = response.EvaluationResults ?? [];
  return [
    h("div", { class: "table-wrap" }, h("table", { id: "sim-table" },
      h("thead", {}, h("tr", {}, ...COLUMNS.map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...results.map(resultRow)))),
    h("details", {}, h("summary", {}, "Response JSON"), h("pre", {}, JSON.stringify(response, null, 2))),
  ];
}

function resultRow(r: EvaluationResult): HTMLElement {
  return h("tr", { "data-decision": r.EvalDecision },
    h("td", {}, h("code", {}, r.EvalActionName)),
    h("td", {}, h("code", {}, r.EvalResourceName ?? "*")),
    h("td", { class: `sim-decision ${r.EvalDecision}` }, r.EvalDecision),
    h("td", {}, h("ul", {}, ...(r.MatchedStatements ?? []).map((m) =>
      h("li", {}, `${m.SourcePolicyId} (${m.SourcePolicyType}) ${pos(m.StartPosition)}–${pos(m.EndPosition)}`)))),
    h("td", {}, (r.MissingContextValues ?? []).join(", ") || "—"));
}
