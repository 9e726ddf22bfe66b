// Reads settings-catalog definitions from a tenant and maps them to the plan's snapshot format
// (graph-model/setting-definitions.ts), for `intune-plan definitions`.
//
// Endpoints (Microsoft Graph beta, "List deviceManagementConfigurationSettingDefinitions" / "Get …"):
// GET /deviceManagement/configurationSettings[/{id}] holds the definitions of configuration policies' settings and
// /deviceManagement/complianceSettings[/{id}] those of settings-catalog compliance ("Each setting usage has separate
// API end-point to call": the settingUsage property's description). The shapes mapped are the definition subtypes of
// @microsoft/microsoft-graph-types-beta: ChoiceSettingDefinition (options[].itemId, options[].dependedOnBy),
// ChoiceSettingCollectionDefinition, SimpleSettingDefinition and SimpleSettingCollectionDefinition (valueDefinition:
// IntegerSettingValueDefinition minimumValue/maximumValue, StringSettingValueDefinition minimumLength/maximumLength/
// isSecret), SettingGroupDefinition and SettingGroupCollectionDefinition (childIds); applicability.platform; rootDefinitionId.
import type { DefinitionValue, SettingDefinition } from "../graph-model/setting-definitions.ts";
import { formatDefinitionsSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "../graph-model/setting-definitions.ts";

export { SNAPSHOT_FILE } from "../graph-model/setting-definitions.ts";
import type { JsonObject } from "../graph-model/json.ts";
import type { GraphClient } from "./client.ts";
import { GraphRequestError } from "./errors.ts";

export type DefinitionUsage = SettingDefinition["usage"];

export const DEFINITION_COLLECTIONS: Readonly<Record<DefinitionUsage, string>> = {
  configuration: "/deviceManagement/configurationSettings",
  compliance: "/deviceManagement/complianceSettings",
};

const isRecord = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const shortType = (v: unknown): string =>
  typeof v === "string" ? v.replace(/^#?microsoft\.graph\.deviceManagementConfiguration/, "") : "";
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function valueOf(def: JsonObject): DefinitionValue | undefined {
  const type = shortType(def["@odata.type"]);
  if (type === "ChoiceSettingDefinition" || type === "ChoiceSettingCollectionDefinition") {
    const options = (Array.isArray(def["options"]) ? def["options"] : []).filter(isRecord).flatMap((o) => {
      if (typeof o["itemId"] !== "string") return [];
      const children = (Array.isArray(o["dependedOnBy"]) ? o["dependedOnBy"] : []).flatMap((d) =>
        isRecord(d) && typeof d["dependedOnBy"] === "string" ? [d["dependedOnBy"]] : [],
      );
      return [
        {
          id: o["itemId"],
          ...(typeof o["displayName"] === "string" ? { displayName: o["displayName"] } : {}),
          ...(children.length > 0 ? { children } : {}),
        },
      ];
    });
    return { type: type === "ChoiceSettingDefinition" ? "choice" : "choiceCollection", options };
  }
  if (type === "SettingGroupDefinition" || type === "SettingGroupCollectionDefinition")
    return { type: type === "SettingGroupDefinition" ? "group" : "groupCollection", children: strings(def["childIds"]) };
  if (type === "SimpleSettingDefinition" || type === "SimpleSettingCollectionDefinition") {
    const vd = isRecord(def["valueDefinition"]) ? def["valueDefinition"] : {};
    const integer = shortType(vd["@odata.type"]) === "IntegerSettingValueDefinition";
    if (type === "SimpleSettingCollectionDefinition") return { type: integer ? "integerCollection" : "stringCollection" };
    if (integer) {
      const min = num(vd["minimumValue"]);
      const max = num(vd["maximumValue"]);
      return { type: "integer", ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    if (vd["isSecret"] === true) return { type: "secret" };
    const minLength = num(vd["minimumLength"]);
    const maxLength = num(vd["maximumLength"]);
    return { type: "string", ...(minLength !== undefined ? { minLength } : {}), ...(maxLength !== undefined ? { maxLength } : {}) };
  }
  // Redirect definitions (a setting moved elsewhere) and types this version does not know are left out.
  return undefined;
}

/** One Graph definition in the snapshot's words, or undefined for a kind the snapshot has no word for. */
export function snapshotDefinition(def: JsonObject, usage: DefinitionUsage): SettingDefinition | undefined {
  const id = def["id"];
  const value = valueOf(def);
  if (typeof id !== "string" || !value) return undefined;
  const applicability = isRecord(def["applicability"]) ? def["applicability"] : {};
  const platform = typeof applicability["platform"] === "string" ? applicability["platform"] : "";
  const root = def["rootDefinitionId"];
  return {
    displayName: typeof def["displayName"] === "string" ? def["displayName"] : id,
    platforms: platform
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "" && p !== "none"),
    usage,
    ...(typeof root === "string" && root !== "" && root !== id ? { root } : {}),
    value,
  };
}

/** The child ids a definition names (its options' dependedOnBy, its childIds): read along with it. */
function childIds(def: SettingDefinition): string[] {
  const v = def.value;
  if (v.type === "choice" || v.type === "choiceCollection") return v.options.flatMap((o) => o.children ?? []);
  if (v.type === "group" || v.type === "groupCollection") return [...v.children];
  return [];
}

export interface DefinitionsRead {
  readonly definitions: Record<string, SettingDefinition>;
  /** Ids asked for that the tenant does not have (a misspelling, or a setting newer than the tenant's catalog). */
  readonly missing: { readonly id: string; readonly usage: DefinitionUsage }[];
  /** Definitions of a kind the snapshot has no word for (redirects), left out. */
  readonly skipped: string[];
}

/**
 * Every definition of both collections, paged (`client.list` follows @odata.nextLink), when `wanted` is "all";
 * otherwise the wanted ids of each collection and, transitively, the children they name, read 20 per $batch. A 404 for
 * an id is `missing`, not an error; any other failure is the GraphRequestError it is.
 */
export async function readSettingDefinitions(
  client: GraphClient,
  wanted: "all" | Readonly<Record<DefinitionUsage, readonly string[]>>,
): Promise<DefinitionsRead> {
  const definitions: Record<string, SettingDefinition> = {};
  const missing: { id: string; usage: DefinitionUsage }[] = [];
  const skipped: string[] = [];
  const keep = (raw: JsonObject, usage: DefinitionUsage): SettingDefinition | undefined => {
    const def = snapshotDefinition(raw, usage);
    if (def) definitions[String(raw["id"])] = def;
    else skipped.push(String(raw["id"]));
    return def;
  };
  for (const usage of ["configuration", "compliance"] as const) {
    if (wanted === "all") {
      await client.list(DEFINITION_COLLECTIONS[usage], "beta", (item) => {
        keep(item, usage);
        return undefined;
      });
      continue;
    }
    const seen = new Set<string>();
    let next = [...new Set(wanted[usage])];
    while (next.length > 0) {
      for (const id of next) seen.add(id);
      const answers = await client.batchGet(next.map((id) => `${DEFINITION_COLLECTIONS[usage]}/${encodeURIComponent(id)}`));
      const found: string[] = [];
      answers.forEach((answer, i) => {
        const id = next[i] ?? "";
        if (answer instanceof GraphRequestError) {
          if (answer.status === 404) missing.push({ id, usage });
          else throw answer;
          return;
        }
        const def = keep(answer, usage);
        if (def) found.push(...childIds(def));
      });
      next = [...new Set(found)].filter((id) => !seen.has(id));
    }
  }
  return { definitions, missing, skipped };
}

/** The snapshot file's text for what was read; `source` says where from and when, for people. */
export const snapshotText = (read: DefinitionsRead, source: string): string =>
  formatDefinitionsSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, source, definitions: read.definitions });
