// IntuneCD backups (`--from intunecd`, almenscorner/IntuneCD): one JSON or YAML file per object, in a folder per
// object type ("Settings Catalog/", "Compliance Policies/Policies/", "Filters/", …). What IntuneCD changes on backup
// (read from its source, intunecdlib/BaseGraphModule.py and IntuneCDBase.py): ids and server timestamps are removed
// (remove_keys); an assignment's target names its group (`groupName`, with `groupType` and, for dynamic groups,
// `membershipRule`) instead of `groupId`, and its filter by display name in
// `deviceAndAppManagementAssignmentFilterId`; scope tags may be names in `roleScopeTagIds`; a compliance action names
// its template in `notificationTemplateName` beside the source tenant's id (file-items.ts resolves it). This reader
// puts names where Graph has ids, marked `name:<displayName>`,
// for file-items.ts to resolve against the backup's own objects. Pure.
import type { Json, JsonObject } from "../graph-model/json.ts";
import { isPlainObject, ZERO_GUID } from "../graph-model/json.ts";
import type { Kind } from "../kinds/index.ts";
import type { FileObject, FileReport, FormatRead, NamedGroup, Parsed, SourceFile } from "./source-file.ts";
import { isJsonPath, isYamlPath, parseJsonFile, parseYamlFile, splitAssignments } from "./source-file.ts";

/** A reference by name, as IntuneCD writes it, in the place Graph has an id (resolved by file-items.ts). */
export const byName = (name: string): string => `name:${name}`;

/** The folders whose objects carry no @odata.type in Graph's answer, and the kind each holds. */
const FOLDER_KINDS: readonly (readonly [RegExp, Kind])[] = [
  [/(^|\/)Scope Tags\//, "scopeTag"],
  [/(^|\/)Device Categories\//, "deviceCategory"],
  [/(^|\/)Filters\//, "assignmentFilter"],
  [/(^|\/)Compliance Policies\/Message Templates\//, "notificationTemplate"],
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A target with `groupName` / a filter name as Graph's ids marked by name; the group's membership goes to `groups`. */
function target(t: JsonObject, groups: Map<string, NamedGroup>): JsonObject {
  const { groupName, groupType, membershipRule, ...rest } = t;
  if (typeof groupName === "string")
    groups.set(groupName, {
      dynamic: groupType === "DynamicMembership",
      ...(typeof membershipRule === "string" ? { membershipRule } : {}),
    });
  const filter = rest["deviceAndAppManagementAssignmentFilterId"];
  return {
    ...rest,
    ...(typeof groupName === "string" ? { groupId: byName(groupName) } : {}),
    ...(typeof filter === "string" && filter !== ZERO_GUID && !GUID.test(filter)
      ? { deviceAndAppManagementAssignmentFilterId: byName(filter) }
      : {}),
  };
}

/** Scope tag names as `name:` references ("Default" is the built-in tag "0"; ids stay ids). */
function scopeTags(value: Json | undefined): Json | undefined {
  if (!Array.isArray(value)) return value;
  return value.map((v) => (typeof v !== "string" || /^\d+$/.test(v) ? v : v === "Default" ? "0" : byName(v)));
}

function parse(file: SourceFile): Parsed | undefined {
  if (isJsonPath(file.path)) return parseJsonFile(file);
  if (isYamlPath(file.path)) return parseYamlFile(file);
  return undefined;
}

export function readIntuneCdFiles(files: readonly SourceFile[]): FormatRead {
  const objects: FileObject[] = [];
  const reports: FileReport[] = [];
  const groups = new Map<string, NamedGroup>();
  for (const file of files) {
    const parsed = parse(file);
    if (!parsed) {
      reports.push({ file: file.path, reason: "not a .json or .yaml file; skipped" });
      continue;
    }
    if ("error" in parsed) {
      reports.push({ file: file.path, reason: parsed.error });
      continue;
    }
    if (!isPlainObject(parsed.value)) {
      reports.push({ file: file.path, reason: "not one object (IntuneCD writes one object per file); skipped" });
      continue;
    }
    const { item, assignments } = splitAssignments(parsed.value);
    const kind = FOLDER_KINDS.find(([folder]) => folder.test(file.path))?.[1];
    const tags = item["roleScopeTagIds"] !== undefined ? "roleScopeTagIds" : "roleScopeTags";
    const named: Record<string, Json> = { ...item };
    const tagValue = scopeTags(item[tags]);
    if (tagValue !== undefined) named[tags] = tagValue;
    objects.push({
      file: file.path,
      item: named,
      assignments: assignments.map((a) => (isPlainObject(a["target"]) ? { ...a, target: target(a["target"], groups) } : a)),
      ...(kind ? { kind } : {}),
    });
  }
  return { objects, reports, namedGroups: groups };
}
