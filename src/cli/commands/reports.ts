// `intune-plan licenses|permissions [paths...] [--format text|json] [--mode apply|preview]` and `intune-plan schema`.
// JSON outputs are versioned documents (docs/json-formats.md).
import { parseArgs } from "node:util";
import { formatDiagnosticsText } from "../../diagnostics/format-text.ts";
import { planJsonSchema } from "../../plan/json-schema.ts";
import { licenseReport, requiredLicenses } from "../../plan/reports/licenses.ts";
import { permissionReport, requiredPermissions } from "../../plan/reports/permissions.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadCheckedPlan } from "../load-plan.ts";

export function schemaCommand(_args: string[], io: CliIO): number {
  io.stdout.write(planJsonSchema());
  return EXIT.ok;
}

export function reportCommand(kind: "licenses" | "permissions", args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: "string", default: "text" }, mode: { type: "string", default: "apply" } } });
  if (values.format !== "text" && values.format !== "json") { io.stderr.write(`unknown --format ${values.format ?? ""}; use text or json\n`); return EXIT.usage; }
  if (values.mode !== "apply" && values.mode !== "preview") { io.stderr.write("--mode is apply or preview\n"); return EXIT.usage; }
  const checked = loadCheckedPlan(positionals);
  if (!checked.plan) {
    io.stderr.write(formatDiagnosticsText(checked.diagnostics, checked.sources));
    return EXIT.errors;
  }
  const licenses = kind === "licenses" ? requiredLicenses(checked.plan) : [];
  const permissions = kind === "permissions" ? requiredPermissions(checked.plan, values.mode) : [];
  if (values.format === "json") {
    const doc = kind === "licenses" ? licenseReport(checked.plan) : permissionReport(checked.plan, values.mode);
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = kind === "licenses"
    ? licenses.flatMap((n) => [`${n.license}`, `  why: ${n.reason}`, `  for: ${n.objects.join(", ")}`, ""])
    : [`Microsoft Graph application permissions to ${values.mode === "apply" ? "apply" : "preview (read-only)"} this plan:`, ...permissions.map((p) => `  ${p.permission.padEnd(48)} ${p.sections.join(", ")}`), ""];
  io.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.ok;
}
