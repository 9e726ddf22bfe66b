// Assignment filters (S24): /deviceManagement/assignmentFilters, a platform and a rule, for devices or apps. Their
// scope tags are `roleScopeTags` (not `roleScopeTagIds` as on policies).
import type { Filter } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";

export const assignmentFilter: KindAdapter<Filter> = {
  toGraph: (f, ctx) => ({
    odataType: null,
    body: {
      displayName: f.displayName,
      ...optional("description", f.description),
      platform: f.platform,
      rule: f.rule,
      assignmentFilterManagementType: f.management ?? "devices",
      ...(f.scopeTags && f.scopeTags.length > 0 ? { roleScopeTags: f.scopeTags.map((t) => ctx.ref(`scopeTags.${t}`)) } : {}),
    },
  }),
  toPlan: (_item, body, ctx) => ({
    displayName: String(body["displayName"] ?? ""),
    ...ctx.common(body),
    platform: body["platform"] ?? null,
    rule: body["rule"] ?? "",
    ...(body["assignmentFilterManagementType"] === "apps" ? { management: "apps" } : {}),
  }),
};
