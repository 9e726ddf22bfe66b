// `intune-plan calendar [paths...] [--format markdown|ics]`
import { parseArgs } from "node:util";
import { renderCalendarIcs, renderCalendarMarkdown } from "../../plan/reports/calendar.ts";
import { formatDiagnosticsText } from "../../diagnostics/format-text.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadCheckedPlan } from "../load-plan.ts";

export function calendarCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: "string", default: "markdown" } } });
  const checked = loadCheckedPlan(positionals);
  if (!checked.plan) { io.stderr.write(formatDiagnosticsText(checked.diagnostics, checked.sources)); return EXIT.errors; }
  if (values.format === "markdown") io.stdout.write(renderCalendarMarkdown(checked.plan));
  else if (values.format === "ics") io.stdout.write(renderCalendarIcs(checked.plan));
  else { io.stderr.write("--format is markdown or ics\n"); return EXIT.usage; }
  return EXIT.ok;
}
