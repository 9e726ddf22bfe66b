// The CLI's side of the plan gate: read plan paths, check them (checkPlan gives a plan only when nothing is an
// error), and say every diagnostic on stderr. Every command that reads a plan goes through here or, for `diff`'s
// git revisions, through `passGate` with the same rule.
import type { CheckedPlan } from "../plan/check-plan.ts";
import { checkPlan } from "../plan/check-plan.ts";
import { readPlanInputs } from "../plan/read.ts";
import type { Plan } from "../plan/schema.ts";
import { formatDiagnosticsText } from "../diagnostics/format-text.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import type { CliIO } from "./io.ts";
import { rememberPlanSecrets } from "../scrub.ts";
import { unknownPhase } from "../plan/phase-choice.ts";
import { UsageError } from "./cli-errors.ts";

/** The plan at `paths` (./plan when none), checked; `validate` reports this in its own formats. */
export function loadCheckedPlan(paths: readonly string[]): CheckedPlan {
  const { inputs, diagnostics, definitions, templates } = readPlanInputs(paths.length > 0 ? paths : ["plan"]);
  const checked = checkPlan(inputs, diagnostics, { definitions, templates });
  // From here on no output of this process may print the values the plan's secret references stand for.
  rememberPlanSecrets(checked.plan);
  return checked;
}

export interface GateOptions {
  /** Said before the diagnostics when the plan is refused, e.g. "base plan (main) does not validate:". */
  readonly refusal?: string;
  /** Print warnings of a plan that passes (default true; diff's base side is not the one under review). */
  readonly warnings?: boolean;
}

/**
 * The gate: the plan when it has no error, else undefined after printing the diagnostics in text form on stderr
 * (the caller exits 1). Warnings of a passing plan are printed too, so no command hides what `validate` shows.
 */
export function passGate(checked: CheckedPlan, io: CliIO, options: GateOptions = {}): Plan | undefined {
  const refused = checked.plan === undefined || hasErrors(checked.diagnostics);
  if (refused || (options.warnings !== false && checked.diagnostics.length > 0)) {
    io.stderr.write(
      `${refused && options.refusal !== undefined ? `${options.refusal}\n` : ""}${formatDiagnosticsText(checked.diagnostics, checked.sources)}`,
    );
  }
  return refused ? undefined : checked.plan;
}

/** loadCheckedPlan, then passGate: what compile, preview, drift, calendar, licenses and permissions start with. */
export function loadPlan(paths: readonly string[], io: CliIO): Plan | undefined {
  return passGate(loadCheckedPlan(paths), io);
}

/** Refuses (exit 64, as a usage error) a phase the plan does not have, in the words every command uses. */
export function requirePhase(plan: Plan, phase: string | undefined, options: { source?: string; plan?: string } = {}): void {
  const why = unknownPhase(plan, phase, options);
  if (why !== undefined) throw new UsageError(why);
}
