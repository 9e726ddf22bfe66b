// A format's objects → the items a tenant read gives (tenant-match.ts TenantItem), pure: export-only annotations
// dropped, the kind found (object-kinds.ts), an id given to objects that have none (IntuneCD strips them), and
// references by name (`name:<displayName>`, IntuneCD) resolved to the ids of the objects the files hold. What cannot
// be resolved or carried is reported: an assignment to a group the files neither hold nor describe, a filter or
// scope tag they do not hold, properties Microsoft's Graph types do not have.
import type { Json, JsonObject } from "../graph-model/json.ts";
import { isPlainObject, shortType } from "../graph-model/json.ts";
import { hasGraphType, propertiesOf } from "../graph-model/graph-schema.ts";
import type { Kind } from "../kinds/index.ts";
import { KINDS } from "../kinds/index.ts";
import type { TenantItem } from "../graph/tenant-reader.ts";
import { kindOf } from "./object-kinds.ts";
import type { FileObject, FileReport, FormatRead } from "./source-file.ts";

/** One item with where it came from, and the top-level properties reported as not carried (the round trip skips them). */
export interface FileItem {
  readonly tenant: TenantItem;
  readonly file: string;
  readonly where?: string;
  readonly leftovers: ReadonlySet<string>;
  /** Made from what an assignment says of its group (IntuneCD), not read from a file: no body to compare. */
  readonly fromAssignment?: true;
}

/**
 * Keys an export adds that Graph never takes and a plan never holds: OData annotations other than @odata.type
 * (`@odata.context`, `@odata.id`, `createdDateTime@odata.type`, `assignments@odata.navigationLink`, …) and
 * IntuneManagement's action links (`#microsoft.graph.assign`). Dropped at every depth, without a report: they are
 * the export's, not the object's.
 */
const EXPORT_ONLY = (key: string): boolean => key.startsWith("#") || (key.includes("@odata.") && key !== "@odata.type");

function withoutExportOnly(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutExportOnly);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (EXPORT_ONLY(k) ? [] : [[k, withoutExportOnly(v)]])));
}

/** The Graph type a kind's body is checked against when it names none (settings catalog, filters, groups). */
const IMPLIED_TYPE: Partial<Record<Kind, string>> = {
  settingsCatalogPolicy: "deviceManagementConfigurationPolicy",
  catalogCompliancePolicy: "deviceManagementCompliancePolicy",
  assignmentFilter: "deviceAndAppManagementAssignmentFilter",
  group: "group",
};

/** Navigation properties a kind reads back through its own request (kinds/index.ts list + itemExpand): carried. */
const CARRIED_NAVIGATION: ReadonlySet<string> = new Set([
  "assignments",
  "settings",
  "scheduledActionsForRule",
  "apps",
  "localizedNotificationMessages",
  "roleDefinition",
]);

/**
 * What a kind's plan object cannot say although Graph has it, by kind: the property (or properties, when one decides
 * another's value) and the reason, for an item that holds it; nothing when the item holds what the plan writes.
 */
const NOT_IN_PLAN: Partial<Record<Kind, (item: JsonObject) => { keys: readonly string[]; reason: string } | undefined>> = {
  // The plan protects the apps it lists (selectedPublicApps); Graph's app groups (all Microsoft apps, all core apps)
  // decide the protected apps themselves, so targetApps follows them.
  // The plan's groups are security groups, assigned or dynamic (kinds/group.ts): Microsoft 365 groups, mail-enabled
  // and role-assignable groups are Entra's to manage.
  group: (item) => {
    const keys = [
      ...(Array.isArray(item["groupTypes"]) && item["groupTypes"].includes("Unified") ? ["groupTypes"] : []),
      ...(item["mailEnabled"] === true ? ["mailEnabled"] : []),
      ...(item["securityEnabled"] === false ? ["securityEnabled"] : []),
      ...(typeof item["visibility"] === "string" ? ["visibility"] : []),
      ...(item["isAssignableToRole"] === true ? ["isAssignableToRole"] : []),
    ];
    return keys.length > 0
      ? { keys, reason: "a plan group is a security group, assigned or dynamic, neither mail-enabled, Microsoft 365 nor role-assignable" }
      : undefined;
  },
  appProtectionPolicy: (item) => {
    const group = item["appGroupType"];
    return typeof group === "string" && group !== "selectedPublicApps"
      ? {
          keys: ["appGroupType", "targetApps"],
          reason: `appGroupType ${group}: a plan app protection policy protects the apps it lists (selectedPublicApps), so the listed apps are imported instead`,
        }
      : undefined;
  },
};

