// `intune-plan explain`: for one plan group and one phase, every plan object that reaches the group, the ones that
// exclude it, and the effective value of every setting its members get. Built from the compiler's output (what
// each object is in Graph), the targets the compiler assigns (targets.ts), the overlap model of the conflict check
// (reach.ts) and the validator's own conflict findings, so that explain never tells a story validate and compile
// do not. Pure.
import { compile } from "../compile/compile.ts";
import { checkConflicts } from "../plan/validate/conflicts.ts";
import { Populations } from "../plan/reach.ts";
import type { Plan } from "../plan/schema.ts";
import { assignableObjects, phaseIndex } from "../plan/targets.ts";
import { compareText } from "../text-order.ts";
import type { SettingHolder } from "./effective-settings.ts";
import { effectiveSettings, findingsByPair } from "./effective-settings.ts";
import type { ExcludedObject, ExplainedObject, ExplainReport } from "./explain-report.ts";
import { groupReach } from "./group-reach.ts";
import { firstPhase, reachedObject } from "./reached-object.ts";

/**
 * Explains `groupKey` (a key of plan.groups) with `phase` active (a phase key; undefined: the last phase, the end
 * state of the rollout). Throws for a group or phase the plan does not define: callers check both first.
 */
export function explainGroup(plan: Plan, groupKey: string, phase: string | undefined): ExplainReport {
  const group = plan.groups[groupKey];
  if (!group) throw new Error(`unknown group ${groupKey}`);
  const active = phaseIndex(plan, phase);
  if (phase !== undefined && active < 0) throw new Error(`unknown phase ${phase}`);
  const state = compile(plan, phase);
  const compiled = new Map(state.objects.map((o) => [o.address, o]));
  const populations = new Populations(plan.groups, plan.filters);

  const objects: ExplainedObject[] = [];
  const excluded: ExcludedObject[] = [];
  const holders: SettingHolder[] = [];
  for (const obj of assignableObjects(plan)) {
    const address = `${obj.section}.${obj.key}`;
    const reach = groupReach(plan, obj, groupKey, group, active);
    const desired = compiled.get(address);
    if (!reach || !desired) continue;
    if (reach.excluded) {
      excluded.push({ address, displayName: desired.displayName, routes: reach.routes });
      continue;
    }
    const since = firstPhase(plan, active, (i) => {
      const earlier = groupReach(plan, obj, groupKey, group, i);
      return earlier !== undefined && !earlier.excluded;
    });
    const { identity, arrival, holder } = reachedObject(plan, obj, desired, { overlap: reach.overlap, targets: reach.targets, since });
    objects.push({ ...identity, routes: reach.routes, ...arrival, excludes: reach.targets.exclude.map((g) => `groups.${g}`) });
    holders.push(holder);
  }
  const byAddress = <T extends { address: string }>(a: T, b: T): number => compareText(a.address, b.address);
  const audienceOf = plan.phases.find((p) => p.audience.includes(groupKey))?.key ?? null;
  return {
    formatVersion: "1",
    plan: plan.name,
    phase: state.phase,
    group: {
      address: `groups.${groupKey}`,
      key: groupKey,
      displayName: group.displayName,
      membership: group.membership,
      members: group.members,
      audienceOf,
    },
    objects: objects.sort(byAddress),
    excluded: excluded.sort(byAddress),
    settings: effectiveSettings(plan, holders.sort(byAddress), populations, findingsByPair(checkConflicts(plan))),
  };
}
