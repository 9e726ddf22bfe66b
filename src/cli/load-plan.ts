// CLI helper: read plan paths, check them, and print diagnostics to stderr in text form.
import type { CheckedPlan } from "../plan/check-plan.ts";
import { checkPlan } from "../plan/check-plan.ts";
import { readPlanInputs } from "../plan/read.ts";

export function loadCheckedPlan(paths: readonly string[]): CheckedPlan {
  const { inputs, diagnostics } = readPlanInputs(paths.length > 0 ? paths : ["plan"]);
  return checkPlan(inputs, diagnostics);
}
