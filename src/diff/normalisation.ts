// How a Graph body becomes the canonical form the diff engine compares: one table per kind, each rule tagged with
// the row of GRAPH-NOTES §11 it answers (N1–N15). Both sides go through the same function, so a body we sent and
// the body Graph returns for it compare equal ("apply, then preview: no changes"). Pure.
import { canonicalJson } from "../canonical-json.ts";
import type { DesiredTarget, Json, JsonObject, Kind } from "../compile/desired-state.ts";
import { isEmptyValue, isPlainObject, ZERO_GUID } from "../graph-model/json.ts";
import { isSecretMarker } from "../graph-model/secrets.ts";
import { SERVER_OWNED } from "../graph-model/server-owned.ts";
import { compareText } from "../text-order.ts";
import { decodeScript, SCRIPT_PROPERTIES, scriptHash } from "../graph-model/script-content.ts";

interface KindRules {
  /** Top-level properties Graph cannot change in place: a change replaces the object. `@odata.type` always does. */
  readonly immutable: readonly string[];
  /** Lists Graph does not keep in order (N1, N4), by property name at any depth: compared as sorted sets. */
  readonly sets: readonly string[];
  /** What Graph stores when a property is omitted, where that is not an empty value (N1). */
  readonly defaults: JsonObject;
  /** Enums Graph may return in another case (N10): compared lower-cased. */
  readonly caseInsensitive: readonly string[];
  /** Flags enums Graph serialises as comma lists in its own order (N10): compared as sorted token lists. */
  readonly flags: readonly string[];
  /** Reshapes kind-specific structures into keyed maps (N6, N7, N9). Must accept its own output unchanged. */
  readonly reshape?: (body: Record<string, Json>) => void;
}

/**
 * N2: properties never compared: those Graph computes (server-owned.ts), and those compared elsewhere or not at all:
 * `assignments` (assignment sets), `priority` (the setPriority action), `payloadId`, and `permissions` (role
 * definitions' legacy copy of rolePermissions). `id` and `*@odata.context` are dropped at any depth.
 */
const NOT_COMPARED: ReadonlySet<string> = new Set([...SERVER_OWNED, "assignments", "priority", "payloadId", "permissions"]);

const SCOPE_TAGS: Pick<KindRules, "sets" | "defaults"> = { sets: ["roleScopeTagIds"], defaults: { roleScopeTagIds: ["0"] } };
const none: Omit<KindRules, "immutable"> = { sets: [], defaults: {}, caseInsensitive: [], flags: [] };

