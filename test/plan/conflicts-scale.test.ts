// Complexity (issue 12): the conflict check (S23, validate/conflicts.ts) does work linear in the plan, counted as
// array elements visited (test/helpers/work-counter.ts), never timed. The plan is review-shaped
// (bench/generate-review-plan.ts) with one unit per site, so "All devices + filter" policies that set a setting
// grow with the plan as fast as the groups whose policies set it too.
import { describe, expect, it } from "vitest";
import { generateReviewPlanFiles } from "../../bench/generate-review-plan.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { checkConflicts } from "../../src/plan/validate/conflicts.ts";
import { countWork, growth } from "../helpers/work-counter.ts";

const SIZES = [200, 400, 800];

function plan(objects: number) {
  const checked = checkPlan(generateReviewPlanFiles(objects, 1).map((f) => ({ path: f.path, bytes: Buffer.from(f.text) })));
  if (!checked.plan) throw new Error("generated plan does not check");
  return checked.plan;
}

describe("conflict check at scale (validate/conflicts.ts)", () => {
  it("All devices + filter policies against the groups of other policies of the same setting is linear", () => {
    const { ratio, counts } = growth(SIZES, (n) => {
      const p = plan(n);
      const { result, work } = countWork(() => checkConflicts(p));
      // Only the site-wide All devices policies repeat each other (IP091); nothing conflicts.
      expect(result.filter((d) => d.code !== "IP091")).toEqual([]);
      return work;
    });
    expect(ratio, `work at ${SIZES.join("/")}: ${counts.join("/")}`).toBeLessThan(1.5);
  });
});
