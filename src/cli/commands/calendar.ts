// `intune-plan calendar [paths...] [--format markdown|ics|json]`
import type { ParseArgsOptionsConfig } from "node:util";
import { calendarReport, renderCalendarIcs, renderCalendarMarkdown } from "../../reports/calendar.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan } from "../load-plan.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";

const OPTIONS = { format: { type: "string", default: "markdown" } } as const satisfies ParseArgsOptionsConfig;

export const calendarSpec: CommandSpec<typeof OPTIONS> = {
  name: "calendar",
  summary: "rollout and communication schedule per phase",
  positionals: PLAN_PATHS,
  options: OPTIONS,
  help: {
    format: {
      choices: ["markdown", "ics", "json"],
      text: "a Markdown table, iCalendar (RFC 5545) all-day events, or a versioned JSON document",
    },
  },
  description:
    "The rollout calendar from the phases' start dates: kickoff three weeks before each start, pre-rollout emails\ntwo weeks and one week before, the enrollment email on the day, the post-enrollment email a week after.",
  exits: "0 printed, 1 the plan has errors, 64 usage",
};

/**
 * When the calendar file is made (its DTSTAMP): now, or SOURCE_DATE_EPOCH (seconds, the reproducible-builds
 * convention) when set, so a pipeline can produce the same bytes twice.
 */
function creationTime(env: NodeJS.ProcessEnv): Date {
  const epoch = Number(env["SOURCE_DATE_EPOCH"] ?? "");
  return env["SOURCE_DATE_EPOCH"] !== undefined && Number.isInteger(epoch) && epoch >= 0 ? new Date(epoch * 1000) : new Date();
}

export function calendarCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseCommand(calendarSpec, args);
  const plan = loadPlan(positionals, io);
  if (!plan) return EXIT.errors;
  if (values.format === "markdown") io.stdout.write(renderCalendarMarkdown(plan));
  else if (values.format === "ics") io.stdout.write(renderCalendarIcs(plan, creationTime(process.env)));
  else io.stdout.write(`${JSON.stringify(calendarReport(plan), null, 2)}\n`);
  return EXIT.ok;
}
