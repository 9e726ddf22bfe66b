// `intune-plan preview [paths...] --tenant <emulator[:seed]|url|cloud> [--phase P] [--format ...] [--detailed-exitcode]`
// and `intune-plan drift`: the plan compiled for a phase against what the tenant holds, read-only, rendered like
// `diff`. Drift shows only what differs on objects that exist on both sides (changes made outside the plan).
import { parseArgs } from "node:util";
import { compile } from "../../compile/compile.ts";
import { hasErrors } from "../../diagnostics/diagnostic.ts";
import { formatDiagnosticsText } from "../../diagnostics/format-text.ts";
import { audienceOf } from "../../diff/audience.ts";
import type { ChangeSet } from "../../diff/change-set.ts";
import { hasChanges } from "../../diff/change-set.ts";
import { diffStates } from "../../diff/diff.ts";
import { viewOfDesired } from "../../diff/state-view.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadCheckedPlan } from "../load-plan.ts";
import { isReportFormat, renderReport } from "../render-report.ts";
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

export async function previewCommand(args: string[], io: CliIO, mode: "preview" | "drift" = "preview"): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { tenant: { type: "string", default: "emulator" }, phase: { type: "string" }, format: { type: "string", default: "text" }, auth: { type: "string" }, faults: { type: "string" }, "detailed-exitcode": { type: "boolean", default: false } },
  });
  if (!isReportFormat(values.format)) { io.stderr.write(`unknown --format ${values.format ?? ""}; use text, markdown, json or sarif\n`); return EXIT.usage; }
  const checked = loadCheckedPlan(positionals);
  if (!checked.plan || hasErrors(checked.diagnostics)) { io.stderr.write(formatDiagnosticsText(checked.diagnostics, checked.sources)); return EXIT.errors; }
  const plan = checked.plan;
  if (values.phase !== undefined && !plan.phases.some((p) => p.key === values.phase)) { io.stderr.write(`unknown phase ${values.phase}; the plan's phases are ${plan.phases.map((p) => p.key).join(", ") || "(none)"}\n`); return EXIT.usage; }
  const desired = compile(plan, values.phase);
  const connection = await connectTenant({ tenant: values.tenant ?? "emulator", auth: values.auth, faults: values.faults });
  try {
    io.stderr.write(`reading ${connection.label} ...\n`);
    const tenant = await readTenant(connection.client, { label: connection.label, desired: desired.objects });
    const collections = new Set(tenant.view.objects.map((o) => o.collection)).size;
    io.stderr.write(`read the tenant in ${tenant.requests} requests (${connection.client.stats.retries} retried); ${tenant.view.objects.length} plan objects found, ${tenant.view.unmanaged?.length ?? 0} not managed by the plan, across ${collections} collections\n`);
    const set = diffStates(tenant.view, viewOfDesired(desired, positionals.join(" ") || "plan"), { plan: plan.name, audience: audienceOf(plan), phases: plan.phases.map((p) => p.key) });
    const shown = mode === "drift" ? driftOnly(set) : set;
    io.stdout.write(renderReport({ formatVersion: "1", changeSets: [shown] }, values.format));
    return values["detailed-exitcode"] && hasChanges(shown) ? EXIT.changes : EXIT.ok;
  } finally {
    await connection.close();
  }
}
