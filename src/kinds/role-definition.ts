// Custom Intune role definitions (S03): /deviceManagement/roleDefinitions, the allowed resource actions as one
// rolePermissions entry. Graph reads them back either as that list or, in older payloads, as an object keyed by
// allowedResourceActions; import takes both.
import type { Json } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import type { RoleDefinition } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";

/** The allowed resource actions of a read-back `rolePermissions`, in either shape Graph uses. */
function allowedActions(rolePermissions: Json | undefined): Json[] {
  if (Array.isArray(rolePermissions))
    return rolePermissions.flatMap((p) =>
      isPlainObject(p) && Array.isArray(p["resourceActions"])
        ? p["resourceActions"].flatMap((a) =>
            isPlainObject(a) && Array.isArray(a["allowedResourceActions"]) ? a["allowedResourceActions"] : [],
          )
        : [],
    );
  const actions = isPlainObject(rolePermissions) ? rolePermissions["allowedResourceActions"] : undefined;
  return Array.isArray(actions) ? [...actions] : [];
}

export const roleDefinition: KindAdapter<RoleDefinition> = {
  toGraph: (r, ctx) => ({
    odataType: "#microsoft.graph.deviceAndAppManagementRoleDefinition",
    body: {
      displayName: r.displayName,
      ...optional("description", r.description),
      rolePermissions: [{ resourceActions: [{ allowedResourceActions: [...r.allowedActions], notAllowedResourceActions: [] }] }],
      ...ctx.scopeTags(r.scopeTags),
    },
  }),
  toPlan: (_item, body, ctx) => ({
    displayName: String(body["displayName"] ?? ""),
    ...ctx.common(body),
    allowedActions: allowedActions(body["rolePermissions"]),
  }),
};