export const NORMALISATION: Readonly<Record<Kind, KindRules>> = {
  // N14: isAssignableToRole null ≡ false and description null ≡ absent are empty-value equivalences (below).
  group: { ...none, immutable: ["mailEnabled", "securityEnabled"], sets: ["groupTypes"] },
  scopeTag: { ...none, immutable: [] },
  deviceCategory: { ...none, ...SCOPE_TAGS, immutable: [] },
  // Filters name their tags roleScopeTags (N1); platform and management type are fixed at creation.
  assignmentFilter: {
    ...none,
    immutable: ["platform", "assignmentFilterManagementType"],
    sets: ["roleScopeTags"],
    defaults: { roleScopeTags: ["0"] },
  },
  roleDefinition: { ...none, ...SCOPE_TAGS, immutable: [], reshape: reshapeRolePermissions },
  // N10: scopeType comes back as AllDevices or allDevices depending on the reader.
  roleAssignment: {
    ...none,
    ...SCOPE_TAGS,
    immutable: ["roleDefinition@odata.bind"],
    sets: ["roleScopeTagIds", "members", "resourceScopes"],
    caseInsensitive: ["scopeType"],
  },
  compliancePolicy: {
    ...none,
    ...SCOPE_TAGS,
    immutable: [],
    sets: ["roleScopeTagIds", "notificationMessageCCList"],
    reshape: reshapeScheduledActions,
  },
  deviceConfiguration: { ...none, ...SCOPE_TAGS, immutable: [] },
  // Platforms and technologies decide which settings a policy may hold; Intune fixes them at creation. Whether a
  // policy can move to another template (or version) in place is UNCONFIRMED (the portal offers no such edit; a new
  // baseline version is a new policy there): a templateReference change replaces the policy, which preview shows.
  settingsCatalogPolicy: {
    ...none,
    ...SCOPE_TAGS,
    immutable: ["platforms", "technologies", "templateReference"],
    flags: ["technologies"],
    reshape: reshapeCatalogSettings,
  },
  // targetApps is the follow-up action's body (see state-view.ts): the app list is a set.
  appProtectionPolicy: { ...none, ...SCOPE_TAGS, immutable: [], sets: ["roleScopeTagIds", "apps"], flags: ["targetedAppManagementLevels"] },
  // App configuration (GRAPH-NOTES §8.2): targetApps is the follow-up action's body, its apps a set; customSettings is
  // a list Graph need not keep in order (N4), compared as a set of name/value pairs; targetedAppManagementLevels is a
  // flags enum Graph fills in (N10, N11; the plan never sends it, so it is not compared).
  managedAppConfiguration: {
    ...none,
    ...SCOPE_TAGS,
    immutable: [],
    sets: ["roleScopeTagIds", "apps", "customSettings"],
    flags: ["targetedAppManagementLevels"],
  },
  // App configuration for managed devices: the apps it targets and its iOS setting items are sets (N4); its version
  // is an Int32 Graph bumps (N2, never compared).
  mobileAppConfiguration: { ...none, ...SCOPE_TAGS, immutable: [], sets: ["roleScopeTagIds", "targetedMobileApps", "settings"] },
  enrollmentRestriction: {
    ...none,
    ...SCOPE_TAGS,
    immutable: ["platformType"],
    sets: ["roleScopeTagIds", "blockedManufacturers", "blockedSkus"],
  },
  // Settings-catalog compliance (GRAPH-NOTES §6.2): the settings-catalog rules (N7), platforms and technologies fixed
  // as for configurationPolicies, and the actions (the setScheduledActions follow-up action's body, which the read-back
  // folds from scheduledActionsForRule) keyed by action type as classic compliance's are (N6).
  catalogCompliancePolicy: {
    ...none,
    ...SCOPE_TAGS,
    immutable: ["platforms", "technologies"],
    sets: ["roleScopeTagIds", "notificationMessageCCList"],
    flags: ["technologies"],
    reshape: (body) => {
      reshapeCatalogSettings(body);
      const set = body["setScheduledActions"];
      if (isPlainObject(set)) body["setScheduledActions"] = keyedActions(set["scheduledActions"]) ?? set;
    },
  },
  // Windows update profiles. The Terraform provider replaces a feature profile when
  // installLatestWindows10OnWindows11IneligibleDevice changes (windows_feature_update_policy/resource.go,
  // RequiresReplaceIfChangedBool). That a driver profile's approvalType is fixed after creation is UNCONFIRMED in Graph's
  // pages (the portal offers no edit of it); a replace is the conservative reading and shows in preview.
  updateProfile: {
    ...none,
    ...SCOPE_TAGS,
    immutable: ["installLatestWindows10OnWindows11IneligibleDevice", "approvalType"],
  },
  // brandingOptions is a flags enum (N10); the localized messages are keyed by locale, so a change names the locale.
  notificationTemplate: {
    ...none,
    ...SCOPE_TAGS,
    immutable: [],
    flags: ["brandingOptions"],
    reshape: reshapeLocalizedMessages,
  },
  // The settings' own properties, flat (kinds/tenant-settings.ts); no scope tags on a singleton.
  tenantSettings: { ...none, immutable: [] },
  // A rule is its platform's: the plan keys it by platform, so the platform never changes in place (§9.3).
  deviceCleanupRule: { ...none, immutable: ["deviceCleanupRulePlatformType"] },
  // The join type is the @odata.type (a change replaces the profile). N11: an omitted deviceNameTemplate comes back
  // null or "" (empty-value equivalence); the adapter sends every OOBE field, so Graph fills in nothing else.
  autopilotProfile: { ...none, ...SCOPE_TAGS, immutable: [] },
  // N13: app ids are GUIDs, compared lower-cased by the adapter; the list of blocking apps is a set.
  enrollmentStatusPage: { ...none, ...SCOPE_TAGS, immutable: [], sets: ["roleScopeTagIds", "selectedMobileAppIds"] },
  // GRAPH-NOTES §9.2: texts are stored as sent; `version` is server-owned (never compared, N2).
  termsAndConditions: { ...none, ...SCOPE_TAGS, immutable: [] },
  // Script text is compared by its sha256 (reshapeScriptContent): the same text is the same script, and the change
  // set carries a hash, never the script. runAsAccount comes back as Graph spells the enum (N10).
  platformScript: { ...none, ...SCOPE_TAGS, immutable: [], caseInsensitive: ["runAsAccount"], reshape: reshapeScriptContent },
  remediation: { ...none, ...SCOPE_TAGS, immutable: [], caseInsensitive: ["runAsAccount"], reshape: reshapeScriptContent },
  // Approvers are a set of group ids; the policy carries no scope tags (§9.4).
  operationApprovalPolicy: { ...none, immutable: [], sets: ["approverGroupIds"] },
  // Conditional Access (kinds/conditional-access-policy.ts): every list in it is a set (users, groups, apps, platforms,
  // client apps, controls). Graph echoes the operator as sent (AND / OR; the create page's responses). Lists and
  // conditions the plan does not send read back [] or null (empty values).
  conditionalAccessPolicy: {
    ...none,
    immutable: [],
    sets: [
      "includeUsers",
      "excludeUsers",
      "includeGroups",
      "excludeGroups",
      "includeApplications",
      "excludeApplications",
      "includePlatforms",
      "clientAppTypes",
      "builtInControls",
    ],
  },
  // Apps (kinds/mobile-app.ts). N2: Intune adds publishingState, uploadState, isAssigned, dependentAppCount,
  // supersedingAppCount, supersededAppCount, size, committedContentVersion, manifestHash and licence counts
  // (server-owned.ts), never compared. N11: complex values come back with their own @odata.type (the adapter's read-back
  // drops it) and excludedApps with all its flags (the adapter sends all of them). productIds and localesToInstall are
  // sets (N4: the Graph docs give no order). A WinGet app's package and install context are "required at creation time,
  // cannot be modified" (intune-apps-wingetapp, intune-apps-wingetappinstallexperience): a change replaces the app.
  // The platform (iOS store or LOB app) is its @odata.type, which always replaces.
  mobileApp: {
    ...none,
    ...SCOPE_TAGS,
    immutable: ["packageIdentifier", "installExperience"],
    sets: ["roleScopeTagIds", "productIds", "localesToInstall"],
    caseInsensitive: ["updateChannel", "officePlatformArchitecture"],
  },
  // A reference is never written (lifecycle "reference"): its body is its name and identity, compared as stored.
  mobileAppReference: { ...none, immutable: [] },
};

