// App configuration for managed apps (S02, issue 15): Graph's targetedManagedAppConfiguration under
// /beta/deviceAppManagement/targetedManagedAppConfigurations (GRAPH-NOTES §8.2; Graph beta resource page
// intune-mam-targetedmanagedappconfiguration). Custom settings are keyValuePair name/value strings delivered as they
// are to the targeted apps; the apps are written afterwards with the targetApps action, named as app protection
// names them (plan/apps.ts), and the assignments with /assign.
//
// The portal splits an update over PATCH {displayName, description}, POST /targetApps, PATCH {customSettings} and
// POST /changeSettings (GRAPH-NOTES §8.2, TF targeted_managed_app_configuration/resource_docs/update.md). The Graph
// update page takes any property of the object in one PATCH (intune-mam-targetedmanagedappconfiguration-update), and
// the customSettings PATCH replaces the whole list, so the plan sends one PATCH with the name, description, scope tags
// and the complete customSettings list, then targetApps. The settings-catalog `settings` part (/changeSettings, Edge's
// app settings) is not in the plan: it is neither sent nor read, and import says so when a tenant policy has some.
import type { JsonObject } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import { resolveAppId } from "../plan/apps.ts";
import type { AppConfigurationPolicy } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";
import { ANDROID_IDENTIFIER, appName, IOS_IDENTIFIER, observeTargetApps, targetAppsBody } from "./target-apps.ts";

export const MANAGED_APP_CONFIGURATION_TYPE = "#microsoft.graph.targetedManagedAppConfiguration";

/** Graph's customSettings (keyValuePair: name and value are strings) from the plan's map, in the plan's order. */
export const customSettingsOf = (settings: AppConfigurationPolicy["customSettings"]): JsonObject[] =>
  Object.entries(settings ?? {}).map(([name, value]) => ({ name, value: String(value) }));

export const managedAppConfiguration: KindAdapter<AppConfigurationPolicy> = {
  toGraph: (p, ctx) => {
    return {
      // The portal names the type on POST and PATCH alike (GRAPH-NOTES §1.2, TF …/resource_docs/update.md).
      odataType: MANAGED_APP_CONFIGURATION_TYPE,
      body: {
        displayName: p.displayName,
        ...optional("description", p.description),
        ...ctx.scopeTags(p.scopeTags),
        // Always sent: a PATCH of customSettings replaces the list (§8.2), so [] removes settings the plan dropped.
        customSettings: customSettingsOf(p.customSettings),
      },
      actions: [
        {
          // POST …/targetApps {apps, appGroupType} (§8.2), as app protection writes its apps (§8.1).
          path: "/targetApps",
          body: targetAppsBody(p.apps, p.platform),
        },
      ],
    };
  },
  observe: observeTargetApps,
  toPlan: (item, body, ctx) => {
    const target = isPlainObject(body["targetApps"]) ? body["targetApps"] : {};
    const group = target["appGroupType"];
    if (group !== undefined && group !== null && group !== "selectedPublicApps") {
      // allApps, allMicrosoftApps, allCoreMicrosoftApps (Graph's targetedManagedAppGroupType) name no apps the plan can list.
      ctx.note(`targets the app group ${String(group)}, and a plan app configuration names its apps; left out`);
      return undefined;
    }
    const idents = (Array.isArray(target["apps"]) ? target["apps"] : []).map((a) =>
      isPlainObject(a) && isPlainObject(a["mobileAppIdentifier"]) ? a["mobileAppIdentifier"] : {},
    );
    const platforms = new Set(
      idents.map((i) => (i["@odata.type"] === IOS_IDENTIFIER ? "iOS" : i["@odata.type"] === ANDROID_IDENTIFIER ? "android" : "other")),
    );
    const platform = platforms.size === 1 ? [...platforms][0] : undefined;
    if (platform !== "iOS" && platform !== "android") {
      ctx.note(
        idents.length === 0
          ? "targets no apps, and a plan app configuration configures at least one; left out"
          : "targets apps of more than one platform (or apps that are neither iOS nor Android); a plan app configuration is for one platform: split it in two, left out",
      );
      return undefined;
    }
    const ios = platform === "iOS";
    const apps = idents.flatMap((ident) => {
      const id = String(ident["bundleId"] ?? ident["packageId"] ?? "");
      if (resolveAppId(id, platform) !== undefined) return [appName(id, ios)];
      ctx.note(`targeted app ${JSON.stringify(id)} is neither a known app nor a ${ios ? "bundle" : "package"} id; left out`);
      return [];
    });
    if (apps.length === 0) {
      ctx.note("targets no app the plan can name; left out");
      return undefined;
    }
    const customSettings: Record<string, string> = {};
    for (const s of Array.isArray(body["customSettings"]) ? body["customSettings"] : []) {
      if (!isPlainObject(s) || typeof s["name"] !== "string" || s["name"] === "") continue;
      if (s["name"] in customSettings) ctx.note(`custom setting ${s["name"]} appears more than once; the plan keeps the last value`);
      customSettings[s["name"]] = typeof s["value"] === "string" ? s["value"] : String(s["value"] ?? "");
    }
    if (Array.isArray(item["settings"]) && item["settings"].length > 0)
      ctx.note("has settings-catalog settings (the portal's configuration designer); the plan does not carry them, left out of the policy");
    return ctx.withAssignment({
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      platform,
      apps,
      ...(Object.keys(customSettings).length > 0 ? { customSettings } : {}),
    });
  },
};
