// Template device configuration profiles (S05–S08): /deviceManagement/deviceConfigurations, one @odata.type per
// profile and platform (vocabulary.ts CONFIGURATION_TYPES), the plan's settings as Graph's own properties (checked
// against the generated Graph schema). Settings-catalog profiles are their own kind (settings-catalog-policy.ts).
import type { JsonObject } from "../graph-model/json.ts";
import { shortType } from "../graph-model/json.ts";
import { CONFIGURATION_TYPES } from "../graph-model/vocabulary.ts";
import type { ConfigurationPolicy } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional, planWordOf } from "./kind.ts";

export const deviceConfiguration: KindAdapter<ConfigurationPolicy> = {
  // The validator has refused a profile the platform does not have (IP071), so the type exists.
  toGraph: (p, ctx) => ({
    odataType: `#microsoft.graph.${p.profile === "settingsCatalog" ? "" : (CONFIGURATION_TYPES[p.profile][p.platform] ?? "")}`,
    body: {
      displayName: p.displayName,
      ...optional("description", p.description),
      ...ctx.scopeTags(p.scopeTags),
      ...(p.settings as JsonObject | undefined),
    },
  }),
  toPlan: (_item, body, ctx) => {
    const type = shortType(body["@odata.type"]);
    for (const [profile, byPlatform] of Object.entries(CONFIGURATION_TYPES)) {
      const platform = planWordOf(byPlatform as Record<string, string>, type);
      if (!platform) continue;
      const settings = ctx.settings(body, type);
      if (/wifi/i.test(type)) ctx.note("Wi-Fi keys are write-only in Graph; add preSharedKey: { secret: NAME } if the profile uses one");
      return ctx.withAssignment({
        displayName: String(body["displayName"] ?? ""),
        ...ctx.common(body),
        platform,
        profile,
        ...(settings ? { settings } : {}),
      });
    }
    ctx.note(`configuration type ${type} is not a plan profile; left out`);
    return undefined;
  },
};