/** Top-level properties of `item` the plan cannot carry, each with the reason. */
function leftoversOf(item: JsonObject, kind: Kind): Map<string, string> {
  const type = shortType(item["@odata.type"]) || IMPLIED_TYPE[kind] || shortType(KINDS[kind].baseType);
  const out = new Map<string, string>();
  const lost = NOT_IN_PLAN[kind]?.(item);
  for (const key of lost?.keys ?? []) out.set(key, lost?.reason ?? "");
  if (!type || !hasGraphType(type)) return out;
  const known = propertiesOf(type);
  for (const key of Object.keys(item)) {
    if (key === "@odata.type" || key === "id") continue;
    const p = known.get(key);
    if (!p) out.set(key, `not a property of ${type} in Microsoft's Graph types (beta); left out`);
    else if (p.navigation && !CARRIED_NAVIGATION.has(key))
      out.set(key, `${key} is a navigation property of ${type} the plan does not manage; left out`);
  }
  return out;
}

const dynamic = (group: JsonObject): boolean => Array.isArray(group["groupTypes"]) && group["groupTypes"].includes("DynamicMembership");

const NAME = /^name:/;
const nameOfRef = (v: string): string => v.replace(NAME, "");

/** The display names of the items of one kind → their ids (the first of a name wins; names are unique in a plan). */
function idsByName(items: readonly TenantItem[], kind: Kind): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of items)
    if (t.info.kind === kind && !out.has(String(t.item["displayName"]))) out.set(String(t.item["displayName"]), String(t.item["id"]));
  return out;
}

