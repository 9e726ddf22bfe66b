// Settings-catalog policies (GRAPH-NOTES §7): /deviceManagement/configurationPolicies, named by `name`, platforms
// and technologies as Graph words, settings in Graph's verbose form (the plan's concise map is expanded once per
// policy, plan/settings-catalog.ts). Import keeps the verbose form, without the ids and empty template references
// Graph adds on read.
//
// A policy made from a template (endpoint security, security baselines) names it (`template: { family, id }`) and is
// written with `templateReference: { templateId }`: templateFamily, templateDisplayName and templateDisplayVersion are
// read-only (Microsoft Graph beta, deviceManagementConfigurationPolicyTemplateReference: "This property is
// read-only"). Each top-level setting the template holds carries `settingInstanceTemplateReference
// {settingInstanceTemplateId}` and its value `settingValueTemplateReference {settingValueTemplateId,
// useTemplateDefault: false}` (the plan writes the value itself), from the template's settingTemplates in the plan
// folder's policy-templates snapshot: the shape of the portal's exports (graph-corpus settings-catalog/oib "Win - OIB -
// ES - …" files: references on top-level instances, null on children) and of the Terraform provider's
// settings_catalog_template examples. Without the template in the snapshot the settings go without references.
import type { Json } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import { SETTINGS_CATALOG_PLATFORMS } from "../graph-model/vocabulary.ts";
import type { PolicyTemplate } from "../graph-model/policy-templates.ts";
import type { ConfigurationPolicy } from "../plan/schema.ts";
import { expandCatalogSettings } from "../plan/settings-catalog.ts";
import type { KindAdapter } from "./kind.ts";
import { optional, planWordOf } from "./kind.ts";

/**
 * A read-back setting without what Graph adds: item ids, null template references, empty audit information, and the
 * setting and value template references (compile writes them again from the policy's template).
 */
export function catalogSettingsAsWritten(settings: Json | undefined): Json[] {
  const clean = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(clean);
    if (!isPlainObject(v)) return v;
    return Object.fromEntries(
      Object.entries(v)
        .filter(
          ([k, x]) => k !== "id" && !/^setting(Instance|Value)TemplateReference$/.test(k) && !(x === null && k === "auditRuleInformation"),
        )
        .map(([k, x]) => [k, clean(x)]),
    );
  };
  return Array.isArray(settings) ? settings.map(clean) : [];
}

/** The value property of an instance that takes a value template reference (choice and simple values). */
const TEMPLATED_VALUE = ["choiceSettingValue", "simpleSettingValue"] as const;

/** Expanded settings with the template references `template` gives their settingDefinitionIds (new objects; the input is shared). */
function withTemplateReferences(settings: readonly Json[], template: PolicyTemplate | undefined): readonly Json[] {
  const refs = template?.settings;
  if (!refs) return settings;
  return settings.map((s) => {
    if (!isPlainObject(s) || !isPlainObject(s["settingInstance"])) return s;
    const instance = s["settingInstance"];
    const id = instance["settingDefinitionId"];
    const ref = typeof id === "string" && Object.hasOwn(refs, id) ? refs[id] : undefined;
    if (!ref) return s;
    const out: Record<string, Json> = { ...instance, settingInstanceTemplateReference: { settingInstanceTemplateId: ref.instance } };
    for (const prop of TEMPLATED_VALUE) {
      const value = instance[prop];
      if (ref.value !== undefined && isPlainObject(value))
        out[prop] = { ...value, settingValueTemplateReference: { settingValueTemplateId: ref.value, useTemplateDefault: false } };
    }
    return { ...s, settingInstance: out };
  });
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
      ...(p.template ? { templateReference: { templateId: p.template.id } } : {}),
      // The expansion is shared and read-only; a body is never changed after it is built.
      settings: withTemplateReferences(
        expandCatalogSettings(p.settings).settings as readonly Json[],
        p.template && ctx.policyTemplate(p.template.id),
      ),
    },
  }),

  toPlan(item, body, ctx) {
    const platform = planWordOf(SETTINGS_CATALOG_PLATFORMS, String(body["platforms"]));
    if (!platform) {
      ctx.note(`settings-catalog platform ${String(body["platforms"])} is not a plan platform; left out`);
      return undefined;
    }
    const technologies = String(body["technologies"] ?? "mdm");
    const ref = item["templateReference"];
    const templateId = isPlainObject(ref) ? ref["templateId"] : undefined;
    const family = isPlainObject(ref) ? ref["templateFamily"] : undefined;
    return ctx.withAssignment({
      displayName: String(body["name"] ?? ""),
      ...ctx.common(body),
      platform,
      profile: "settingsCatalog",
      ...(technologies !== "mdm" ? { technologies } : {}),
      ...(typeof templateId === "string" && templateId !== "" ? { template: { family: String(family ?? "none"), id: templateId } } : {}),
      settings: catalogSettingsAsWritten(item["settings"]),
    });
  },
};
