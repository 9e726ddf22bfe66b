// The least Microsoft Graph application permissions needed to apply a plan, and to preview it read-only. Pure.
import { compareText } from "../text-order.ts";
import type { KeyedSection, Plan } from "../plan/schema.ts";
import type { KindInfo } from "../kinds/index.ts";
import { KIND_ORDER, KINDS } from "../kinds/index.ts";
import { STATUS_READS } from "./status-reads.ts";

export interface PermissionNeed {
  readonly permission: string;
  readonly sections: readonly string[];
}

/** One section's permissions: what apply needs, and what preview needs to read. */
interface SectionScopes {
  readonly apply: readonly string[];
  readonly preview: readonly string[];
}

/**
 * Each plan section's permissions, from its kinds' rows (two kinds share `configuration`, with one scope): the write
 * scope and what Graph also requires to write (alsoNeeds), and the read scope (readScope, else the write scope's
 * .Read. form).
 */
const SCOPES: ReadonlyMap<KeyedSection | "tenantSettings" | "deviceCleanup", SectionScopes> = new Map(
  KIND_ORDER.map((k) => {
    const info: KindInfo = KINDS[k];
    const read = info.readScope ?? info.writeScope.replace(".ReadWrite.", ".Read.");
    return [KINDS[k].section, { apply: [info.writeScope, ...(info.alsoNeeds ?? [])], preview: [read] }];
  }),
);

/** The permissions as their versioned JSON document (`permissions --format json`, docs/json-formats.md). */
export interface PermissionReport {
  readonly formatVersion: "1";
  readonly plan: string;
  /**
   * apply: the write scopes `pulumi up` needs; preview: the read scopes preview, drift and import need; status: the
   * read scopes `status` needs (its `sections` are the figures each permission is for); explain: the read scopes
   * `explain --user` / `--device` needs (its `sections` say what each is read for).
   */
  readonly mode: PermissionMode;
  readonly permissions: readonly PermissionNeed[];
}

export type PermissionMode = "apply" | "preview" | "status" | "explain";

export const permissionReport = (plan: Plan, mode: PermissionMode): PermissionReport => ({
  formatVersion: "1",
  plan: plan.name,
  mode,
  permissions: requiredPermissions(plan, mode),
});

/** status reads what src/reports/status-reads.ts lists, whatever the plan holds. */
function statusPermissions(): PermissionNeed[] {
  const byPermission = new Map<string, string[]>();
  for (const r of STATUS_READS) byPermission.set(r.permission, [...(byPermission.get(r.permission) ?? []), r.figure]);
  return [...byPermission].sort(([a], [b]) => compareText(a, b)).map(([permission, sections]) => ({ permission, sections }));
}

/**
 * What `explain --user` / `--device` reads (graph/principal.ts), whatever the plan holds. The least privileged
 * application permissions per Microsoft Learn (v1.0): user-list-transitivememberof User.Read.All,
 * device-list-transitivememberof Device.Read.All, and the groups listed as preview lists them (Group.Read.All, which
 * also lets the memberships return the groups' names and not only their ids).
 */
const EXPLAIN_READS: readonly PermissionNeed[] = [
  { permission: "Device.Read.All", sections: ["the device (--device) by name, id or deviceId, and the groups it is in"] },
  { permission: "Group.Read.All", sections: ["the tenant's groups, matched to the plan's as preview matches them"] },
  { permission: "User.Read.All", sections: ["the user (--user) by userPrincipalName or id, and the groups it is in"] },
];

export function requiredPermissions(plan: Plan, mode: PermissionMode): PermissionNeed[] {
  if (mode === "status") return statusPermissions();
  if (mode === "explain") return [...EXPLAIN_READS];
  const bySection = new Map<string, string[]>();
  for (const [section, scopes] of SCOPES) {
    if (Object.keys(plan[section]).length === 0) continue;
    for (const permission of scopes[mode]) bySection.set(permission, [...(bySection.get(permission) ?? []), section]);
  }
  // Assignments name groups even when the plan does not manage any.
  const groupRead = mode === "apply" ? "Group.ReadWrite.All" : "Group.Read.All";
  if (!bySection.has(groupRead)) bySection.set("Group.Read.All", ["assignments"]);
  return [...bySection].sort(([a], [b]) => compareText(a, b)).map(([permission, sections]) => ({ permission, sections }));
}