export function fileItems(read: FormatRead): { items: FileItem[]; reports: FileReport[] } {
  const reports: FileReport[] = [...read.reports];
  const placed: { o: FileObject; item: JsonObject; tenant: Omit<TenantItem, "item" | "assignments">; leftovers: Map<string, string> }[] =
    [];
  const ids = new Set<string>();
  let n = 0;
  const newId = (): string => {
    let id: string;
    do id = `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
    while (ids.has(id));
    return id;
  };
  for (const o of read.objects) {
    let item = withoutExportOnly(o.item) as JsonObject;
    const what = String(item["displayName"] ?? item["name"] ?? o.where ?? "");
    const kind = kindOf(item, o.kind);
    if ("reason" in kind) {
      reports.push({ file: o.file, ...(what ? { object: what } : {}), reason: kind.reason });
      continue;
    }
    // Group templates give a rule and leave the dynamic membership it implies to the tool that posts them (Graph
    // takes a rule only with DynamicMembership): read as the dynamic group they describe, and said so.
    if (kind.info.kind === "group" && typeof item["membershipRule"] === "string" && !dynamic(item)) {
      item = { ...item, groupTypes: [...(Array.isArray(item["groupTypes"]) ? item["groupTypes"] : []), "DynamicMembership"] };
      reports.push({
        file: o.file,
        ...(what ? { object: what } : {}),
        reason: "a membership rule without groupTypes DynamicMembership: imported as the dynamic group it describes",
      });
    }
    // Exports keep Graph's ids, which other exported objects refer to; a missing or repeated one gets a new id.
    const own =
      typeof item["id"] === "string" && item["id"] !== "" && !ids.has(item["id"].toLowerCase()) ? item["id"].toLowerCase() : newId();
    ids.add(own);
    const leftovers = leftoversOf(item, kind.info.kind);
    // Graph requires these of a new group; templates leave them to the tool that posts them, as the plan's compiler
    // fills them in (kinds/group.ts): not compared, and said so.
    if (kind.info.kind === "group") {
      const missing = [
        "mailNickname",
        "mailEnabled",
        "securityEnabled",
        ...(dynamic(item) ? ["membershipRuleProcessingState"] : []),
      ].filter((k) => !(k in item));
      for (const k of missing)
        leftovers.set(k, "Graph requires it of a new group and the file leaves it out: the plan fills it in as its groups have it");
    }
    // One line per reason: a loss that takes several properties (appGroupType decides targetApps) is said once.
    const byReason = new Map<string, string[]>();
    for (const [key, reason] of leftovers) byReason.set(reason, [...(byReason.get(reason) ?? []), key]);
    for (const [reason, keys] of byReason)
      reports.push({ file: o.file, ...(what ? { object: what } : {}), reason: `${keys.join(", ")}: ${reason}` });
    placed.push({ o, item: { ...item, id: own }, tenant: { info: kind.info, collection: kind.collection }, leftovers });
  }
  const provisional: TenantItem[] = placed.map((p) => ({ ...p.tenant, item: p.item, assignments: [] }));
  const groups = idsByName(provisional, "group");
  const filters = idsByName(provisional, "assignmentFilter");
  const tags = idsByName(provisional, "scopeTag");
  const templates = idsByName(provisional, "notificationTemplate");
  const groupIds = new Set(provisional.filter((t) => t.info.kind === "group").map((t) => String(t.item["id"])));
  const made: FileItem[] = [];

  /** A group the format names but the files do not hold: made from what the format records of it (IntuneCD). */
  const groupNamed = (name: string, file: string): string | undefined => {
    const known = groups.get(name);
    if (known) return known;
    const described = read.namedGroups?.get(name);
    if (!described) return undefined;
    const id = newId();
    groups.set(name, id);
    const item: JsonObject = {
      id,
      displayName: name,
      securityEnabled: true,
      mailEnabled: false,
      groupTypes: described.dynamic ? ["DynamicMembership"] : [],
      ...(described.membershipRule ? { membershipRule: described.membershipRule, membershipRuleProcessingState: "On" } : {}),
    };
    made.push({
      tenant: { info: KINDS.group, collection: KINDS.group.collection, item, assignments: [] },
      file,
      leftovers: new Set(),
      fromAssignment: true,
    });
    reports.push({
      file,
      object: name,
      reason: `group "${name}" is named by an assignment but not in the files: the plan holds it with adopt: true (the tenant's group of that name is taken over, not a new one made); check its membership (${described.dynamic ? "dynamic, rule from the backup" : "assigned"})`,
    });
    return id;
  };

  const items: FileItem[] = placed.map((p) => {
    const where = String(p.item["displayName"] ?? p.item["name"] ?? "");
    const report = (reason: string): void => void reports.push({ file: p.o.file, ...(where ? { object: where } : {}), reason });
    const assignments = p.o.assignments.flatMap((a): JsonObject[] => {
      const target = isPlainObject(a["target"]) ? a["target"] : undefined;
      if (!target) return [a];
      let t: Record<string, Json> = { ...target };
      const groupId = t["groupId"];
      if (typeof groupId === "string" && NAME.test(groupId)) {
        const id = groupNamed(nameOfRef(groupId), p.o.file);
        if (!id) {
          report(`an assignment to group "${nameOfRef(groupId)}", which the files do not hold; left out`);
          return [];
        }
        t["groupId"] = id;
      } else if (typeof groupId === "string" && !groupIds.has(groupId.toLowerCase()) && read.groupNames?.has(groupId.toLowerCase())) {
        report(
          `an assignment to group "${read.groupNames.get(groupId.toLowerCase()) ?? ""}" (${groupId}), which the export names in MigrationTable.json but does not hold (no Groups/ file); left out`,
        );
        return [];
      }
      const filter = t["deviceAndAppManagementAssignmentFilterId"];
      if (typeof filter === "string" && NAME.test(filter)) {
        const id = filters.get(nameOfRef(filter));
        if (id) t["deviceAndAppManagementAssignmentFilterId"] = id;
        else {
          report(`assignment filter "${nameOfRef(filter)}" is not in the files; the assignment is kept without it`);
          const { deviceAndAppManagementAssignmentFilterId: _id, deviceAndAppManagementAssignmentFilterType: _type, ...rest } = t;
          t = rest;
        }
      }
      return [{ ...a, target: t }];
    });
    let item: Record<string, Json> = { ...p.item };
    for (const key of ["roleScopeTagIds", "roleScopeTags"]) {
      const v = item[key];
      if (!Array.isArray(v)) continue;
      item[key] = v.flatMap((tag) => {
        if (typeof tag !== "string" || !NAME.test(tag)) return [tag];
        const id = tags.get(nameOfRef(tag));
        if (!id) report(`scope tag "${nameOfRef(tag)}" is not in the files; left out`);
        return id ? [id] : [];
      });
    }
    if (Array.isArray(item["scheduledActionsForRule"]))
      item = { ...item, scheduledActionsForRule: withTemplates(item["scheduledActionsForRule"], templates, report) };
    return {
      tenant: { ...p.tenant, item, assignments },
      file: p.o.file,
      ...(p.o.where ? { where: p.o.where } : {}),
      leftovers: new Set(p.leftovers.keys()),
    };
  });
  return { items: [...items, ...made], reports };
}

/**
 * Compliance actions that name their template (IntuneCD's `notificationTemplateName`, beside the source tenant's id):
 * the files' template of that name, else the id as it is (a template the plan does not manage), said in a report.
 */
function withTemplates(rules: readonly Json[], templates: ReadonlyMap<string, string>, report: (reason: string) => void): Json[] {
  return rules.map((r) => {
    if (!isPlainObject(r) || !Array.isArray(r["scheduledActionConfigurations"])) return r;
    return {
      ...r,
      scheduledActionConfigurations: r["scheduledActionConfigurations"].map((c) => {
        if (!isPlainObject(c) || typeof c["notificationTemplateName"] !== "string") return c;
        const { notificationTemplateName: name, ...rest } = c;
        const found = templates.get(name);
        if (found) return { ...rest, notificationTemplateId: found };
        report(
          `notification template "${name}" is not in the files; the ${String(c["actionType"])} action names the source tenant's template by its id ${String(c["notificationTemplateId"])}`,
        );
        return rest;
      }),
    };
  });
}
