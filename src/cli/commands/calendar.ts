// `intune-plan calendar [paths...] [--format markdown|ics]`
import type { ParseArgsOptionsConfig } from "node:util";
import { renderCalendarIcs, renderCalendarMarkdown } from "../../plan/reports/calendar.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan } from "../load-plan.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";

const OPTIONS = { format: { type: "string", default: "markdown" } } as const satisfies ParseArgsOptionsConfig;

export const calendarSpec: CommandSpec<typeof OPTIONS> = {
  name: "calendar", summary: "rollout and communication schedule per phase", positionals: PLAN_PATHS, options: OPTIONS,
  help: { format: { choices: ["markdown", "ics"], text: "a Markdown table, or iCalendar (RFC 5545) all-day events" } },
  description: "The rollout calendar from the phases' start dates: kickoff three weeks before each start, pre-rollout emails\ntwo weeks and one week before, the enrollment email on the day, the post-enrollment email a week after.",
  exits: "0 printed, 1 the plan has errors, 64 usage",
};

export function calendarCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseCommand(calendarSpec, args);
  const plan = loadPlan(positionals, io);
  if (!plan) return EXIT.errors;
  io.stdout.write(values.format === "ics" ? renderCalendarIcs(plan) : renderCalendarMarkdown(plan));
  return EXIT.ok;
}
