// Target types (IP062, IP065): every field that names groups gets the kind of members its table entry in
// target-types.ts accepts (users, devices or both), and the virtual group of the other kind is refused.
import type { Diagnostic, PlanPath } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import type { Plan } from "../schema.ts";
import { ASSIGNABLE_SECTIONS } from "../schema.ts";
import type { TargetField } from "../target-types.ts";
import { TARGET_FIELD_LABELS, TARGET_TYPES } from "../target-types.ts";

interface Named {
  readonly path: PlanPath;
  readonly target: string;
}

/** How to fix a wrong group in each field that accepts one kind only. */
const HINTS: Readonly<Partial<Record<TargetField, string>>> = {
  appProtection: "Target user groups; use an app filter to narrow by device properties.",
  appConfiguration: "Target user groups; use an app filter to narrow by device properties.",
  enrollmentRestrictions: "Target user groups: a restriction applies to the user who enrolls a device.",
  autopilot:
    'Target device groups (for example a dynamic group on device.devicePhysicalIds -any _ -contains "[ZTDId]"): Autopilot profiles are assigned to registered devices.',
  termsAndConditions: "Target user groups: each user accepts the terms in the Company Portal.",
  "scopeTags.autoAssign":
    'Name device groups: Graph tags the devices of these groups, never users (a dynamic device group such as device.displayName -startsWith "CLT-" selects a campus\'s devices).',
  "roles.admins": "Name a user group whose members are the admins.",
  "approvalPolicies.approvers": "Name a user group whose members are the admins who approve.",
};

function* targetsOf(plan: Plan): Generator<readonly [TargetField, Named]> {
  for (const section of ASSIGNABLE_SECTIONS) {
    for (const [key, obj] of Object.entries(plan[section])) {
      for (const list of ["include", "exclude"] as const) {
        for (const [j, target] of (obj.assignment?.[list] ?? []).entries())
          yield [section, { path: [section, key, "assignment", list, j], target }];
      }
    }
  }
  for (const [key, tag] of Object.entries(plan.scopeTags)) {
    for (const [j, target] of (tag.autoAssign ?? []).entries())
      yield ["scopeTags.autoAssign", { path: ["scopeTags", key, "autoAssign", j], target }];
  }
  for (const [key, role] of Object.entries(plan.roles)) {
    for (const [j, target] of role.admins.entries()) yield ["roles.admins", { path: ["roles", key, "admins", j], target }];
    if (Array.isArray(role.scope))
      for (const [j, target] of role.scope.entries()) yield ["roles.scope", { path: ["roles", key, "scope", j], target }];
  }
  for (const [key, policy] of Object.entries(plan.approvalPolicies))
    for (const [j, target] of policy.approvers.entries())
      yield ["approvalPolicies.approvers", { path: ["approvalPolicies", key, "approvers", j], target }];
}

export function checkTargetTypes(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [field, { path, target }] of targetsOf(plan)) {
    const accepts = TARGET_TYPES[field];
    if (accepts === "both") continue;
    const label = TARGET_FIELD_LABELS[field];
    const hint = HINTS[field];
    const virtualOfOtherKind = accepts === "users" ? "allDevices" : "allUsers";
    if (target === virtualOfOtherKind) {
      out.push(
        diagnostic("IP065", {
          path,
          message: `${label} apply to ${accepts}; ${target} is not a valid target`,
          hint: accepts === "users" ? "Use allUsers or user groups." : "Use allDevices or device groups.",
        }),
      );
      continue;
    }
    const members = plan.groups[target]?.members;
    if (members !== undefined && members !== accepts) {
      out.push(
        diagnostic("IP062", {
          path,
          message: `${label} apply to ${accepts}, but ${target} is a ${members === "users" ? "user" : "device"} group`,
          ...(hint ? { hint } : {}),
        }),
      );
    }
  }
  return out;
}
