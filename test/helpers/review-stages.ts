// The stages issue 12 measured, run on a generated review-shaped plan (bench/generate-review-plan.ts) of a given
// size, for the counting tests: checked plan, compiled state, a tenant holding that state (Graph items as read,
// optionally owned by a stack), and the change sets preview and review build from them.
import { generateReviewPlanFiles } from "../../bench/generate-review-plan.ts";
import type { DesiredState, JsonObject } from "../../src/compile/desired-state.ts";
import { compile } from "../../src/compile/compile.ts";
import type { StackOwnership } from "../../src/compile/state-view.ts";
import { KINDS } from "../../src/kinds/index.ts";
import type { TenantItem } from "../../src/graph/tenant-match.ts";
import type { CheckedPlan } from "../../src/plan/check-plan.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import type { Plan } from "../../src/plan/schema.ts";

/** Small sites (10 units of 10 objects), so site-wide objects grow with the plan even at a few hundred objects. */
export const UNITS_PER_SITE = 10;

export function reviewInputs(objects: number): { path: string; bytes: Buffer }[] {
  return generateReviewPlanFiles(objects, UNITS_PER_SITE).map((f) => ({ path: f.path, bytes: Buffer.from(f.text) }));
}

export function reviewPlan(objects: number): { checked: CheckedPlan; plan: Plan } {
  const checked = checkPlan(reviewInputs(objects));
  if (!checked.plan || checked.diagnostics.some((d) => d.severity === "error"))
    throw new Error(`generated plan of ${objects} does not check`);
  return { checked, plan: checked.plan };
}

/** The tenant a plan's apply leaves behind, as the reader lists it: ids `id-<n>`, bodies as compiled. */
export function tenantHolding(state: DesiredState): { items: TenantItem[]; stack: StackOwnership } {
  const ids = new Map(state.objects.map((o, i) => [o.address, `id-${i}`]));
  const items = state.objects.map((o, i): TenantItem => {
    const info = KINDS[o.kind];
    const body: JsonObject = { ...o.body, id: `id-${i}`, [info.nameProperty]: o.displayName };
    return { info, collection: o.collection, item: body, assignments: [] };
  });
  const stack: StackOwnership = {
    stack: "scale",
    objects: state.objects.map((o) => ({
      address: o.address,
      id: ids.get(o.address) as string,
      kind: o.kind,
      collection: o.collection,
      partial: false,
    })),
    assignmentSets: state.assignments.map((a) => a.of),
  };
  return { items, stack };
}

export const compiled = (plan: Plan, phase = "phase-5"): DesiredState => compile(plan, phase);
