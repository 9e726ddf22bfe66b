// CLI helper: read plan paths, check them, and print diagnostics to stderr in text form.
import type { CheckedPlan } from "../plan/check-plan.ts";
import { checkPlan } from "../plan/check-plan.ts";
import { readPlanInputs } from "../plan/read.ts";
import { rememberPlanSecrets } from "../scrub.ts";

export function loadCheckedPlan(paths: readonly string[]): CheckedPlan {
  const { inputs, diagnostics } = readPlanInputs(paths.length > 0 ? paths : ["plan"]);
  const checked = checkPlan(inputs, diagnostics);
  // From here on no output of this process may print the values the plan's secret references stand for.
  rememberPlanSecrets(checked.plan);
  return checked;
}
