// `intune-plan compile [paths...] [--phase P] [--format json|text] [--requests [--tenant CLOUD|ENDPOINT]]`
import type { ParseArgsOptionsConfig } from "node:util";
import { compile } from "../../compile/compile.ts";
import type { DesiredState } from "../../compile/desired-state.ts";
import type { RequestList } from "../../compile/requests.ts";
import { requestList } from "../../compile/requests.ts";
import { cloudOf, CLOUDS, isLocalEndpoint } from "../../graph/endpoints.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan, requirePhase } from "../load-plan.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";
import { UsageError } from "../cli-errors.ts";

const OPTIONS = {
  phase: { type: "string" },
  format: { type: "string", default: "text" },
  requests: { type: "boolean", default: false },
  tenant: { type: "string" },
} as const satisfies ParseArgsOptionsConfig;

export const compileSpec: CommandSpec<typeof OPTIONS> = {
  name: "compile",
  summary: "desired Graph state for a phase, or the requests an apply would make",
  positionals: PLAN_PATHS,
  options: OPTIONS,
  help: {
    phase: { value: "P", text: "the active phase (default: none, every phased object unassigned)" },
    format: { choices: ["text", "json"], text: "a readable list, or the desired state as JSON" },
    requests: { text: "print the ordered Graph requests an apply would make instead, each with its plan address" },
    tenant: {
      value: "T",
      text: "with --requests: the cloud (global, usgov, usgovdod, china), its Graph endpoint, or an emulator URL whose URLs to show (default global)",
    },
  },
  description:
    "Compiles the plan (after the same checks as validate) to one Graph object per plan object plus its assignment set,\nas they would be in the tenant with the given phase active. Deterministic: same plan and phase, same bytes.",
  exits: "0 compiled, 1 the plan has errors, 64 usage",
};

function renderText(state: DesiredState): string {
  const sets = new Map(state.assignments.map((s) => [s.of, s]));
  const lines = [
    `plan ${state.plan}, phase ${state.phase ?? "(none)"}: ${state.objects.length} objects, ${state.assignments.length} assignment sets`,
    "",
  ];
  for (const o of state.objects) {
    lines.push(`${o.address}  ${o.odataType ?? o.collection}  "${o.displayName}"`);
    const set = sets.get(o.address);
    if (set)
      lines.push(
        `  assigned to: ${set.targets.length === 0 ? "(nobody yet)" : set.targets.map((t) => `${t.kind === "exclusionGroup" ? "-" : "+"}${t.group ?? t.kind}${t.filter ? ` [${t.filter.mode} ${t.filter.address}]` : ""}`).join(", ")}`,
      );
  }
  return `${lines.join("\n")}\n`;
}

/** One line per request: its number, the plan address it is for, and the request line as sent. */
function renderRequestsText(list: RequestList, cloud: string): string {
  const width = Math.max(0, ...list.requests.map((r) => r.address.length));
  const head = `# ${list.requests.length} requests an apply of plan ${list.plan}${list.phase === null ? "" : ` (phase ${list.phase})`} sends to an empty tenant on ${list.endpoint} (${cloud}); {id:ADDRESS} is the id Graph gives that object`;
  return `${[head, ...list.requests.map((r, i) => `${String(i + 1).padStart(4)}. ${r.address.padEnd(width)}  ${r.method} ${r.url}`)].join("\n")}\n`;
}

/** `--tenant` for the request list: a cloud by name or Graph endpoint (default global), or an emulator URL. */
function endpointOf(tenant: string | undefined): { endpoint: string; cloud: string } | undefined {
  if (tenant === undefined) return { endpoint: CLOUDS.global.graph, cloud: "global" };
  const cloud = cloudOf(tenant);
  if (cloud) return { endpoint: CLOUDS[cloud].graph, cloud };
  return isLocalEndpoint(tenant) ? { endpoint: tenant.replace(/\/+$/, ""), cloud: "emulator" } : undefined;
}

export function compileCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseCommand(compileSpec, args);
  const target = endpointOf(values.tenant);
  if (!target)
    throw new UsageError(
      `--tenant ${values.tenant ?? ""} is not a cloud (${Object.keys(CLOUDS).join(", ")}), its Graph endpoint, or an http://127.0.0.1 emulator URL`,
    );
  if (values.tenant !== undefined && !values.requests)
    throw new UsageError("--tenant only applies to --requests (the desired state is the same for every tenant)");
  const plan = loadPlan(positionals, io);
  if (!plan) return EXIT.errors;
  requirePhase(plan, values.phase);
  const state = compile(plan, values.phase);
  if (values.requests) {
    const list = requestList(state, target.endpoint);
    io.stdout.write(values.format === "json" ? `${JSON.stringify(list, null, 2)}\n` : renderRequestsText(list, target.cloud));
    return EXIT.ok;
  }
  io.stdout.write(values.format === "json" ? `${JSON.stringify(state, null, 2)}\n` : renderText(state));
  return EXIT.ok;
}
