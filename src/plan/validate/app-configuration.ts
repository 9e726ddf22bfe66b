// App configuration for managed apps: each app named as app protection names it (IP100, plan/apps.ts), and each
// custom setting in an app's own key space sent to that app (IP240). Outlook reads com.microsoft.outlook.* keys
// ("Deploying Outlook for iOS and Android app configuration settings in Exchange Online", Microsoft Learn), Edge reads
// com.microsoft.intune.mam.managedbrowser.* (the key of GRAPH-NOTES §8.2's portal capture); keys such as
// com.microsoft.intune.mam.AllowedAccountUPNs are the Intune SDK's, read by every MAM app, and never flagged.
// App configuration for managed devices: checkDeviceAppConfiguration below (IP241, IP242, Graph settings).
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { suggest } from "../../diagnostics/suggest.ts";
import { DEVICE_APP_CONFIG_TYPES } from "../../graph-model/vocabulary.ts";
import type { AppType } from "../../graph-model/vocabulary.ts";
import { KNOWN_APPS, resolveAppId } from "../apps.ts";
import { checkBody } from "./settings.ts";
import type { Plan } from "../schema.ts";

/** Key prefixes only one app reads, with the plan's name of that app. */
const APP_KEY_PREFIXES: readonly (readonly [string, keyof typeof KNOWN_APPS & string])[] = [
  ["com.microsoft.outlook.", "outlook"],
  ["com.microsoft.intune.mam.managedbrowser.", "edge"],
];

export function checkAppConfiguration(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, p] of Object.entries(plan.appConfiguration)) {
    const ids = new Set<string>();
    p.apps.forEach((app, i) => {
      const id = resolveAppId(app, p.platform);
      if (id) {
        ids.add(id);
        return;
      }
      const s = suggest(app.toLowerCase(), Object.keys(KNOWN_APPS));
      out.push(
        diagnostic("IP100", {
          path: ["appConfiguration", key, "apps", i],
          message: `${app} is neither a known app name nor a ${p.platform === "iOS" ? "bundle" : "package"} id`,
          hint: s ? `Did you mean ${s}?` : `Known apps: ${Object.keys(KNOWN_APPS).join(", ")}; or give the id, e.g. com.contoso.app.`,
        }),
      );
    });
    for (const name of Object.keys(p.customSettings ?? {})) {
      const owner = APP_KEY_PREFIXES.find(([prefix]) => name.toLowerCase().startsWith(prefix))?.[1];
      const ownerId = owner ? resolveAppId(owner, p.platform) : undefined;
      if (owner && ownerId && !ids.has(ownerId))
        out.push(
          diagnostic("IP240", {
            path: ["appConfiguration", key, "customSettings", name],
            atKey: true,
            message: `${name} is read by ${owner}, which ${key} does not target (apps: ${p.apps.join(", ")})`,
          }),
        );
    }
  }
  checkDeviceAppConfiguration(plan, out);
  return out;
}

/** The app types each MDM app configuration platform configures (Graph beta iosMobileAppConfiguration, androidManagedStoreAppConfiguration). */
const CONFIGURABLE: Readonly<Record<keyof typeof DEVICE_APP_CONFIG_TYPES, readonly AppType[]>> = {
  iOS: ["iosStore", "iosLob"],
  androidForWork: ["managedGooglePlay"],
};

/** Properties the plan compiles itself: a Graph setting of that name would contradict (or override) the plan's own. */
const COMPILED = ["targetedMobileApps", "displayName", "description", "roleScopeTagIds"];

/**
 * App configuration for managed devices: settings against Graph's type of the platform (IP020–IP022), no setting for
 * what the plan compiles itself (IP242), and each app (a key of apps, dangling: references.ts IP032) of a type the
 * platform configures (IP241).
 */
function checkDeviceAppConfiguration(plan: Plan, out: Diagnostic[]): void {
  for (const [key, p] of Object.entries(plan.deviceAppConfiguration)) {
    const at = ["deviceAppConfiguration", key];
    checkBody([...at, "settings"], DEVICE_APP_CONFIG_TYPES[p.platform], p.settings, DEVICE_APP_CONFIG_TYPES, out);
    for (const name of COMPILED)
      if (p.settings && name in p.settings)
        out.push(
          diagnostic("IP242", {
            path: [...at, "settings", name],
            atKey: true,
            message: `${name} is the plan's to compile; it is not a setting`,
          }),
        );
    p.apps.forEach((appKey, i) => {
      const app = plan.apps[appKey];
      if (!app || CONFIGURABLE[p.platform].includes(app.type)) return;
      out.push(
        diagnostic("IP241", {
          path: [...at, "apps", i],
          message: `${appKey} is a ${app.type} app; a ${p.platform} app configuration configures ${CONFIGURABLE[p.platform].join(" or ")} apps`,
        }),
      );
    });
  }
}
