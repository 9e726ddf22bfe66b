// App configuration for managed apps: each app named as app protection names it (IP100, plan/apps.ts), and each
// custom setting in an app's own key space sent to that app (IP240). Outlook reads com.microsoft.outlook.* keys
// ("Deploying Outlook for iOS and Android app configuration settings in Exchange Online", Microsoft Learn), Edge reads
// com.microsoft.intune.mam.managedbrowser.* (the key of GRAPH-NOTES §8.2's portal capture); keys such as
// com.microsoft.intune.mam.AllowedAccountUPNs are the Intune SDK's, read by every MAM app, and never flagged.
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { suggest } from "../../diagnostics/suggest.ts";
import { KNOWN_APPS, resolveAppId } from "../apps.ts";
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
  return out;
}
