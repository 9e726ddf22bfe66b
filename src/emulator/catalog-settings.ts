// Settings-catalog settings of a configurationPolicies or compliancePolicies write, checked against the definitions the
// emulator knows (setting-definitions.ts), the way Graph checks them against its catalog: an unknown
// settingDefinitionId, an instance of the wrong type for its definition, a choice value that is not one of the
// definition's option itemIds, an integer outside its valueDefinition's bounds, or a child its parent's option
// (dependedOnBy) or group (childIds) does not name is a 400. Graph's exact message for each is UNCONFIRMED (no
// capture of one was found in the reviewed sources: GRAPH-NOTES §7.2, the issue trackers of IntuneManagement, DSC and
// the TF provider); the status and the Intune error shape (BadRequest, message wrapped as in §10.3) are Graph's.
import type { JsonRecord, JsonValue } from "./graph-types.ts";

const NS = "#microsoft.graph.deviceManagementConfiguration";
const isRecord = (v: JsonValue | undefined): v is JsonRecord => typeof v === "object" && v !== null && !Array.isArray(v);
const shortType = (v: JsonValue | undefined): string =>
  typeof v === "string" ? v.replace(/^#?microsoft\.graph\.deviceManagementConfiguration/, "") : "";

/** Definition type → the instance type a policy writes for it. */
const INSTANCE_OF: Readonly<Record<string, string>> = {
  ChoiceSettingDefinition: "ChoiceSettingInstance",
  ChoiceSettingCollectionDefinition: "ChoiceSettingCollectionInstance",
  SimpleSettingDefinition: "SimpleSettingInstance",
  SimpleSettingCollectionDefinition: "SimpleSettingCollectionInstance",
  SettingGroupCollectionDefinition: "GroupSettingCollectionInstance",
  SettingGroupDefinition: "GroupSettingInstance",
};

export class DefinitionTable {
  private readonly byId = new Map<string, JsonRecord>();
  constructor(definitions: readonly JsonRecord[]) {
    for (const d of definitions) this.byId.set(String(d["id"]), d);
  }

  get(id: string): JsonRecord | undefined {
    return this.byId.get(id);
  }

  /** The definitions of one collection (configurationSettings or complianceSettings), in id order. */
  list(usage: "configuration" | "compliance"): JsonRecord[] {
    return [...this.byId.values()].filter((d) => d["settingUsage"] === usage).sort((a, b) => (String(a["id"]) < String(b["id"]) ? -1 : 1));
  }

  /** Why Graph would refuse `settings` of a policy of `usage`, or undefined. */
  settingsProblem(settings: JsonValue | undefined, usage: "configuration" | "compliance"): string | undefined {
    if (settings === undefined || settings === null) return undefined;
    if (!Array.isArray(settings)) return "settings must be a collection of deviceManagementConfigurationSetting.";
    for (const s of settings) {
      const instance = isRecord(s) ? s["settingInstance"] : undefined;
      if (!isRecord(instance)) return "Each setting needs a settingInstance.";
      const problem = this.instanceProblem(instance, usage, undefined);
      if (problem) return problem;
    }
    return undefined;
  }

  private instanceProblem(instance: JsonRecord, usage: string, allowed: readonly string[] | undefined): string | undefined {
    const id = String(instance["settingDefinitionId"] ?? "");
    const def = this.byId.get(id);
    if (!def || def["settingUsage"] !== usage) return `Setting definition '${id}' was not found.`;
    if (allowed && !allowed.includes(id)) return `Setting '${id}' is not a valid child setting here.`;
    const defType = shortType(def["@odata.type"]);
    const type = shortType(instance["@odata.type"]);
    if (INSTANCE_OF[defType] !== type)
      return `Setting '${id}' is a ${defType}; its instance must be ${NS}${INSTANCE_OF[defType] ?? "?"}, not '${String(instance["@odata.type"] ?? "")}'.`;
    const options = Array.isArray(def["options"]) ? def["options"].filter(isRecord) : [];
    const choose = (value: JsonValue | undefined): string | undefined => {
      if (!isRecord(value)) return `Setting '${id}' needs a choice value.`;
      const option = options.find((o) => o["itemId"] === value["value"]);
      if (!option) return `Invalid value '${String(value["value"])}' for setting '${id}'.`;
      const kids = (Array.isArray(option["dependedOnBy"]) ? option["dependedOnBy"] : []).flatMap((d) =>
        isRecord(d) && typeof d["dependedOnBy"] === "string" ? [d["dependedOnBy"]] : [],
      );
      return this.childrenProblem(value["children"], usage, kids);
    };
    if (type === "ChoiceSettingInstance") return choose(instance["choiceSettingValue"]);
    if (type === "ChoiceSettingCollectionInstance") {
      const items = instance["choiceSettingCollectionValue"];
      for (const item of Array.isArray(items) ? items : []) {
        const problem = choose(item);
        if (problem) return problem;
      }
      return undefined;
    }
    if (type === "GroupSettingCollectionInstance" || type === "GroupSettingInstance") {
      const childIds = (Array.isArray(def["childIds"]) ? def["childIds"] : []).filter((c): c is string => typeof c === "string");
      const items = type === "GroupSettingInstance" ? [instance["groupSettingValue"]] : instance["groupSettingCollectionValue"];
      for (const item of Array.isArray(items) ? items : []) {
        const problem = this.childrenProblem(isRecord(item) ? item["children"] : undefined, usage, childIds);
        if (problem) return problem;
      }
      return undefined;
    }
    const valueDef = isRecord(def["valueDefinition"]) ? def["valueDefinition"] : {};
    const values = type === "SimpleSettingInstance" ? [instance["simpleSettingValue"]] : instance["simpleSettingCollectionValue"];
    for (const v of Array.isArray(values) ? values : []) {
      if (!isRecord(v)) return `Setting '${id}' needs a value.`;
      const valueType = shortType(v["@odata.type"]);
      const defValue = shortType(valueDef["@odata.type"]);
      // An integer definition takes integers; a string one plain, reference (a StringSettingValue subtype) and secret strings.
      const fits =
        defValue === "IntegerSettingValueDefinition"
          ? valueType === "IntegerSettingValue" && typeof v["value"] === "number"
          : ["StringSettingValue", "ReferenceSettingValue", "SecretSettingValue"].includes(valueType);
      if (!fits) return `Invalid value type '${String(v["@odata.type"] ?? "")}' for setting '${id}'.`;
      const n = v["value"];
      const min = valueDef["minimumValue"];
      const max = valueDef["maximumValue"];
      if (typeof n === "number" && ((typeof min === "number" && n < min) || (typeof max === "number" && n > max)))
        return `Value ${n} for setting '${id}' is out of range (${String(min)} to ${String(max)}).`;
    }
    return undefined;
  }

  private childrenProblem(children: JsonValue | undefined, usage: string, allowed: readonly string[]): string | undefined {
    for (const child of Array.isArray(children) ? children : []) {
      if (!isRecord(child)) return "Each child setting must be a setting instance.";
      const problem = this.instanceProblem(child, usage, allowed);
      if (problem) return problem;
    }
    return undefined;
  }
}
