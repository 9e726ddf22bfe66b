// Tenant-wide compliance settings (S15): the `settings` of the deviceManagement singleton (deviceManagementSettings).
// Every tenant has them, so the plan adopts and updates them and never creates or deletes them
// (docs/tenant-singletons.md). Read: GET /beta/deviceManagement?$select=settings. Write: PATCH /beta/deviceManagement
// { "settings": { … } } (microsoft-graph-docs-contrib intune-deviceconfig-devicemanagement-update; IntuneCD
// DeviceManagementSettingsUpdateModule). The body the diff compares is the settings' own properties, flat: only the
// ones the plan sets are compared and written.
import type { Json, JsonObject } from "../graph-model/json.ts";
import type { TenantCompliance } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";

/** The id the plan and a stack record for the singleton: Graph addresses it by path, not by id. */
export const TENANT_SETTINGS_ID = "deviceManagementSettings";
/** The name it is matched and shown by. */
export const TENANT_SETTINGS_NAME = "Tenant compliance settings";

/** Plan word → deviceManagementSettings property. */
export const COMPLIANCE_SETTING_PROPERTIES = {
  markNoPolicyNonCompliant: "secureByDefault",
  validityDays: "deviceComplianceCheckinThresholdDays",
  scheduledActions: "isScheduledActionEnabled",
} as const satisfies Record<keyof TenantCompliance, string>;

const isRecord = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** GET /deviceManagement?$select=settings → the tenant item the reader and the provider work with. */
export function tenantSettingsItem(reply: JsonObject): JsonObject {
  const settings = isRecord(reply["settings"]) ? reply["settings"] : {};
  const { "@odata.type": _type, ...rest } = settings;
  return { id: TENANT_SETTINGS_ID, displayName: TENANT_SETTINGS_NAME, ...rest };
}

/** The PATCH body: the tenant's current settings with the plan's on top (a PATCH of a complex property may replace it whole). */
export function tenantSettingsPatch(current: JsonObject, body: JsonObject): JsonObject {
  const { id: _id, displayName: _name, ...settings } = tenantSettingsItem({ settings: current });
  return { settings: { ...settings, ...body } };
}

export const tenantSettings: KindAdapter<TenantCompliance> = {
  toGraph: (c) => ({
    odataType: null,
    body: Object.fromEntries(
      (Object.keys(COMPLIANCE_SETTING_PROPERTIES) as (keyof TenantCompliance)[]).flatMap((word) =>
        Object.entries(optional(COMPLIANCE_SETTING_PROPERTIES[word], c[word])),
      ),
    ),
  }),
  // Every setting the plan has words for, as the tenant holds it: the import states the tenant's current values.
  toPlan: (_item, body) => {
    const out: Record<string, Json> = {};
    for (const [word, property] of Object.entries(COMPLIANCE_SETTING_PROPERTIES)) {
      const v = body[property];
      if (typeof v === "boolean" || typeof v === "number") out[word] = v;
    }
    return out;
  },
};
