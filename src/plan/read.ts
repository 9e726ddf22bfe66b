// I/O edge of the plan layer: expands paths (folders → their *.yaml / *.yml files, sorted) and reads bytes.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";

export interface PlanInput {
  readonly path: string;
  readonly bytes: Uint8Array;
}

const isPlanFile = (name: string): boolean => /\.ya?ml$/i.test(name);

export function readPlanInputs(paths: readonly string[]): { inputs: PlanInput[]; diagnostics: Diagnostic[] } {
  const inputs: PlanInput[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const p of paths) {
    let files: string[];
    try {
      files = statSync(p).isDirectory() ? readdirSync(p).filter(isPlanFile).sort().map((f) => join(p, f)) : [p];
    } catch {
      diagnostics.push(diagnostic("IP005", { path: [], file: p, message: `${p} does not exist` }));
      continue;
    }
    for (const f of files) {
      try {
        inputs.push({ path: f, bytes: readFileSync(f) });
      } catch (error) {
        diagnostics.push(diagnostic("IP002", { path: [], file: f, message: `${f} cannot be read: ${(error as NodeJS.ErrnoException).code ?? "error"}` }));
      }
    }
  }
  if (inputs.length === 0 && diagnostics.length === 0) {
    diagnostics.push(diagnostic("IP005", { path: [], message: `no *.yaml plan files in ${paths.join(", ") || "(no paths given)"}` }));
  }
  return { inputs, diagnostics };
}
