// What the group explain and the principal explain say alike of an object that reaches: its filter, and the first
// phase it arrived in.
import type { Plan } from "../plan/schema.ts";
import type { EffectiveTargets } from "../plan/targets.ts";
import type { ExplainedFilter } from "./explain-report.ts";

/** The assignment's filter as the reports show it, or null without one. */
export function explainedFilter(plan: Plan, use: EffectiveTargets["filter"]): ExplainedFilter | null {
  const filter = use ? plan.filters[use.key] : undefined;
  return use && filter
    ? { address: `filters.${use.key}`, displayName: filter.displayName, platform: filter.platform, mode: use.mode }
    : null;
}

/** The first phase, up to the active one, in which `reaches(phase index)` holds (null when the plan has no phases). */
export function firstPhase(plan: Plan, active: number, reaches: (phase: number) => boolean): string | null {
  for (let i = 0; i <= active; i++) if (reaches(i)) return plan.phases[i]?.key ?? null;
  return null;
}
