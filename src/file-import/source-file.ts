// What every file format reader shares (pure: text in, Graph-shaped items out; the CLI reads the files). A reader
// turns a community tool's files into the items a tenant read gives (file-items.ts), so that import-plan.ts and the
// kind adapters map them to plan objects once, whichever tool wrote them. Nothing a reader cannot place is dropped
// in silence: it becomes a FileReport naming the file and the reason.
import { parse as parseYaml } from "yaml";
import type { Json, JsonObject } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import type { Kind } from "../kinds/index.ts";

/** One input file: its path relative to the folder imported (`/` separators), and its text (a BOM is allowed). */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/**
 * One Graph object a file holds, as Graph would return it: its properties (with @odata.type where the file has one)
 * and its assignments in Graph's shape (`target.groupId` a group's id, or `name:<displayName>` where the format names
 * groups; `deviceAndAppManagementAssignmentFilterId` likewise). `where` tells two objects of one file apart (`#2`).
 */
export interface FileObject {
  readonly file: string;
  readonly where?: string;
  readonly item: JsonObject;
  readonly assignments: readonly JsonObject[];
  /** The kind, where the format's folder says it and Graph's body does not (IntuneCD's Filters/, Scope Tags/, …). */
  readonly kind?: Kind;
}

/** A group a format names (IntuneCD's `groupName`) with the membership it records beside the name. */
export interface NamedGroup {
  readonly dynamic: boolean;
  readonly membershipRule?: string;
}

/** Something of a file the plan does not get, and why. `object` names the object when the file holds several. */
export interface FileReport {
  readonly file: string;
  readonly object?: string;
  readonly reason: string;
}

/** A reader's result: the objects it recognised, and everything else it read, reported. */
export interface FormatRead {
  readonly objects: readonly FileObject[];
  readonly reports: readonly FileReport[];
  /** Group names by id from a format's side table (IntuneManagement's MigrationTable.json): ids it names but not exports. */
  readonly groupNames?: ReadonlyMap<string, string>;
  /** Groups the format names in assignments, by display name, with their membership (IntuneCD). */
  readonly namedGroups?: ReadonlyMap<string, NamedGroup>;
}

/** The formats `import --from` reads. */
export const FILE_FORMATS = ["portal", "intunemanagement", "intunecd", "graph"] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export type Parsed = { readonly value: Json } | { readonly error: string };

/** A file's JSON (a leading UTF-8 BOM, which the Intune portal writes, is allowed), or why it is not JSON. */
export function parseJsonFile(file: SourceFile): Parsed {
  try {
    return { value: JSON.parse(file.text.replace(/^\uFEFF/, "")) as Json };
  } catch (error) {
    return { error: `not JSON (${(error as Error).message})` };
  }
}

/** A file's YAML (IntuneCD's --output yaml), or why it is not YAML. */
export function parseYamlFile(file: SourceFile): Parsed {
  try {
    return { value: parseYaml(file.text.replace(/^\uFEFF/, ""), { prettyErrors: false }) as Json };
  } catch (error) {
    return { error: `not YAML (${(error as Error).message.split("\n")[0] ?? ""})` };
  }
}

export const isJsonPath = (path: string): boolean => /\.json$/i.test(path);
export const isYamlPath = (path: string): boolean => /\.ya?ml$/i.test(path);

/**
 * The object bodies a parsed file holds: the file itself, the items of a top-level list, or those of a one-key
 * wrapper around a list (`{"value":[…]}` as Graph lists, `{"groups":[…]}` / `{"filters":[…]}` as templates wrap).
 * Items that are not objects are counted in `skipped`.
 */
export function bodiesOf(value: Json): { bodies: JsonObject[]; skipped: number } {
  const list = Array.isArray(value)
    ? value
    : isPlainObject(value) && Object.keys(value).length === 1 && Array.isArray(Object.values(value)[0])
      ? (Object.values(value)[0] as readonly Json[])
      : isPlainObject(value) && Array.isArray(value["value"]) && "@odata.context" in value
        ? (value["value"] as readonly Json[])
        : undefined;
  if (!list) return isPlainObject(value) ? { bodies: [value], skipped: 0 } : { bodies: [], skipped: 1 };
  const bodies = list.filter(isPlainObject);
  return { bodies, skipped: list.length - bodies.length };
}

/** `body` without its `assignments`, and those as a list (absent or null: none). */
export function splitAssignments(body: JsonObject): { item: JsonObject; assignments: JsonObject[] } {
  const { assignments, ...item } = body;
  return { item, assignments: Array.isArray(assignments) ? assignments.filter(isPlainObject) : [] };
}

/** The JSON files among `files`, parsed; any other file, and one that is not JSON, is reported and left out. */
export function jsonFiles(files: readonly SourceFile[], reports: FileReport[]): { file: SourceFile; value: Json }[] {
  const out: { file: SourceFile; value: Json }[] = [];
  for (const file of files) {
    if (!isJsonPath(file.path)) {
      reports.push({ file: file.path, reason: "not a .json file; skipped" });
      continue;
    }
    const parsed = parseJsonFile(file);
    if ("error" in parsed) reports.push({ file: file.path, reason: parsed.error });
    else out.push({ file, value: parsed.value });
  }
  return out;
}

/** The objects a parsed file holds (bodiesOf), each with its place in the file when there are several. */
export function objectsOf(path: string, value: Json, reports: FileReport[]): FileObject[] {
  const { bodies, skipped } = bodiesOf(value);
  if (skipped > 0) reports.push({ file: path, reason: `${skipped} value(s) that are not JSON objects; skipped` });
  return bodies.map((body, i) => ({ file: path, ...(bodies.length > 1 ? { where: `#${i + 1}` } : {}), ...splitAssignments(body) }));
}
