// Graph-native settings checked against Microsoft's published types (IP020–IP025), platform mix-ups (IP070–IP072),
// literal secrets (IP024) and app-protection target apps (IP100). Compliance actions: compliance-actions.ts.
import type { Diagnostic, PlanPath } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { KNOWN_APPS, resolveAppId } from "../apps.ts";
import type { SettingIssue } from "../../graph-model/graph-schema.ts";
import { checkGraphBody, typesDeclaring } from "../../graph-model/graph-schema.ts";
import { suggest } from "../../diagnostics/suggest.ts";
import { isSecretProperty, SECRET_REF_NAME } from "../../graph-model/secrets.ts";
import { SERVER_OWNED } from "../../graph-model/server-owned.ts";
import {
  APP_PROTECTION_TYPES,
  COMPLIANCE_TYPES,
  CONFIGURATION_TYPES,
  isCatalogCompliancePlatform,
  TEMPLATE_PROFILES,
  UPDATE_PROFILE_TYPES,
} from "../../graph-model/vocabulary.ts";
import { checkLinuxComplianceSettings, listOnClassicCompliance } from "./catalog-compliance.ts";
import type { TemplateProfile } from "../../graph-model/vocabulary.ts";
import type { Plan } from "../schema.ts";
import { expandCatalogSettings } from "../settings-catalog.ts";
import type { DefinitionsSnapshot } from "../../graph-model/setting-definitions.ts";
import { checkSettingDefinitions } from "./setting-definitions.ts";

/** Body properties the plan sets through its own fields; writing them in settings is a mistake. */
const PLAN_FIELDS: Readonly<Record<string, string>> = {
  displayName: "displayName",
  description: "description",
  name: "displayName",
  roleScopeTagIds: "scopeTags",
  scheduledActionsForRule: "actions",
  assignments: "assignment",
  apps: "apps",
  platforms: "platform",
  technologies: "technologies",
};

function typeLabel(type: string, families: Readonly<Record<string, string>>): string {
  const platform = Object.entries(families).find(([, t]) => t === type)?.[0];
  return platform ? `${platform} (${type})` : type;
}

function mapIssues(
  base: PlanPath,
  type: string,
  issues: readonly SettingIssue[],
  siblings: Readonly<Record<string, string>>,
): Diagnostic[] {
  return issues.map((issue) => {
    const path = [...base, ...issue.path];
    const key = String(issue.path.at(-1));
    switch (issue.kind) {
      case "unknown-property": {
        // A property Graph computes is refused as such even on a type that lacks it (endOfSupportDate on a quality
        // update profile), rather than sent to the sibling type that has it.
        if (issue.path.length === 1 && SERVER_OWNED.has(key))
          return diagnostic("IP023", { path, atKey: true, message: `${key} is computed by Graph and cannot be set` });
        if (issue.path.length === 1) {
          const owners = typesDeclaring(
            key,
            Object.values(siblings).filter((t) => t !== type),
          );
          if (owners.length > 0) {
            return diagnostic("IP070", {
              path,
              atKey: true,
              message: `${key} is a setting of ${owners.map((o) => typeLabel(o, siblings)).join(", ")}, not of ${typeLabel(type, siblings)}`,
              hint: `Move it to a policy for that platform${issue.suggestion ? `; here the setting is ${issue.suggestion}` : ""}.`,
            });
          }
        }
        return diagnostic("IP020", { path, atKey: true, message: issue.message, ...(issue.hint ? { hint: issue.hint } : {}) });
      }
      case "server-owned":
      case "navigation":
        return diagnostic("IP023", { path, atKey: true, message: issue.message });
      case "out-of-range":
        return diagnostic("IP026", { path, message: issue.message });
      case "bad-enum":
        return diagnostic("IP022", { path, message: issue.message, ...(issue.hint ? { hint: issue.hint } : {}) });
      case "wrong-type":
      case "bad-odata-type":
        return diagnostic("IP021", { path, message: issue.message });
    }
  });
}

