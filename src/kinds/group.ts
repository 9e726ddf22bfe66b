// Entra security groups (S01): v1.0 /groups. Graph requires mailEnabled, mailNickname and securityEnabled even for
// security groups (GRAPH-NOTES §2.1); a dynamic group carries its rule and `DynamicMembership`. Members the plan lists
// are not part of the body: the group's own write adds them (compile.ts `withMembers`).
import type { Group } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";

/** mailNickname: required by Graph even for security groups; derived from the key when the plan has none. */
const nickname = (key: string): string => key.replace(/[^A-Za-z0-9-]/g, "").slice(0, 64);

export const group: KindAdapter<Group> = {
  toGraph: (g, _ctx, key) => ({
    odataType: null,
    body: {
      displayName: g.displayName,
      ...optional("description", g.description),
      mailEnabled: false,
      mailNickname: g.mailNickname ?? nickname(key),
      securityEnabled: true,
      groupTypes: g.membership === "dynamic" ? ["DynamicMembership"] : [],
      ...(g.membership === "dynamic" ? { membershipRule: g.rule ?? "", membershipRuleProcessingState: "On" } : {}),
    },
  }),
  toPlan: (_item, body) => {
    const dynamic = Array.isArray(body["groupTypes"]) && body["groupTypes"].includes("DynamicMembership");
    const rule = typeof body["membershipRule"] === "string" ? body["membershipRule"] : undefined;
    return {
      displayName: String(body["displayName"] ?? ""),
      ...(typeof body["description"] === "string" && body["description"] !== "" ? { description: body["description"] } : {}),
      membership: dynamic ? "dynamic" : "assigned",
      members: rule && /\bdevice\./.test(rule) ? "devices" : "users",
      ...(rule ? { rule } : {}),
      ...(typeof body["mailNickname"] === "string" ? { mailNickname: body["mailNickname"] } : {}),
    };
  },
};
