// Hostile plan text that must stay cheap (issue 10, item 4): duplicate-key checking is linear in the number of keys.
import { describe, expect, it } from "vitest";
import { parsePlanText } from "../../src/plan/parse.ts";

describe("parsePlanText on large and repetitive input", () => {
  it("checks 40,000 keys plus one anchor for duplicates in linear time (it took 80 s when every key met every other)", () => {
    const lines = ["anchor: &a 1"];
    for (let i = 0; i < 40_000; i++) lines.push(`key${i}: ${i}`);
    lines.push("key17: again");
    const started = performance.now();
    const parsed = parsePlanText("big.yaml", `${lines.join("\n")}\n`);
    const seconds = (performance.now() - started) / 1000;
    expect(parsed.diagnostics.map((d) => [d.code, d.message, d.subject?.start.line])).toEqual([
      ["IP004", 'duplicate key "key17" in one mapping', 40_002],
    ]);
    // A generous bound: the quadratic check needed over a minute here; the linear one a few seconds at most.
    expect(seconds).toBeLessThan(20);
  }, 120_000);

  it("still reports a duplicate key in a nested mapping, at the repeated key", () => {
    const parsed = parsePlanText("dup.yaml", "groups:\n  a: { displayName: A }\n  a: { displayName: B }\n");
    expect(parsed.diagnostics.map((d) => [d.code, d.subject?.start.line, d.subject?.start.col])).toEqual([["IP004", 3, 3]]);
    expect(parsed.value).toBeUndefined();
  });
});
