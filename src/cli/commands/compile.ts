// `intune-plan compile [paths...] [--phase P] [--format json|text] [--requests]`
import { parseArgs } from "node:util";
import { compile } from "../../compile/compile.ts";
import type { DesiredState } from "../../compile/desired-state.ts";
import { plannedRequests } from "../../compile/requests.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan } from "../load-plan.ts";

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
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { phase: { type: "string" }, format: { type: "string", default: "text" }, requests: { type: "boolean", default: false } } });
  const plan = loadPlan(positionals, io);
  if (!plan) return EXIT.errors;
  const phases = plan.phases.map((p) => p.key);
  if (values.phase !== undefined && !phases.includes(values.phase)) {
    io.stderr.write(`unknown phase ${values.phase}; the plan's phases are ${phases.join(", ") || "(none)"}\n`);
    return EXIT.usage;
  }
  const state = compile(plan, values.phase);
  if (values.requests) {
    const requests = plannedRequests(state);
    io.stdout.write(values.format === "json" ? `${JSON.stringify(requests, null, 2)}\n` : `${requests.map((r, i) => `${String(i + 1).padStart(4)}. ${r.method} ${r.url}`).join("\n")}\n`);
    return EXIT.ok;
  }
  if (values.format === "json") io.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
  else if (values.format === "text") io.stdout.write(renderText(state));
  else { io.stderr.write(`unknown --format ${values.format ?? ""}; use text or json\n`); return EXIT.usage; }
  return EXIT.ok;
}
