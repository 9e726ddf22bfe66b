// Compliance actions (GRAPH-NOTES §6.1, §6.2), shared by classic compliance (scheduledActionsForRule in the body) and
// settings-catalog compliance (the setScheduledActions follow-up action): plan actions → Graph's one rule of scheduled
// action configurations, and back.
import type { Json, JsonObject } from "../graph-model/json.ts";
import { isPlainObject, ZERO_GUID } from "../graph-model/json.ts";
import type { CompliancePolicy } from "../plan/schema.ts";
import type { CompileContext, ImportContext, ObserveContext } from "./kind.ts";

/**
 * A plan compliance policy's `actions` as Graph's one rule of scheduled action configurations: shared by classic
 * compliance (scheduledActionsForRule, §6.1) and settings-catalog compliance (setScheduledActions, §6.2). `ruleName`
 * is PasswordRequired, as the portal and TF's Linux resource default it (N6).
 */
export function complianceRules(actions: CompliancePolicy["actions"], ctx: Pick<CompileContext, "ref" | "template">): Json[] {
  return [
    {
      ruleName: "PasswordRequired",
      scheduledActionConfigurations: (actions ?? []).map((a) => ({
        actionType: a.action,
        gracePeriodHours: a.graceHours ?? 0,
        notificationTemplateId: ctx.template(a.template),
        notificationMessageCCList: (a.cc ?? []).map((g) => ctx.ref(`groups.${g}`)),
      })),
    },
  ];
}

/** Graph's rules of scheduled action configurations as read back → the plan's actions. */
export function planActions(rules: Json | undefined, ctx: ImportContext): JsonObject[] {
  return (Array.isArray(rules) ? rules : [])
    .flatMap((r) => (isPlainObject(r) && Array.isArray(r["scheduledActionConfigurations"]) ? r["scheduledActionConfigurations"] : []))
    .filter(isPlainObject)
    .map((c) => {
      const template = c["notificationTemplateId"];
      const cc = ctx.keys(c["notificationMessageCCList"], "actions");
      // A template the import read is named by its plan key; another tenant template by its id.
      const key = ctx.keyOf(template);
      return {
        action: c["actionType"] ?? "block",
        graceHours: c["gracePeriodHours"] ?? 0,
        ...(key !== undefined
          ? { template: key }
          : typeof template === "string" && template !== "" && template !== ZERO_GUID
            ? { template }
            : {}),
        ...(cc.length > 0 ? { cc } : {}),
      };
    });
}

/** One scheduled action configuration as read back, in complianceRules' form: cc groups and a plan template as references. */
function observedConfiguration(c: Json, ctx: ObserveContext): Json {
  if (!isPlainObject(c)) return c;
  const cc = c["notificationMessageCCList"];
  const template = c["notificationTemplateId"];
  return {
    ...c,
    ...(Array.isArray(cc) ? { notificationMessageCCList: cc.map((id) => ctx.refOr(id)) } : {}),
    ...(typeof template === "string" && template !== ZERO_GUID ? { notificationTemplateId: ctx.refOr(template) } : {}),
  };
}

/** Graph's scheduledActionsForRule as read back, each rule's configurations in complianceRules' form (toGraph's inverse). */
export function observedRules(rules: Json | undefined, ctx: ObserveContext): Json[] {
  return (Array.isArray(rules) ? rules : []).map((rule) =>
    isPlainObject(rule) && Array.isArray(rule["scheduledActionConfigurations"])
      ? { ...rule, scheduledActionConfigurations: rule["scheduledActionConfigurations"].map((c) => observedConfiguration(c, ctx)) }
      : rule,
  );
}
