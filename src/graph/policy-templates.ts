// Reads settings-catalog templates from a tenant and maps them to the plan's policy-templates snapshot
// (graph-model/policy-templates.ts), for `intune-plan definitions`.
//
// Endpoints (Microsoft Graph beta, "List deviceManagementConfigurationPolicyTemplates" and "List
// deviceManagementConfigurationSettingTemplates"): GET /deviceManagement/configurationPolicyTemplates lists every
// template (id = `<baseId>_<version>`, baseId, version, displayName, displayVersion, templateFamily, lifecycleState,
// platforms, technologies); GET …/configurationPolicyTemplates/{id}/settingTemplates lists one template's settings,
// each a settingInstanceTemplate (settingInstanceTemplateId, settingDefinitionId) with its value template
// (choiceSettingValueTemplate / simpleSettingValueTemplate: settingValueTemplateId).
import type { PolicyTemplate, SettingTemplateRef, TemplatesSnapshot } from "../graph-model/policy-templates.ts";
import { formatTemplatesSnapshot, TEMPLATES_FORMAT, TEMPLATES_VERSION } from "../graph-model/policy-templates.ts";
import type { JsonObject } from "../graph-model/json.ts";
import type { GraphClient } from "./client.ts";

export { TEMPLATES_FILE } from "../graph-model/policy-templates.ts";

export const TEMPLATES_COLLECTION = "/deviceManagement/configurationPolicyTemplates";

const isRecord = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);

/** A Graph template in the snapshot's words (without settings), or undefined when it lacks an id or a base id. */
export function snapshotTemplate(raw: JsonObject): [string, PolicyTemplate] | undefined {
  const id = raw["id"];
  const baseId = raw["baseId"];
  if (typeof id !== "string" || typeof baseId !== "string") return undefined;
  return [
    id,
    {
      baseId,
      version: typeof raw["version"] === "number" ? raw["version"] : 0,
      displayName: text(raw["displayName"], id),
      displayVersion: text(raw["displayVersion"]),
      family: text(raw["templateFamily"], "none"),
      lifecycleState: text(raw["lifecycleState"], "invalid"),
      platforms: text(raw["platforms"], "none"),
      technologies: text(raw["technologies"], "none"),
    },
  ];
}

/** One settingTemplate's settingDefinitionId and references, or undefined when it names no definition. */
function settingRef(raw: JsonObject): [string, SettingTemplateRef] | undefined {
  const inst = raw["settingInstanceTemplate"];
  if (!isRecord(inst) || typeof inst["settingDefinitionId"] !== "string" || typeof inst["settingInstanceTemplateId"] !== "string")
    return undefined;
  const valueTemplate = [inst["choiceSettingValueTemplate"], inst["simpleSettingValueTemplate"]].find(isRecord);
  const value = valueTemplate?.["settingValueTemplateId"];
  return [inst["settingDefinitionId"], { instance: inst["settingInstanceTemplateId"], ...(typeof value === "string" ? { value } : {}) }];
}

export interface TemplatesRead {
  readonly templates: Record<string, PolicyTemplate>;
  /** Template ids asked for that the tenant does not have. */
  readonly missing: string[];
}

/**
 * The templates `wanted` with their settings, and every newer version (same baseId, higher version) without its
 * settings, so that validate can say a newer one exists. One list of the collection (paged), then each wanted
 * template's settingTemplates.
 */
export async function readPolicyTemplates(client: GraphClient, wanted: readonly string[]): Promise<TemplatesRead> {
  const all = new Map<string, PolicyTemplate>();
  await client.list(TEMPLATES_COLLECTION, "beta", (item) => {
    const t = snapshotTemplate(item);
    if (t) all.set(t[0], t[1]);
    return undefined;
  });
  const templates: Record<string, PolicyTemplate> = {};
  const missing: string[] = [];
  for (const id of [...new Set(wanted)].sort()) {
    const t = all.get(id);
    if (!t) {
      missing.push(id);
      continue;
    }
    const settings: Record<string, SettingTemplateRef> = {};
    await client.list(`${TEMPLATES_COLLECTION}/${encodeURIComponent(id)}/settingTemplates`, "beta", (item) => {
      const ref = settingRef(item);
      if (ref) settings[ref[0]] = ref[1];
      return undefined;
    });
    templates[id] = { ...t, settings };
    for (const [other, o] of all) if (o.baseId === t.baseId && o.version > t.version && !(other in templates)) templates[other] = o;
  }
  return { templates, missing };
}

/** A template a plan policy names, and the newest version of it the tenant offers. */
export interface NewerTemplate {
  readonly templateId: string;
  readonly displayName: string;
  readonly displayVersion: string;
  readonly newerId: string;
  readonly newerDisplayVersion: string;
}

/**
 * The templates of `wanted` for which the tenant offers a newer version (same baseId, higher version), from one list
 * of the templates collection (paged). A template the tenant lacks is not reported here (validate says it, IP250).
 */
export async function newerTenantTemplates(client: GraphClient, wanted: readonly string[]): Promise<NewerTemplate[]> {
  if (wanted.length === 0) return [];
  const all = new Map<string, PolicyTemplate>();
  await client.list(TEMPLATES_COLLECTION, "beta", (item) => {
    const t = snapshotTemplate(item);
    if (t) all.set(t[0], t[1]);
    return undefined;
  });
  const out: NewerTemplate[] = [];
  for (const id of [...new Set(wanted)].sort()) {
    const own = all.get(id);
    if (!own) continue;
    let newest: [string, PolicyTemplate] | undefined;
    for (const [other, t] of all) if (t.baseId === own.baseId && t.version > (newest?.[1] ?? own).version) newest = [other, t];
    if (newest)
      out.push({
        templateId: id,
        displayName: own.displayName,
        displayVersion: own.displayVersion,
        newerId: newest[0],
        newerDisplayVersion: newest[1].displayVersion,
      });
  }
  return out;
}

/** The snapshot file's text for what was read; `source` says where from and when, for people. */
export const templatesText = (read: TemplatesRead, source: string): string => {
  const snapshot: TemplatesSnapshot = { format: TEMPLATES_FORMAT, version: TEMPLATES_VERSION, source, templates: read.templates };
  return formatTemplatesSnapshot(snapshot);
};
