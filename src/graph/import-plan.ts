// Tenant → plan (pure): the reverse of the compiler, for `intune-plan import`. Each Graph object becomes a plan
// object under a key made from its name; references become keys; settings keep only what differs from Graph's
// empty defaults; assignments become fixed assignments; every object says `adopt: true`, so the first `pulumi up`
// takes the existing objects over. The result validates and compiles back to the same bodies
// (test/graph/import.test.ts). What a plan cannot say (secrets, targets outside the tenant read) is
// reported, never invented.
import type { DesiredTarget, Json, JsonObject } from "../compile/desired-state.ts";
import { isRef } from "../compile/refs.ts";
import type { ImportContext } from "../kinds/kind.ts";
import { ADAPTERS } from "../kinds/adapters.ts";
import { graphDefault, propertiesOf } from "../graph-model/graph-schema.ts";
import { isSecretProperty, isSecretRef } from "../graph-model/secrets.ts";
import type { TenantItem, TenantRead } from "./tenant-reader.ts";
import { isEmptyValue, isPlainObject } from "../graph-model/json.ts";
import { SERVER_OWNED } from "../graph-model/server-owned.ts";

export interface ImportResult {
  /** The plan as one document, section by section (the CLI writes it as YAML). */
  readonly plan: Record<string, Record<string, JsonObject> | JsonObject>;
  /** What could not be expressed, one line each, for the user. */
  readonly notes: readonly string[];
  /** Files the plan refers to (script text), by path relative to the plan file; the CLI writes them next to it. */
  readonly files: readonly { readonly path: string; readonly text: string }[];
}

/** Properties that are the object's identity, its structure (read through other paths) or Graph's own: never settings. */
const NOT_SETTINGS: ReadonlySet<string> = new Set([
  ...SERVER_OWNED,
  "@odata.type",
  "displayName",
  "description",
  "name",
  "roleScopeTagIds",
  "assignments",
  "apps",
  "scheduledActionsForRule",
  "targetApps",
  "setPriority",
  "appGroupType",
  "deviceManagementApplicabilityRuleDeviceMode",
  "deviceManagementApplicabilityRuleOsEdition",
  "deviceManagementApplicabilityRuleOsVersion",
  "roleScopeTags",
]);

const keyOf = (address: string): string => address.slice(address.indexOf(".") + 1);

/** The plan keys of `{ $ref }` values (others are ids the plan does not know, reported). */
function keysOf(values: Json | undefined, notes: string[], where: string): string[] {
  if (!Array.isArray(values)) return [];
  const out: string[] = [];
  for (const v of values) {
    if (isRef(v)) out.push(keyOf(v.$ref));
    else if (v !== "0") notes.push(`${where}: ${String(v)} is not an object the import read; left out`);
  }
  return out;
}

/** The secret name an import proposes for `property` of the object at `address`, e.g. CHARLOTTE_WIFI_PRESHAREDKEY. */
const secretNameFor = (address: string, property: string): string =>
  `${keyOf(address)}_${property}`
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, "_")
    .replace(/^(?=[0-9])/, "_");

/**
 * `value` with every credential a tenant echoed (a non-empty string under a secret property name, at any depth)
 * replaced by a `{ secret: NAME }` reference, and a note naming what the user must set. The value itself never
 * reaches the plan file or a note: a write-only key that Graph (or a misbehaving tenant) returns is still a secret.
 */
function withoutEchoedSecrets(value: Json, address: string, notes: string[], path: readonly string[]): Json {
  if (Array.isArray(value)) return value.map((v, i) => withoutEchoedSecrets(v, address, notes, [...path, String(i)]));
  if (!isPlainObject(value) || isSecretRef(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (!(isSecretProperty(k, value) && typeof v === "string" && v !== ""))
        return [k, withoutEchoedSecrets(v, address, notes, [...path, k])];
      const name = secretNameFor(address, [...path, k].join("_"));
      notes.push(
        `${address}: the tenant returned a value for ${[...path, k].join(".")}; the plan says { secret: ${name} } instead: set it with pulumi config set --secret ${name} … or the ${name} environment variable`,
      );
      return [k, { secret: name }];
    }),
  );
}

