// The plan in a folder compiled for one phase, for the bench's helper processes (seed-file.ts, apply-sample.ts);
// throws when it does not validate, since a benchmark of a broken plan measures nothing.
import type { DesiredState } from "../src/compile/desired-state.ts";
import { compile } from "../src/compile/compile.ts";
import { hasErrors } from "../src/diagnostics/diagnostic.ts";
import { checkPlan } from "../src/plan/check-plan.ts";
import { readPlanInputs } from "../src/plan/read.ts";

export function compiledPlan(dir: string, phase: string): DesiredState {
  const { inputs, diagnostics } = readPlanInputs([dir]);
  const checked = checkPlan(inputs, diagnostics);
  if (!checked.plan || hasErrors(checked.diagnostics)) throw new Error(`${dir} does not validate`);
  return compile(checked.plan, phase);
}
