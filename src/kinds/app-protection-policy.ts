// App protection (MAM) policies for personal devices (S02): one collection per platform under /deviceAppManagement
// (GRAPH-NOTES §8.1), the protected apps written afterwards with the targetApps action, named by the plan's friendly
// app names (plan/apps.ts) or their bundle / package ids.
import type { JsonObject } from "../graph-model/json.ts";
import { isPlainObject, shortType } from "../graph-model/json.ts";
import { APP_PROTECTION_TYPES } from "../graph-model/vocabulary.ts";
import { resolveAppId } from "../plan/apps.ts";
import type { AppProtectionPolicy } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional, planWordOf } from "./kind.ts";
import { appName, observeTargetApps, targetAppsBody } from "./target-apps.ts";

export const appProtectionPolicy: KindAdapter<AppProtectionPolicy> = {
  toGraph: (p, ctx) => {
    const ios = p.platform === "iOS";
    return {
      odataType: `#microsoft.graph.${APP_PROTECTION_TYPES[p.platform]}`,
      collection: `/deviceAppManagement/${ios ? "iosManagedAppProtections" : "androidManagedAppProtections"}`,
      body: {
        displayName: p.displayName,
        ...optional("description", p.description),
        ...ctx.scopeTags(p.scopeTags),
        ...(p.settings as JsonObject | undefined),
      },
      actions: [
        {
          path: "/targetApps",
          body: targetAppsBody(p.apps, p.platform),
        },
      ],
    };
  },
  observe: observeTargetApps,
  toPlan: (_item, body, ctx) => {
    const type = shortType(body["@odata.type"]);
    const platform = planWordOf(APP_PROTECTION_TYPES, type);
    if (!platform) return undefined;
    const ios = platform === "iOS";
    const target = isPlainObject(body["targetApps"]) ? body["targetApps"] : {};
    const apps = (Array.isArray(target["apps"]) ? target["apps"] : []).flatMap((a) => {
      const ident = isPlainObject(a) && isPlainObject(a["mobileAppIdentifier"]) ? a["mobileAppIdentifier"] : {};
      const id = String(ident["bundleId"] ?? ident["packageId"] ?? "");
      // The plan names an app by a known name or an id shaped like one (plan/apps.ts); anything else it cannot say.
      if (resolveAppId(id, platform) !== undefined) return [appName(id, ios)];
      ctx.note(`targeted app ${JSON.stringify(id)} is neither a known app nor a ${ios ? "bundle" : "package"} id; left out`);
      return [];
    });
    if (apps.length === 0) {
      ctx.note("targets no apps, and a plan app protection policy protects at least one; left out");
      return undefined;
    }
    const settings = ctx.settings(body, type);
    return ctx.withAssignment({
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      platform,
      apps,
      ...(settings ? { settings } : {}),
    });
  },
};
