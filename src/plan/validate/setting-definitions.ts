// Settings-catalog settings checked against the plan folder's setting-definitions snapshot
// (graph-model/setting-definitions.ts), so that a misspelt settingDefinitionId or option is found offline, at its
// line, instead of by Graph (or never, by the emulator): an unknown id (IP220, "did you mean"), a choice value that
// is not one of the setting's options (IP221, the options listed, the nearest suggested), a value of the wrong kind
// (IP222), a number or text outside the definition's bounds (IP223), a setting of another platform or of the other
// kind of policy (IP224), a child setting its parent does not take (IP226). Children are checked like top-level
// settings, against the children their parent's chosen option or group names.
//
// Configuration profiles (profile: settingsCatalog) and settings-catalog compliance (Linux) are checked, in both
// forms. A concise setting is placed where the plan wrote it (the key for an id, the value for a value, list items,
// `children` keys, group items); a verbose one at the Graph property inside its list item. Pure.
import type { Diagnostic, PlanPath } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { suggest } from "../../diagnostics/suggest.ts";
import type { DefinitionsSnapshot, DefinitionValue, SettingDefinition } from "../../graph-model/setting-definitions.ts";
import { CATALOG_COMPLIANCE_GRAPH, isCatalogCompliancePlatform, SETTINGS_CATALOG_PLATFORMS } from "../../graph-model/vocabulary.ts";
import type { Plan } from "../schema.ts";
import type { JsonObject } from "../settings-catalog.ts";
import { expandCatalogSettings } from "../settings-catalog.ts";

const NS = "#microsoft.graph.deviceManagementConfiguration";
const isRecord = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Where the plan wrote one setting instance: its id, its value, the items of a collection, its children. */
interface Place {
  readonly key: PlanPath;
  readonly atKey: boolean;
  readonly value: PlanPath;
  item(k: number): PlanPath;
  choiceChild(j: number, id: string): Place;
  groupChild(i: number, j: number, id: string): Place;
}

/** A concise setting `id: value` at `at` (the plan path of its key). */
function concisePlace(at: PlanPath, raw: unknown): Place {
  const withChildren = isRecord(raw) && "value" in raw;
  return {
    key: at,
    atKey: true,
    value: withChildren ? [...at, "value"] : at,
    item: (k) => [...at, k],
    choiceChild: (_j, id) => {
      const kids = withChildren && isRecord(raw["children"]) ? raw["children"] : {};
      return concisePlace([...at, "children", id], kids[id]);
    },
    groupChild: (i, _j, id) => {
      const item = Array.isArray(raw) && isRecord(raw[i]) ? raw[i] : {};
      return concisePlace([...at, i, id], item[id]);
    },
  };
}

/** A verbose setting instance at `at` (the plan path of the settingInstance object, or of a child instance). */
function verbosePlace(at: PlanPath, instance: JsonObject): Place {
  const valueProp = "choiceSettingValue" in instance ? "choiceSettingValue" : "simpleSettingValue";
  const itemsProp = "choiceSettingCollectionValue" in instance ? "choiceSettingCollectionValue" : "simpleSettingCollectionValue";
  return {
    key: [...at, "settingDefinitionId"],
    atKey: false,
    value: [...at, valueProp, "value"],
    item: (k) => [...at, itemsProp, k, "value"],
    choiceChild: (j) => verbosePlace([...at, "choiceSettingValue", "children", j], childAt(instance["choiceSettingValue"], j)),
    groupChild: (i, j) => {
      const items = instance["groupSettingCollectionValue"];
      return verbosePlace(
        [...at, "groupSettingCollectionValue", i, "children", j],
        childAt(Array.isArray(items) ? items[i] : undefined, j),
      );
    },
  };
}

const childAt = (value: unknown, j: number): JsonObject => {
  const kids = isRecord(value) ? value["children"] : undefined;
  const kid = Array.isArray(kids) ? kids[j] : undefined;
  return isRecord(kid) ? kid : {};
};