function checkPlanFields(base: PlanPath, settings: Readonly<Record<string, unknown>>): Diagnostic[] {
  return Object.keys(settings)
    .filter((k) => PLAN_FIELDS[k])
    .map((k) =>
      diagnostic("IP013", {
        path: [...base, k],
        atKey: true,
        message: `${k} is set by the plan field ${PLAN_FIELDS[k] as string}, not inside settings`,
      }),
    );
}

/** IP024 for literal secrets and malformed secret references anywhere inside `value`, found at `base`. */
function checkSecrets(base: PlanPath, value: unknown, out: Diagnostic[]): void {
  // One path array, extended and shortened as the walk goes, copied only into a finding: settings trees are the
  // plan's bulk, and a fresh path per node was most of this walk's cost.
  const path: (string | number)[] = [...base];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
      return;
    }
    if (typeof v !== "object" || v === null) return;
    const entries = Object.entries(v);
    if (entries.length === 1 && entries[0]?.[0] === "secret") {
      const name = entries[0][1];
      if (typeof name !== "string" || !SECRET_REF_NAME.test(name))
        out.push(
          diagnostic("IP024", {
            path: [...path],
            message: `${JSON.stringify(name)} is not a valid secret name`,
            hint: "Secret names are letters, digits and underscores, starting with a letter or underscore (they name Pulumi secret config keys or environment variables).",
          }),
        );
      return;
    }
    for (const [k, x] of entries) {
      path.push(k);
      if (isSecretProperty(k, v as Record<string, unknown>) && typeof x === "string" && x.length > 0)
        out.push(
          diagnostic("IP024", { path: [...path], secretSubject: true, message: `${k} holds a literal value; secrets must be references` }),
        );
      else walk(x);
      path.pop();
    }
  };
  walk(value);
}

export function checkBody(
  base: PlanPath,
  type: string,
  settings: Readonly<Record<string, unknown>> | undefined,
  siblings: Readonly<Record<string, string>>,
  out: Diagnostic[],
): void {
  if (!settings) return;
  const fields = checkPlanFields(base, settings);
  out.push(...fields);
  const omit = new Set(Object.keys(PLAN_FIELDS));
  out.push(...mapIssues(base, type, checkGraphBody(type, settings, omit), siblings));
  checkSecrets(base, settings, out);
}

const CONFIG_SIBLINGS = (profile: TemplateProfile): Readonly<Record<string, string>> =>
  CONFIGURATION_TYPES[profile] as Record<string, string>;

/**
 * With a setting-definitions snapshot, settings-catalog settings are checked against it (IP220–IP226), which replaces
 * the built-in Linux compliance table (IP170, IP171) and the id-prefix platform guess (IP072) for the ids it knows.
 */
