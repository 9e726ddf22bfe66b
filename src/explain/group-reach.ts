// How one assignable object reaches one plan group in one phase: the routes (phase audience, explicit include,
// allUsers / allDevices) and how sure that is, from the same effective targets the compiler assigns (targets.ts)
// and the same user/device reasoning the conflict check uses (reach.ts). Pure.
import type { Overlap } from "../plan/reach.ts";
import type { Group, Plan } from "../plan/schema.ts";
import type { AssignableObject, EffectiveTargets } from "../plan/targets.ts";
import { effectiveTargets, phaseCovers } from "../plan/targets.ts";
import type { Route } from "./explain-report.ts";

export interface GroupReach {
  readonly routes: readonly Route[];
  /** The strongest route's level, with every route's reason; never "none" (then there is no GroupReach). */
  readonly overlap: Overlap;
  /** The assignment excludes the group: its members do not get the object, whatever the routes say. */
  readonly excluded: boolean;
  readonly targets: EffectiveTargets;
}

/**
 * The routes by which `obj` reaches `group` when phase `active` (index into plan.phases, -1 before any) is active,
 * or undefined when it does not reach it at all. Virtual targets reach a group as reach.ts says they reach its
 * devices: allDevices every member (a user group through its users' devices), allUsers a user group's members and,
 * possibly, a device group's devices that have a signed-in user.
 */
export function groupReach(plan: Plan, obj: AssignableObject, groupKey: string, group: Group, active: number): GroupReach | undefined {
  const targets = effectiveTargets(plan, obj, active);
  const routes: Route[] = [];
  const reasons: string[] = [];
  let certain = false;
  if (targets.include.includes(groupKey)) {
    const spec = obj.assignment ?? {};
    if ((spec.rollout ?? (plan.phases.length > 0 ? "phased" : "fixed")) === "phased") {
      const from = spec.from === undefined ? 0 : plan.phases.findIndex((p) => p.key === spec.from);
      for (let i = Math.max(0, from); i <= active; i++) {
        const phase = plan.phases[i];
        if (phase?.audience.includes(groupKey) && phaseCovers(phase, obj.platform)) routes.push({ kind: "audience", phase: phase.key });
      }
    }
    if (spec.include?.includes(groupKey)) routes.push({ kind: "include" });
    certain = true;
  }
  const users = group.members === "users";
  if (targets.virtual.includes("allDevices")) {
    routes.push({ kind: "allDevices" });
    reasons.push(users ? `allDevices includes the devices of group ${groupKey}'s users` : `allDevices includes group ${groupKey}`);
    certain = true;
  }
  if (targets.virtual.includes("allUsers")) {
    routes.push({ kind: "allUsers" });
    reasons.push(users ? `allUsers includes group ${groupKey}` : `devices in group ${groupKey} that have a signed-in user get it`);
    certain ||= users;
  }
  if (routes.length === 0) return undefined;
  return { routes, overlap: { level: certain ? "certain" : "possible", reasons }, excluded: targets.exclude.includes(groupKey), targets };
}