/** The instance @odata.type (after the namespace) and, for simple values, the value type each definition type takes. */
const INSTANCE: Readonly<Record<DefinitionValue["type"], { readonly instance: string; readonly value?: string; readonly says: string }>> = {
  choice: { instance: "ChoiceSettingInstance", says: "one of its options" },
  choiceCollection: { instance: "ChoiceSettingCollectionInstance", says: "a list of its options" },
  integer: { instance: "SimpleSettingInstance", value: "IntegerSettingValue", says: "a whole number" },
  string: { instance: "SimpleSettingInstance", value: "StringSettingValue", says: "a string" },
  secret: { instance: "SimpleSettingInstance", value: "SecretSettingValue", says: "a secret reference ({ secret: NAME })" },
  stringCollection: { instance: "SimpleSettingCollectionInstance", value: "StringSettingValue", says: "a list of strings" },
  integerCollection: { instance: "SimpleSettingCollectionInstance", value: "IntegerSettingValue", says: "a list of whole numbers" },
  group: { instance: "GroupSettingInstance", says: "a group of child settings" },
  groupCollection: { instance: "GroupSettingCollectionInstance", says: "a list of mappings (one per item)" },
};

const shortType = (v: unknown): string => (typeof v === "string" ? v.replace(NS, "") : "");

/** What an instance was written as, in the words INSTANCE uses. */
function writtenAs(instance: JsonObject): string {
  const type = shortType(instance["@odata.type"]);
  const simple = isRecord(instance["simpleSettingValue"]) ? shortType(instance["simpleSettingValue"]["@odata.type"]) : "";
  const found = Object.values(INSTANCE).find((t) => t.instance === type && (t.value === undefined || t.value === simple));
  return found?.says ?? (type || "an instance without @odata.type");
}

const named = (id: string, def: SettingDefinition): string => (def.displayName ? `${id} (${def.displayName})` : id);

function optionList(options: readonly { id: string; displayName?: string }[]): string {
  return options.map((o) => (o.displayName ? `${o.id} (${o.displayName})` : o.id)).join(", ");
}

interface Policy {
  /** Graph's platforms value of the policy (windows10, macOS, linux, …) and the plan's word for it. */
  readonly graphPlatform: string;
  readonly planPlatform: string;
  readonly usage: SettingDefinition["usage"];
}

class Checker {
  readonly out: Diagnostic[] = [];
  private readonly defs: Readonly<Record<string, SettingDefinition>>;
  /** Top-level ids per usage: the candidates of a "did you mean" for a top-level setting. */
  private readonly roots = new Map<string, string[]>();

  constructor(snapshot: DefinitionsSnapshot) {
    this.defs = snapshot.definitions;
    for (const [id, d] of Object.entries(this.defs))
      if (d.root === undefined) this.roots.set(d.usage, [...(this.roots.get(d.usage) ?? []), id]);
  }

  /** One instance; `allowed` is the children its parent takes (undefined: a top-level setting). */
  instance(instance: JsonObject, place: Place, policy: Policy, allowed: readonly string[] | undefined): void {
    const id = String(instance["settingDefinitionId"] ?? "");
    const def = Object.hasOwn(this.defs, id) ? this.defs[id] : undefined;
    if (!def) {
      const near = suggest(id, allowed ?? this.roots.get(policy.usage) ?? []);
      this.out.push(
        diagnostic("IP220", {
          path: place.key,
          atKey: place.atKey,
          message: `${id} is not a known ${allowed ? "child setting here" : `${policy.usage} setting`}${near ? `; did you mean ${near}?` : ""}`,
          ...(allowed && !near
            ? { hint: allowed.length > 0 ? `Children here: ${allowed.join(", ")}.` : "This setting takes no children." }
            : {}),
        }),
      );
      return;
    }
    if (allowed && !allowed.includes(id)) {
      this.out.push(
        diagnostic("IP226", {
          path: place.key,
          atKey: place.atKey,
          message: `${named(id, def)} is not a child of the setting it is written under`,
          hint: allowed.length > 0 ? `Children here: ${allowed.join(", ")}.` : "The chosen option takes no children.",
        }),
      );
      return;
    }
    if (!allowed && def.usage !== policy.usage) {
      this.out.push(
        diagnostic("IP224", {
          path: place.key,
          atKey: place.atKey,
          message: `${named(id, def)} is a ${def.usage} setting; this is a ${policy.usage} policy`,
        }),
      );
      return;
    }
    if (!allowed && def.platforms.length > 0 && !def.platforms.includes(policy.graphPlatform)) {
      this.out.push(
        diagnostic("IP224", {
          path: place.key,
          atKey: place.atKey,
          message: `${named(id, def)} applies to ${def.platforms.join(", ")}, not to ${policy.planPlatform} (${policy.graphPlatform})`,
          hint: "Move the setting to a policy for its platform, or pick this platform's setting.",
        }),
      );
      return;
    }
    this.value(id, def, instance, place, policy);
  }

