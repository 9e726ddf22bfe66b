// Complexity (issue 12): the diff engine's work grows linearly with the number of objects, counted as array
// elements visited (test/helpers/work-counter.ts), never timed. Each test names the stage that was superlinear.
import { describe, expect, it } from "vitest";
import type { DesiredTarget } from "../../src/compile/desired-state.ts";
import type { Audience } from "../../src/diff/audience.ts";
import { UNKNOWN_AUDIENCE } from "../../src/diff/audience.ts";
import { diffStates } from "../../src/diff/diff.ts";
import type { StateView } from "../../src/compile/state-view.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { matchTenant } from "../../src/graph/tenant-match.ts";
import { compiled, reviewPlan, tenantHolding } from "../helpers/review-stages.ts";
import { countWork, growth } from "../helpers/work-counter.ts";

const SIZES = [200, 400, 800];
const why = (counts: readonly number[]): string => `work at ${SIZES.join("/")}: ${counts.join("/")}`;

/** `n` settings-catalog policies, each assigned to `targets(i)`. */
function policies(n: number, targets: (i: number) => DesiredTarget[], label: string): StateView {
  const objects = Array.from({ length: n }, (_, i) => ({
    address: `configuration.p${i}`,
    kind: "settingsCatalogPolicy" as const,
    collection: "/deviceManagement/configurationPolicies",
    odataType: null,
    displayName: `P${i}`,
    body: { name: `P${i}` },
  }));
  return {
    side: { label, source: "plan", phase: null },
    objects,
    assignments: objects.map((o, i) => ({ address: `${o.address}#assignments`, of: o.address, targets: targets(i) })),
  };
}

describe("diff engine at scale", () => {
  it("risk grouping (risks.ts): many policies newly reaching one group is linear", () => {
    const { ratio, counts } = growth(SIZES, (n) => {
      const base = policies(n, () => [], "base");
      const head = policies(n, () => [{ kind: "group", group: "groups.all-staff" }], "head");
      const { result, work } = countWork(() => diffStates(base, head, { plan: "scale", audience: UNKNOWN_AUDIENCE }));
      expect(result.summary.newlyReached[0]?.reachedBy.length).toBe(n);
      return work;
    });
    expect(ratio, why(counts)).toBeLessThan(1.5);
  });

  it("newly reached groups all within All licensed users (risks.ts, audience) is linear in the groups", () => {
    const within: Audience = {
      estimate: UNKNOWN_AUDIENCE.estimate,
      within: (g, reached) => (g !== "allLicensedUsers" && reached.has("allLicensedUsers") ? "allLicensedUsers" : undefined),
    };
    const { ratio, counts } = growth(SIZES, (n) => {
      const base = policies(n, () => [], "base");
      const head = policies(n, (i) => [{ kind: "group", group: `groups.g${i}` }, { kind: "allLicensedUsers" }], "head");
      return countWork(() => diffStates(base, head, { plan: "scale", audience: within })).work;
    });
    expect(ratio, why(counts)).toBeLessThan(1.5);
  });

  it("a preview against a tenant a stack owns (diff.ts, partially created objects) is linear", () => {
    const { ratio, counts } = growth(SIZES, (n) => {
      const state = compiled(reviewPlan(n).plan);
      const { items, stack } = tenantHolding(state);
      const tenant = matchTenant(items, { label: "tenant", desired: state.objects, stack }, "http://127.0.0.1").view;
      return countWork(() => diffStates(tenant, viewOfDesired(state, "plan"), { plan: "scale" })).work;
    });
    expect(ratio, why(counts)).toBeLessThan(1.5);
  });
});
