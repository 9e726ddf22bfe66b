// Settings-catalog compliance, Linux (GRAPH-NOTES §6.2): /deviceManagement/compliancePolicies, named by `name`,
// `platforms: linux`, `technologies: linuxMdm`, settings in the settings catalog's verbose form (the plan's concise
// map is expanded by plan/settings-catalog.ts, as for configurationPolicies). Its compliance actions are not part of
// the body: Intune takes them through `POST …/compliancePolicies/{id}/setScheduledActions` with `scheduledActions`,
// right after the create and whenever they change (ICD update/Intune/Compliance.py; TF linux_device_compliance_policy
// crud.go Create and Update). The compiler therefore carries them as a follow-up action, the way app protection
// carries /targetApps: the write sends it after the POST and again when its body changes, and the read-back folds the
// policy's scheduledActionsForRule into the same `setScheduledActions` property (observe.ts) for the diff.
import type { Json, JsonObject } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import type { CatalogCompliancePlatform } from "../graph-model/vocabulary.ts";
import { CATALOG_COMPLIANCE_GRAPH, CATALOG_COMPLIANCE_PLATFORMS, isCatalogCompliancePlatform } from "../graph-model/vocabulary.ts";
import type { CompliancePolicy } from "../plan/schema.ts";
import { expandCatalogSettings } from "../plan/settings-catalog.ts";
import type { CompileContext, KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";
import { catalogSettingsAsWritten } from "./settings-catalog-policy.ts";
import { complianceRules, observedRules, planActions } from "./compliance-actions.ts";

/** The follow-up action that writes a settings-catalog compliance policy's actions (§6.2). */
export const SET_SCHEDULED_ACTIONS = "/setScheduledActions";

/** The follow-up action of a Linux compliance policy: its complete action list (setScheduledActions replaces it). */
export const scheduledActionsAction = (p: CompliancePolicy, ctx: CompileContext): { path: string; body: JsonObject } => ({
  path: SET_SCHEDULED_ACTIONS,
  body: { scheduledActions: complianceRules(p.actions, ctx) },
});

export const catalogCompliancePolicy: KindAdapter<CompliancePolicy> = {
  toGraph(p, ctx) {
    const graph = isCatalogCompliancePlatform(p.platform) ? CATALOG_COMPLIANCE_GRAPH[p.platform] : CATALOG_COMPLIANCE_GRAPH.linux;
    return {
      odataType: null,
      body: {
        name: p.displayName,
        ...optional("description", p.description),
        platforms: graph.platforms,
        technologies: graph.technologies,
        ...ctx.scopeTags(p.scopeTags),
        // The expansion is shared and read-only; a body is never changed after it is built.
        settings: expandCatalogSettings(p.settings).settings as readonly Json[],
      },
      actions: [scheduledActionsAction(p, ctx)],
    };
  },

  // The actions are the setScheduledActions follow-up action's state, read from the policy's scheduledActionsForRule
  // (item $expand, or the navigation the tenant reader reads in $batch), in the action's body shape.
  observe(body, item, ctx) {
    const { scheduledActionsForRule: _read, ...rest } = body;
    const scheduledActions = observedRules(item["scheduledActionsForRule"], ctx).map((r) =>
      isPlainObject(r) ? { ruleName: r["ruleName"] ?? null, scheduledActionConfigurations: r["scheduledActionConfigurations"] ?? [] } : r,
    );
    return { ...rest, setScheduledActions: { scheduledActions } };
  },

  toPlan(item, body, ctx) {
    // Technologies are a flags enum (N10): compared as a set of tokens.
    const tokens = (v: Json | undefined): string =>
      String(v ?? "")
        .toLowerCase()
        .split(",")
        .map((t) => t.trim())
        .sort()
        .join(",");
    const platform = CATALOG_COMPLIANCE_PLATFORMS.find(
      (p) =>
        CATALOG_COMPLIANCE_GRAPH[p].platforms.toLowerCase() === String(body["platforms"]).toLowerCase() &&
        tokens(CATALOG_COMPLIANCE_GRAPH[p].technologies) === tokens(body["technologies"]),
    );
    if (!platform) {
      ctx.note(`compliance platform ${String(body["platforms"])} (${String(body["technologies"])}) is not a plan platform; left out`);
      return undefined;
    }
    const folded = isPlainObject(body["setScheduledActions"]) ? body["setScheduledActions"]["scheduledActions"] : undefined;
    const actions = planActions(folded, ctx);
    const settings = catalogSettingsAsWritten(item["settings"]);
    return ctx.withAssignment({
      displayName: String(body["name"] ?? ""),
      ...ctx.common(body),
      platform: platform satisfies CatalogCompliancePlatform,
      ...(settings.length > 0 ? { settings } : {}),
      actions,
    });
  },
};
