// The policy-templates snapshot: the settings-catalog templates (endpoint security, security baselines) a plan's
// policies are made from, kept in the plan folder beside setting-definitions.json (`policy-templates.json`), so that
// `validate` checks a policy against its template offline and `compile` writes the setting and value template
// references the template requires. `intune-plan definitions` writes it from a tenant (graph/policy-templates.ts maps
// Graph's objects to it); this file owns the format and its reader.
//
// The format is a condensed copy of Graph's template types (Microsoft Graph beta, resources
// intune-deviceconfigv2-devicemanagementconfigurationpolicytemplate: id "composed of BaseId and Version", baseId,
// version (Int32), displayName, displayVersion, lifecycleState, platforms, technologies, templateFamily; and
// …settingtemplate: settingInstanceTemplate {settingInstanceTemplateId, settingDefinitionId, isRequired} with its
// value template (…choiceSettingValueTemplate / …simpleSettingValueTemplate settingValueTemplateId)):
//
//   { "format": "intune-plan/policy-templates", "version": 1, "source": "…",
//     "templates": { "<templateId>": { "baseId": "…", "version": 1, "displayName": "…", "displayVersion": "Version 1",
//                    "family": "endpointSecurityAntivirus", "lifecycleState": "active", "platforms": "windows10",
//                    "technologies": "mdm,microsoftSense",
//                    "settings": { "<settingDefinitionId>": { "instance": "<settingInstanceTemplateId>",
//                                                             "value": "<settingValueTemplateId>" } } } } }
//
// A template listed only for its version (a newer version of a template the plan uses, read so that validate can say
// it exists) has no `settings`.

export const TEMPLATES_FORMAT = "intune-plan/policy-templates";
export const TEMPLATES_VERSION = 1;
/** The snapshot's file name in a plan folder. */
export const TEMPLATES_FILE = "policy-templates.json";

/**
 * Graph's templateFamily values (deviceManagementConfigurationTemplateFamily, Microsoft Graph beta
 * intune-deviceconfigv2-devicemanagementconfigurationpolicytemplatereference): what a plan's `template.family` may say.
 */
export const TEMPLATE_FAMILIES = [
  "endpointSecurityAntivirus",
  "endpointSecurityDiskEncryption",
  "endpointSecurityFirewall",
  "endpointSecurityEndpointDetectionAndResponse",
  "endpointSecurityAttackSurfaceReduction",
  "endpointSecurityAccountProtection",
  "endpointSecurityApplicationControl",
  "endpointSecurityEndpointPrivilegeManagement",
  "enrollmentConfiguration",
  "appQuietTime",
  "baseline",
  "deviceConfigurationScripts",
  "deviceConfigurationPolicies",
  "windowsOsRecoveryPolicies",
  "companyPortal",
] as const;

export interface SettingTemplateRef {
  /** settingInstanceTemplateReference.settingInstanceTemplateId of the setting's instance. */
  readonly instance: string;
  /** settingValueTemplateReference.settingValueTemplateId of its value; absent for a group (it has no value template). */
  readonly value?: string;
}

export interface PolicyTemplate {
  readonly baseId: string;
  readonly version: number;
  readonly displayName: string;
  readonly displayVersion: string;
  readonly family: string;
  /** Graph's lifecycleState: invalid, draft, active, superseded, deprecated, retired. */
  readonly lifecycleState: string;
  /** Graph's platforms and technologies of the template (technologies a comma list, GRAPH-NOTES §7.2 N10). */
  readonly platforms: string;
  readonly technologies: string;
  /** The template's top-level settings by settingDefinitionId; absent when only the version was read. */
  readonly settings?: Readonly<Record<string, SettingTemplateRef>>;
}

export interface TemplatesSnapshot {
  readonly format: typeof TEMPLATES_FORMAT;
  readonly version: typeof TEMPLATES_VERSION;
  readonly source?: string;
  readonly templates: Readonly<Record<string, PolicyTemplate>>;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function templateProblem(id: string, t: unknown): string | undefined {
  if (!isRecord(t)) return `${id}: a template is an object`;
  for (const k of ["baseId", "displayName", "displayVersion", "family", "lifecycleState", "platforms", "technologies"])
    if (typeof t[k] !== "string") return `${id}: ${k} must be a string`;
  if (typeof t["version"] !== "number" || !Number.isInteger(t["version"])) return `${id}: version must be a whole number`;
  const settings = t["settings"];
  if (settings === undefined) return undefined;
  if (!isRecord(settings)) return `${id}: settings must be an object keyed by settingDefinitionId`;
  for (const [sid, s] of Object.entries(settings)) {
    if (!isRecord(s) || typeof s["instance"] !== "string") return `${id}: ${sid} needs an instance template id`;
    if (s["value"] !== undefined && typeof s["value"] !== "string") return `${id}: ${sid} value must be a value template id`;
  }
  return undefined;
}

/** The snapshot in `text`, or why it cannot be used. Fields beyond the format are ignored. */
export function parseTemplatesSnapshot(text: string): { snapshot: TemplatesSnapshot } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `not JSON: ${(error as Error).message}` };
  }
  if (!isRecord(json) || json["format"] !== TEMPLATES_FORMAT)
    return { problem: `not a policy-templates snapshot (expected "format": "${TEMPLATES_FORMAT}")` };
  if (json["version"] !== TEMPLATES_VERSION)
    return { problem: `version ${String(json["version"])} is not supported (this intune-plan reads version ${TEMPLATES_VERSION})` };
  const raw = json["templates"];
  if (!isRecord(raw)) return { problem: "templates must be an object keyed by template id" };
  const templates = Object.create(null) as Record<string, PolicyTemplate>;
  for (const [id, t] of Object.entries(raw)) {
    const problem = templateProblem(id, t);
    if (problem) return { problem };
    templates[id] = t as unknown as PolicyTemplate;
  }
  return {
    snapshot: {
      format: TEMPLATES_FORMAT,
      version: TEMPLATES_VERSION,
      ...(typeof json["source"] === "string" ? { source: json["source"] } : {}),
      templates,
    },
  };
}

/** The snapshot as its file holds it: templates and their settings sorted by id, two-space indented, a final newline. */
export function formatTemplatesSnapshot(snapshot: TemplatesSnapshot): string {
  const sortedKeys = <T>(o: Readonly<Record<string, T>>): Record<string, T> =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k] as T]),
    );
  const templates = Object.fromEntries(
    Object.keys(snapshot.templates)
      .sort()
      .map((id) => {
        const t = snapshot.templates[id] as PolicyTemplate;
        return [id, t.settings ? { ...t, settings: sortedKeys(t.settings) } : t];
      }),
  );
  return `${JSON.stringify({ format: snapshot.format, version: snapshot.version, ...(snapshot.source ? { source: snapshot.source } : {}), templates }, null, 2)}\n`;
}

/** The newest template of the same baseId than `id` with a higher version, if the snapshot knows one. */
export function newerTemplate(templates: Readonly<Record<string, PolicyTemplate>>, id: string): [string, PolicyTemplate] | undefined {
  const own = templates[id];
  if (!own) return undefined;
  let best: [string, PolicyTemplate] | undefined;
  for (const [other, t] of Object.entries(templates))
    if (t.baseId === own.baseId && t.version > own.version && (!best || t.version > best[1].version)) best = [other, t];
  return best;
}
