/**
 * @module test/unit/edge/chunked-examples.test
 * AWS's published chunked-upload examples (chunked-examples.ts) against verifySigV4, in Node
 * and workerd.
 */
import { describe, it } from "vitest";
import { verifySigV4 } from "../../../js/edge/index.ts";
import { chunkedExampleTests } from "./chunked-examples.ts";

describe("S3 chunked upload examples", () => {
  for (const t of chunkedExampleTests(verifySigV4 as never)) it(t.name, t.fn);
});
