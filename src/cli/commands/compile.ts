// `intune-plan compile [paths...] [--phase P] [--format json|text] [--requests]`
import type { ParseArgsOptionsConfig } from "node:util";
import { compile } from "../../compile/compile.ts";
import type { DesiredState } from "../../compile/desired-state.ts";
import { plannedRequests } from "../../compile/requests.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan } from "../load-plan.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";
import { UsageError } from "../cli-errors.ts";

const OPTIONS = {
  phase: { type: "string" }, format: { type: "string", default: "text" }, requests: { type: "boolean", default: false },
} as const satisfies ParseArgsOptionsConfig;

export const compileSpec: CommandSpec<typeof OPTIONS> = {
  name: "compile", summary: "desired Graph state for a phase, or the requests an apply would make", positionals: PLAN_PATHS, options: OPTIONS,
  help: {
    phase: { value: "P", text: "the active phase (default: none, every phased object unassigned)" },
    format: { choices: ["text", "json"], text: "a readable list, or the desired state as JSON" },
    requests: { text: "print the ordered Graph requests an apply would make instead" },
  },
  description: "Compiles the plan (after the same checks as validate) to one Graph object per plan object plus its assignment set,\nas they would be in the tenant with the given phase active. Deterministic: same plan and phase, same bytes.",
  exits: "0 compiled, 1 the plan has errors, 64 usage",
};

function renderText(state: DesiredState): string {
  const sets = new Map(state.assignments.map((s) => [s.of, s]));
  const lines = [`plan ${state.plan}, phase ${state.phase ?? "(none)"}: ${state.objects.length} objects, ${state.assignments.length} assignment sets`, ""];
  for (const o of state.objects) {
    lines.push(`${o.address}  ${o.odataType ?? o.collection}  "${o.displayName}"`);
    const set = sets.get(o.address);
    if (set) lines.push(`  assigned to: ${set.targets.length === 0 ? "(nobody yet)" : set.targets.map((t) => `${t.kind === "exclusionGroup" ? "-" : "+"}${t.group ?? t.kind}${t.filter ? ` [${t.filter.mode} ${t.filter.address}]` : ""}`).join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

export function compileCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseCommand(compileSpec, args);
  const plan = loadPlan(positionals, io);
  if (!plan) return EXIT.errors;
  const phases = plan.phases.map((p) => p.key);
  if (values.phase !== undefined && !phases.includes(values.phase)) throw new UsageError(`unknown phase ${values.phase}; the plan's phases are ${phases.join(", ") || "(none)"}`);
  const state = compile(plan, values.phase);
  if (values.requests) {
    const requests = plannedRequests(state);
    io.stdout.write(values.format === "json" ? `${JSON.stringify(requests, null, 2)}\n` : `${requests.map((r, i) => `${String(i + 1).padStart(4)}. ${r.method} ${r.url}`).join("\n")}\n`);
    return EXIT.ok;
  }
  io.stdout.write(values.format === "json" ? `${JSON.stringify(state, null, 2)}\n` : renderText(state));
  return EXIT.ok;
}