  private value(id: string, def: SettingDefinition, instance: JsonObject, place: Place, policy: Policy): void {
    const want = INSTANCE[def.value.type];
    const type = shortType(instance["@odata.type"]);
    const v = def.value;
    if (v.type === "choice" || v.type === "choiceCollection") {
      // A concise string that is not `<id>_…` expands to a string value: for a choice it is a misspelt option.
      const simple = isRecord(instance["simpleSettingValue"]) ? instance["simpleSettingValue"]["value"] : undefined;
      if (v.type === "choice" && type === "SimpleSettingInstance" && typeof simple === "string") {
        this.option(id, def, v.options, simple, place.value);
        return;
      }
      if (type !== want.instance) return this.wrongType(id, def, instance, place);
      if (v.type === "choice") {
        const chosen = isRecord(instance["choiceSettingValue"]) ? instance["choiceSettingValue"] : {};
        const option = this.option(id, def, v.options, chosen["value"], place.value);
        if (option) this.children(chosen["children"], option.children ?? [], (j, cid) => place.choiceChild(j, cid), policy);
        return;
      }
      const items = instance["choiceSettingCollectionValue"];
      if (Array.isArray(items))
        items.forEach((item, k) => this.option(id, def, v.options, isRecord(item) ? item["value"] : item, place.item(k)));
      return;
    }
    if (type !== want.instance) return this.wrongType(id, def, instance, place);
    if (v.type === "group" || v.type === "groupCollection") {
      const items = v.type === "group" ? [instance["groupSettingValue"]] : instance["groupSettingCollectionValue"];
      if (!Array.isArray(items)) return;
      items.forEach((item, i) => {
        this.children(isRecord(item) ? item["children"] : undefined, v.children, (j, cid) => place.groupChild(i, j, cid), policy);
      });
      return;
    }
    if (v.type === "stringCollection" || v.type === "integerCollection") {
      const items = instance["simpleSettingCollectionValue"];
      if (!Array.isArray(items)) return;
      items.forEach((item, k) => {
        if (!isRecord(item) || shortType(item["@odata.type"]) !== want.value)
          this.out.push(diagnostic("IP222", { path: place.item(k), message: `${named(id, def)} takes ${want.says}` }));
      });
      return;
    }
    const simple = isRecord(instance["simpleSettingValue"]) ? instance["simpleSettingValue"] : {};
    const valueType = shortType(simple["@odata.type"]);
    if (valueType !== want.value && !(v.type === "string" && valueType === "ReferenceSettingValue"))
      return this.wrongType(id, def, instance, place);
    const value = simple["value"];
    if (v.type === "integer" && typeof value === "number") {
      if ((v.min !== undefined && value < v.min) || (v.max !== undefined && value > v.max))
        this.out.push(
          diagnostic("IP223", {
            path: place.value,
            message: `${named(id, def)} is ${value}; it takes ${v.min ?? "any"} to ${v.max ?? "any"}`,
          }),
        );
    }
    if (v.type === "string" && typeof value === "string") {
      if ((v.minLength !== undefined && value.length < v.minLength) || (v.maxLength !== undefined && value.length > v.maxLength))
        this.out.push(
          diagnostic("IP223", {
            path: place.value,
            message: `${named(id, def)} is ${value.length} characters long; it takes ${v.minLength ?? 0} to ${v.maxLength ?? "any"}`,
          }),
        );
    }
  }

