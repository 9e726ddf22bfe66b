// Linux compliance settings (settings-catalog compliance, GRAPH-NOTES §6.2) checked against the known Linux compliance
// definitions (graph-model/linux-compliance-settings.ts): an unknown settingDefinitionId (IP170, with a "did you
// mean"), a choice option, integer, string or reference of the wrong kind (IP171). Concise settings are placed at the
// plan key or list item that wrote them; a verbose setting at its list item. Classic compliance with a list of
// settings is IP172. The expansion's own findings (IP025), Graph-type checks of verbose settings (IP020–IP023) and
// literal secrets (IP024) are settings.ts's, which calls this.
import type { Diagnostic, PlanPath } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { suggest } from "../../diagnostics/suggest.ts";
import type { LinuxSettingShape } from "../../graph-model/linux-compliance-settings.ts";
import { LINUX_COMPLIANCE_SETTINGS, LINUX_INSTANCE_TYPES } from "../../graph-model/linux-compliance-settings.ts";
import type { JsonObject } from "../settings-catalog.ts";

const NS = "#microsoft.graph.deviceManagementConfiguration";
const isRecord = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** The setting a value names, for messages: its value, or the instance type it was written as. */
function valueProblem(id: string, shape: LinuxSettingShape, instance: JsonObject): string | undefined {
  const type = String(instance["@odata.type"] ?? "");
  if (type !== `${NS}${LINUX_INSTANCE_TYPES[shape.kind]}`) {
    const want: Record<LinuxSettingShape["kind"], string> = {
      choice: `one of ${shape.kind === "choice" ? shape.options.join(", ") : ""}`,
      integer: "a whole number",
      string: "a string",
      reference: "a reference (an object id)",
      groupCollection: "a list of mappings (one per item)",
    };
    return `${id} takes ${want[shape.kind]}`;
  }
  if (shape.kind === "choice") {
    const value = isRecord(instance["choiceSettingValue"]) ? instance["choiceSettingValue"]["value"] : undefined;
    if (typeof value !== "string" || !shape.options.includes(value)) return `${String(value)} is not an option of ${id}`;
    return undefined;
  }
  const simple = isRecord(instance["simpleSettingValue"]) ? instance["simpleSettingValue"] : {};
  const valueType = String(simple["@odata.type"] ?? "");
  const v = simple["value"];
  if (shape.kind === "integer") {
    if (!valueType.endsWith("IntegerSettingValue") || typeof v !== "number") return `${id} takes a whole number`;
    if (v < shape.min || v > shape.max) return `${id} is ${v}; it takes ${shape.min} to ${shape.max}`;
  }
  if (shape.kind === "string" && !valueType.endsWith("StringSettingValue")) return `${id} takes a string`;
  // The portal sends the discovery script as a reference value (TF create_req.md); the concise form writes strings.
  if (shape.kind === "reference" && !valueType.endsWith("ReferenceSettingValue"))
    return `${id} is a reference: write it in the verbose form with ${NS}ReferenceSettingValue`;
  return undefined;
}

function checkInstance(
  instance: JsonObject,
  known: Readonly<Record<string, LinuxSettingShape>>,
  at: PlanPath,
  concise: boolean,
  out: Diagnostic[],
): void {
  const id = String(instance["settingDefinitionId"] ?? "");
  const shape = known[id];
  if (!shape) {
    const near = suggest(id, Object.keys(known));
    out.push(
      diagnostic("IP170", {
        path: at,
        atKey: concise,
        message: `${id} is not a Linux compliance setting${near ? ` here; did you mean ${near}?` : ""}`,
      }),
    );
    return;
  }
  const problem = valueProblem(id, shape, instance);
  if (problem) {
    out.push(
      diagnostic("IP171", {
        path: at,
        message: problem,
        ...(shape.kind === "choice" ? { hint: `Allowed: ${shape.options.join(", ")}.` } : {}),
      }),
    );
    return;
  }
  // Children: a choice's (under `children` in the concise form) and each item of a group collection.
  const children = (list: unknown, base: PlanPath, childKnown: Readonly<Record<string, LinuxSettingShape>>): void => {
    if (!Array.isArray(list)) return;
    for (const child of list) {
      if (!isRecord(child)) continue;
      const cid = String(child["settingDefinitionId"] ?? "");
      checkInstance(child, childKnown, concise ? [...base, cid] : base, concise, out);
    }
  };
  if (shape.kind === "choice" && shape.children && isRecord(instance["choiceSettingValue"]))
    children(instance["choiceSettingValue"]["children"], concise ? [...at, "children"] : at, shape.children);
  if (shape.kind === "groupCollection" && Array.isArray(instance["groupSettingCollectionValue"]))
    instance["groupSettingCollectionValue"].forEach((item, i) => {
      if (isRecord(item)) children(item["children"], concise ? [...at, i] : at, shape.children);
    });
}

/** Findings on the expanded settings of a Linux compliance policy; `base` is the policy's settings path. */
export function checkLinuxComplianceSettings(base: PlanPath, planSettings: unknown, expanded: readonly JsonObject[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const concise = !Array.isArray(planSettings);
  expanded.forEach((s, i) => {
    const instance = s["settingInstance"];
    if (!isRecord(instance)) return;
    const at: PlanPath = concise ? [...base, String(instance["settingDefinitionId"])] : [...base, i];
    checkInstance(instance, LINUX_COMPLIANCE_SETTINGS, at, concise, out);
  });
  return out;
}

/** IP172: a classic compliance policy whose settings are a list (only Linux compliance takes settings-catalog lists). */
export const listOnClassicCompliance = (base: PlanPath, platform: string): Diagnostic =>
  diagnostic("IP172", {
    path: base,
    message: `${platform} compliance settings are Graph properties of the platform's policy type, not a settings-catalog list`,
  });
