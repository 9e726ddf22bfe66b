// Typed plan files → one Plan, remembering which file defines each object (for diagnostics placement).
import type { Diagnostic, PlanPath } from "../diagnostics/diagnostic.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import type { KeyedSection, Phase, Plan, PlanFile } from "./schema.ts";
import { KEYED_SECTION_NAMES } from "./schema.ts";

/** Where each part of the merged plan was defined. */
export interface PlanOrigins {
  readonly objects: ReadonlyMap<KeyedSection, ReadonlyMap<string, string>>;
  readonly phases: string | undefined;
  readonly plan: string | undefined;
}

export function fileOfPath(origins: PlanOrigins, path: PlanPath): string | undefined {
  const [section, key] = path;
  if (section === "phases") return origins.phases;
  if (section === "plan") return origins.plan;
  return typeof key === "string" ? origins.objects.get(section as KeyedSection)?.get(key) : undefined;
}

export function mergePlanFiles(files: readonly { readonly path: string; readonly value: PlanFile }[]): {
  plan: Plan;
  origins: PlanOrigins;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const objects = new Map<KeyedSection, Map<string, string>>(KEYED_SECTION_NAMES.map((s) => [s, new Map()]));
  const merged = Object.fromEntries(KEYED_SECTION_NAMES.map((s) => [s, {} as Record<string, unknown>])) as Record<
    KeyedSection,
    Record<string, unknown>
  >;
  let phases: readonly Phase[] = [];
  let phasesFile: string | undefined;
  let name: string | undefined;
  let planFile: string | undefined;

  for (const { path, value } of files) {
    if (value.plan && name === undefined) {
      name = value.plan.name;
      planFile = path;
    }
    if (value.phases) {
      if (phasesFile === undefined) {
        phases = value.phases;
        phasesFile = path;
      } else
        diagnostics.push(
          diagnostic("IP034", {
            file: path,
            path: ["phases"],
            atKey: true,
            message: `phases are already defined in ${phasesFile}`,
            related: [{ message: "first definition", path: ["phases"], file: phasesFile }],
          }),
        );
    }
    for (const section of KEYED_SECTION_NAMES) {
      const entries = value[section] as Record<string, unknown> | undefined;
      if (!entries) continue;
      const seen = objects.get(section) as Map<string, string>;
      for (const [key, obj] of Object.entries(entries)) {
        const first = seen.get(key);
        if (first !== undefined) {
          diagnostics.push(
            diagnostic("IP030", {
              file: path,
              path: [section, key],
              atKey: true,
              message: `${section}.${key} is already defined in ${first}`,
              related: [{ message: "first definition", path: [section, key], file: first }],
            }),
          );
          continue;
        }
        seen.set(key, path);
        merged[section][key] = obj;
      }
    }
  }
  const plan = { name: name ?? "plan", phases, ...merged } as unknown as Plan;
  return { plan, origins: { objects, phases: phasesFile, plan: planFile }, diagnostics };
}
