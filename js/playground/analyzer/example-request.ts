/**
 * @module playground/analyzer/example-request
 * A custom check's example request (the request the checked policy allows and the check forbids)
 * as the request form's fields and context rows: list values become `stringList` rows with
 * comma-separated values, the rest `string` rows, as the analyzer passed them to the engine.
 */
import type { ExampleRequest } from "../../analyzer/index.ts";
import type { ContextRow } from "../state.ts";

export interface FormRequest {
  principal: string;
  action: string;
  resource: string;
  context: ContextRow[];
}

export function formOfExample(example: ExampleRequest): FormRequest {
  const context = Object.entries(example.context ?? {}).map(([key, value]): ContextRow => Array.isArray(value)
    ? { key, type: "stringList", value: value.join(",") }
    : { key, type: "string", value: String(value) });
  return { principal: example.principal, action: example.action, resource: example.resource, context };
}
