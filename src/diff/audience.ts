// How many users a group holds, as far as the plan can tell: the users its `memberList` names (exact), else its own `estimatedMembers`, else its share of
// the `users` of the phase whose audience it is in, else unknown. All licensed users is every phase's users, and
// holds every user group: a change that reaches it and them counts their users once.
// Used to say how many users a change newly reaches.
import type { Plan } from "../plan/schema.ts";
import type { ReachedGroup } from "./change-set.ts";

export type AudienceEstimate = Pick<ReachedGroup, "group" | "displayName" | "estimatedUsers" | "basis">;

/** An estimate as reviewers read it: "~1 user", "~2000 users". */
export const approxUsers = (n: number): string => `~${n} user${n === 1 ? "" : "s"}`;

export interface Audience {
  estimate(group: string): AudienceEstimate;
  /**
   * The group among `reached` whose estimate already holds `group`'s users, if any: all licensed users, with a
   * known estimate, holds every user group and every phase audience. Used so no user is counted twice.
   */
  within(group: string, reached: ReadonlySet<string>): string | undefined;
  /** The users a group's plan lists (`memberList`), folded to lower case, each once; undefined when it lists none. */
  listedUsers?(group: string): readonly string[] | undefined;
}

export const VIRTUAL_TARGETS: Readonly<Record<string, string>> = { allLicensedUsers: "All licensed users", allDevices: "All devices" };

export function audienceOf(plan: Plan): Audience {
  const phaseShare = new Map<string, number>();
  for (const phase of plan.phases) {
    if (phase.users === undefined) continue;
    // Whole users, and the shares add up to the phase's users: the first (users mod n) groups take one more.
    const share = Math.floor(phase.users / phase.audience.length);
    const extra = phase.users % phase.audience.length;
    phase.audience.forEach((g, i) => phaseShare.set(`groups.${g}`, share + (i < extra ? 1 : 0)));
  }
  const withUsers = plan.phases.filter((p) => p.users !== undefined);
  const everyone = withUsers.length > 0 ? withUsers.reduce((sum, p) => sum + (p.users ?? 0), 0) : null;
  const inEveryone = (group: string): boolean => {
    const g = plan.groups[group.replace(/^groups\./, "")];
    return g?.members === "users" || phaseShare.has(group);
  };
  const listedUsers = (group: string): readonly string[] | undefined => {
    const g = plan.groups[group.replace(/^groups\./, "")];
    return g?.membership === "assigned" && g.members === "users" && g.memberList
      ? [...new Set(g.memberList.map((n) => n.trim().toLowerCase()))]
      : undefined;
  };
  return {
    listedUsers,
    within: (group, reached) =>
      everyone !== null && group !== "allLicensedUsers" && reached.has("allLicensedUsers") && inEveryone(group)
        ? "allLicensedUsers"
        : undefined,
    estimate(group) {
      if (group === "allLicensedUsers")
        return {
          group,
          displayName: VIRTUAL_TARGETS[group] ?? group,
          estimatedUsers: everyone,
          basis: everyone === null ? "unknown" : "allPhases",
        };
      if (group === "allDevices") return { group, displayName: VIRTUAL_TARGETS[group] ?? group, estimatedUsers: null, basis: "unknown" };
      const g = plan.groups[group.replace(/^groups\./, "")];
      const displayName = g?.displayName ?? group;
      // The plan's own member list is exact where an estimate is a guess.
      const listed = listedUsers(group);
      if (listed) return { group, displayName, estimatedUsers: listed.length, basis: "memberList" };
      if (g?.estimatedMembers !== undefined) return { group, displayName, estimatedUsers: g.estimatedMembers, basis: "estimatedMembers" };
      const share = phaseShare.get(group);
      return share === undefined
        ? { group, displayName, estimatedUsers: null, basis: "unknown" }
        : { group, displayName, estimatedUsers: share, basis: "phase" };
    },
  };
}

/**
 * `audience` with the tenant's real membership where the tenant has it: a group listed in `tenantUsers` with at least
 * one user counts those users (`basis: "tenant"`), together with any the plan lists and the tenant does not hold yet
 * (an apply adds them). A group the tenant holds no user of keeps the plan's estimate: an empty group in a tenant is
 * one whose members are not there yet (a dynamic rule not evaluated, a ring not filled), not a group of nobody.
 */
export function withTenantUsers(audience: Audience, tenantUsers: ReadonlyMap<string, readonly string[]>): Audience {
  const users = (group: string): readonly string[] | undefined => {
    const found = tenantUsers.get(group);
    if (!found || found.length === 0) return undefined;
    return [...new Set([...found, ...(audience.listedUsers?.(group) ?? [])])];
  };
  return {
    within: audience.within,
    listedUsers: (group) => users(group) ?? audience.listedUsers?.(group),
    estimate(group) {
      const found = users(group);
      return found ? { ...audience.estimate(group), estimatedUsers: found.length, basis: "tenant" } : audience.estimate(group);
    },
  };
}

/** When no plan is at hand (a tenant against a tenant), names are addresses and sizes unknown. */
export const UNKNOWN_AUDIENCE: Audience = {
  within: () => undefined,
  listedUsers: () => undefined,
  estimate: (group) => ({ group, displayName: VIRTUAL_TARGETS[group] ?? group, estimatedUsers: null, basis: "unknown" }),
};
