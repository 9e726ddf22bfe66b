// Every invalid fixture marks its expected diagnostic codes on the offending lines; the diagnostics must match
// the markers exactly (same lines, same codes, nothing else). Every valid fixture and the reference plan are clean.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actualMarkers, checkFixture, expectedMarkers, FIXTURES } from "../helpers/fixtures.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";

const invalid = readdirSync(join(FIXTURES, "invalid")).sort();

describe("invalid plan fixtures", () => {
  it("there are at least 60 of them, each with at least one marker", () => {
    expect(invalid.length).toBeGreaterThanOrEqual(60);
    for (const name of invalid) expect(expectedMarkers(join(FIXTURES, "invalid", name)).size, name).toBeGreaterThan(0);
  });

  it.each(invalid)("%s reports exactly the marked codes on the marked lines", (name) => {
    const fixture = join(FIXTURES, "invalid", name);
    const checked = checkFixture(fixture);
    expect(Object.fromEntries(actualMarkers(checked))).toEqual(Object.fromEntries(expectedMarkers(fixture)));
  });
});

describe("valid plans", () => {
  it("the reference plan in plan/ validates with no diagnostics at all", () => {
    const { inputs, diagnostics, definitions } = readPlanInputs(["plan"]);
    expect(definitions.map((d) => d.path)).toEqual(["plan/setting-definitions.json"]);
    const checked = checkPlan(inputs, diagnostics, { definitions });
    expect(checked.diagnostics).toEqual([]);
    expect(checked.plan?.phases.map((p) => p.key)).toEqual([
      "limited-pilot",
      "expanded-pilot",
      "production-1",
      "production-2",
      "production-3",
    ]);
  });

  it.each(readdirSync(join(FIXTURES, "valid")).sort())("%s validates cleanly", (name) => {
    const { inputs, definitions } = readPlanInputs([join(FIXTURES, "valid", name)]);
    expect(checkPlan(inputs, [], { definitions }).diagnostics).toEqual([]);
  });
});
