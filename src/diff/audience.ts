// How many users a group holds, as far as the plan can tell: a group's own `estimatedMembers`, else its share of
// the `users` of the phase whose audience it is in, else unknown. All licensed users is every phase's users.
// Used to say how many users a change newly reaches.
import type { Plan } from "../plan/schema.ts";
import type { ReachedGroup } from "./change-set.ts";

export type AudienceEstimate = Pick<ReachedGroup, "group" | "displayName" | "estimatedUsers" | "basis">;

export interface Audience {
  estimate(group: string): AudienceEstimate;
}

export const VIRTUAL_TARGETS: Readonly<Record<string, string>> = { allLicensedUsers: "All licensed users", allDevices: "All devices" };

export function audienceOf(plan: Plan): Audience {
  const phaseShare = new Map<string, number>();
  for (const phase of plan.phases) {
    if (phase.users === undefined) continue;
    for (const g of phase.audience) phaseShare.set(`groups.${g}`, Math.round(phase.users / phase.audience.length));
  }
  const withUsers = plan.phases.filter((p) => p.users !== undefined);
  const everyone = withUsers.length > 0 ? withUsers.reduce((sum, p) => sum + (p.users ?? 0), 0) : null;
  return {
    estimate(group) {
      if (group === "allLicensedUsers") return { group, displayName: VIRTUAL_TARGETS[group] ?? group, estimatedUsers: everyone, basis: everyone === null ? "unknown" : "allPhases" };
      if (group === "allDevices") return { group, displayName: VIRTUAL_TARGETS[group] ?? group, estimatedUsers: null, basis: "unknown" };
      const g = plan.groups[group.replace(/^groups\./, "")];
      const displayName = g?.displayName ?? group;
      if (g?.estimatedMembers !== undefined) return { group, displayName, estimatedUsers: g.estimatedMembers, basis: "estimatedMembers" };
      const share = phaseShare.get(group);
      return share === undefined ? { group, displayName, estimatedUsers: null, basis: "unknown" } : { group, displayName, estimatedUsers: share, basis: "phase" };
    },
  };
}

/** When no plan is at hand (a tenant against a tenant), names are addresses and sizes unknown. */
export const UNKNOWN_AUDIENCE: Audience = {
  estimate: (group) => ({ group, displayName: VIRTUAL_TARGETS[group] ?? group, estimatedUsers: null, basis: "unknown" }),
};
