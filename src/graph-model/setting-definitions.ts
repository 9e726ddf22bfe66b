// The setting-definitions snapshot: what a tenant's settings catalog knows, kept in the plan folder
// (`setting-definitions.json`) so that `validate` checks settings-catalog settings offline against Microsoft's own
// definitions instead of guessing. `intune-plan definitions` writes it from a tenant (graph/setting-definitions.ts maps
// Graph's deviceManagementConfigurationSettingDefinition objects to it); this file owns the format and its reader.
//
// The format is a condensed copy of Graph's definition types (Microsoft Graph beta, resources
// intune-deviceconfigv2-devicemanagementconfigurationsettingdefinition, …choicesettingdefinition (options[].itemId,
// options[].dependedOnBy), …simplesettingdefinition (valueDefinition: IntegerSettingValueDefinition minimumValue /
// maximumValue, StringSettingValueDefinition minimumLength / maximumLength / isSecret), …settinggroupcollectiondefinition
// (childIds), …settingapplicability (platform); the same names in @microsoft/microsoft-graph-types-beta):
//
//   { "format": "intune-plan/setting-definitions", "version": 1, "source": "…",
//     "definitions": { "<settingDefinitionId>": { "displayName": "…", "platforms": ["windows10"],
//                      "usage": "configuration", "value": { "type": "choice", "options": [ { "id": "…_1", … } ] } } } }
//
// Children are definitions of their own (Graph lists them too, with rootDefinitionId); a parent names them: a choice
// option's `children` (its dependedOnBy), a group's `children` (its childIds).

export const SNAPSHOT_FORMAT = "intune-plan/setting-definitions";
export const SNAPSHOT_VERSION = 1;
/** The snapshot's file name in a plan folder. */
export const SNAPSHOT_FILE = "setting-definitions.json";

export interface OptionDefinition {
  /** The option's itemId: the value a choice instance writes, e.g. device_vendor_msft_…_allowcamera_1. */
  readonly id: string;
  readonly displayName?: string;
  /** Child settings this option brings (Graph: the option's dependedOnBy). */
  readonly children?: readonly string[];
}

export type DefinitionValue =
  | { readonly type: "choice" | "choiceCollection"; readonly options: readonly OptionDefinition[] }
  | { readonly type: "integer"; readonly min?: number; readonly max?: number }
  /**
   * A string; a deviceManagementConfigurationReferenceSettingValue (a reusable object's id, such as Linux custom
   * compliance's discovery script) is a string value too (it extends StringSettingValue in Graph's types).
   */
  | { readonly type: "string"; readonly minLength?: number; readonly maxLength?: number }
  /** A string definition Graph marks isSecret: written as deviceManagementConfigurationSecretSettingValue. */
  | { readonly type: "secret" }
  | { readonly type: "stringCollection" | "integerCollection" }
  | { readonly type: "group" | "groupCollection"; readonly children: readonly string[] };

export type DefinitionValueType = DefinitionValue["type"];

export interface SettingDefinition {
  readonly displayName: string;
  /** Graph's applicability.platform, split (it is a flags enum: "windows10", "macOS", "iOS,macOS", …). */
  readonly platforms: readonly string[];
  /** Which collection holds it: configurationSettings (configuration policies) or complianceSettings. */
  readonly usage: "configuration" | "compliance";
  /** Set on a child setting: the top-level setting it belongs to (Graph: rootDefinitionId). */
  readonly root?: string;
  readonly value: DefinitionValue;
}

export interface DefinitionsSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  /** Where it was read from and when, for people; nothing reads it. */
  readonly source?: string;
  readonly definitions: Readonly<Record<string, SettingDefinition>>;
}

const VALUE_TYPES: readonly DefinitionValueType[] = [
  "choice",
  "choiceCollection",
  "integer",
  "string",
  "secret",
  "stringCollection",
  "integerCollection",
  "group",
  "groupCollection",
];

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const optionalNumber = (v: unknown): boolean => v === undefined || (typeof v === "number" && Number.isFinite(v));