/** A notification template's localized messages (a list from compile and read-back) as a map by locale. */
function reshapeLocalizedMessages(body: Record<string, Json>): void {
  const list = body["localizedNotificationMessages"];
  if (!Array.isArray(list)) return;
  const keyed: Record<string, Json> = {};
  for (const m of list) {
    if (!isPlainObject(m)) continue;
    const { locale, ...rest } = m;
    keyed[String(locale ?? "").toLowerCase()] = rest;
  }
  body["localizedNotificationMessages"] = keyed;
}

/** Base64 script content → `sha256:<hex>` of its text; an already hashed value (its own output) stays. */
function reshapeScriptContent(body: Record<string, Json>): void {
  for (const k of SCRIPT_PROPERTIES) {
    const v = body[k];
    if (typeof v === "string" && !v.startsWith("sha256:")) body[k] = scriptHash(decodeScript(v) ?? "");
  }
}

/** True for the top-level properties whose change replaces an object of `kind`. */
export const forcesReplace = (kind: Kind, property: string): boolean =>
  property === "@odata.type" || NORMALISATION[kind].immutable.includes(property);

/** A plan secret reference (`{ secret: NAME }`), optionally with the sha256 of the value last written (N8). */
export const isSecretValue = (v: Json | undefined): v is JsonObject => isSecretMarker(v);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** N12: ISO-8601 durations (without years or months) in one spelling, e.g. PT720M and PT12H both → PT12H. */
function canonicalDuration(text: string): string | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number];
  let rest = (((w * 7 + d) * 24 + h) * 60 + min) * 60 + s;
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  rest -= minutes * 60;
  const time = `${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${rest ? `${Number(rest.toFixed(6))}S` : ""}`;
  return days === 0 && time === "" ? "PT0S" : `P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
}

/** Value-level rules that hold for every kind: N12 durations and times, N13 GUID case, bind URLs without host. */
function canonicalString(key: string, text: string): string {
  if (GUID.test(text)) return text.toLowerCase();
  if (key.endsWith("@odata.bind")) return text.replace(/^https?:\/\/[^/]+\/(?:beta|v1\.0)(?=\/)/, "");
  const duration = canonicalDuration(text);
  if (duration) return duration;
  return text.replace(/^(\d{2}:\d{2}:\d{2})\.0+$/, "$1").replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.0+Z$/, "$1Z");
}

const sortedSet = (items: readonly Json[]): Json[] => {
  const byText = new Map(items.map((v) => [canonicalJson(v), v]));
  return [...byText.keys()].sort(compareText).map((k) => byText.get(k) as Json);
};

/** Canonical bodies list their keys in one order at every depth, so equal bodies print the same. */
function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isPlainObject(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .sort(([a], [b]) => compareText(a, b))
      .map(([k, x]) => [k, sortKeys(x)]),
  );
}

function canonicalValue(rules: KindRules, key: string, value: Json): Json {
  if (typeof value === "string") {
    if (rules.flags.includes(key))
      return value
        .split(",")
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean)
        .sort()
        .join(",");
    return rules.caseInsensitive.includes(key) ? value.toLowerCase() : canonicalString(key, value);
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => canonicalValue(rules, key, v));
    return rules.sets.includes(key) ? sortedSet(items) : items;
  }
  if (isPlainObject(value)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "id" || k.endsWith("@odata.context")) continue;
      out[k] = canonicalValue(rules, k, v);
    }
    return out;
  }
  return value;
}

/**
 * The canonical body of a `kind` object: what the diff compares and what a change set's paths point into. Every rule
 * is local to one top-level property (value rules, defaults, and each reshape reads and writes only its own key), so
 * canonicalising a subset of a body's properties gives those properties as canonicalising the whole would (diff.ts
 * relies on this to canonicalise only the properties of a tenant body that the plan sets).
 */
export function canonicalBody(kind: Kind, body: JsonObject): JsonObject {
  const rules = NORMALISATION[kind];
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(body)) {
    if (NOT_COMPARED.has(k) || k.endsWith("@odata.context")) continue;
    out[k] = canonicalValue(rules, k, v);
  }
  for (const [k, v] of Object.entries(rules.defaults)) if (isEmptyValue(out[k])) out[k] = v;
  rules.reshape?.(out);
  return sortKeys(out) as JsonObject;
}

/**
 * N11 for a tenant: Graph fills in every property nobody set, so a tenant body is compared only over the
 * properties the plan sets (and those with a Graph default the plan relies on).
 */
export function projectOnto(observed: JsonObject, desired: JsonObject): JsonObject {
  const out: Record<string, Json> = {};
  for (const k of Object.keys(desired)) if (k in observed) out[k] = observed[k] as Json;
  return out;
}

// N9: role definitions echo permissions in three places; only the allowed and not-allowed action sets matter.
function reshapeRolePermissions(body: Record<string, Json>): void {
  const perms = body["rolePermissions"];
  if (!Array.isArray(perms)) return;
  const allowed: Json[] = [];
  const denied: Json[] = [];
  for (const p of perms) {
    const actions = isPlainObject(p) && Array.isArray(p["resourceActions"]) ? p["resourceActions"] : [];
    for (const a of actions) {
      if (!isPlainObject(a)) continue;
      if (Array.isArray(a["allowedResourceActions"])) allowed.push(...a["allowedResourceActions"]);
      if (Array.isArray(a["notAllowedResourceActions"])) denied.push(...a["notAllowedResourceActions"]);
    }
  }
  body["rolePermissions"] = { allowedResourceActions: sortedSet(allowed), notAllowedResourceActions: sortedSet(denied) };
}

// N6: compliance actions are keyed by actionType (block, notification, retire, …; repeats get #2, #3 in canonical
// order); rule names and action ids are Graph's, and an empty notification template reads back as the zero GUID.
function reshapeScheduledActions(body: Record<string, Json>): void {
  const keyed = keyedActions(body["scheduledActionsForRule"]);
  if (keyed) body["scheduledActionsForRule"] = keyed;
}

/** A rule list's action configurations keyed by action type (N6); undefined when `rules` is not a list (already keyed). */
function keyedActions(rules: Json | undefined): Record<string, Json> | undefined {
  if (!Array.isArray(rules)) return undefined;
  const configs: JsonObject[] = [];
  for (const r of rules) {
    const list = isPlainObject(r) && Array.isArray(r["scheduledActionConfigurations"]) ? r["scheduledActionConfigurations"] : [];
    for (const c of list) {
      if (!isPlainObject(c)) continue;
      // Graph names the configuration's one type (deviceComplianceActionItem) on some reads; it says nothing.
      const { notificationTemplateId, "@odata.type": _type, ...rest } = c;
      configs.push(
        notificationTemplateId === ZERO_GUID || isEmptyValue(notificationTemplateId)
          ? rest
          : { ...rest, notificationTemplateId: notificationTemplateId as Json },
      );
    }
  }
  const keyed: Record<string, Json> = {};
  for (const c of sortedSet(configs) as JsonObject[]) {
    const type = String(c["actionType"] ?? "unknown");
    let key = type;
    for (let n = 2; key in keyed; n++) key = `${type}#${n}`;
    keyed[key] = c;
  }
  return keyed;
}

