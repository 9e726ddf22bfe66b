// `intune-plan calendar [paths...] [--format markdown|ics]`
import { parseArgs } from "node:util";
import { renderCalendarIcs, renderCalendarMarkdown } from "../../plan/reports/calendar.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan } from "../load-plan.ts";

export function calendarCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: "string", default: "markdown" } } });
  const plan = loadPlan(positionals, io);
  if (!plan) return EXIT.errors;
  if (values.format === "markdown") io.stdout.write(renderCalendarMarkdown(plan));
  else if (values.format === "ics") io.stdout.write(renderCalendarIcs(plan));
  else { io.stderr.write("--format is markdown or ics\n"); return EXIT.usage; }
  return EXIT.ok;
}
