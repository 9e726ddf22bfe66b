// How Intune resolves one setting that several policies reaching the same device set to different values (issue 15,
// part 6). The conflict check (validate/conflicts.ts) and `explain` (explain/effective-settings.ts) both ask this
// module, so they agree on what a device gets. Each rule is Microsoft's, as documented:
//
// - Compliance: "If a compliance policy evaluates against the same setting in another compliance policy, then the
//   most restrictive compliance policy setting applies." (Microsoft Learn, "Common questions, answers, and scenarios
//   with policies and profiles in Microsoft Intune", section "Compliance and device configuration policies that
//   conflict", https://learn.microsoft.com/intune/intune-service/configuration/device-profile-troubleshoot; also
//   "Manage endpoint security in Microsoft Intune" > "How Intune resolves conflicts",
//   https://learn.microsoft.com/intune/device-security/endpoint-security-policies). Which value is the most
//   restrictive comes from the strictness rules the diff uses (graph-model/strictness.ts); when they do not order
//   the values, the most restrictive one is not named.
// - Configuration (templates, settings catalog, endpoint security policies, security baselines): "When multiple
//   configuration policies ... set different values for the same setting, you must identify and resolve the conflict
//   manually. The setting might fail to apply and be flagged as conflicted." (same "How Intune resolves conflicts").
//   A conflict, except for the settings Intune merges:
//   - Microsoft Defender Antivirus exclusions: Defender/ExcludedPaths, ExcludedExtensions and ExcludedProcesses "support
//     policy merge ... the exclusions are added to a superset and the single list of exclusions is delivered"
//     (https://learn.microsoft.com/intune/device-configuration/endpoint-security/antivirus, "Policy merge for
//     settings").
//   - Device control's hardware device installation allow / block lists (device IDs, setup classes, device instance
//     IDs): "merged into a single allowlist where any duplicate ... are removed"; the allow and block lists are
//     distinct settings and never merged with each other (.../endpoint-security/attack-surface-reduction, "Policy
//     merge for device control profiles"). Except the device-ID block list: the Antivirus page says policy merge
//     "doesn't support the CSP for preventing installation of matching device IDs (PreventInstallationOfMatchingDeviceIDs)
//     ... Configurations for this CSP don't merge", contradicting the device control list; conservatively a conflict.
//     The setup-class ids are confirmed in public settings-catalog exports; the device-ID and instance-ID ids follow
//     the same CSP-name pattern (UNCONFIRMED spelling: a wrong id only means those lists are reported as conflicts).
//   - Attack surface reduction rules: "Settings that don't have conflicts are added to a superset of policy for the
//     device ... the conflicting settings aren't added to the combined policy ... Only the configurations for
//     conflicting settings are held back" (.../endpoint-security/attack-surface-reduction, "Merge behavior for Attack
//     surface reduction rules in Intune"; Defender for Endpoint, "Enable attack surface reduction rules" > "How
//     policy conflicts are handled"). So the ASR rules setting is split into one setting per rule: rules merge, a
//     rule set to two modes conflicts. Per-rule exclusions are part of their rule's value: "ASR policies do not
//     support merge functionality for ASR Only Per Rule Exclusions" (same ASR page).
//   - Windows Firewall rules: "When rules from multiple rules profiles don't conflict with each other, devices merge
//     the rules from each profile to create a combined firewall rule configuration on the device"
//     (.../endpoint-security/firewall, "Firewall rule mergers and policy conflicts").
//   Not merged (UNCONFIRMED that Intune merges them; conservatively conflicts): the global ASR-only exclusions
//   (Defender/AttackSurfaceReductionOnlyExclusions), and the template (non-catalog) Endpoint protection profile's
//   ASR and exclusion properties.
// - App protection stays a conflict (IP090) here: the same troubleshooting page says conflicting values become the
//   most restrictive "except numeric entry fields", which take the recommended-settings value, and that a policy
//   already applied "takes precedence" over one deployed later; which value a user's app ends up with depends on
//   deployment order, so intune-plan asks for one value (explain names the most restrictive as `intuneApplies`).
// Pure.
import type { Json } from "../graph-model/json.ts";
import { relaxation } from "../graph-model/strictness.ts";
import { canonicalJson } from "../canonical-json.ts";
import type { JsonObject } from "./settings-catalog.ts";

export type Resolution = "conflict" | "merge" | "mostRestrictive";

/** The settings-catalog attack surface reduction rules: a group collection whose children are one choice per rule. */
export const ASR_RULES = "device_vendor_msft_policy_config_defender_attacksurfacereductionrules";

