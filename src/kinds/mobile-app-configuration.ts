// App configuration for managed devices (issue 15): Graph's managedDeviceMobileAppConfiguration under
// /beta/deviceAppManagement/mobileAppConfigurations (GRAPH-NOTES §8.2), a polymorphic collection:
// #microsoft.graph.iosMobileAppConfiguration (settings: appConfigurationSettingItem list, or encodedSettingXml; Graph
// beta intune-apps-iosmobileappconfiguration) and #microsoft.graph.androidManagedStoreAppConfiguration (packageId,
// payloadJson, profileApplicability, permissionActions, connectedAppsEnabled; intune-apps-androidmanagedstoreappconfiguration).
// targetedMobileApps holds mobileApp ids: the plan names the apps by their key in its `apps` section, compiled as
// references that resolve to the created (or referenced) app's id when written, and read back as references again.
// PATCH answers 204 (ICD update/Intune/AppConfiguration.py, §8.2); /assign carries a type cast (below, compile.ts).
import type { Json, JsonObject } from "../graph-model/json.ts";
import { shortType } from "../graph-model/json.ts";
import { DEVICE_APP_CONFIG_TYPES } from "../graph-model/vocabulary.ts";
import type { DeviceAppConfigurationPolicy } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional, planWordOf } from "./kind.ts";

/** The assign action of the collection, with the type cast Graph routes it by (GRAPH-NOTES §8.2, §12.1). */
export const MOBILE_APP_CONFIGURATION_ASSIGN = "/microsoft.graph.managedDeviceMobileAppConfiguration/assign";

export const mobileAppConfiguration: KindAdapter<DeviceAppConfigurationPolicy> = {
  toGraph: (p, ctx) => ({
    odataType: `#microsoft.graph.${DEVICE_APP_CONFIG_TYPES[p.platform]}`,
    body: {
      displayName: p.displayName,
      ...optional("description", p.description),
      ...ctx.scopeTags(p.scopeTags),
      targetedMobileApps: p.apps.map((key) => ctx.ref(`apps.${key}`)),
      ...(p.settings as JsonObject | undefined),
    },
  }),
  // The app ids Graph holds become the plan's references again where the plan knows the app.
  observe: (body, _item, ctx) => ({
    ...body,
    ...(Array.isArray(body["targetedMobileApps"])
      ? { targetedMobileApps: body["targetedMobileApps"].map((id: Json) => ctx.refOr(id)) }
      : {}),
  }),
  toPlan: (_item, body, ctx) => {
    const type = shortType(body["@odata.type"]);
    const platform = planWordOf(DEVICE_APP_CONFIG_TYPES, type);
    if (!platform) return undefined;
    const apps = ctx.keys(body["targetedMobileApps"], "apps");
    if (apps.length === 0) {
      ctx.note("configures no app the import read (targetedMobileApps names apps outside the plan); left out");
      return undefined;
    }
    const all = ctx.settings(body, type);
    const { targetedMobileApps: _apps, ...settings } = all ?? {};
    return ctx.withAssignment({
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      platform,
      apps,
      ...(Object.keys(settings).length > 0 ? { settings } : {}),
    });
  },
};