/** Why one definition is not in the format, or undefined when it is. */
function definitionProblem(id: string, d: unknown): string | undefined {
  if (!isRecord(d)) return `${id}: a definition is an object`;
  if (typeof d["displayName"] !== "string") return `${id}: displayName must be a string`;
  if (!isStringList(d["platforms"])) return `${id}: platforms must be a list of Graph platform names`;
  if (d["usage"] !== "configuration" && d["usage"] !== "compliance") return `${id}: usage must be configuration or compliance`;
  if (d["root"] !== undefined && typeof d["root"] !== "string") return `${id}: root must be a setting id`;
  const v = d["value"];
  if (!isRecord(v) || !VALUE_TYPES.includes(v["type"] as DefinitionValueType))
    return `${id}: value.type must be one of ${VALUE_TYPES.join(", ")}`;
  if (v["type"] === "choice" || v["type"] === "choiceCollection") {
    const options = v["options"];
    if (!Array.isArray(options) || options.length === 0) return `${id}: a choice needs options`;
    for (const o of options) {
      if (!isRecord(o) || typeof o["id"] !== "string") return `${id}: each option needs an id`;
      if (o["displayName"] !== undefined && typeof o["displayName"] !== "string") return `${id}: option displayName must be a string`;
      if (o["children"] !== undefined && !isStringList(o["children"])) return `${id}: option children must be setting ids`;
    }
  }
  if ((v["type"] === "group" || v["type"] === "groupCollection") && !isStringList(v["children"]))
    return `${id}: a group needs children (setting ids)`;
  if (![v["min"], v["max"], v["minLength"], v["maxLength"]].every(optionalNumber)) return `${id}: bounds must be numbers`;
  return undefined;
}

/** A definition in the format (definitionProblem finds nothing wrong with it). */
const isDefinition = (d: unknown): d is SettingDefinition => definitionProblem("", d) === undefined;

/**
 * The snapshot in `text`, or why it cannot be used (not JSON, another format or version, a malformed definition).
 * Only the fields above are read; anything else in the file is ignored, so a newer writer's additions do not break it.
 */
export function parseDefinitionsSnapshot(text: string): { snapshot: DefinitionsSnapshot } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `not JSON: ${(error as Error).message}` };
  }
  if (!isRecord(json) || json["format"] !== SNAPSHOT_FORMAT)
    return { problem: `not a setting-definitions snapshot (expected "format": "${SNAPSHOT_FORMAT}")` };
  if (json["version"] !== SNAPSHOT_VERSION)
    return { problem: `version ${String(json["version"])} is not supported (this intune-plan reads version ${SNAPSHOT_VERSION})` };
  const defs = json["definitions"];
  if (!isRecord(defs)) return { problem: "definitions must be an object keyed by settingDefinitionId" };
  const definitions: Record<string, SettingDefinition> = Object.create(null) as Record<string, SettingDefinition>;
  for (const [id, d] of Object.entries(defs)) {
    if (!isDefinition(d)) return { problem: definitionProblem(id, d) ?? id };
    definitions[id] = d;
  }
  return {
    snapshot: {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      ...(typeof json["source"] === "string" ? { source: json["source"] } : {}),
      definitions,
    },
  };
}

/** The snapshot as its file holds it: definitions sorted by id, two-space indented, a final newline (stable diffs). */
export function formatDefinitionsSnapshot(snapshot: DefinitionsSnapshot): string {
  const sorted = Object.fromEntries(
    Object.keys(snapshot.definitions)
      .sort()
      .map((id) => [id, snapshot.definitions[id]]),
  );
  return `${JSON.stringify({ format: snapshot.format, version: snapshot.version, ...(snapshot.source ? { source: snapshot.source } : {}), definitions: sorted }, null, 2)}\n`;
}
