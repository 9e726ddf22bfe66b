// Complexity (issue 12): matching a tenant that holds the plan to the plan's addresses costs a linear amount of
// work in the number of objects. Counted as array elements visited (test/helpers/work-counter.ts), never timed.
import { describe, expect, it } from "vitest";
import { matchTenant } from "../../src/graph/tenant-match.ts";
import { compiled, reviewPlan, tenantHolding } from "../helpers/review-stages.ts";
import { countWork, growth } from "../helpers/work-counter.ts";

const SIZES = [200, 400, 800];

describe("tenant matching at scale (tenant-match.ts)", () => {
  it("matching by name (no stack) visits a linear number of items as the plan doubles", () => {
    const { ratio, counts } = growth(SIZES, (n) => {
      const state = compiled(reviewPlan(n).plan);
      const { items } = tenantHolding(state);
      const { result, work } = countWork(() => matchTenant(items, { label: "tenant", desired: state.objects }, "http://127.0.0.1"));
      expect(result.ids.size).toBe(state.objects.length);
      return work;
    });
    expect(ratio, `work at ${SIZES.join("/")} objects: ${counts.join("/")}`).toBeLessThan(1.5);
  });

  it("matching by a stack's ids visits a linear number of items as the plan doubles", () => {
    const { ratio, counts } = growth(SIZES, (n) => {
      const state = compiled(reviewPlan(n).plan);
      const { items, stack } = tenantHolding(state);
      return countWork(() => matchTenant(items, { label: "tenant", desired: state.objects, stack }, "http://127.0.0.1")).work;
    });
    expect(ratio, `work at ${SIZES.join("/")} objects: ${counts.join("/")}`).toBeLessThan(1.5);
  });
});