/**
 * N8 for a tenant: Graph never returns a secret, so where the plan has a secret the tenant's value is taken to be
 * that secret, carrying the hash recorded when it was last written if the tenant view has one (Pulumi state
 * does). A rotated secret therefore shows only when both hashes are known.
 */
export function carryWriteOnlySecrets(observed: JsonObject, desired: JsonObject): JsonObject {
  const walk = (o: Json | undefined, d: Json): Json | undefined => {
    if (isSecretValue(d)) return isSecretValue(o) ? o : { secret: d["secret"] ?? "" };
    if (isPlainObject(d) && isPlainObject(o)) {
      const out: Record<string, Json> = { ...o };
      for (const [k, v] of Object.entries(d)) {
        const carried = walk(o[k], v);
        if (carried !== undefined) out[k] = carried;
      }
      return out;
    }
    return o;
  };
  return walk(observed, desired) as JsonObject;
}

// N7: settings are keyed by settingDefinitionId (at every level of children); Graph drops @odata.type on the
// value types that have no subtypes, and reads back an empty template reference: the policy's, and a null one on
// every instance and every value, also on the items of string lists, choice lists and group collections (which
// the diff compares whole, so a null left there reads as a change right after a write).
//
// A template-based policy (endpoint security, baselines) is compared by its templateId alone: templateFamily,
// templateDisplayName and templateDisplayVersion are read-only, filled in by Graph from the template (Graph beta
// deviceManagementConfigurationPolicyTemplateReference). The setting and value template references are not compared
// either: they follow from the templateId and each settingDefinitionId (the template's settingTemplates), and a plan
// compiled without the policy-templates snapshot (a git revision, an import's round trip) writes none.
function reshapeCatalogSettings(body: Record<string, Json>): void {
  const ref = body["templateReference"];
  if (isPlainObject(ref)) {
    if (isEmptyValue(ref["templateId"])) delete body["templateReference"];
    else body["templateReference"] = { templateId: ref["templateId"] as Json };
  }
  const settings = body["settings"];
  if (!Array.isArray(settings)) return;
  const instances = settings.map((s) => (isPlainObject(s) && isPlainObject(s["settingInstance"]) ? s["settingInstance"] : s));
  body["settings"] = keyCatalogInstances(instances);
}