/** settingDefinitionIds whose values Intune merges into one list per device (the citations above). */
const MERGED = new Set([
  "device_vendor_msft_policy_config_defender_excludedpaths",
  "device_vendor_msft_policy_config_defender_excludedextensions",
  "device_vendor_msft_policy_config_defender_excludedprocesses",
  "device_vendor_msft_policy_config_deviceinstallation_allowinstallationofmatchingdeviceids",
  "device_vendor_msft_policy_config_deviceinstallation_allowinstallationofmatchingdevicesetupclasses",
  "device_vendor_msft_policy_config_deviceinstallation_preventinstallationofmatchingdevicesetupclasses",
  "device_vendor_msft_policy_config_deviceinstallation_allowinstallationofmatchingdeviceinstanceids",
  "device_vendor_msft_policy_config_deviceinstallation_preventinstallationofmatchingdeviceinstanceids",
  "vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}",
  ASR_RULES,
]);

/**
 * The rule for a setting two policies of `section` set: compliance (template or settings-catalog) resolves to the
 * most restrictive value; a merged settings-catalog setting merges; anything else conflicts.
 * `setting` is the conflict check's key: `<@odata.type>:<property>` or `catalog:<settingDefinitionId>`.
 */
export function resolutionOf(section: string, setting: string): Resolution {
  if (section === "compliance") return "mostRestrictive";
  if (section === "configuration" && setting.startsWith("catalog:") && MERGED.has(setting.slice("catalog:".length))) return "merge";
  return "conflict";
}

/** One compared settings-catalog setting of a policy: a top-level instance, or one ASR rule of the ASR setting. */
export interface CatalogEntry {
  readonly id: string;
  /** The instance without its @odata.type and settingDefinitionId. */
  readonly value: JsonObject;
  /** Canonical JSON of `value`. */
  readonly compare: string;
  /** Where it is, under the policy's `settings`: concise (by id) or verbose (by index). */
  readonly at: readonly (string | number)[];
  /** For one ASR rule: the ASR rules setting it is part of (equal rules are the setting's duplicate, not their own). */
  readonly partOf?: string;
}

const body = (inst: JsonObject): JsonObject => {
  const { "@odata.type": _t, settingDefinitionId: _id, ...value } = inst;
  return value;
};

/**
 * The compared entries of expanded settings-catalog settings (settings-catalog.ts): one per top-level instance, and
 * for the ASR rules setting also one per rule (its children), each compared on its own (Intune merges the rules and
 * holds back only a rule set to two different modes). `concise` says whether the plan wrote the concise map.
 */
export function catalogEntries(settings: readonly JsonObject[], concise: boolean): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  settings.forEach((s, i) => {
    const inst = s["settingInstance"] as JsonObject;
    const id = String(inst["settingDefinitionId"]);
    const value = body(inst);
    out.push({ id, value, compare: canonicalJson(value), at: [concise ? id : i] });
    if (id !== ASR_RULES) return;
    const items = inst["groupSettingCollectionValue"];
    if (!Array.isArray(items)) return;
    items.forEach((item: unknown, n) => {
      const children = typeof item === "object" && item !== null ? (item as JsonObject)["children"] : undefined;
      if (!Array.isArray(children)) return;
      children.forEach((child: unknown, c) => {
        if (typeof child !== "object" || child === null) return;
        const rule = child as JsonObject;
        const ruleId = String(rule["settingDefinitionId"]);
        const ruleValue = body(rule);
        out.push({
          id: ruleId,
          value: ruleValue,
          compare: canonicalJson(ruleValue),
          at: concise ? [id, n, ruleId] : [i, "settingInstance", "groupSettingCollectionValue", n, "children", c],
          partOf: id,
        });
      });
    });
  });
  return out;
}

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** A list of setting instances (a choice's children): merged instance by instance, by settingDefinitionId. */
const isInstanceList = (v: readonly unknown[]): v is JsonObject[] =>
  v.length > 0 && v.every((x) => isObject(x) && typeof x["settingDefinitionId"] === "string");

/** The value with every list of values replaced by a marker: two values merge only when these agree. */
function skeleton(v: unknown): unknown {
  if (Array.isArray(v)) {
    if (!isInstanceList(v)) return "[list]";
    return Object.fromEntries(
      v.map((x) => [String(x["settingDefinitionId"]), skeleton(x)]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)),
    );
  }
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, skeleton(x)]));
  return v;
}

/** Lists of values unioned (first occurrence kept, in order), instance lists merged by id, the rest from the first. */
function union(values: readonly unknown[]): unknown {
  const first = values[0];
  if (Array.isArray(first)) {
    if (isInstanceList(first)) {
      const byId = new Map<string, unknown[]>();
      for (const v of values)
        for (const x of Array.isArray(v) ? v : []) {
          const id = String((x as JsonObject)["settingDefinitionId"]);
          const list = byId.get(id);
          if (list) list.push(x);
          else byId.set(id, [x]);
        }
      return [...byId.values()].map(union);
    }
    const seen = new Map<string, unknown>();
    for (const v of values)
      for (const item of Array.isArray(v) ? v : []) if (!seen.has(canonicalJson(item))) seen.set(canonicalJson(item), item);
    return [...seen.values()];
  }
  if (isObject(first))
    return Object.fromEntries(Object.keys(first).map((k) => [k, union(values.map((v) => (isObject(v) ? v[k] : undefined)))]));
  return first;
}

