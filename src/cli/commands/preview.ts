// `intune-plan preview [paths...] --tenant <emulator[:seed]|url|cloud> [--phase P] [--stack NAME | --stack-export FILE]
// [--format ...] [--detailed-exitcode]` and `intune-plan drift`: the plan compiled for a phase against what the
// tenant holds, read-only, rendered like `diff`. With a stack, the objects it owns are matched by id and the report
// gives the answer `pulumi preview --refresh` gives for that stack (the tenant as it is now; plain `pulumi preview`
// agrees whenever nothing changed outside Pulumi); ownership errors (a name taken) exit 1. Without one, matches are
// by name and ownership is unknown. Drift shows only what differs on objects that exist on both sides.
import { parseArgs } from "node:util";
import { compile } from "../../compile/compile.ts";
import { audienceOf } from "../../diff/audience.ts";
import type { ChangeSet } from "../../diff/change-set.ts";
import { hasChanges, hasErrorFindings } from "../../diff/change-set.ts";
import { diffStates } from "../../diff/diff.ts";
import { viewOfDesired } from "../../diff/state-view.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan } from "../load-plan.ts";
import { isReportFormat, renderReport } from "../render-report.ts";
import type { StackSettings, StackSource } from "../stack-source.ts";
import { readStackOwnership, readStackSettings } from "../stack-source.ts";
import { connectTenant } from "../tenant-connection.ts";
import { readTenant } from "../../graph/tenant-reader.ts";

/** Drift: changes to objects both sides have, and their assignments; not what the plan has yet to create. */
function driftOnly(set: ChangeSet): ChangeSet {
  const existing = new Set(set.objects.filter((o) => o.action !== "create").map((o) => o.address));
  return {
    ...set,
    objects: set.objects.filter((o) => o.action !== "create"),
    assignments: set.assignments.filter((a) => existing.has(a.of)),
    risks: set.risks.filter((r) => r.address === undefined || existing.has(r.address)),
    summary: { ...set.summary, create: 0 },
  };
}

/** Where the ownership comes from, as flags name it; both at once is a usage error. */
function stackSource(values: { stack?: string | undefined; "stack-export"?: string | undefined }): StackSource | undefined {
  if (values.stack !== undefined) return { stack: values.stack };
  return values["stack-export"] !== undefined ? { file: values["stack-export"] } : undefined;
}

/** The stack settings this run takes over (flags win), said on stderr so nobody wonders which tenant was read. */
function settingsLine(settings: StackSettings, stack: string, used: { phase: boolean; tenant: boolean; plan: boolean; auth: boolean }): string | undefined {
  const parts = [
    ...(used.phase && settings.phase ? [`phase ${settings.phase}`] : []),
    ...(used.tenant && settings.graphEndpoint ? [`tenant ${settings.graphEndpoint}`] : []),
    ...(used.plan && settings.plan ? [`plan ${settings.plan.join(", ")}`] : []),
    ...(used.auth && settings.auth ? [`auth ${settings.auth}`] : []),
  ];
  return parts.length > 0 ? `stack ${stack}: ${parts.join(", ")} (from ${settings.file})\n` : undefined;
}

export async function previewCommand(args: string[], io: CliIO, mode: "preview" | "drift" = "preview"): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      tenant: { type: "string" }, phase: { type: "string" }, format: { type: "string", default: "text" }, auth: { type: "string" }, faults: { type: "string" },
      "detailed-exitcode": { type: "boolean", default: false }, stack: { type: "string" }, "stack-export": { type: "string" },
    },
  });
  if (!isReportFormat(values.format)) { io.stderr.write(`unknown --format ${values.format ?? ""}; use text, markdown, json or sarif\n`); return EXIT.usage; }
  if (values.stack !== undefined && values["stack-export"] !== undefined) { io.stderr.write("--stack runs pulumi stack export and --stack-export reads its output: give one of them\n"); return EXIT.usage; }
  const settings = values.stack !== undefined ? readStackSettings(io.cwd, values.stack) : undefined;
  const paths = positionals.length > 0 ? positionals : (settings?.plan ?? []);
  const plan = loadPlan(paths, io);
  if (!plan) return EXIT.errors;
  const phase = values.phase ?? settings?.phase;
  if (phase !== undefined && !plan.phases.some((p) => p.key === phase)) { io.stderr.write(`unknown phase ${phase}${values.phase === undefined ? ` (from ${settings?.file ?? "the stack"})` : ""}; the plan's phases are ${plan.phases.map((p) => p.key).join(", ") || "(none)"}\n`); return EXIT.usage; }
  if (settings && values.stack !== undefined) {
    const line = settingsLine(settings, values.stack, { phase: values.phase === undefined, tenant: values.tenant === undefined, plan: positionals.length === 0, auth: values.auth === undefined });
    if (line) io.stderr.write(line);
  }
  const desired = compile(plan, phase);
  const source = stackSource(values);
  const stack = source ? await readStackOwnership(source, io.cwd) : undefined;
  if (stack) io.stderr.write(`stack ${stack.stack} owns ${stack.objects.length} Graph objects and ${stack.assignmentSets.length} assignment sets; they are matched by id, everything else by name\n`);
  const connection = await connectTenant({ tenant: values.tenant ?? settings?.graphEndpoint ?? "emulator", auth: values.auth ?? settings?.auth, faults: values.faults, tenantId: settings?.tenantId, clientId: settings?.clientId });
  try {
    io.stderr.write(`reading ${connection.label} ...\n`);
    const tenant = await readTenant(connection.client, { label: connection.label, desired: desired.objects, ...(stack ? { stack } : {}) });
    const set = diffStates(tenant.view, viewOfDesired(desired, paths.join(" ") || "plan"), { plan: plan.name, audience: audienceOf(plan), phases: plan.phases.map((p) => p.key) });
    const collections = new Set(tenant.view.objects.map((o) => o.collection)).size;
    const inPlan = new Set(desired.objects.map((o) => o.address));
    const found = tenant.view.objects.filter((o) => inPlan.has(o.address)).length;
    const dropped = tenant.view.objects.length - found;
    // Counted from the change set: a name the stack does not own that a plan object would take is someone else's.
    io.stderr.write(`read the tenant in ${tenant.requests} requests (${connection.client.stats.retries} retried); ${found} plan objects found${dropped > 0 ? `, ${dropped} the stack owns and the plan no longer has` : ""}, ${set.unmanaged.length} not managed by the plan, across ${collections} collections\n`);
    if (!stack) io.stderr.write(`ownership unknown: no --stack given, so ${tenant.view.objects.filter((o) => o.origin === "name").length} plan objects were matched to tenant objects by name (reported as "matched by name", never as adopt); pass --stack NAME to compare with what a Pulumi stack owns\n`);
    const shown = mode === "drift" ? driftOnly(set) : set;
    io.stdout.write(renderReport({ formatVersion: "1", changeSets: [shown] }, values.format));
    if (hasErrorFindings(shown)) {
      const errors = (shown.findings ?? []).filter((f) => f.severity === "error").length;
      io.stderr.write(`${errors} ownership error${errors === 1 ? "" : "s"}: pulumi up would fail or do harm (see the report)\n`);
      return EXIT.errors;
    }
    return values["detailed-exitcode"] && hasChanges(shown) ? EXIT.changes : EXIT.ok;
  } finally {
    await connection.close();
  }
}
