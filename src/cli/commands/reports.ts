// `intune-plan licenses|permissions [paths...] [--format text|json] [--mode apply|preview]` and `intune-plan schema`.
// JSON outputs are versioned documents (docs/json-formats.md).
import type { ParseArgsOptionsConfig } from "node:util";
import { planJsonSchema } from "../../plan/json-schema.ts";
import { licenseReport, requiredLicenses } from "../../reports/licenses.ts";
import { permissionReport, requiredPermissions } from "../../reports/permissions.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan } from "../load-plan.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";

const FORMAT = { type: "string", default: "text" } as const;
const FORMAT_HELP = { choices: ["text", "json"], text: "a readable list, or a versioned JSON document" } as const;
const LICENSE_OPTIONS = { format: FORMAT } as const satisfies ParseArgsOptionsConfig;
const PERMISSION_OPTIONS = { mode: { type: "string", default: "apply" }, format: FORMAT } as const satisfies ParseArgsOptionsConfig;

export const licensesSpec: CommandSpec<typeof LICENSE_OPTIONS> = {
  name: "licenses",
  summary: "licences the plan needs",
  positionals: PLAN_PATHS,
  options: LICENSE_OPTIONS,
  help: { format: FORMAT_HELP },
  description:
    "The Microsoft licences the plan's objects need (for example Entra ID P1 for dynamic groups), each with why and for\nwhich objects.",
  exits: "0 printed, 1 the plan has errors, 64 usage",
};

export const permissionsSpec: CommandSpec<typeof PERMISSION_OPTIONS> = {
  name: "permissions",
  summary: "least Graph application permissions",
  positionals: PLAN_PATHS,
  options: PERMISSION_OPTIONS,
  help: {
    mode: {
      choices: ["apply", "preview", "status", "explain"],
      text: "permissions to apply the plan (write), to preview it (read-only), to read rollout status, or to explain a\ntenant's user or device (explain --user / --device)",
    },
    format: FORMAT_HELP,
  },
  description:
    "The least Microsoft Graph application permissions an app needs to apply (or only preview) this plan; grant them\nwith admin consent.",
  exits: "0 printed, 1 the plan has errors, 64 usage",
};

export const schemaSpec: CommandSpec<Record<never, never>> = {
  name: "schema",
  summary: "JSON Schema of plan files (for editors)",
  options: {},
  help: {},
  description:
    "The JSON Schema of a plan file, for editors (yaml-language-server): point a plan file at it with\n# yaml-language-server: $schema=../schema/plan.schema.json",
  exits: "0 printed, 64 usage",
};

export function schemaCommand(args: string[], io: CliIO): number {
  parseCommand(schemaSpec, args);
  io.stdout.write(planJsonSchema());
  return EXIT.ok;
}

export function licensesCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseCommand(licensesSpec, args);
  const plan = loadPlan(positionals, io);
  if (!plan) return EXIT.errors;
  if (values.format === "json") {
    io.stdout.write(`${JSON.stringify(licenseReport(plan), null, 2)}\n`);
    return EXIT.ok;
  }
  const licenses = requiredLicenses(plan);
  io.stdout.write(`${licenses.flatMap((n) => [`${n.license}`, `  why: ${n.reason}`, `  for: ${n.objects.join(", ")}`, ""]).join("\n")}\n`);
  return EXIT.ok;
}

export function permissionsCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseCommand(permissionsSpec, args);
  const mode = values.mode === "preview" || values.mode === "status" || values.mode === "explain" ? values.mode : "apply";
  const plan = loadPlan(positionals, io);
  if (!plan) return EXIT.errors;
  if (values.format === "json") {
    io.stdout.write(`${JSON.stringify(permissionReport(plan, mode), null, 2)}\n`);
    return EXIT.ok;
  }
  const permissions = requiredPermissions(plan, mode);
  const purpose =
    mode === "apply"
      ? "apply"
      : mode === "preview"
        ? "preview (read-only)"
        : mode === "status"
          ? "read the rollout status of"
          : "explain a tenant's user or device (read-only) with";
  const lines = [
    `Microsoft Graph application permissions to ${purpose} this plan:`,
    ...permissions.map((p) =>
      mode === "status" || mode === "explain"
        ? `  ${p.permission}\n${p.sections.map((s) => `      ${s}`).join("\n")}`
        : `  ${p.permission.padEnd(48)} ${p.sections.join(", ")}`,
    ),
    "",
  ];
  io.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.ok;
}
