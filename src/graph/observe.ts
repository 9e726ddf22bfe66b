// Graph items → the diff engine's tenant view (pure). Ids of objects the plan knows become the same symbolic
// references the compiler writes (`{ "$ref": "groups.it-pilot" }`), follow-up action state becomes the
// `targetApps` / `setPriority` properties, and assignments become targets; everything else is left as Graph
// returned it, for the normalisation table to canonicalise.
import type { DesiredTarget, Json, JsonObject, TargetKind } from "../compile/desired-state.ts";
import { ref } from "../compile/refs.ts";
import type { KindInfo } from "../kinds/index.ts";
import { ZERO_GUID } from "../graph-model/json.ts";
import { ADAPTERS } from "../kinds/adapters.ts";
import { APP_INTENTS } from "../graph-model/vocabulary.ts";

/** Tenant id → plan address, for the kinds other objects reference (groups, scope tags, filters, role definitions). */
export type AddressOfId = (id: string) => string | undefined;

const TARGET_KINDS: Readonly<Record<string, TargetKind>> = {
  groupAssignmentTarget: "group",
  exclusionGroupAssignmentTarget: "exclusionGroup",
  allDevicesAssignmentTarget: "allDevices",
  allLicensedUsersAssignmentTarget: "allLicensedUsers",
  scopeTagGroupAssignmentTarget: "group",
};
const isRecord = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

const APP_INTENT_SET: ReadonlySet<string> = new Set(APP_INTENTS);

/**
 * A mobileAppAssignment's intent and settings as the compiler writes them: settings without the properties Graph
 * leaves null (N11: the plan states only what it sets), and none at all when nothing is left but the type.
 */
function appAssignmentSettings(a: JsonObject): JsonObject {
  const settings = isRecord(a["settings"])
    ? Object.fromEntries(Object.entries(a["settings"]).filter(([, v]) => v !== null && v !== undefined))
    : {};
  const type = settings["@odata.type"];
  const rest = Object.keys(settings).filter((k) => k !== "@odata.type");
  return {
    intent: a["intent"] ?? null,
    ...(rest.length > 0
      ? { settings: { ...settings, ...(typeof type === "string" ? { "@odata.type": type.replace(/^#?/, "#") } : {}) } }
      : {}),
  };
}

/** An id the plan does not know stays visible to reviewers as `id:<guid>`. */
const refOr = (addressOf: AddressOfId, id: Json): Json => {
  if (typeof id !== "string") return id;
  const address = addressOf(id.toLowerCase()) ?? addressOf(id);
  return address ? ref(address) : id;
};

export function observedTargets(assignments: readonly Json[], addressOf: AddressOfId): DesiredTarget[] {
  const out: DesiredTarget[] = [];
  for (const a of assignments) {
    const target = isRecord(a) ? a["target"] : undefined;
    if (!isRecord(target)) continue;
    const kind = TARGET_KINDS[String(target["@odata.type"]).replace(/^#?microsoft\.graph\./, "")];
    if (!kind) continue;
    const groupId = target["groupId"] ?? target["entraObjectId"];
    const filterId = target["deviceAndAppManagementAssignmentFilterId"];
    const filterType = target["deviceAndAppManagementAssignmentFilterType"];
    const hasFilter =
      typeof filterId === "string" && filterId !== "" && filterId !== ZERO_GUID && (filterType === "include" || filterType === "exclude");
    out.push({
      kind,
      ...(typeof groupId === "string" && kind !== "allDevices" && kind !== "allLicensedUsers"
        ? { group: addressOf(groupId.toLowerCase()) ?? `id:${groupId}` }
        : {}),
      ...(hasFilter ? { filter: { address: addressOf(filterId.toLowerCase()) ?? `id:${filterId}`, mode: filterType } } : {}),
      // A remediation's assignment carries its run settings beside the target (deviceHealthScriptAssignment).
      ...(isRecord(a) && isRecord(a["runSchedule"]) && kind !== "exclusionGroup"
        ? { settings: { runRemediationScript: a["runRemediationScript"] === true, runSchedule: a["runSchedule"] } }
        : {}),
      // An app's assignment carries its intent, and its type's assignment settings (mobileAppAssignment).
      ...(isRecord(a) && APP_INTENT_SET.has(String(a["intent"])) ? { settings: appAssignmentSettings(a) } : {}),
    });
  }
  return out;
}

/**
 * The tenant body of one Graph item, in the shape the compiler writes for its kind: here what every kind shares
 * (navigation properties out, the base type, scope tags as references), then the kind's adapter's `observe`. `endpoint`
 * builds the bind URL of a built-in role (the host is not compared, only the path).
 */
export function observedBody(info: KindInfo, item: JsonObject, addressOf: AddressOfId, endpoint: string): JsonObject {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(item)) {
    if (k === "assignments" || k === "apps" || k === "roleDefinition" || k.endsWith("@odata.context")) continue;
    out[k] = v;
  }
  if (info.baseType && out["@odata.type"] === undefined) out["@odata.type"] = info.baseType;
  const tags = info.kind === "assignmentFilter" ? "roleScopeTags" : "roleScopeTagIds";
  if (Array.isArray(out[tags])) out[tags] = (out[tags] as Json[]).map((id) => (id === "0" ? id : refOr(addressOf, id)));
  return ADAPTERS[info.kind].observe?.(out, item, { refOr: (id) => refOr(addressOf, id), endpoint }) ?? out;
}

/**
 * What observedBody, matching and the unmanaged list read of an item beyond its own properties: the id, the name,
 * the type, the assignments and the sources of the properties observedBody derives (targetApps from apps and
 * appGroupType, setPriority from priority, roleDefinition@odata.bind from roleDefinition).
 */
const READ_ALWAYS: ReadonlySet<string> = new Set([
  "id",
  "@odata.type",
  "assignments",
  "apps",
  "appGroupType",
  "priority",
  "roleDefinition",
  "scheduledActionsForRule",
]);

/**
 * `item` with only the top-level properties in `properties` and those observedBody and matching read, so that the
 * body observedBody makes of it holds every property of `properties` exactly as the whole item would give it (each
 * property it copies or rewrites is its own key; the ones it derives come from READ_ALWAYS). A Graph object holds
 * every property of its type, hundreds for some device configurations, while a diff compares only the plan's.
 */
export function projectItem(info: KindInfo, item: JsonObject, properties: ReadonlySet<string>): JsonObject {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(item)) if (properties.has(k) || READ_ALWAYS.has(k) || k === info.nameProperty) out[k] = v;
  return out;
}

export const nameOf = (info: KindInfo, item: JsonObject): string => String(item[info.nameProperty] ?? "");
