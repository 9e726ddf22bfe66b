// `intune-plan calendar [paths...] [--format markdown|ics|json]`
import { parseArgs } from "node:util";
import { calendarReport, renderCalendarIcs, renderCalendarMarkdown } from "../../plan/reports/calendar.ts";
import { formatDiagnosticsText } from "../../diagnostics/format-text.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadCheckedPlan } from "../load-plan.ts";

/**
 * When the calendar file is made (its DTSTAMP): now, or SOURCE_DATE_EPOCH (seconds, the reproducible-builds
 * convention) when set, so a pipeline can produce the same bytes twice.
 */
function creationTime(env: NodeJS.ProcessEnv): Date {
  const epoch = Number(env["SOURCE_DATE_EPOCH"] ?? "");
  return env["SOURCE_DATE_EPOCH"] !== undefined && Number.isInteger(epoch) && epoch >= 0 ? new Date(epoch * 1000) : new Date();
}

export function calendarCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: "string", default: "markdown" } } });
  if (values.format !== "markdown" && values.format !== "ics" && values.format !== "json") { io.stderr.write("--format is markdown, ics or json\n"); return EXIT.usage; }
  const checked = loadCheckedPlan(positionals);
  if (!checked.plan) { io.stderr.write(formatDiagnosticsText(checked.diagnostics, checked.sources)); return EXIT.errors; }
  if (values.format === "markdown") io.stdout.write(renderCalendarMarkdown(checked.plan));
  else if (values.format === "ics") io.stdout.write(renderCalendarIcs(checked.plan, creationTime(process.env)));
  else io.stdout.write(`${JSON.stringify(calendarReport(checked.plan), null, 2)}\n`);
  return EXIT.ok;
}
