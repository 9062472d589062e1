/**
 * authorizeBatch lays a chunk's requests end to end in the scratch. A request points at its
 * action's text, kept in Wasm memory for linked bundles, by an offset from its own address; when
 * the scratch grew (and moved) in the middle of a chunk, the requests written before the move
 * pointed at the wrong bytes, and a fresh bundle's first large batch decided some of them wrong.
 * The chunk's scratch is now reserved before any of its requests is written.
 */
import { describe, expect, it } from "vitest";
import { createEngine } from "../../js/index.ts";

describe("a batch whose chunk needs a larger scratch", () => {
  it("decides every request as a single call does, on the first call of a fresh bundle", async () => {
    const engine = await createEngine();
    const services = ["s3", "ec2", "sqs", "sns", "dynamodb", "lambda"];
    const identity = Array.from({ length: 30 }, (_, i) => engine.compile({ Version: "2012-10-17", Statement: [
      { Effect: i % 7 === 0 ? "Deny" : "Allow", Action: `${services[i % 6]}:Get*`, Resource: `arn:aws:${services[i % 6]}:::r${i % 4}/*` },
    ] }, { kind: "identity", id: `p${i}` }));
    const set = { identity };
    const requests = Array.from({ length: 64 }, (_, i) => ({
      principal: "arn:aws:sts::111122223333:assumed-role/r/s", action: `${services[i % 6]}:GetThing`, resource: `arn:aws:${services[i % 6]}:::r${i % 5}/k`,
    }));
    const single = requests.map((r) => engine.authorize(r, set).decision);
    expect(new Set(single)).toEqual(new Set(["Allow", "ExplicitDeny", "ImplicitDeny"]));
    expect(engine.authorizeBatch(requests, engine.link(set))).toEqual(single);
  });

  it("a chunk of large requests is split across calls and still decided in order", async () => {
    const engine = await createEngine();
    const p = engine.compile({ Version: "2012-10-17", Statement: [
      { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
      { Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/deny*" },
    ] }, { kind: "identity" });
    const bundle = engine.link({ identity: [p] });
    // About 700 KiB of scratch each (context of 60 values of 4,000): a few per 1 MiB chunk.
    const padding = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`aws:RequestTag/pad${i}`, "x".repeat(4000)]));
    const requests = Array.from({ length: 20 }, (_, i) => ({
      principal: "arn:aws:iam::111122223333:user/alice", action: i % 3 ? "s3:GetObject" : "s3:PutObject", resource: `arn:aws:s3:::b/${i % 2 ? "deny" : "ok"}${i}`, context: padding,
    }));
    const single = requests.map((r) => engine.authorize(r, bundle).decision);
    expect(engine.authorizeBatch(requests, bundle)).toEqual(single);
    expect(engine.authorizeBatch(requests, { identity: [p] })).toEqual(single);
  });
});