  private wrongType(id: string, def: SettingDefinition, instance: JsonObject, place: Place): void {
    const want = INSTANCE[def.value.type];
    this.out.push(
      diagnostic("IP222", {
        path: place.value,
        message: `${named(id, def)} takes ${want.says}, not ${writtenAs(instance)}`,
        ...(def.value.type === "choice" || def.value.type === "choiceCollection"
          ? { hint: `Options: ${optionList(def.value.options)}.` }
          : {}),
      }),
    );
  }

  /** The option `value` names, or undefined after reporting that it names none. */
  private option(
    id: string,
    def: SettingDefinition,
    options: readonly { id: string; displayName?: string; children?: readonly string[] }[],
    value: unknown,
    at: PlanPath,
  ): { children?: readonly string[] } | undefined {
    const found = options.find((o) => o.id === value);
    if (found) return found;
    const text = typeof value === "string" ? value : JSON.stringify(value);
    const near =
      typeof value === "string"
        ? suggest(
            value,
            options.map((o) => o.id),
          )
        : undefined;
    this.out.push(
      diagnostic("IP221", {
        path: at,
        message: `${text} is not an option of ${named(id, def)}${near ? `; did you mean ${near}?` : ""}`,
        hint: `Options: ${optionList(options)}.`,
      }),
    );
    return undefined;
  }

  private children(list: unknown, allowed: readonly string[], placeOf: (j: number, id: string) => Place, policy: Policy): void {
    if (!Array.isArray(list)) return;
    list.forEach((child, j) => {
      if (!isRecord(child)) return;
      this.instance(child, placeOf(j, String(child["settingDefinitionId"] ?? "")), policy, allowed);
    });
  }

  /** Every setting of one policy; `base` is its settings path. */
  policy(base: PlanPath, planSettings: unknown, policy: Policy): void {
    if (Array.isArray(planSettings)) {
      planSettings.forEach((s, i) => {
        const instance = isRecord(s) ? s["settingInstance"] : undefined;
        if (isRecord(instance) && typeof instance["settingDefinitionId"] === "string")
          this.instance(instance, verbosePlace([...base, i, "settingInstance"], instance), policy, undefined);
      });
      return;
    }
    if (!isRecord(planSettings)) return;
    // The expansion skips what it cannot expand (IP025 reports those); each expanded setting is found by its id.
    for (const s of expandCatalogSettings(planSettings).settings) {
      const instance = s["settingInstance"];
      if (!isRecord(instance)) continue;
      const id = String(instance["settingDefinitionId"]);
      this.instance(instance, concisePlace([...base, id], planSettings[id]), policy, undefined);
    }
  }
}

/** The findings for every settings-catalog setting of the plan against `snapshot`. */
export function checkSettingDefinitions(plan: Plan, snapshot: DefinitionsSnapshot): Diagnostic[] {
  const checker = new Checker(snapshot);
  for (const [key, policy] of Object.entries(plan.configuration)) {
    if (policy.profile !== "settingsCatalog") continue;
    checker.policy(["configuration", key, "settings"], policy.settings, {
      graphPlatform: SETTINGS_CATALOG_PLATFORMS[policy.platform],
      planPlatform: policy.platform,
      usage: "configuration",
    });
  }
  for (const [key, policy] of Object.entries(plan.compliance)) {
    if (!isCatalogCompliancePlatform(policy.platform)) continue;
    checker.policy(["compliance", key, "settings"], policy.settings, {
      graphPlatform: CATALOG_COMPLIANCE_GRAPH[policy.platform].platforms,
      planPlatform: policy.platform,
      usage: "compliance",
    });
  }
  return checker.out;
}