/** Graph properties of `type` that hold a value other than Graph's default: the settings a plan has to state. */
function settingsOf(body: JsonObject, type: string, address: string, notes: string[]): JsonObject | undefined {
  const known = propertiesOf(type);
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(body)) {
    const p = known.get(k);
    if (NOT_SETTINGS.has(k) || !p || p.navigation || isEmptyValue(v) || k.includes("@odata") || v === graphDefault(p)) continue;
    out[k] = v;
  }
  return Object.keys(out).length > 0 ? (withoutEchoedSecrets(out, address, notes, []) as JsonObject) : undefined;
}

const common = (body: JsonObject, notes: string[], where: string): JsonObject => {
  const tags = keysOf(body["roleScopeTagIds"] ?? body["roleScopeTags"], notes, `${where}.scopeTags`);
  return {
    ...(isEmptyValue(body["description"]) ? {} : { description: body["description"] as Json }),
    ...(tags.length > 0 ? { scopeTags: tags } : {}),
  };
};

/** A target's plan word: a group key, allDevices or allUsers. */
const targetWord = (t: DesiredTarget): string =>
  t.kind === "allDevices" ? "allDevices" : t.kind === "allLicensedUsers" ? "allUsers" : keyOf(t.group ?? "");

/** An app assignment's settings as the plan states them: without Graph's @odata.type, which the plan's app type implies. */
function planAssignmentSettings(settings: Json | undefined): JsonObject | undefined {
  if (!isPlainObject(settings)) return undefined;
  const { "@odata.type": _type, ...rest } = settings;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * An app's assignments (mobileAppAssignment, kinds/mobile-app.ts): each carries an intent. The intent of the first
 * included target (required first, then available, availableWithoutEnrollment, uninstall) is the assignment's; the
 * targets of every other intent, filter and settings become `also` entries. Exclusions stay the assignment's.
 */
function appAssignmentOf(targets: readonly DesiredTarget[], address: string, notes: string[]): JsonObject | undefined {
  const ORDER = ["required", "available", "availableWithoutEnrollment", "uninstall"];
  const intentOf = (t: DesiredTarget): string => String(t.settings?.["intent"] ?? "required");
  const groupKey = (t: DesiredTarget): string =>
    `${intentOf(t)}|${t.filter?.address ?? ""}|${t.filter?.mode ?? ""}|${JSON.stringify(t.settings?.["settings"] ?? null)}`;
  const usable = targets.filter((t) => {
    if (!(t.group?.startsWith("id:") || t.filter?.address.startsWith("id:"))) return true;
    notes.push(`${address}: a target names ${t.group ?? t.filter?.address ?? ""}, which the import did not read; left out`);
    return false;
  });
  const included = usable
    .filter((t) => t.kind !== "exclusionGroup")
    .sort((a, b) => ORDER.indexOf(intentOf(a)) - ORDER.indexOf(intentOf(b)));
  const [first] = included;
  if (!first) return undefined;
  const main = groupKey(first);
  const groups = new Map<string, DesiredTarget[]>();
  for (const t of included) groups.set(groupKey(t), [...(groups.get(groupKey(t)) ?? []), t]);
  const exclude = usable.filter((t) => t.kind === "exclusionGroup").map((t) => keyOf(t.group ?? ""));
  const filterOf = (t: DesiredTarget): JsonObject => (t.filter ? { filter: keyOf(t.filter.address), filterMode: t.filter.mode } : {});
  const settingsOf = (t: DesiredTarget): JsonObject => {
    const s = planAssignmentSettings(t.settings?.["settings"]);
    return s ? { settings: s } : {};
  };
  const also = [...groups.entries()]
    .filter(([k]) => k !== main)
    .map(([, ts]): JsonObject => {
      const [t] = ts as [DesiredTarget];
      return { intent: intentOf(t), include: ts.map(targetWord), ...filterOf(t), ...settingsOf(t) };
    });
  return {
    rollout: "fixed",
    intent: intentOf(first),
    include: (groups.get(main) ?? []).map(targetWord),
    ...(exclude.length > 0 ? { exclude } : {}),
    ...filterOf(first),
    ...settingsOf(first),
    ...(also.length > 0 ? { also } : {}),
  };
}

function assignmentOf(read: TenantRead, address: string, notes: string[]): JsonObject | undefined {
  const set = read.view.assignments.find((a) => a.of === address);
  if (!set || set.targets.length === 0) return undefined;
  if (set.targets.some((t) => typeof t.settings?.["intent"] === "string")) return appAssignmentOf(set.targets, address, notes);
  const include: string[] = [];
  const exclude: string[] = [];
  let filter: { address: string; mode: string } | undefined;
  for (const t of set.targets) {
    if (t.group?.startsWith("id:") || t.filter?.address.startsWith("id:")) {
      notes.push(`${address}: a target names ${t.group ?? t.filter?.address ?? ""}, which the import did not read; left out`);
      continue;
    }
    if (t.kind === "exclusionGroup") exclude.push(keyOf(t.group ?? ""));
    else include.push(t.kind === "allDevices" ? "allDevices" : t.kind === "allLicensedUsers" ? "allUsers" : keyOf(t.group ?? ""));
    if (t.filter && !filter) filter = t.filter;
  }
  return {
    rollout: "fixed",
    ...(include.length > 0 ? { include } : {}),
    ...(exclude.length > 0 ? { exclude } : {}),
    ...(filter ? { filter: keyOf(filter.address), filterMode: filter.mode } : {}),
  };
}

/** Every kind's adapter (kinds/), which reads a tenant object back as a plan object. */

function importObject(
  read: TenantRead,
  address: string,
  t: TenantItem,
  notes: string[],
  files: { path: string; text: string }[],
): JsonObject | undefined {
  const body = read.view.objects.find((o) => o.address === address)?.body ?? {};
  const assignment = t.info.assignable ? assignmentOf(read, address, notes) : undefined;
  const withAssignment = (o: JsonObject): JsonObject => (assignment ? { ...o, assignment } : o);
  // What the kinds that have an adapter (kinds/kind.ts) are lent.
  const context: ImportContext = {
    common: (b) => common(b, notes, address),
    withAssignment,
    note: (message) => notes.push(`${address}: ${message}`),
    keyOf: (value) => (isRef(value) ? keyOf(value.$ref) : undefined),
    keys: (values, what) => keysOf(values, notes, `${address}.${what}`),
    settings: (b, type) => settingsOf(b, type, address, notes),
    assignedGroups: () =>
      (read.view.assignments.find((a) => a.of === address)?.targets ?? [])
        .filter((x) => x.group && !x.group.startsWith("id:"))
        .map((x) => keyOf(x.group ?? "")),
    file: (fileName, text) => {
      // One folder per object (its plan key is unique in its section), so two scripts never share a file.
      const path = `${t.info.section}/${keyOf(address)}/${fileName.replace(/[^A-Za-z0-9._-]/g, "-")}`;
      files.push({ path, text });
      return path;
    },
    targetSettings: () => read.view.assignments.find((a) => a.of === address)?.targets.find((x) => x.settings)?.settings,
  };
  // Whatever an adapter copies (a settings-catalog secret setting's value, in a file export even in clear), a
  // credential never reaches the plan: the same rule as for the settings the context reads.
  const object = ADAPTERS[t.info.kind].toPlan(t.item, body, context);
  return object && (withoutEchoedSecrets(object, address, notes, []) as JsonObject);
}

export function importPlan(read: TenantRead, name: string): ImportResult {
  const notes: string[] = [];
  const files: { path: string; text: string }[] = [];
  const plan: Record<string, Record<string, JsonObject> | JsonObject> = {
    plan: { name, description: `Imported from ${read.view.side.label}` },
  };
  for (const [address, item] of read.items) {
    const imported = importObject(read, address, item, notes, files);
    if (!imported) continue;
    // Tenant singletons are keyed by what they are, not by a name, and are always adopted (docs/tenant-singletons.md).
    const singletonKey =
      item.info.kind === "tenantSettings"
        ? "compliance"
        : item.info.kind === "deviceCleanupRule"
          ? String(item.item["deviceCleanupRulePlatformType"] ?? "")
          : undefined;
    if (singletonKey !== undefined) {
      if (Object.keys(imported).length === 0) continue;
      ((plan[item.info.section] ??= {}) as Record<string, JsonObject>)[singletonKey] = imported;
      continue;
    }
    const section = (plan[item.info.section] ??= {}) as Record<string, JsonObject>;
    // The objects exist already: the first `pulumi up` must take them over, not refuse their names (NameTakenError).
    const { displayName, description, ...rest } = imported;
    section[keyOf(address)] = {
      displayName: displayName ?? "",
      ...(description !== undefined ? { description } : {}),
      adopt: true,
      ...rest,
    };
  }
  return { plan, notes, files };
}
