// Settings-catalog policies (GRAPH-NOTES §7): /deviceManagement/configurationPolicies, named by `name`, platforms
// and technologies as Graph words, settings in Graph's verbose form (the plan's concise map is expanded once per
// policy, plan/settings-catalog.ts). Import keeps the verbose form, without the ids and empty template references
// Graph adds on read.
import type { Json } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import { SETTINGS_CATALOG_PLATFORMS } from "../graph-model/vocabulary.ts";
import type { ConfigurationPolicy } from "../plan/schema.ts";
import { expandCatalogSettings } from "../plan/settings-catalog.ts";
import type { KindAdapter } from "./kind.ts";
import { optional, planWordOf } from "./kind.ts";

/** A read-back setting without what Graph adds: item ids, null template references, empty audit information. */
export function catalogSettingsAsWritten(settings: Json | undefined): Json[] {
  const clean = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(clean);
    if (!isPlainObject(v)) return v;
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k, x]) => k !== "id" && !(x === null && /TemplateReference$|^auditRuleInformation$/.test(k)))
        .map(([k, x]) => [k, clean(x)]),
    );
  };
  return Array.isArray(settings) ? settings.map(clean) : [];
}

export const settingsCatalogPolicy: KindAdapter<ConfigurationPolicy> = {
  toGraph: (p, ctx) => ({
    odataType: null,
    body: {
      name: p.displayName,
      ...optional("description", p.description),
      platforms: SETTINGS_CATALOG_PLATFORMS[p.platform],
      technologies: p.technologies ?? "mdm",
      ...ctx.scopeTags(p.scopeTags),
      // The expansion is shared and read-only; a body is never changed after it is built.
      settings: expandCatalogSettings(p.settings).settings as readonly Json[],
    },
  }),

  toPlan(item, body, ctx) {
    const platform = planWordOf(SETTINGS_CATALOG_PLATFORMS, String(body["platforms"]));
    if (!platform) {
      ctx.note(`settings-catalog platform ${String(body["platforms"])} is not a plan platform; left out`);
      return undefined;
    }
    const technologies = String(body["technologies"] ?? "mdm");
    return ctx.withAssignment({
      displayName: String(body["name"] ?? ""),
      ...ctx.common(body),
      platform,
      profile: "settingsCatalog",
      ...(technologies !== "mdm" ? { technologies } : {}),
      settings: catalogSettingsAsWritten(item["settings"]),
    });
  },
};