const NON_POLYMORPHIC_VALUE = /(ChoiceSettingValue|GroupSettingValue)$/;
/** Read back as null when nobody set them; null ≡ absent. */
const NULL_WHEN_UNSET = new Set(["settingInstanceTemplateReference", "settingValueTemplateReference", "auditRuleInformation"]);
/** Derived from the policy's templateId (see reshapeCatalogSettings): never compared. */
const TEMPLATE_DERIVED = new Set(["settingInstanceTemplateReference", "settingValueTemplateReference"]);

function keyCatalogInstances(items: readonly Json[]): Json {
  if (!items.every((i) => isPlainObject(i) && typeof i["settingDefinitionId"] === "string")) return items.map(canonicalCatalogNode);
  const out: Record<string, Json> = {};
  for (const i of items as JsonObject[]) out[i["settingDefinitionId"] as string] = canonicalCatalogNode(i);
  return out;
}

function canonicalCatalogNode(node: Json): Json {
  if (Array.isArray(node)) return node.length > 0 ? keyCatalogInstances(node) : [];
  if (!isPlainObject(node)) return node;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "@odata.type" && typeof v === "string" && NON_POLYMORPHIC_VALUE.test(v)) continue;
    if (v === null && NULL_WHEN_UNSET.has(k)) continue;
    if (TEMPLATE_DERIVED.has(k)) continue;
    out[k] = canonicalCatalogNode(v);
  }
  return out;
}

