// Apps (S17): /beta/deviceAppManagement/mobileApps, a polymorphic collection of mobileApp subtypes (docs/graph-apps.md).
// The plan's `type` word picks the subtype (vocabulary.ts APP_TYPES) and `settings` holds that subtype's own Graph
// properties, checked against Microsoft's published typings like every template body (validate/apps.ts):
// - Microsoft 365 Apps for Windows, #microsoft.graph.officeSuiteApp: productIds, excludedApps (a complex value of 15
//   flags), updateChannel, officePlatformArchitecture, localesToInstall, useSharedComputerActivation, autoAcceptEula…
//   (Graph beta resource intune-apps-officesuiteapp, intune-apps-excludedapps);
// - WinGet (Microsoft Store, new), #microsoft.graph.winGetApp: packageIdentifier and installExperience.runAsAccount, both
//   "required at creation time, cannot be modified" (intune-apps-wingetapp, intune-apps-wingetappinstallexperience);
// - iOS/iPadOS store apps, #microsoft.graph.iosStoreApp: appStoreUrl, applicableDeviceType, minimumSupportedOperatingSystem
//   (intune-apps-iosstoreapp; the Terraform provider's ios_store_app example sets exactly these), bundleId;
// - web links, #microsoft.graph.webApp: appUrl, useManagedBrowser (intune-apps-webapp).
// Those four the plan creates, updates and deletes (KINDS.mobileApp). Managed Google Play apps
// (#microsoft.graph.androidManagedStoreApp) are approved in managed Google Play and synced by Intune, and line-of-business
// apps (iosLobApp, androidLobApp, win32LobApp) carry a binary uploaded through the content-version/file flow: the plan
// references both (KINDS.mobileAppReference) by their identity (vocabulary.ts APP_REFERENCE_IDENTITY), never their content, and only
// assigns them. Assignments are mobileAppAssignment: intent + target + per-type settings, compiled in compile.ts.
import type { Json, JsonObject } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import type { AppType } from "../graph-model/vocabulary.ts";
import { APP_REFERENCE_IDENTITY, APP_REFERENCE_TYPES, APP_TYPES } from "../graph-model/vocabulary.ts";
import type { App } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional, planWordOf } from "./kind.ts";

export const isReferenceApp = (type: AppType): boolean => APP_REFERENCE_TYPES.includes(type);

/** The flags of Graph's excludedApps complex type (intune-apps-excludedapps): Graph returns every one of them. */
export const EXCLUDED_APP_FLAGS = [
  "access",
  "bing",
  "excel",
  "groove",
  "infoPath",
  "lync",
  "oneDrive",
  "oneNote",
  "outlook",
  "powerPoint",
  "publisher",
  "sharePointDesigner",
  "teams",
  "visio",
  "word",
] as const;

/**
 * N11: Graph answers excludedApps with all fifteen flags, false where not excluded, so the plan sends them all too and
 * the comparison sees the same object on both sides.
 */
function withAllExcludedFlags(settings: JsonObject): JsonObject {
  const excluded = settings["excludedApps"];
  if (!isPlainObject(excluded)) return settings;
  return { ...settings, excludedApps: Object.fromEntries(EXCLUDED_APP_FLAGS.map((f) => [f, excluded[f] === true])) };
}

/** Complex values Graph returns with their own @odata.type (`microsoft.graph.excludedApps`…), which the plan never writes. */
function withoutNestedTypes(body: JsonObject): JsonObject {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(body)) {
    if (isPlainObject(v)) {
      const { "@odata.type": _type, ...rest } = v;
      out[k] = rest;
    } else out[k] = v;
  }
  return out;
}

export const appOdataType = (type: AppType): string => `#microsoft.graph.${APP_TYPES[type]}`;

export const mobileApp: KindAdapter<App> = {
  toGraph: (app, ctx) => {
    const settings = (app.settings ?? {}) as JsonObject;
    if (isReferenceApp(app.type)) {
      // A reference's body is its name and identity only: what the plan checks the tenant's app against, never writes.
      const identity = APP_REFERENCE_IDENTITY[app.type] ?? [];
      return {
        odataType: appOdataType(app.type),
        body: {
          displayName: app.displayName,
          ...Object.fromEntries(Object.entries(settings).filter(([k]) => identity.includes(k))),
        },
      };
    }
    return {
      odataType: appOdataType(app.type),
      body: {
        displayName: app.displayName,
        ...optional("description", app.description),
        ...optional("publisher", app.publisher),
        ...ctx.scopeTags(app.scopeTags),
        ...withAllExcludedFlags(settings),
      },
    };
  },
  observe: (body) => withoutNestedTypes(body),
  toPlan: (_item, body, ctx) => {
    const graphType = String(body["@odata.type"] ?? "").replace(/^#?microsoft\.graph\./, "");
    const type = planWordOf(APP_TYPES, graphType);
    if (!type) {
      ctx.note(`app type ${graphType} is not one the plan expresses; left out`);
      return undefined;
    }
    if (isReferenceApp(type)) {
      // Every referenced app the tenant holds is imported, assigned or not, as the tenant reader reads them all: the
      // imported plan then states the tenant whole, and adopting a reference changes nothing in the tenant.
      const identity = APP_REFERENCE_IDENTITY[type] ?? [];
      const settings = Object.fromEntries(
        Object.entries(body).filter(([k, v]) => identity.includes(k) && typeof v === "string" && v !== ""),
      ) as JsonObject;
      return ctx.withAssignment({
        displayName: String(body["displayName"] ?? ""),
        type,
        ...(Object.keys(settings).length > 0 ? { settings } : {}),
      });
    }
    const { publisher: _publisher, ...rest } = ctx.settings(body, graphType) ?? {};
    return ctx.withAssignment({
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      type,
      ...(typeof body["publisher"] === "string" && body["publisher"] !== "" ? { publisher: body["publisher"] } : {}),
      ...(Object.keys(rest).length > 0 ? { settings: rest } : {}),
    });
  },
};

/** The same adapter: a reference's body is built and read back by the same rules (isReferenceApp). */
export const mobileAppReference: KindAdapter<App> = mobileApp;