export interface Merged {
  /** The setting's value on the device: the superset. */
  readonly value: Json;
  /** ASR rules left out of it because policies set them to different modes (each one an IP090 of its own). */
  readonly heldBack: readonly string[];
}

/**
 * What a device gets for a merged settings-catalog setting that these policies set (instance bodies, as in
 * CatalogEntry.value): the lists unioned, duplicates removed; for the ASR rules, one item holding every rule the
 * policies agree on. Undefined when the values differ in more than their lists (a device-control setting enabled by
 * one policy and disabled by another): then it is a conflict after all.
 */
export function mergeCatalogValues(id: string, values: readonly JsonObject[]): Merged | undefined {
  if (id === ASR_RULES) return mergeAsrRules(values);
  const shapes = new Set(values.map((v) => canonicalJson(skeleton(v))));
  if (shapes.size > 1) return undefined;
  return { value: union(values) as Json, heldBack: [] };
}

function mergeAsrRules(values: readonly JsonObject[]): Merged {
  const rules = new Map<string, { rule: JsonObject; compare: string; conflict: boolean }>();
  for (const v of values) {
    const items = v["groupSettingCollectionValue"];
    for (const item of Array.isArray(items) ? items : []) {
      const children = isObject(item) ? item["children"] : undefined;
      for (const child of Array.isArray(children) ? children : []) {
        if (!isObject(child)) continue;
        const ruleId = String(child["settingDefinitionId"]);
        const compare = canonicalJson(child);
        const known = rules.get(ruleId);
        if (!known) rules.set(ruleId, { rule: child, compare, conflict: false });
        else if (known.compare !== compare) known.conflict = true;
      }
    }
  }
  const kept = [...rules.values()].filter((r) => !r.conflict).map((r) => r.rule);
  return {
    value: { groupSettingCollectionValue: [{ children: kept }] } as unknown as Json,
    heldBack: [...rules].filter(([, r]) => r.conflict).map(([ruleId]) => ruleId),
  };
}

/** A merged value in a few words: the list items (strings), or the ASR rules with their modes, or the item count. */
export function describeMerged(id: string, merged: Merged): string {
  const limit = (items: readonly string[]): string =>
    items.length <= 6 ? items.join(", ") : `${items.slice(0, 6).join(", ")} and ${items.length - 6} more`;
  if (id === ASR_RULES) {
    const items = (merged.value as { groupSettingCollectionValue?: { children?: JsonObject[] }[] }).groupSettingCollectionValue ?? [];
    const rules = (items[0]?.children ?? []).map((r) => {
      const ruleId = String(r["settingDefinitionId"]);
      const mode = (r["choiceSettingValue"] as JsonObject | undefined)?.["value"];
      const short = ruleId.slice(ASR_RULES.length + 1);
      return `${short}=${typeof mode === "string" ? mode.slice(ruleId.length + 1) : "?"}`;
    });
    const held =
      merged.heldBack.length > 0
        ? `; held back (set to different modes): ${merged.heldBack.map((r) => r.slice(ASR_RULES.length + 1)).join(", ")}`
        : "";
    return `${rules.length} rule${rules.length === 1 ? "" : "s"}: ${limit(rules)}${held}`;
  }
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (isObject(v)) {
      const simple = v["simpleSettingCollectionValue"];
      if (Array.isArray(simple)) for (const s of simple) if (isObject(s) && typeof s["value"] === "string") strings.push(s["value"]);
      for (const [k, x] of Object.entries(v)) if (k !== "simpleSettingCollectionValue") walk(x);
    }
  };
  walk(merged.value);
  const groups = (merged.value as JsonObject)["groupSettingCollectionValue"];
  if (Array.isArray(groups)) return `${groups.length} item${groups.length === 1 ? "" : "s"}`;
  return `[${limit(strings.map((s) => JSON.stringify(s)))}]`;
}

/**
 * The most restrictive of compliance values, the one Intune applies: the value every other value is weaker than by
 * the strictness rules (graph-model/strictness.ts); undefined when they do not order all of them. `setting` is the
 * Graph property (template policies) or the settingDefinitionId (settings-catalog compliance, with `catalog`).
 */
export function mostRestrictiveValue(setting: string, catalog: boolean, values: readonly Json[]): Json | undefined {
  const kind = catalog ? "catalogCompliancePolicy" : "compliancePolicy";
  const path = catalog ? ["settings", setting] : [setting];
  const distinct = [...new Map(values.map((v) => [canonicalJson(v), v])).values()];
  return distinct.find((v) => distinct.every((w) => w === v || relaxation(kind, path, v, w) !== undefined));
}
