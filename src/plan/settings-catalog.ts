// Settings-catalog settings: the concise form (`settingDefinitionId: value`) expanded to Graph's verbose form.
// Verbose entries (Graph deviceManagementConfigurationSetting objects) pass through. Pure.
import { canonicalJson } from "../canonical-json.ts";
import { isSecretRef } from "../graph-model/secrets.ts";
import { isCatalogCompliancePlatform } from "../graph-model/vocabulary.ts";
import type { Plan } from "./schema.ts";

const NS = "#microsoft.graph.deviceManagementConfiguration";

export interface CatalogIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}
export type JsonObject = Record<string, unknown>;

/** The concise value forms: choice option id, integer, string, secret reference, lists, or a choice with children. */
function expandInstance(id: string, value: unknown, path: (string | number)[], issues: CatalogIssue[]): JsonObject | undefined {
  const instance = (type: string, body: JsonObject): JsonObject => ({ "@odata.type": `${NS}${type}`, settingDefinitionId: id, ...body });
  if (typeof value === "string" && value.startsWith(`${id}_`)) {
    return instance("ChoiceSettingInstance", { choiceSettingValue: { "@odata.type": `${NS}ChoiceSettingValue`, value, children: [] } });
  }
  if (typeof value === "number") {
    if (!Number.isInteger(value)) {
      issues.push({ path, message: `${id}: only integers are settings-catalog numbers` });
      return undefined;
    }
    return instance("SimpleSettingInstance", { simpleSettingValue: { "@odata.type": `${NS}IntegerSettingValue`, value } });
  }
  if (typeof value === "string")
    return instance("SimpleSettingInstance", { simpleSettingValue: { "@odata.type": `${NS}StringSettingValue`, value } });
  if (isSecretRef(value)) {
    return instance("SimpleSettingInstance", {
      simpleSettingValue: { "@odata.type": `${NS}SecretSettingValue`, value, valueState: "notEncrypted" },
    });
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === "string" && v.startsWith(`${id}_`))) {
      return instance("ChoiceSettingCollectionInstance", {
        choiceSettingCollectionValue: value.map((v) => ({ "@odata.type": `${NS}ChoiceSettingValue`, value: v, children: [] })),
      });
    }
    if (value.every((v) => typeof v === "string")) {
      return instance("SimpleSettingCollectionInstance", {
        simpleSettingCollectionValue: value.map((v) => ({ "@odata.type": `${NS}StringSettingValue`, value: v })),
      });
    }
    // A list of mappings is a group collection: each item's children by settingDefinitionId, e.g. Linux compliance's
    // linux_distribution_alloweddistros (GRAPH-NOTES §6.2, portal capture TF linux_device_compliance_policy create_req.md).
    if (value.length > 0 && value.every((v) => typeof v === "object" && v !== null && !Array.isArray(v) && !isSecretRef(v))) {
      return instance("GroupSettingCollectionInstance", {
        groupSettingCollectionValue: value.map((item, i) => ({
          children: Object.entries(item as JsonObject).flatMap(([cid, cv]) => expandInstance(cid, cv, [...path, i, cid], issues) ?? []),
        })),
      });
    }
    issues.push({
      path,
      message: `${id}: a list must hold only strings, only ${id}_… choice options, or only mappings (a group collection)`,
    });
    return undefined;
  }
  if (typeof value === "object" && value !== null) {
    const { value: choice, children, ...rest } = value as JsonObject;
    if (
      Object.keys(rest).length > 0 ||
      typeof choice !== "string" ||
      !choice.startsWith(`${id}_`) ||
      typeof children !== "object" ||
      children === null ||
      Array.isArray(children)
    ) {
      issues.push({
        path,
        message: `${id}: ambiguous concise value; write { value: ${id}_<option>, children: { <childId>: <value> } } or use the verbose Graph form`,
      });
      return undefined;
    }
    const kids = Object.entries(children as JsonObject).flatMap(
      ([cid, cv]) => expandInstance(cid, cv, [...path, "children", cid], issues) ?? [],
    );
    return instance("ChoiceSettingInstance", {
      choiceSettingValue: { "@odata.type": `${NS}ChoiceSettingValue`, value: choice, children: kids },
    });
  }
  issues.push({ path, message: `${id}: ${value === null ? "null" : typeof value} is not a settings-catalog value` });
  return undefined;
}

export interface CatalogExpansion {
  readonly settings: readonly JsonObject[];
  readonly issues: readonly CatalogIssue[];
}

/** One expansion per plan value: the validator, the conflict checker, explain, licenses and compile share it. */
const expanded = new WeakMap<object, CatalogExpansion>();

/**
 * Expands plan settings (concise map or verbose list) into Graph `settings`, in a stable order. The plan is not
 * changed after it is checked, so a policy's settings are expanded once per process and the result is shared:
 * callers must not change it.
 */
export function expandCatalogSettings(settings: unknown): CatalogExpansion {
  if (typeof settings !== "object" || settings === null) return expand(settings);
  const known = expanded.get(settings);
  if (known) return known;
  const result = expand(settings);
  expanded.set(settings, result);
  return result;
}

function expand(settings: unknown): CatalogExpansion {
  const issues: CatalogIssue[] = [];
  if (settings === undefined) return { settings: [], issues };
  if (Array.isArray(settings)) {
    const out: JsonObject[] = [];
    settings.forEach((s, i) => {
      const inst = typeof s === "object" && s !== null ? (s as JsonObject)["settingInstance"] : undefined;
      if (typeof inst !== "object" || inst === null || typeof (inst as JsonObject)["settingDefinitionId"] !== "string") {
        issues.push({ path: [i], message: "a verbose setting needs settingInstance.settingDefinitionId" });
        return;
      }
      out.push({ "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting", ...(s as JsonObject) });
    });
    return { settings: out, issues };
  }
  const out = Object.entries(settings as JsonObject).flatMap(([id, value]) => {
    const inst = expandInstance(id, value, [id], issues);
    return inst ? [{ "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting", settingInstance: inst }] : [];
  });
  return { settings: out, issues };
}

/** settingDefinitionId → canonical JSON of its value, for conflict detection (top-level instances only). */
export function catalogSettingValues(settings: readonly JsonObject[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const s of settings) {
    const inst = s["settingInstance"] as JsonObject;
    const { "@odata.type": _t, settingDefinitionId, ...value } = inst;
    values.set(String(settingDefinitionId), canonicalJson(value));
  }
  return values;
}

/** Every settingDefinitionId in expanded settings, children of choices included (what a setting's presence implies). */
export function catalogSettingIds(settings: readonly JsonObject[]): string[] {
  const ids: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (typeof v === "object" && v !== null) {
      const id = (v as JsonObject)["settingDefinitionId"];
      if (typeof id === "string") ids.push(id);
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(settings);
  return ids;
}

/** The setting ids (children included) of the plan's settings-catalog configuration and compliance policies, sorted. */
export function planSettingIds(plan: Plan): { configuration: string[]; compliance: string[] } {
  const ids = { configuration: new Set<string>(), compliance: new Set<string>() };
  for (const p of Object.values(plan.configuration))
    if (p.profile === "settingsCatalog")
      for (const id of catalogSettingIds(expandCatalogSettings(p.settings).settings)) ids.configuration.add(id);
  for (const p of Object.values(plan.compliance))
    if (isCatalogCompliancePlatform(p.platform))
      for (const id of catalogSettingIds(expandCatalogSettings(p.settings).settings)) ids.compliance.add(id);
  return { configuration: [...ids.configuration].sort(), compliance: [...ids.compliance].sort() };
}
