// The apps a managed-app policy targets, shared by app protection (GRAPH-NOTES §8.1) and app configuration for managed
// apps (§8.2): both write them with POST …/targetApps {apps, appGroupType} and read them back through $expand=apps.
import type { Json, JsonObject } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import { KNOWN_APPS, resolveAppId } from "../plan/apps.ts";

export const IOS_IDENTIFIER = "#microsoft.graph.iosMobileAppIdentifier";
export const ANDROID_IDENTIFIER = "#microsoft.graph.androidMobileAppIdentifier";

/** The friendly name of a bundle / package id, where the plan has one. */
export const appName = (id: string, ios: boolean): string =>
  Object.keys(KNOWN_APPS).find((k) => (ios ? KNOWN_APPS[k]?.ios : KNOWN_APPS[k]?.android) === id) ?? id;

/** The /targetApps body for the plan's apps (friendly names or ids), each app once. */
export function targetAppsBody(apps: readonly string[], platform: "iOS" | "android"): JsonObject {
  return {
    appGroupType: "selectedPublicApps",
    apps: [...new Set(apps.map((a) => resolveAppId(a, platform) ?? a))].map((id) => ({
      mobileAppIdentifier:
        platform === "iOS" ? { "@odata.type": IOS_IDENTIFIER, bundleId: id } : { "@odata.type": ANDROID_IDENTIFIER, packageId: id },
    })),
  };
}

/** The follow-up action's state as Graph holds it: the apps ($expand=apps) and the app group type. */
export const observeTargetApps = (body: JsonObject, item: JsonObject): JsonObject => ({
  ...body,
  targetApps: {
    appGroupType: item["appGroupType"] ?? "selectedPublicApps",
    apps: (Array.isArray(item["apps"]) ? item["apps"] : []).map((a: Json) => ({
      mobileAppIdentifier: isPlainObject(a) ? (a["mobileAppIdentifier"] ?? null) : null,
    })),
  },
});
