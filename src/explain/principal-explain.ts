// `intune-plan explain --user` / `--device`: the union of what the principal's plan groups (and the virtual targets
// All users / All devices) bring it in one phase, minus what an exclusion of one of its groups takes away, and the
// effective value of every setting. The tenant's part (who the principal is, which groups it is in, which tenant
// group is which plan group) comes in as data from graph/principal.ts; this file is pure and reuses the group
// explain's reach (group-reach.ts), targets (targets.ts) and setting verdicts (effective-settings.ts).
//
// Exclusion wins: when a policy or app is assigned to a group the principal is in and excludes another group it is
// also in, Intune does not deliver it (Microsoft Learn, "Include and exclude app assignments in Microsoft Intune" and
// "Assign policies in Microsoft Intune": exclusion takes precedence over inclusion for groups of the same type).
// Learn also says Intune does not evaluate user-to-device group relationships: excluding a user group from an
// assignment that reaches the principal only as a device (or the reverse) is not supported, so such an exclusion is
// still listed as excluded, with a caveat that it may not take effect.
import { compile } from "../compile/compile.ts";
import { checkConflicts } from "../plan/validate/conflicts.ts";
import { Populations } from "../plan/reach.ts";
import type { Plan } from "../plan/schema.ts";
import type { AssignableObject, EffectiveTargets, VirtualTarget } from "../plan/targets.ts";
import { assignableObjects, effectiveTargets, phaseIndex } from "../plan/targets.ts";
import { compareText } from "../text-order.ts";
import type { SettingHolder } from "./effective-settings.ts";
import { effectiveSettings, findingsByPair } from "./effective-settings.ts";
import { groupReach } from "./group-reach.ts";
import { firstPhase, reachedObject } from "./reached-object.ts";
import type {
  Principal,
  PrincipalExcluded,
  PrincipalExplainReport,
  PrincipalGroup,
  PrincipalKind,
  PrincipalObject,
  PrincipalRoute,
  TenantGroup,
} from "./principal-report.ts";

/** What the tenant says about the principal, already read (graph/principal.ts). */
export interface PrincipalFacts {
  readonly tenant: string;
  readonly principal: Principal;
  /** Every group the principal is a member of, directly or transitively. */
  readonly memberOf: readonly TenantGroup[];
  /** The tenant id of each plan group the tenant has, by plan address (`groups.<key>`), as tenant-match.ts matched it. */
  readonly planGroupIds: ReadonlyMap<string, string>;
}

/** The plan groups the principal is in: those whose matched tenant id is one of its groups' ids. */
export function principalPlanGroups(plan: Plan, memberOf: readonly TenantGroup[], planGroupIds: ReadonlyMap<string, string>): string[] {
  const ids = new Set(memberOf.map((g) => g.id.toLowerCase()));
  return Object.keys(plan.groups)
    .filter((key) => {
      const id = planGroupIds.get(`groups.${key}`);
      return id !== undefined && ids.has(id.toLowerCase());
    })
    .sort(compareText);
}

const VIRTUAL: Readonly<Record<PrincipalKind, Readonly<Record<VirtualTarget, { certain: boolean; reason: string }>>>> = {
  user: {
    allUsers: { certain: true, reason: "allUsers (Intune's All users: every licensed user) includes this user" },
    allDevices: { certain: true, reason: "allDevices includes this user's devices" },
  },
  device: {
    allDevices: { certain: true, reason: "allDevices includes this device" },
    allUsers: { certain: false, reason: "allUsers reaches this device only while a licensed user is signed in to it" },
  },
};

const singular = (members: "users" | "devices"): string => (members === "users" ? "user" : "device");

/** How one object reaches the principal in one phase, or undefined when it does not. */
export interface PrincipalReach {
  readonly via: readonly PrincipalRoute[];
  readonly certain: boolean;
  readonly reasons: readonly string[];
  /** The principal's groups the assignment excludes (addresses); non-empty: it does not get the object. */
  readonly excludedBy: readonly string[];
  readonly caveat: string | null;
  readonly targets: EffectiveTargets;
}

/**
 * The routes by which `obj` reaches a principal of kind `kind` that is a member of the plan groups `memberKeys`
 * when phase `active` (index into plan.phases) is active: one entry per member group that the assignment includes
 * (through a phase audience or `include`), one per virtual target that counts for the principal, and the member
 * groups it excludes. Pure.
 */
