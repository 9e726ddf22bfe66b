// Who administers a plan object: the role assignments whose scope covers it. Intune shows an admin the objects that
// carry one of the assignment's scope tags (an object or assignment without tags has the Default tag), and lets the
// admin manage the users and devices of the assignment's scope groups. Pure.
import type { KeyedSection, Plan } from "../plan/schema.ts";
import type { DocOwner } from "./docs-model.ts";
import { roleName } from "./object-facts.ts";

/** Sections whose objects carry scope tags in the plan. */
const TAGGED: ReadonlySet<KeyedSection> = new Set([
  "roleDefinitions",
  "enrollmentCategories",
  "filters",
  "compliance",
  "configuration",
  "appProtection",
  "enrollmentRestrictions",
]);

/** Why `role` covers the object, or undefined when it does not. */
function coverage(plan: Plan, section: KeyedSection, key: string, tags: readonly string[], roleKey: string): string | undefined {
  const role = plan.roles[roleKey];
  if (!role) return undefined;
  const roleTags = role.scopeTags ?? [];
  if (TAGGED.has(section)) {
    if (tags.length === 0) return roleTags.length === 0 ? "Default scope tag" : undefined;
    const shared = tags.find((t) => roleTags.includes(t));
    return shared === undefined ? undefined : `scope tag ${shared}`;
  }
  if (section === "scopeTags") return roleTags.includes(key) ? `scope tag ${key}` : undefined;
  if (section === "groups") {
    const members = plan.groups[key]?.members;
    if (Array.isArray(role.scope)) return role.scope.includes(key) ? `scope group ${key}` : undefined;
    const all = role.scope;
    return all === "allDevicesAndUsers" || (all === "allUsers" && members === "users") || (all === "allDevices" && members === "devices")
      ? `scope ${all}`
      : undefined;
  }
  return undefined;
}

/** The covering role assignments, in plan order. Role assignments and their definitions have no owners here. */
export function ownersOf(plan: Plan, section: KeyedSection, key: string, tags: readonly string[]): DocOwner[] {
  return Object.entries(plan.roles).flatMap(([roleKey, role]) => {
    const via = coverage(plan, section, key, tags, roleKey);
    return via === undefined
      ? []
      : [
          {
            address: `roles.${roleKey}`,
            displayName: role.displayName,
            role: roleName(plan, role.role),
            admins: role.admins.map((g) => ({ address: `groups.${g}`, displayName: plan.groups[g]?.displayName ?? g })),
            via,
          },
        ];
  });
}
