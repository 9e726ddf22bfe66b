// Script files of a plan file (scripts, remediations): the YAML names a .ps1 file by its path relative to the YAML
// file; this reads each one through the input's reader (read.ts bounds it to the plan folder) and gives the plan
// file with the text next to the path. A file that is missing (IP190) or outside the folder (IP191) is a
// diagnostic at the path's value, and the object is left out, so nothing is compiled from a script never read.
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import type { PlanInput, ScriptRead } from "./read.ts";
import type { PlanFile, ReadPlanFile, Remediation, Script, ScriptFile } from "./schema.ts";

export function readScriptFiles(input: PlanInput, value: PlanFile): { value: ReadPlanFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const read = (section: string, key: string, field: string, path: string): ScriptFile | undefined => {
    const got: ScriptRead = input.readScript ? input.readScript(path) : { missing: path };
    if ("text" in got) return { path, text: got.text };
    const where = { file: input.path, path: [section, key, field] };
    diagnostics.push(
      "outside" in got
        ? diagnostic("IP191", { ...where, message: `${section}.${key}.${field}: ${path} lies outside the plan folder` })
        : diagnostic("IP190", { ...where, message: `${section}.${key}.${field}: no file ${path} next to ${input.path}` }),
    );
    return undefined;
  };
  const scripts: Record<string, Script> = {};
  for (const [key, s] of Object.entries(value.scripts ?? {})) {
    const script = read("scripts", key, "script", s.script);
    if (script) scripts[key] = { ...s, script };
  }
  const remediations: Record<string, Remediation> = {};
  for (const [key, r] of Object.entries(value.remediations ?? {})) {
    const detection = read("remediations", key, "detection", r.detection);
    const remediation = r.remediation === undefined ? undefined : read("remediations", key, "remediation", r.remediation);
    if (!detection || (r.remediation !== undefined && !remediation)) continue;
    const { remediation: _path, ...rest } = r;
    remediations[key] = { ...rest, detection, ...(remediation ? { remediation } : {}) };
  }
  const { scripts: _s, remediations: _r, ...rest } = value;
  return {
    value: {
      ...rest,
      ...(value.scripts ? { scripts } : {}),
      ...(value.remediations ? { remediations } : {}),
    },
    diagnostics,
  };
}
