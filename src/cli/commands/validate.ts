// `intune-plan validate [paths...] [--format text|json|sarif]`
import { parseArgs } from "node:util";
import { hasErrors } from "../../diagnostics/diagnostic.ts";
import { formatDiagnosticsJson } from "../../diagnostics/format-json.ts";
import { formatDiagnosticsSarif } from "../../diagnostics/format-sarif.ts";
import { formatDiagnosticsText } from "../../diagnostics/format-text.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadCheckedPlan } from "../load-plan.ts";
import { VERSION } from "../version.ts";

export function validateCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: "string", default: "text" } } });
  const checked = loadCheckedPlan(positionals);
  const d = checked.diagnostics;
  switch (values.format) {
    case "json": io.stdout.write(formatDiagnosticsJson(d)); break;
    case "sarif": io.stdout.write(formatDiagnosticsSarif(d, { toolVersion: VERSION })); break;
    case "text": {
      const files = checked.sources.size;
      const text = d.length > 0 ? formatDiagnosticsText(d, checked.sources) : `${files} file${files === 1 ? "" : "s"} checked: no problems\n`;
      (hasErrors(d) ? io.stderr : io.stdout).write(text);
      break;
    }
    default:
      io.stderr.write(`unknown --format ${values.format ?? ""}; use text, json or sarif\n`);
      return EXIT.usage;
  }
  return hasErrors(d) ? EXIT.errors : EXIT.ok;
}
