// `intune-plan licenses|permissions [paths...] [--format text|json] [--mode apply|preview]` and `intune-plan schema`.
import { parseArgs } from "node:util";
import { planJsonSchema } from "../../plan/json-schema.ts";
import { requiredLicenses } from "../../plan/reports/licenses.ts";
import { requiredPermissions } from "../../plan/reports/permissions.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan } from "../load-plan.ts";

export function schemaCommand(_args: string[], io: CliIO): number {
  io.stdout.write(planJsonSchema());
  return EXIT.ok;
}

export function reportCommand(kind: "licenses" | "permissions", args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: "string", default: "text" }, mode: { type: "string", default: "apply" } } });
  if (values.mode !== "apply" && values.mode !== "preview") { io.stderr.write("--mode is apply or preview\n"); return EXIT.usage; }
  const plan = loadPlan(positionals, io);
  if (!plan) return EXIT.errors;
  const licenses = kind === "licenses" ? requiredLicenses(plan) : [];
  const permissions = kind === "permissions" ? requiredPermissions(plan, values.mode) : [];
  if (values.format === "json") { io.stdout.write(`${JSON.stringify(kind === "licenses" ? licenses : permissions, null, 2)}\n`); return EXIT.ok; }
  const lines = kind === "licenses"
    ? licenses.flatMap((n) => [`${n.license}`, `  why: ${n.reason}`, `  for: ${n.objects.join(", ")}`, ""])
    : [`Microsoft Graph application permissions to ${values.mode === "apply" ? "apply" : "preview (read-only)"} this plan:`, ...permissions.map((p) => `  ${p.permission.padEnd(48)} ${p.sections.join(", ")}`), ""];
  io.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.ok;
}
