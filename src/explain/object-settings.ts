// The settings one plan object sets, each under the identity the conflict check (validate/conflicts.ts) compares
// on: `<@odata.type>:<property>` for template policies, `catalog:<settingDefinitionId>` for the settings catalog,
// and, for enrollment restrictions (which Intune orders by priority instead), `enrollment:<platform>:<field>`.
// Pure; values are the plan's own (secret references stay references).
import { shortType } from "../graph-model/json.ts";
import type { PlanPath } from "../diagnostics/diagnostic.ts";
import { canonicalJson } from "../canonical-json.ts";
import {
  APP_PROTECTION_TYPES,
  COMPLIANCE_TYPES,
  CONFIGURATION_TYPES,
  isCatalogCompliancePlatform,
  UPDATE_PROFILE_TYPES,
} from "../graph-model/vocabulary.ts";
import type { Plan } from "../plan/schema.ts";
import { expandCatalogSettings } from "../plan/settings-catalog.ts";
import { catalogEntries } from "../plan/setting-resolution.ts";
import type { AssignableObject } from "../plan/targets.ts";
import { resolveAppId } from "../plan/apps.ts";

export interface SetValue {
  /** The identity two objects must share to disagree. */
  readonly id: string;
  readonly setting: string;
  readonly appliesTo: string;
  readonly value: unknown;
  /** Canonical JSON of the compared value: equal text, equal value. */
  readonly compare: string;
  /** Where the plan sets it, as the validator's diagnostics name it. */
  readonly path: PlanPath;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function template(obj: AssignableObject, type: string | undefined, settings: unknown): SetValue[] {
  if (!type || !isMap(settings)) return [];
  return Object.entries(settings).map(([prop, value]) => ({
    id: `${type}:${prop}`,
    setting: prop,
    appliesTo: shortType(type),
    value,
    compare: canonicalJson(value),
    path: [obj.section, obj.key, "settings", prop],
  }));
}

/**
 * An app configuration's custom settings, one per targeted app: a name means something to the app that reads it, so two
 * policies disagree only when they send one name to one app (`appConfig:<platform>:<app id>:<name>`).
 */
export function customSettingValues(
  obj: Pick<AssignableObject, "section" | "key">,
  p: {
    readonly platform: "iOS" | "android";
    readonly apps: readonly string[];
    readonly customSettings?: Readonly<Record<string, unknown>> | undefined;
  },
): SetValue[] {
  const apps = [...new Set(p.apps.map((a) => resolveAppId(a, p.platform)).filter((a): a is string => a !== undefined))];
  return Object.entries(p.customSettings ?? {}).flatMap(([name, value]) =>
    apps.map((app) => ({
      id: `appConfig:${p.platform}:${app}:${name}`,
      setting: name,
      appliesTo: `${app} (${p.platform})`,
      value,
      compare: canonicalJson(String(value)),
      path: [obj.section, obj.key, "customSettings", name],
    })),
  );
}

const ENROLLMENT_FIELDS = ["blocked", "personalDevices", "osMinimumVersion", "osMaximumVersion", "blockedManufacturers"] as const;

/**
 * Settings-catalog settings (configuration's settingsCatalog profile, Linux compliance), concise or verbose, as the
 * conflict check compares them (plan/setting-resolution.ts catalogEntries: the ASR rules setting also rule by rule).
 */
function catalog(obj: AssignableObject, platform: string, planSettings: unknown): SetValue[] {
  const { settings, issues } = expandCatalogSettings(planSettings);
  if (issues.length > 0) return [];
  const concise = isMap(planSettings) ? planSettings : undefined;
  return catalogEntries(settings, concise !== undefined).map((e) => ({
    id: `catalog:${e.id}`,
    setting: e.id,
    appliesTo: `settings catalog (${platform})`,
    value: concise && e.at.length === 1 && e.id in concise ? concise[e.id] : (e.value as unknown),
    compare: e.compare,
    path: [obj.section, obj.key, "settings", ...e.at],
  }));
}

export function objectSettings(plan: Plan, obj: AssignableObject): SetValue[] {
  switch (obj.section) {
    case "compliance": {
      const p = plan.compliance[obj.key];
      if (!p) return [];
      return isCatalogCompliancePlatform(p.platform)
        ? catalog(obj, p.platform, p.settings)
        : template(obj, COMPLIANCE_TYPES[p.platform], p.settings);
    }
    case "appProtection": {
      const p = plan.appProtection[obj.key];
      return p ? template(obj, APP_PROTECTION_TYPES[p.platform], p.settings) : [];
    }
    case "appConfiguration": {
      const p = plan.appConfiguration[obj.key];
      return p ? customSettingValues(obj, p) : [];
    }
    case "configuration": {
      const p = plan.configuration[obj.key];
      if (!p) return [];
      if (p.profile !== "settingsCatalog") return template(obj, CONFIGURATION_TYPES[p.profile][p.platform], p.settings);
      return catalog(obj, p.platform, p.settings);
    }
    case "updates": {
      const u = plan.updates[obj.key];
      return u ? template(obj, UPDATE_PROFILE_TYPES[u.type], u.settings) : [];
    }
    case "scripts":
    case "remediations":
      // A script's content is code, not settings: two scripts never set the same value (no IP090 between them).
      return [];
    case "enrollmentRestrictions": {
      const r = plan.enrollmentRestrictions[obj.key];
      if (!r) return [];
      return ENROLLMENT_FIELDS.flatMap((field) =>
        r[field] === undefined
          ? []
          : [
              {
                id: `enrollment:${r.platform}:${field}`,
                setting: field,
                appliesTo: `enrollment restriction (${r.platform})`,
                value: r[field],
                compare: canonicalJson(r[field]),
                path: ["enrollmentRestrictions", obj.key, field],
              },
            ],
      );
    }
    // Terms and conditions, Autopilot profiles and status pages set no device settings that other policies could
    // contradict; Conditional Access decides access at sign-in and sets nothing on a device or in an app; an app's
    // properties describe the app, not a device setting another object could contradict.
    // MDM app configurations are not compared with each other (effective-settings.ts says why).
    case "deviceAppConfiguration":
    case "termsAndConditions":
    case "autopilot":
    case "enrollmentStatusPages":
    case "conditionalAccess":
    case "apps":
      return [];
  }
}
