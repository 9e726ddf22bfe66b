// Dangling references (IP032): every key a plan object names must exist in the section it refers to.
import type { Diagnostic, PlanPath } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { suggest } from "../../diagnostics/suggest.ts";
import type { KeyedSection, Plan } from "../schema.ts";
import { ASSIGNABLE_SECTIONS, BUILTIN_ROLES } from "../schema.ts";

interface Ref {
  readonly path: PlanPath;
  readonly key: string;
  readonly section: KeyedSection | "phases";
}

function* references(plan: Plan): Generator<Ref> {
  for (const [i, phase] of plan.phases.entries()) {
    for (const [j, g] of phase.audience.entries()) yield { path: ["phases", i, "audience", j], key: g, section: "groups" };
  }
  for (const [key, tag] of Object.entries(plan.scopeTags)) {
    for (const [j, g] of (tag.autoAssign ?? []).entries()) yield { path: ["scopeTags", key, "autoAssign", j], key: g, section: "groups" };
  }
  for (const [key, role] of Object.entries(plan.roles)) {
    if (!(role.role in BUILTIN_ROLES)) yield { path: ["roles", key, "role"], key: role.role, section: "roleDefinitions" };
    for (const [j, g] of role.admins.entries()) yield { path: ["roles", key, "admins", j], key: g, section: "groups" };
    if (Array.isArray(role.scope))
      for (const [j, g] of role.scope.entries()) yield { path: ["roles", key, "scope", j], key: g, section: "groups" };
  }
  const tagged: readonly KeyedSection[] = [
    "roleDefinitions",
    "roles",
    "enrollmentCategories",
    "filters",
    ...ASSIGNABLE_SECTIONS,
    "notificationTemplates",
  ];
  for (const section of tagged) {
    for (const [key, obj] of Object.entries(plan[section] as Record<string, { scopeTags?: readonly string[] }>)) {
      for (const [j, t] of (obj.scopeTags ?? []).entries()) yield { path: [section, key, "scopeTags", j], key: t, section: "scopeTags" };
    }
  }
  for (const [key, policy] of Object.entries(plan.conditionalAccess))
    if (policy.enforceFrom !== undefined)
      yield { path: ["conditionalAccess", key, "enforceFrom"], key: policy.enforceFrom, section: "phases" };
  for (const [key, policy] of Object.entries(plan.approvalPolicies))
    for (const [j, g] of policy.approvers.entries()) yield { path: ["approvalPolicies", key, "approvers", j], key: g, section: "groups" };
  for (const [key, policy] of Object.entries(plan.compliance)) {
    for (const [i, a] of (policy.actions ?? []).entries()) {
      for (const [j, g] of (a.cc ?? []).entries()) yield { path: ["compliance", key, "actions", i, "cc", j], key: g, section: "groups" };
    }
  }
  for (const section of ASSIGNABLE_SECTIONS) {
    for (const [key, obj] of Object.entries(plan[section])) {
      const a = obj.assignment;
      if (!a) continue;
      if (a.from !== undefined) yield { path: [section, key, "assignment", "from"], key: a.from, section: "phases" };
      for (const [j, g] of (a.include ?? []).entries())
        if (g !== "allUsers" && g !== "allDevices") yield { path: [section, key, "assignment", "include", j], key: g, section: "groups" };
      for (const [j, g] of (a.exclude ?? []).entries())
        yield { path: [section, key, "assignment", "exclude", j], key: g, section: "groups" };
      if (a.filter !== undefined) yield { path: [section, key, "assignment", "filter"], key: a.filter, section: "filters" };
    }
  }
  // The apps an app configuration for managed devices configures (targetedMobileApps).
  for (const [key, c] of Object.entries(plan.deviceAppConfiguration))
    for (const [i, a] of c.apps.entries()) yield { path: ["deviceAppConfiguration", key, "apps", i], key: a, section: "apps" };
  // An app's further assignments, each with its own intent (apps.<key>.assignment.also).
  for (const [key, app] of Object.entries(plan.apps)) {
    for (const [i, also] of (app.assignment?.also ?? []).entries()) {
      const at: PlanPath = ["apps", key, "assignment", "also", i];
      for (const [j, g] of also.include.entries())
        if (g !== "allUsers" && g !== "allDevices") yield { path: [...at, "include", j], key: g, section: "groups" };
      if (also.filter !== undefined) yield { path: [...at, "filter"], key: also.filter, section: "filters" };
    }
  }
}

export function checkReferences(plan: Plan): Diagnostic[] {
  const keySets = new Map<string, ReadonlySet<string>>([["phases", new Set(plan.phases.map((p) => p.key))]]);
  const keysOf = (section: KeyedSection | "phases"): ReadonlySet<string> => {
    let keys = keySets.get(section);
    if (!keys) {
      keys = new Set(Object.keys(plan[section as KeyedSection]));
      keySets.set(section, keys);
    }
    return keys;
  };
  const out: Diagnostic[] = [];
  for (const ref of references(plan)) {
    if (keysOf(ref.section).has(ref.key)) continue;
    const keys = [...keysOf(ref.section)];
    const candidates = ref.section === "roleDefinitions" ? [...keys, ...Object.keys(BUILTIN_ROLES)] : keys;
    const s = suggest(ref.key, candidates);
    const what =
      ref.section === "roleDefinitions"
        ? "role (built-in or under roleDefinitions)"
        : ref.section === "phases"
          ? "phase"
          : `key in ${ref.section}`;
    out.push(
      diagnostic("IP032", {
        path: ref.path,
        message: `${ref.key} is not a ${what}`,
        hint: s
          ? `Did you mean ${s}?`
          : ref.section === "roleDefinitions"
            ? `Built-in roles: ${Object.keys(BUILTIN_ROLES).join(", ")}.`
            : `Define ${ref.key} under ${ref.section}, or fix the reference.`,
      }),
    );
  }
  return out;
}
