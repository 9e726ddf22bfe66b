// How the emulator returns a stored entity: what Graph adds and hides on the way out (GRAPH-NOTES §11, the "what
// Graph does" column): defaults for every property nobody set (N1, N11), write-only secrets withheld (N8),
// compliance actions only on $expand with ids and the zero-GUID template (N6), settings-catalog read-back (N7),
// role permissions echoed twice (N9), decorated assignments (N3).
import type { CollectionSpec } from "./collections.ts";
import type { JsonRecord, JsonValue } from "./graph-types.ts";
import { defaultFor, properties } from "./graph-types.ts";
import type { StoredEntity } from "./store.ts";

export const ZERO_GUID = "00000000-0000-0000-0000-000000000000";
/** Shown only on request: Graph leaves these out of a plain GET. */
const EXPAND_ONLY = new Set([
  "settings",
  "scheduledActionsForRule",
  "assignments",
  "apps",
  "roleDefinition",
  "localizedNotificationMessages",
]);
const isRecord = (v: JsonValue | undefined): v is JsonRecord => typeof v === "object" && v !== null && !Array.isArray(v);
const shortType = (t: JsonValue | undefined): string | undefined =>
  typeof t === "string" ? t.replace(/^#?microsoft\.graph\./, "") : undefined;

/** A setting value's property: one value (`choiceSettingValue`, …) or a list of them (`…CollectionValue`). */
const VALUE_PROPERTY = /^(choice|simple|group)Setting(Collection)?Value$/;

/**
 * N7: how a settings-catalog setting reads back. Every instance gets `settingInstanceTemplateReference: null` and
 * every value `settingValueTemplateReference: null`, list items included (string lists, choice lists and group
 * collections alike, as in the settings-catalog exports of graph-corpus). `key`: the property `node` was under.
 */
function readBackSetting(node: JsonValue, key: string | undefined): JsonValue {
  if (Array.isArray(node)) return node.map((n) => readBackSetting(n, key));
  if (!isRecord(node)) return node;
  // Prototype-free: a client-written key `__proto__` stays data instead of replacing this object's prototype.
  const out = Object.create(null) as JsonRecord;
  for (const [k, v] of Object.entries(node)) {
    if (k === "@odata.type" && typeof v === "string" && /(ChoiceSettingValue|GroupSettingValue|ConfigurationSetting)$/.test(v)) continue;
    out[k] = readBackSetting(v, k);
  }
  if (typeof out["settingDefinitionId"] === "string") out["settingInstanceTemplateReference"] ??= null;
  if (key !== undefined && VALUE_PROPERTY.test(key)) out["settingValueTemplateReference"] ??= null;
  // N8: a secret setting's value never comes back.
  if (typeof node["@odata.type"] === "string" && node["@odata.type"].endsWith("SecretSettingValue")) {
    out["value"] = "5d0e1f2a-0000-4000-a000-000000000000";
    out["valueState"] = "encryptedValueToken";
  }
  return out;
}

function withDefaults(entity: JsonRecord, typeName: string): JsonRecord {
  const out: JsonRecord = { ...entity };
  for (const [name, p] of properties(typeName)) {
    if (p.navigation || EXPAND_ONLY.has(name) || Object.hasOwn(out, name)) continue;
    out[name] = defaultFor(p);
  }
  return out;
}

/** A notification template's stored localized messages (tenant.ts keeps them in the body, written by their own routes). */
export function messagesOf(stored: StoredEntity): JsonRecord[] {
  const list = stored.body["localizedNotificationMessages"];
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

export interface PresentContext {
  readonly spec: CollectionSpec;
  readonly expand: ReadonlySet<string>;
  /** A single item (GET by id) rather than a list entry. */
  readonly item: boolean;
  readonly contextUrl: string;
  readonly linked: (collection: string, id: string) => StoredEntity | undefined;
}

export function present(stored: StoredEntity, ctx: PresentContext): JsonRecord {
  const body = stored.body;
  const type = shortType(body["@odata.type"]) ?? ctx.spec.entityType;
  const out: JsonRecord = withDefaults(body, type);
  // Settings-catalog settings come only on $expand; an iOS MDM app configuration's `settings` (appConfigurationSettingItem
  // items, Graph beta iosMobileAppConfiguration) are a plain property and always returned.
  if (ctx.spec.path !== "/deviceAppManagement/mobileAppConfigurations") delete out["settings"];
  delete out["scheduledActionsForRule"];
  delete out["localizedNotificationMessages"];
  if (ctx.spec.polymorphic || body["@odata.type"] !== undefined) out["@odata.type"] = `#microsoft.graph.${type}`;
  // Script content comes only with a GET of the item (IntuneCD PowerShellScripts.py reads each script by id).
  if (!ctx.item) for (const k of ctx.spec.listOmits ?? []) out[k] = null;

  // N1: the Default scope tag when none is set.
  const tagKey = ctx.spec.path.endsWith("assignmentFilters") ? "roleScopeTags" : "roleScopeTagIds";
  if (
    ctx.spec.path !== "/groups" &&
    !ctx.spec.path.endsWith("roleScopeTags") &&
    (!Array.isArray(out[tagKey]) || (out[tagKey] as JsonValue[]).length === 0)
  )
    out[tagKey] = ["0"];
  // N8: Wi-Fi keys are write-only.
  if (/WiFiConfiguration$/i.test(type) && "preSharedKey" in out) {
    if (type.startsWith("android")) out["preSharedKeyIsSet"] = typeof body["preSharedKey"] === "string";
    out["preSharedKey"] = null;
  }
  // N9: permissions echoed in the deprecated places too.
  if (Array.isArray(body["rolePermissions"])) {
    const perms = (body["rolePermissions"] as JsonValue[]).map((p) => (isRecord(p) ? { ...p, actions: [] } : p));
    out["rolePermissions"] = perms;
    out["permissions"] = perms;
  }
  const catalogCompliance = ctx.spec.path === "/deviceManagement/compliancePolicies";
  if (ctx.spec.path.endsWith("configurationPolicies") || catalogCompliance) {
    // Settings-catalog compliance has no templateReference (MD-BETA deviceManagementCompliancePolicy); its settings
    // read back as the configuration policies' do (GRAPH-NOTES §6.2 "same format as §7.2").
    if (!catalogCompliance)
      out["templateReference"] = isRecord(body["templateReference"])
        ? body["templateReference"]
        : { templateId: "", templateFamily: "none", templateDisplayName: null, templateDisplayVersion: null };
    const settings = Array.isArray(body["settings"]) ? body["settings"] : [];
    out["settingCount"] = settings.length;
    if (ctx.expand.has("settings")) {
      out["settings@odata.context"] = `${ctx.contextUrl}/settings`;
      out["settings"] = settings.map((s, i) => ({ id: String(i), ...(readBackSetting(s, undefined) as JsonRecord) }));
    }
  }
  // A targeted app configuration's settings-catalog part (changeSettings, §8.2): on $expand=settings only, with ids.
  if (ctx.spec.ids === "mamConfiguration" && ctx.expand.has("settings")) {
    const settings = Array.isArray(body["settings"]) ? body["settings"] : [];
    out["settings@odata.context"] = `${ctx.contextUrl}/settings`;
    out["settings"] = settings.map((s, i) => ({ id: String(i), ...(readBackSetting(s, undefined) as JsonRecord) }));
  }
  if (ctx.expand.has("scheduledActionsForRule") && Array.isArray(body["scheduledActionsForRule"])) {
    out["scheduledActionsForRule@odata.context"] = `${ctx.contextUrl}/scheduledActionsForRule(scheduledActionConfigurations())`;
    out["scheduledActionsForRule"] = (body["scheduledActionsForRule"] as JsonValue[]).map((rule, r) => {
      const rec = isRecord(rule) ? rule : {};
      const configs = Array.isArray(rec["scheduledActionConfigurations"]) ? rec["scheduledActionConfigurations"] : [];
      return {
        id: `${String(body["id"])}-rule-${r}`,
        ruleName: rec["ruleName"] ?? null,
        scheduledActionConfigurations: configs.map((c, i) => {
          const cfg = isRecord(c) ? c : {};
          const template = cfg["notificationTemplateId"];
          return {
            id: `${String(body["id"])}-action-${r}-${i}`,
            gracePeriodHours: 0,
            notificationMessageCCList: [],
            ...cfg,
            notificationTemplateId: template === "" || template === null || template === undefined ? ZERO_GUID : template,
          };
        }),
      };
    });
  }
  // A notification template's messages, on $expand only (list and item alike: IntuneCD lists them so).
  if (ctx.expand.has("localizedNotificationMessages") && ctx.spec.path.endsWith("notificationMessageTemplates")) {
    out["localizedNotificationMessages@odata.context"] = `${ctx.contextUrl}/localizedNotificationMessages`;
    out["localizedNotificationMessages"] = messagesOf(stored);
  }
  if (ctx.expand.has("assignments") && ctx.spec.expandAssignments !== "none") {
    out["assignments@odata.context"] = `${ctx.contextUrl}/assignments`;
    out["assignments"] = ctx.spec.expandAssignments === "emptyOnItem" ? [] : stored.assignments;
  }
  if (ctx.expand.has("apps") && ctx.spec.targetApps) {
    out["apps@odata.context"] = `${ctx.contextUrl}/apps`;
    out["apps"] = stored.apps;
  }
  if (ctx.expand.has("roleDefinition") && typeof stored.links?.["roleDefinition"] === "string") {
    const def = ctx.linked("/deviceManagement/roleDefinitions", stored.links["roleDefinition"]);
    out["roleDefinition"] = def
      ? {
          "@odata.type": "#microsoft.graph.deviceAndAppManagementRoleDefinition",
          id: def.body["id"] ?? null,
          displayName: def.body["displayName"] ?? null,
          isBuiltIn: def.body["isBuiltIn"] ?? false,
        }
      : null;
  }
  return ctx.item ? { "@odata.context": `${ctx.contextUrl}/$entity`, ...out } : out;
}
