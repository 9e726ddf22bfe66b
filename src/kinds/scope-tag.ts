// Scope tags (S03): /deviceManagement/roleScopeTags. A tag's automatic assignment to groups travels through its
// /assign action like a policy's (GRAPH-NOTES §3), so the plan's `autoAssign` is the tag's assignment set, not body.
import type { ScopeTag } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";

export const scopeTag: KindAdapter<ScopeTag> = {
  toGraph: (t) => ({
    odataType: "#microsoft.graph.roleScopeTag",
    body: { displayName: t.displayName, ...optional("description", t.description) },
  }),
  toPlan: (_item, body, ctx) => {
    const groups = ctx.assignedGroups();
    return { displayName: String(body["displayName"] ?? ""), ...ctx.common(body), ...(groups.length > 0 ? { autoAssign: groups } : {}) };
  },
};
