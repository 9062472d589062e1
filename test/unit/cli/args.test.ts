/**
 * @module test/unit/cli/args
 * The argument parser and the `--context` parsing, in process.
 */
import { describe, expect, it } from "vitest";
import { CliError, list, parseArgs, splitList, str } from "../../../js/cli/args.ts";
import { parseContext, toEngineContext } from "../../../js/cli/context.ts";

const specs = { action: { type: "string", multiple: true }, kind: { type: "string" }, json: { type: "boolean" } } as const;

describe("parseArgs", () => {
  it("reads --name value, --name=value, booleans, repeats, positionals and --", () => {
    const p = parseArgs(["a.json", "--action", "s3:GetObject", "--action=s3:PutObject", "--json", "--kind=trust", "--", "--not-a-flag"], specs);
    expect(list(p, "action")).toEqual(["s3:GetObject", "s3:PutObject"]);
    expect(str(p, "kind")).toBe("trust");
    expect(p.flags.json).toBe(true);
    expect(p.positionals).toEqual(["a.json", "--not-a-flag"]);
    expect(parseArgs(["-h", "-"], specs)).toEqual({ flags: { help: true }, positionals: ["-"] });
  });

  it.each([
    [["--nope"], "unknown option `--nope`"],
    [["--kin", "x"], "unknown option `--kin` (did you mean `--kind`?)"],
    [["--kind"], "option `--kind` needs a value"],
    [["--kind", "--json"], "option `--kind` needs a value"],
    [["--json=yes"], "option `--json` takes no value"],
    [["--kind", "a", "--kind", "b"], "option `--kind` may be given only once"],
    [["-x"], "unknown option `-x`"],
    [["--constructor", "x"], "unknown option `--constructor`"],
    [["--kind", ""], "option `--kind` must not be empty"],
    [["--action="], "option `--action` must not be empty"],
  ])("%j fails with %s", (argv, message) => {
    expect(() => parseArgs(argv, specs)).toThrow(new CliError(message));
  });
});

describe("parseContext", () => {
  it("gives ContextEntries (IAM's shape) and the engine's typed context", () => {
    const entries = parseContext(
      ["aws:SourceIp=203.0.113.7", "aws:MultiFactorAuthPresent=TRUE", "aws:MultiFactorAuthAge=30", "aws:TagKeys=a,b", "aws:TagKeys=c", "s3:max-keys=1,2"],
      ["aws:multifactorauthpresent=boolean", "aws:MultiFactorAuthAge=numeric", "aws:TagKeys=stringList", "s3:max-keys=numericList", "aws:SourceIp=ip"],
    );
    expect(entries).toEqual([
      { ContextKeyName: "aws:SourceIp", ContextKeyValues: ["203.0.113.7"], ContextKeyType: "ip" },
      { ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyValues: ["true"], ContextKeyType: "boolean" },
      { ContextKeyName: "aws:MultiFactorAuthAge", ContextKeyValues: ["30"], ContextKeyType: "numeric" },
      { ContextKeyName: "aws:TagKeys", ContextKeyValues: ["a", "b", "c"], ContextKeyType: "stringList" },
      { ContextKeyName: "s3:max-keys", ContextKeyValues: ["1", "2"], ContextKeyType: "numericList" },
    ]);
    expect(toEngineContext(entries)).toEqual({
      "aws:SourceIp": "203.0.113.7",
      "aws:MultiFactorAuthPresent": true,
      "aws:MultiFactorAuthAge": 30,
      "aws:TagKeys": ["a", "b", "c"],
      "s3:max-keys": [1, 2],
    });
  });

  it("keeps `=` inside values and strings as given", () => {
    expect(toEngineContext(parseContext(["aws:RequestTag/env=a=b", "s3:prefix=home/alice/"], []))).toEqual({ "aws:RequestTag/env": "a=b", "s3:prefix": "home/alice/" });
  });

  it("checks booleans, numbers and dates", () => {
    expect(() => parseContext(["k=yes"], ["k=boolean"])).toThrow(/`yes` is not a boolean/);
    expect(() => parseContext(["k=1,x"], ["k=numericList"])).toThrow(/`x` is not a number/);
    expect(() => parseContext(["k=yesterday"], ["k=date"])).toThrow(/not a date/);
    expect(parseContext(["k=2026-09-01T00:00:00Z"], ["k=date"])[0].ContextKeyValues).toEqual(["2026-09-01T00:00:00Z"]);
  });
});

describe("splitList", () => {
  it("splits on commas and refuses an empty item, quoting the option as given", () => {
    expect(splitList("a.json,b.json", "--scp a.json,b.json", "FILE[,FILE...]")).toEqual(["a.json", "b.json"]);
    for (const value of [",,", "a,", ",a", "a,,b", "a, ,b"]) {
      expect(() => splitList(value, `--scp ${value}`, "FILE[,FILE...]"), value)
        .toThrow(new CliError(`\`--scp ${value}\`: the list has an empty item (expected FILE[,FILE...])`));
    }
  });
});
