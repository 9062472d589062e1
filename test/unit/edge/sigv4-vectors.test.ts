/**
 * @module test/unit/edge/sigv4-vectors.test
 * The whole AWS SigV4 test suite (header and query forms) against verifySigV4, from source.
 * Runs in Node (vitest) and in workerd (test/runtimes/workerd/vitest.edge.config.ts); the files
 * come in through Vite's glob import, so no `node:fs` is needed.
 */
/// <reference types="vite/client" />
import { describe, it } from "vitest";
import { verifySigV4 } from "../../../js/edge/index.ts";
import { vectorTests, vectorsFrom } from "./sigv4-vectors.ts";

const files = import.meta.glob("../../vectors/aws-sigv4/*/*", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

describe("AWS SigV4 test suite", () => {
  for (const t of vectorTests(verifySigV4 as never, vectorsFrom(files))) it(t.name, t.fn);
});