export function checkSettings(plan: Plan, definitions?: DefinitionsSnapshot): Diagnostic[] {
  const out: Diagnostic[] = definitions ? checkSettingDefinitions(plan, definitions) : [];
  for (const [key, policy] of Object.entries(plan.compliance)) {
    const base = ["compliance", key, "settings"];
    if (isCatalogCompliancePlatform(policy.platform)) {
      // Linux: settings-catalog settings (GRAPH-NOTES §6.2), expanded and checked as configuration's are.
      const { settings, issues } = expandCatalogSettings(policy.settings);
      for (const issue of issues) out.push(diagnostic("IP025", { path: [...base, ...issue.path], message: issue.message }));
      if (!definitions) out.push(...checkLinuxComplianceSettings(base, policy.settings, settings));
      settings.forEach((s, i) => {
        if (!Array.isArray(policy.settings)) return;
        out.push(
          ...mapIssues([...base, i], "deviceManagementConfigurationSetting", checkGraphBody("deviceManagementConfigurationSetting", s), {}),
        );
      });
      checkSecrets(base, policy.settings, out);
      continue;
    }
    if (Array.isArray(policy.settings)) {
      out.push(listOnClassicCompliance(base, policy.platform));
      continue;
    }
    checkBody(base, COMPLIANCE_TYPES[policy.platform], policy.settings, COMPLIANCE_TYPES, out);
  }
  // Update profiles: a property of another update type (approvalType on a feature profile) is IP070.
  for (const [key, u] of Object.entries(plan.updates))
    checkBody(["updates", key, "settings"], UPDATE_PROFILE_TYPES[u.type], u.settings, UPDATE_PROFILE_TYPES, out);
  for (const [key, policy] of Object.entries(plan.configuration)) {
    const base = ["configuration", key, "settings"];
    if (policy.profile === "settingsCatalog") {
      const { settings, issues } = expandCatalogSettings(policy.settings);
      for (const issue of issues) out.push(diagnostic("IP025", { path: [...base, ...issue.path], message: issue.message }));
      settings.forEach((s, i) => {
        const instance = s["settingInstance"] as Record<string, unknown>;
        const id = String(instance["settingDefinitionId"]);
        const at: PlanPath = Array.isArray(policy.settings) ? [...base, i] : [...base, id];
        const apple = id.startsWith("com.apple.");
        const windows = /^(device|user)_vendor_msft_/.test(id);
        const known = definitions !== undefined && Object.hasOwn(definitions.definitions, id);
        if (
          !known &&
          ((policy.platform === "windows" && apple) || ((policy.platform === "macOS" || policy.platform === "iOS") && windows))
        ) {
          out.push(
            diagnostic("IP072", {
              path: at,
              atKey: !Array.isArray(policy.settings),
              message: `${id} looks like a ${apple ? "macOS/iOS" : "Windows"} setting, but this policy is for ${policy.platform}`,
            }),
          );
        }
        if (Array.isArray(policy.settings))
          out.push(...mapIssues(at, "deviceManagementConfigurationSetting", checkGraphBody("deviceManagementConfigurationSetting", s), {}));
        checkSecrets(
          at,
          Array.isArray(policy.settings) ? policy.settings[i] : { [id]: (policy.settings as Record<string, unknown> | undefined)?.[id] },
          out,
        );
      });
      continue;
    }
    if (policy.technologies !== undefined)
      out.push(
        diagnostic("IP013", {
          path: ["configuration", key, "technologies"],
          atKey: true,
          message: "technologies applies to settingsCatalog profiles only",
        }),
      );
    const type = CONFIGURATION_TYPES[policy.profile][policy.platform];
    if (!type) {
      const available = Object.keys(CONFIGURATION_TYPES[policy.profile]);
      out.push(
        diagnostic("IP071", {
          path: ["configuration", key, "profile"],
          message: `${policy.profile} profiles are not available for ${policy.platform}`,
          hint: `${policy.profile} exists for: ${available.join(", ")}. Profiles for ${policy.platform}: ${TEMPLATE_PROFILES.filter((p) => CONFIGURATION_TYPES[p][policy.platform]).join(", ")}, settingsCatalog.`,
        }),
      );
      continue;
    }
    if (Array.isArray(policy.settings)) {
      out.push(diagnostic("IP011", { path: base, message: `${policy.profile} settings are a mapping of Graph properties, not a list` }));
      continue;
    }
    checkBody(base, type, policy.settings, CONFIG_SIBLINGS(policy.profile), out);
  }
  for (const [key, policy] of Object.entries(plan.appProtection)) {
    checkBody(["appProtection", key, "settings"], APP_PROTECTION_TYPES[policy.platform], policy.settings, APP_PROTECTION_TYPES, out);
    policy.apps.forEach((app, i) => {
      if (resolveAppId(app, policy.platform)) return;
      const s = suggest(app.toLowerCase(), Object.keys(KNOWN_APPS));
      out.push(
        diagnostic("IP100", {
          path: ["appProtection", key, "apps", i],
          message: `${app} is neither a known app name nor a ${policy.platform === "iOS" ? "bundle" : "package"} id`,
          hint: s ? `Did you mean ${s}?` : `Known apps: ${Object.keys(KNOWN_APPS).join(", ")}; or give the id, e.g. com.contoso.app.`,
        }),
      );
    });
  }
  return out;
}
