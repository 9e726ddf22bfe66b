// `intune-plan compile [paths...] [--phase P] [--format json|text] [--requests [--tenant CLOUD|ENDPOINT]]`
import { parseArgs } from "node:util";
import { compile } from "../../compile/compile.ts";
import type { DesiredState } from "../../compile/desired-state.ts";
import type { RequestList } from "../../compile/requests.ts";
import { requestList } from "../../compile/requests.ts";
import { formatDiagnosticsText } from "../../diagnostics/format-text.ts";
import { hasErrors } from "../../diagnostics/diagnostic.ts";
import { cloudOf, CLOUDS, isLocalEndpoint } from "../../graph/endpoints.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadCheckedPlan } from "../load-plan.ts";

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
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { phase: { type: "string" }, format: { type: "string", default: "text" }, requests: { type: "boolean", default: false }, tenant: { type: "string" } } });
  if (values.format !== "text" && values.format !== "json") { io.stderr.write(`unknown --format ${values.format ?? ""}; use text or json\n`); return EXIT.usage; }
  const target = endpointOf(values.tenant);
  if (!target) { io.stderr.write(`--tenant ${values.tenant ?? ""} is not a cloud (${Object.keys(CLOUDS).join(", ")}), its Graph endpoint, or an http://127.0.0.1 emulator URL\n`); return EXIT.usage; }
  if (values.tenant !== undefined && !values.requests) { io.stderr.write("--tenant only applies to --requests (the desired state is the same for every tenant)\n"); return EXIT.usage; }
  const checked = loadCheckedPlan(positionals);
  if (!checked.plan || hasErrors(checked.diagnostics)) {
    io.stderr.write(formatDiagnosticsText(checked.diagnostics, checked.sources));
    return EXIT.errors;
  }
  const phases = checked.plan.phases.map((p) => p.key);
  if (values.phase !== undefined && !phases.includes(values.phase)) {
    io.stderr.write(`unknown phase ${values.phase}; the plan's phases are ${phases.join(", ") || "(none)"}\n`);
    return EXIT.usage;
  }
  const state = compile(checked.plan, values.phase);
  if (values.requests) {
    const list = requestList(state, target.endpoint);
    io.stdout.write(values.format === "json" ? `${JSON.stringify(list, null, 2)}\n` : renderRequestsText(list, target.cloud));
    return EXIT.ok;
  }
  io.stdout.write(values.format === "json" ? `${JSON.stringify(state, null, 2)}\n` : renderText(state));
  return EXIT.ok;
}