export function principalReach(
  plan: Plan,
  obj: AssignableObject,
  kind: PrincipalKind,
  memberKeys: readonly string[],
  active: number,
): PrincipalReach | undefined {
  const targets = effectiveTargets(plan, obj, active);
  const via: PrincipalRoute[] = [];
  const reasons: string[] = [];
  let certain = false;
  for (const key of memberKeys) {
    const group = plan.groups[key];
    if (!group) continue;
    const reach = groupReach(plan, obj, key, group, active);
    const routes = (reach?.routes ?? []).filter((r) => r.kind === "audience" || r.kind === "include");
    if (routes.length === 0) continue;
    via.push({ group: `groups.${key}`, routes });
    certain = true;
  }
  for (const target of targets.virtual) {
    const how = VIRTUAL[kind][target];
    via.push({ group: null, routes: [{ kind: target }] });
    reasons.push(how.reason);
    certain ||= how.certain;
  }
  if (via.length === 0) return undefined;
  const excludedKeys = targets.exclude.filter((k) => memberKeys.includes(k));
  // Of what kind (users or devices) each inclusion and each exclusion is: a group by its members, a virtual target by its name.
  const typeOf = (r: PrincipalRoute): "users" | "devices" =>
    r.group === null
      ? r.routes[0]?.kind === "allDevices"
        ? "devices"
        : "users"
      : (plan.groups[r.group.slice("groups.".length)]?.members ?? "users");
  const excludedTypes = new Set(excludedKeys.map((k) => plan.groups[k]?.members ?? "users"));
  const mixed = excludedKeys.length > 0 && !via.some((r) => excludedTypes.has(typeOf(r)));
  return {
    via,
    certain,
    reasons,
    excludedBy: excludedKeys.map((k) => `groups.${k}`),
    caveat: mixed
      ? `the exclusion is of ${[...excludedTypes].map(singular).join(" and ")} groups and the assignment reaches the ${kind} only through ${[...new Set(via.map(typeOf))].map(singular).join(" and ")} targets: Intune does not evaluate user-to-device group relationships, so this exclusion may not take effect`
      : null,
    targets,
  };
}

/**
 * Explains the principal with `phase` active (a phase key; undefined: the last phase). Throws for a phase the plan
 * does not define: callers check it first.
 */
export function explainPrincipal(plan: Plan, facts: PrincipalFacts, phase: string | undefined): PrincipalExplainReport {
  const active = phaseIndex(plan, phase);
  if (phase !== undefined && active < 0) throw new Error(`unknown phase ${phase}`);
  const state = compile(plan, phase);
  const compiled = new Map(state.objects.map((o) => [o.address, o]));
  const populations = new Populations(plan.groups, plan.filters);
  const { principal } = facts;
  const memberKeys = principalPlanGroups(plan, facts.memberOf, facts.planGroupIds);

  const objects: PrincipalObject[] = [];
  const excluded: PrincipalExcluded[] = [];
  const holders: SettingHolder[] = [];
  for (const obj of assignableObjects(plan)) {
    const address = `${obj.section}.${obj.key}`;
    const reach = principalReach(plan, obj, principal.kind, memberKeys, active);
    const desired = compiled.get(address);
    if (!reach || !desired) continue;
    if (reach.excludedBy.length > 0) {
      excluded.push({
        address,
        displayName: desired.displayName,
        excludedBy: reach.excludedBy,
        wouldReachVia: reach.via,
        caveat: reach.caveat,
      });
      continue;
    }
    const since = firstPhase(plan, active, (i) => {
      const earlier = principalReach(plan, obj, principal.kind, memberKeys, i);
      return earlier !== undefined && earlier.excludedBy.length === 0;
    });
    const overlap = { level: reach.certain ? "certain" : "possible", reasons: reach.reasons } as const;
    const { identity, arrival, holder } = reachedObject(plan, obj, desired, { overlap, targets: reach.targets, since });
    objects.push({ ...identity, via: reach.via, ...arrival });
    holders.push(holder);
  }
  const byAddress = <T extends { address: string }>(a: T, b: T): number => compareText(a.address, b.address);
  const groups: PrincipalGroup[] = memberKeys.flatMap((key) => {
    const g = plan.groups[key];
    const tenantId = facts.planGroupIds.get(`groups.${key}`);
    if (!g || tenantId === undefined) return [];
    return [
      {
        address: `groups.${key}`,
        key,
        displayName: g.displayName,
        membership: g.membership,
        members: g.members,
        tenantId,
        audienceOf: plan.phases.find((p) => p.audience.includes(key))?.key ?? null,
      },
    ];
  });
  const planIds = new Set([...facts.planGroupIds.values()].map((id) => id.toLowerCase()));
  return {
    formatVersion: "1",
    plan: plan.name,
    phase: state.phase,
    tenant: facts.tenant,
    principal,
    groups,
    otherTenantGroups: facts.memberOf.filter((g) => !planIds.has(g.id.toLowerCase())).length,
    planGroupsNotInTenant: Object.keys(plan.groups)
      .filter((key) => !facts.planGroupIds.has(`groups.${key}`))
      .map((key) => `groups.${key}`)
      .sort(compareText),
    virtual: (["allUsers", "allDevices"] as const).map((target) => {
      const how = VIRTUAL[principal.kind][target];
      return { target, level: how.certain ? ("certain" as const) : ("possible" as const), reason: how.reason };
    }),
    objects: objects.sort(byAddress),
    excluded: excluded.sort(byAddress),
    settings: effectiveSettings(plan, holders.sort(byAddress), populations, findingsByPair(checkConflicts(plan))),
  };
}
