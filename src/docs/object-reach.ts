// Who one assignable object reaches in each phase: the compiler's own effective targets (plan/targets.ts) with each
// group's size as the change set estimates it (diff/audience.ts), so docs never count people differently from a
// review. Pure.
import type { Audience } from "../diff/audience.ts";
import type { Plan } from "../plan/schema.ts";
import type { AssignableObject } from "../plan/targets.ts";
import { effectiveTargets } from "../plan/targets.ts";
import type { DocGroupReach, DocReach, DocRef } from "./docs-model.ts";

const groupRef = (plan: Plan, key: string): DocRef => ({ address: `groups.${key}`, displayName: plan.groups[key]?.displayName ?? key });

/** The phase whose audience brings `group` to `obj` by phase `active`, or null when the assignment includes it. */
function viaPhase(plan: Plan, obj: AssignableObject, group: string, active: number): string | null {
  if (obj.assignment?.include?.includes(group)) return null;
  for (let i = 0; i <= active; i++) {
    const p = plan.phases[i];
    if (p?.audience.includes(group)) return p.key;
  }
  return null;
}

/** One entry per phase (one entry with phase null when the plan has none), in rollout order. */
export function objectReach(plan: Plan, obj: AssignableObject, audience: Audience): DocReach[] {
  const steps = plan.phases.length === 0 ? [{ index: -1, key: null }] : plan.phases.map((p, index) => ({ index, key: p.key }));
  const out: DocReach[] = [];
  let before = new Set<string>();
  for (const step of steps) {
    const t = effectiveTargets(plan, obj, step.index);
    const groups: DocGroupReach[] = t.include.map((g) => {
      const e = audience.estimate(`groups.${g}`);
      return {
        ...groupRef(plan, g),
        members: plan.groups[g]?.members ?? "users",
        estimated: e.estimatedUsers,
        basis: e.basis,
        via: viaPhase(plan, obj, g, step.index),
      };
    });
    const everyone = audience.estimate("allLicensedUsers");
    const userGroups = groups.filter((g) => g.members === "users");
    let estimatedUsers: number | null;
    let estimateComplete: boolean;
    if (t.virtual.includes("allUsers")) {
      estimatedUsers = everyone.estimatedUsers;
      estimateComplete = everyone.estimatedUsers !== null;
    } else if (userGroups.length > 0) {
      estimatedUsers = userGroups.reduce((sum, g) => sum + (g.estimated ?? 0), 0);
      estimateComplete = userGroups.every((g) => g.estimated !== null);
    } else {
      estimatedUsers = null;
      estimateComplete = false;
    }
    const now = new Set([...t.include.map((g) => `groups.${g}`), ...t.virtual]);
    const filter = t.filter ? plan.filters[t.filter.key] : undefined;
    out.push({
      phase: step.key,
      assigned: t.include.length > 0 || t.virtual.length > 0,
      groups,
      virtual: t.virtual,
      exclude: t.exclude.map((g) => groupRef(plan, g)),
      filter:
        t.filter && filter
          ? { address: `filters.${t.filter.key}`, displayName: filter.displayName, mode: t.filter.mode, platform: filter.platform }
          : null,
      estimatedUsers,
      estimateComplete,
      added: [...now].filter((a) => !before.has(a)),
    });
    before = now;
  }
  return out;
}
