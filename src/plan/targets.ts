// Which groups each assignable object targets in a given phase. Shared by the validator (conflicts, targeting
// rules) and the compiler (assignment sets). Pure.
import type { CaState } from "../graph-model/vocabulary.ts";
import type { AssignableSection, AssignmentSpec, ConditionalAccessPolicy, Plan } from "./schema.ts";
import { ASSIGNABLE_SECTIONS } from "./schema.ts";
import { appPlatform } from "./app-platform.ts";
import { TARGET_TYPES } from "./target-types.ts";

export type VirtualTarget = "allUsers" | "allDevices";

/** The effective targets of one object in one phase. Empty `include` and no virtual targets = unassigned. */
export interface EffectiveTargets {
  readonly include: readonly string[];
  readonly virtual: readonly VirtualTarget[];
  readonly exclude: readonly string[];
  readonly filter?: { readonly key: string; readonly mode: "include" | "exclude" };
}

export interface AssignableObject {
  readonly section: AssignableSection;
  readonly key: string;
  readonly platform: string;
  readonly assignment: AssignmentSpec | undefined;
}

/** The platform of an object that applies to users on every platform (terms and conditions): every phase covers it. */
export const ANY_PLATFORM = "any";

/** Whether a phase (restricted to `platforms` or not) assigns objects of `platform`. */
export const phaseCovers = (phase: { readonly platforms?: readonly string[] | undefined }, platform: string): boolean =>
  !phase.platforms || platform === ANY_PLATFORM || phase.platforms.includes(platform);

const assignableCache = new WeakMap<Plan, readonly AssignableObject[]>();

/** Every assignable object of the plan, in section order. Computed once per plan (plans are never changed in place). */
export function assignableObjects(plan: Plan): readonly AssignableObject[] {
  const known = assignableCache.get(plan);
  if (known) return known;
  const objects = listAssignable(plan);
  assignableCache.set(plan, objects);
  return objects;
}

function listAssignable(plan: Plan): AssignableObject[] {
  return ASSIGNABLE_SECTIONS.flatMap((section) =>
    Object.entries(plan[section]).map(([key, obj]) => ({
      section,
      key,
      // Update profiles, platform scripts, remediations, Autopilot profiles and enrollment status pages are Windows only,
      // with no platform field to say so (memdocs remediations.md: the Intune management extension; Autopilot and the
      // ESP are Windows provisioning); terms and conditions and Conditional Access reach users on every platform.
      // An app's platform is its type's (app-platform.ts).
      platform:
        "platform" in obj
          ? obj.platform
          : "type" in obj && section === "apps"
            ? appPlatform(obj.type)
            : section === "termsAndConditions" || section === "conditionalAccess"
              ? ANY_PLATFORM
              : "windows",
      assignment: obj.assignment,
    })),
  );
}

export function phaseIndex(plan: Plan, phaseKey: string | undefined): number {
  if (phaseKey === undefined) return plan.phases.length - 1;
  return plan.phases.findIndex((p) => p.key === phaseKey);
}

/**
 * Targets of `obj` when phase `active` (an index into plan.phases, -1 = before any phase) is the active one.
 * Phased objects gain the audience of every phase from their first phase through the active one, skipping
 * phases restricted to other platforms; `include` groups join from the object's first phase on. A kind that targets
 * devices only (Autopilot profiles) takes no phase audience, which is people: only its `include` device groups, from
 * its first phase on (IP203 when a phased one has none).
 */
export function effectiveTargets(plan: Plan, obj: AssignableObject, active: number): EffectiveTargets {
  const spec = obj.assignment ?? {};
  const includes: string[] = [];
  const virtual: VirtualTarget[] = [];
  const explicit = spec.include ?? [];
  const rollout = spec.rollout ?? (plan.phases.length > 0 ? "phased" : "fixed");
  let assigned = true;
  if (rollout === "phased") {
    const from = spec.from === undefined ? 0 : plan.phases.findIndex((p) => p.key === spec.from);
    assigned = from >= 0 && active >= from;
    if (assigned && TARGET_TYPES[obj.section] !== "devices") {
      for (let i = from; i <= active; i++) {
        const phase = plan.phases[i];
        if (!phase || !phaseCovers(phase, obj.platform)) continue;
        includes.push(...phase.audience);
      }
    }
  }
  if (assigned) {
    for (const t of explicit) {
      if (t === "allUsers" || t === "allDevices") virtual.push(t);
      else includes.push(t);
    }
  }
  const unique = [...new Set(includes)];
  if (unique.length === 0 && virtual.length === 0) return { include: [], virtual: [], exclude: [] };
  return {
    include: unique,
    virtual: [...new Set(virtual)].sort(),
    exclude: [...new Set(spec.exclude ?? [])],
    ...(spec.filter ? { filter: { key: spec.filter, mode: spec.filterMode ?? "include" } } : {}),
  };
}

/** A Conditional Access policy as one phase has it: whom it applies to and its state (kinds/conditional-access-policy.ts). */
export interface ConditionalAccessInPhase {
  readonly displayName: string;
  readonly policy: ConditionalAccessPolicy;
  /**
   * The targets the phases give it, as any assignment's (effectiveTargets), except that the excluded groups are kept
   * even while nothing is included: a break-glass exclusion is never dropped from the body.
   */
  readonly reach: EffectiveTargets;
  readonly state: CaState;
}

/**
 * The policy at `conditionalAccess.<key>` when phase `active` (an index into plan.phases, -1 = before any phase) is the
 * active one: its targets follow the phases as an assignment's do, but Graph takes them in the body (conditions.users);
 * its state is `state` (default reportOnly) until the phase `enforceFrom` names, and on from that phase.
 */
export function conditionalAccessInPhase(
  plan: Plan,
  key: string,
  policy: ConditionalAccessPolicy,
  active: number,
): ConditionalAccessInPhase {
  const reach = effectiveTargets(
    plan,
    { section: "conditionalAccess", key, platform: ANY_PLATFORM, assignment: policy.assignment },
    active,
  );
  const enforceFrom = policy.enforceFrom === undefined ? -1 : plan.phases.findIndex((p) => p.key === policy.enforceFrom);
  return {
    displayName: policy.displayName,
    policy,
    reach: { ...reach, exclude: [...new Set(policy.assignment?.exclude ?? [])] },
    state: enforceFrom >= 0 && active >= enforceFrom ? "on" : (policy.state ?? "reportOnly"),
  };
}
