// What the group explain and the principal explain say alike of an object that reaches: its facts, its filter, the
// first phase it arrived in, and what the settings resolution holds of it.
import type { DesiredObject } from "../compile/desired-state.ts";
import type { Overlap } from "../plan/reach.ts";
import type { Plan } from "../plan/schema.ts";
import type { AssignableObject, EffectiveTargets } from "../plan/targets.ts";
import type { SettingHolder } from "./effective-settings.ts";
import type { ExplainedFilter, ReachedObject } from "./explain-report.ts";
import { objectSettings } from "./object-settings.ts";

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

/**
 * `obj` as a report shows an object that reaches, in two parts a report puts its own fields between (their order is
 * the JSON's): what the object is, and how it reaches (`overlap`, `since` from firstPhase, and the filter of
 * `targets`, its assignment in the explained phase); and the object as the settings resolution holds it.
 */
export function reachedObject(
  plan: Plan,
  obj: AssignableObject,
  desired: DesiredObject,
  reach: { readonly overlap: Overlap; readonly targets: EffectiveTargets; readonly since: string | null },
): {
  readonly identity: Pick<ReachedObject, "address" | "section" | "kind" | "displayName" | "platform" | "odataType">;
  readonly arrival: Pick<ReachedObject, "level" | "reasons" | "since" | "filter">;
  readonly holder: SettingHolder;
} {
  const address = `${obj.section}.${obj.key}`;
  const { overlap, targets } = reach;
  return {
    identity: {
      address,
      section: obj.section,
      kind: desired.kind,
      displayName: desired.displayName,
      platform: obj.platform,
      odataType: desired.odataType,
    },
    arrival: {
      level: overlap.level === "certain" ? "certain" : "possible",
      reasons: overlap.reasons,
      since: reach.since,
      filter: explainedFilter(plan, targets.filter),
    },
    holder: { address, section: obj.section, key: obj.key, overlap, filter: targets.filter, settings: objectSettings(plan, obj) },
  };
}