/**
 * A remediation assignment's settings in one spelling: the schedule's @odata.type with its `#`, times without
 * fractions (N12: "02:00:00.0000000" ≡ "02:00:00"), dates without a time part.
 */
function canonicalTargetSettings(settings: JsonObject | undefined): string {
  if (!settings) return "";
  const walk = (v: Json, key: string): Json => {
    if (typeof v === "string") {
      if (key === "@odata.type") return v.replace(/^#?/, "#");
      if (key === "date") return v.slice(0, 10);
      return canonicalString(key, v);
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return canonicalJson(walk(settings, ""));
}

/** N3/N4: an assignment target's identity; a filter in mode `none` is no filter. */
export const targetKey = (t: DesiredTarget): string =>
  `${t.kind}|${t.group ?? ""}|${t.filter?.address ?? ""}|${t.filter?.mode ?? ""}${t.settings ? `|${canonicalTargetSettings(t.settings)}` : ""}`;

export function canonicalTargets(targets: readonly DesiredTarget[]): DesiredTarget[] {
  const byKey = new Map<string, DesiredTarget>();
  for (const t of targets) {
    const { filter, ...rest } = t;
    const clean: DesiredTarget = filter && (filter.mode as string) !== "none" && filter.address !== "" ? { ...rest, filter } : rest;
    byKey.set(targetKey(clean), clean);
  }
  return [...byKey.keys()].sort(compareText).map((k) => byKey.get(k) as DesiredTarget);
}
