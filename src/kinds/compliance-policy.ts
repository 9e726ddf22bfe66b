// Classic compliance policies (S04, S20; GRAPH-NOTES §6.1): /deviceManagement/deviceCompliancePolicies, one @odata.type
// per plan platform (vocabulary.ts COMPLIANCE_TYPES), the plan's settings as Graph's own properties, and the actions
// in the body's scheduledActionsForRule on create (exactly one block; on update they travel through
// scheduleActionsForRules, write.ts). Linux is settings-catalog compliance, its own kind (catalog-compliance-policy.ts).
import type { JsonObject } from "../graph-model/json.ts";
import { shortType } from "../graph-model/json.ts";
import { COMPLIANCE_TYPES, isCatalogCompliancePlatform } from "../graph-model/vocabulary.ts";
import type { CompliancePolicy } from "../plan/schema.ts";
import { complianceRules, observedRules, planActions } from "./compliance-actions.ts";
import type { KindAdapter } from "./kind.ts";
import { optional, planWordOf } from "./kind.ts";

export const compliancePolicy: KindAdapter<CompliancePolicy> = {
  // The compiler sends a Linux policy to its own kind, so the platform has a classic type here.
  toGraph: (p, ctx) => ({
    odataType: `#microsoft.graph.${isCatalogCompliancePlatform(p.platform) ? "" : COMPLIANCE_TYPES[p.platform]}`,
    body: {
      displayName: p.displayName,
      ...optional("description", p.description),
      ...ctx.scopeTags(p.scopeTags),
      ...(p.settings as JsonObject | undefined),
      scheduledActionsForRule: complianceRules(p.actions, ctx),
    },
  }),
  observe: (body, _item, ctx) => ({ ...body, scheduledActionsForRule: observedRules(body["scheduledActionsForRule"], ctx) }),
  toPlan: (_item, body, ctx) => {
    const type = shortType(body["@odata.type"]);
    const platform = planWordOf(COMPLIANCE_TYPES, type);
    if (!platform) {
      ctx.note(`compliance type ${type} has no plan platform; left out`);
      return undefined;
    }
    const settings = ctx.settings(body, type);
    return ctx.withAssignment({
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      platform,
      ...(settings ? { settings } : {}),
      actions: planActions(body["scheduledActionsForRule"], ctx),
    });
  },
};
