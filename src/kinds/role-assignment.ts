// Intune role assignments (S03): /deviceManagement/roleAssignments, a role definition bound by URL, the admin groups
// (`members`) and what they may manage (`scopeType`, or `resourceScopes` groups). A built-in role is bound by its
// well-known id; a custom one by reference to the plan's role definition (GRAPH-NOTES §4.2).
import type { Json } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import type { Role } from "../plan/schema.ts";
import { BUILTIN_ROLES } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";

const SCOPE_TYPES = { allDevices: "allDevices", allUsers: "allLicensedUsers", allDevicesAndUsers: "allDevicesAndLicensedUsers" } as const;

export const roleAssignment: KindAdapter<Role> = {
  toGraph: (r, ctx) => {
    const builtin = BUILTIN_ROLES[r.role as keyof typeof BUILTIN_ROLES];
    const groups = Array.isArray(r.scope) ? r.scope : undefined;
    return {
      odataType: "#microsoft.graph.deviceAndAppManagementRoleAssignment",
      body: {
        displayName: r.displayName,
        ...optional("description", r.description),
        members: r.admins.map((g) => ctx.ref(`groups.${g}`)),
        scopeType: groups ? "resourceScope" : SCOPE_TYPES[r.scope as keyof typeof SCOPE_TYPES],
        resourceScopes: (groups ?? []).map((g) => ctx.ref(`groups.${g}`)),
        ...ctx.scopeTags(r.scopeTags),
        "roleDefinition@odata.bind": builtin
          ? `https://graph.microsoft.com/beta/deviceManagement/roleDefinitions('${builtin.id}')`
          : ctx.ref(`roleDefinitions.${r.role}`),
      },
    };
  },
  // Members and scopes are group ids; the role is bound by its plan key, or by URL when built in or not the plan's.
  observe(body, item, ctx) {
    const out: Record<string, Json> = { ...body };
    for (const k of ["members", "resourceScopes"]) {
      const ids = out[k];
      if (Array.isArray(ids)) out[k] = ids.map((id) => ctx.refOr(id));
    }
    const def = item["roleDefinition"];
    if (isPlainObject(def) && typeof def["id"] === "string") {
      const known = def["isBuiltIn"] === true ? def["id"] : ctx.refOr(def["id"]);
      out["roleDefinition@odata.bind"] =
        typeof known === "string" ? `${ctx.endpoint}/beta/deviceManagement/roleDefinitions('${def["id"]}')` : known;
    }
    return out;
  },
  toPlan: (_item, body, ctx) => {
    const bind = body["roleDefinition@odata.bind"];
    const builtinId = typeof bind === "string" ? /roleDefinitions\('([^']+)'\)/.exec(bind)?.[1] : undefined;
    const role =
      ctx.keyOf(bind) ?? (Object.keys(BUILTIN_ROLES) as (keyof typeof BUILTIN_ROLES)[]).find((k) => BUILTIN_ROLES[k].id === builtinId);
    if (!role) {
      ctx.note(`role definition ${String(bind)} is neither built in nor imported; left out`);
      return undefined;
    }
    const scopeType = String(body["scopeType"] ?? "").toLowerCase();
    const scope =
      (Object.keys(SCOPE_TYPES) as (keyof typeof SCOPE_TYPES)[]).find((k) => SCOPE_TYPES[k].toLowerCase() === scopeType) ??
      ctx.keys(body["resourceScopes"], "scope");
    return {
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      role,
      admins: ctx.keys(body["members"], "admins"),
      scope,
    };
  },
};
