// `intune-plan validate [paths...] [--format text|json|sarif]`
import type { ParseArgsOptionsConfig } from "node:util";
import { hasErrors } from "../../diagnostics/diagnostic.ts";
import { formatDiagnosticsJson } from "../../diagnostics/format-json.ts";
import { formatDiagnosticsSarif } from "../../diagnostics/format-sarif.ts";
import { formatDiagnosticsText } from "../../diagnostics/format-text.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadCheckedPlan } from "../load-plan.ts";
import { VERSION } from "../version.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";

const OPTIONS = { format: { type: "string", default: "text" } } as const satisfies ParseArgsOptionsConfig;

export const validateSpec: CommandSpec<typeof OPTIONS> = {
  name: "validate",
  summary: "check plan files; exit 1 on errors",
  positionals: PLAN_PATHS,
  options: OPTIONS,
  help: {
    format: {
      choices: ["text", "json", "sarif"],
      text: "compiler-style text (on stderr when there are errors), versioned JSON, or SARIF 2.1.0",
    },
  },
  description:
    "Checks the plan as every other command and the Pulumi program will: YAML, keys and types, Graph properties\nagainst Microsoft's published types, references, phases, assignments and setting conflicts.",
  exits: "0 clean (warnings allowed), 1 errors, 64 usage",
};

export function validateCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseCommand(validateSpec, args);
  const checked = loadCheckedPlan(positionals);
  const d = checked.diagnostics;
  switch (values.format) {
    case "json":
      io.stdout.write(formatDiagnosticsJson(d));
      break;
    case "sarif":
      io.stdout.write(formatDiagnosticsSarif(d, { toolVersion: VERSION }));
      break;
    default: {
      const files = checked.sources.size;
      const text =
        d.length > 0 ? formatDiagnosticsText(d, checked.sources) : `${files} file${files === 1 ? "" : "s"} checked: no problems\n`;
      (hasErrors(d) ? io.stderr : io.stdout).write(text);
      break;
    }
  }
  return hasErrors(d) ? EXIT.errors : EXIT.ok;
}
