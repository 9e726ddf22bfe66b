// The rollout and communication calendar per phase (S26, S30, S31), derived from phase start dates. Pure.
// Communications run over four weeks around the start: kickoff three weeks before, pre-rollout email 1 and 2 in
// the two weeks before, the enrollment email on the start date, the post-enrollment email a week after.
import { compareText } from "../text-order.ts";
import type { Plan } from "../plan/schema.ts";
import { renderCalendarGantt } from "./calendar-gantt.ts";

export interface CalendarEvent {
  readonly phase: string;
  /** Which communication this is (`kickoff`, `pre-rollout-email-1`, …): with the phase key, the event's identity. */
  readonly step: string;
  readonly date: string;
  readonly title: string;
}

/** A group of a phase's audience: its plan key and its name in the directory. */
export interface AudienceGroup {
  readonly group: string;
  readonly displayName: string;
}

export interface PhaseCalendar {
  readonly phase: string;
  readonly displayName: string;
  readonly start: string | null;
  readonly enrollment: string | null;
  readonly audience: readonly AudienceGroup[];
  readonly users: number | null;
  readonly cumulativeUsers: number;
  readonly events: readonly CalendarEvent[];
}

const STEPS: readonly [number, string, string][] = [
  [-21, "kickoff", "Kickoff"],
  [-14, "pre-rollout-email-1", "Pre-rollout email 1"],
  [-7, "pre-rollout-email-2", "Pre-rollout email 2"],
  [0, "enrollment-email", "Enrollment email (rollout starts)"],
  [7, "post-enrollment-email", "Post-enrollment email"],
];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function rolloutCalendar(plan: Plan): PhaseCalendar[] {
  let cumulative = 0;
  return plan.phases.map((p) => {
    cumulative += p.users ?? 0;
    return {
      phase: p.key,
      displayName: p.displayName,
      start: p.start ?? null,
      enrollment: p.enrollment ?? null,
      audience: p.audience.map((g) => ({ group: `groups.${g}`, displayName: plan.groups[g]?.displayName ?? g })),
      users: p.users ?? null,
      cumulativeUsers: cumulative,
      events: p.start
        ? STEPS.map(([offset, step, title]) => ({ phase: p.key, step, date: addDays(p.start as string, offset), title }))
        : [],
    };
  });
}

/** The Gantt chart section of the Markdown (empty when no phase is dated): reviewers see the schedule at a glance. */
function timeline(plan: Plan, rows: readonly PhaseCalendar[]): string[] {
  const soak = new Map(plan.phases.flatMap((p) => (p.gate?.soakDays === undefined ? [] : [[p.key, p.gate.soakDays] as const])));
  const chart = renderCalendarGantt(`Rollout calendar: ${plan.name}`, rows, soak);
  return chart === "" ? [] : ["", "## Timeline", "", chart.trimEnd()];
}

export function renderCalendarMarkdown(plan: Plan): string {
  const rows = rolloutCalendar(plan);
  const lines = [
    `# Rollout calendar: ${plan.name}`,
    "",
    "| phase | starts | enrollment | users | reached so far |",
    "|---|---|---|---:|---:|",
    ...rows.map((r) => `| ${r.displayName} | ${r.start ?? "—"} | ${r.enrollment ?? "—"} | ${r.users ?? "—"} | ${r.cumulativeUsers} |`),
    ...timeline(plan, rows),
    "",
    "## Communications",
    "",
    "| date | phase | message |",
    "|---|---|---|",
    ...rows
      .flatMap((r) => r.events)
      .sort((a, b) => compareText(a.date, b.date))
      .map((e) => `| ${e.date} | ${e.phase} | ${e.title} |`),
  ];
  return `${lines.join("\n")}\n`;
}

/** The calendar as its versioned JSON document (`calendar --format json`, docs/json-formats.md). */
export interface CalendarReport {
  readonly formatVersion: "1";
  readonly plan: string;
  readonly phases: readonly PhaseCalendar[];
}

export const calendarReport = (plan: Plan): CalendarReport => ({ formatVersion: "1", plan: plan.name, phases: rolloutCalendar(plan) });

/** RFC 5545 §3.3.11: a TEXT value with backslashes, semicolons, commas and line breaks escaped. */
export const icsText = (value: string): string =>
  value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");

/**
 * RFC 5545 §3.1: a content line longer than 75 octets is split into lines of at most 75 octets, each continuation
 * starting with one space; a UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    if (octets + size > 75) {
      out.push(current);
      current = ` ${ch}`;
      octets = 1 + size;
    } else {
      current += ch;
      octets += size;
    }
  }
  out.push(current);
  return out.join("\r\n");
}

/** RFC 5545 §3.3.5: a UTC date-time, `YYYYMMDDTHHMMSSZ`. */
const utcStamp = (at: Date): string =>
  at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");

function description(r: PhaseCalendar): string {
  return [
    `Phase: ${r.displayName} (${r.phase})`,
    `Audience: ${r.audience.map((g) => g.displayName).join(", ")}`,
    ...(r.users === null ? [] : [`Users: ~${r.users} (~${r.cumulativeUsers} reached so far)`]),
    ...(r.enrollment === null ? [] : [`Enrollment: ${r.enrollment}`]),
  ].join("\n");
}

/**
 * iCalendar (RFC 5545) all-day events, one per communication. `created` is when the file is made (DTSTAMP, in
 * UTC): the caller's clock, so this stays pure. Each UID is derived from the plan name, the phase key and the
 * communication, never from a date or a display name, so a calendar that imports the file again updates its
 * events instead of duplicating them. CRLF line ends, TEXT escaped, lines folded at 75 octets.
 */
export function renderCalendarIcs(plan: Plan, created: Date): string {
  const stamp = utcStamp(created);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//intune-plan//rollout calendar//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${icsText(`Rollout calendar: ${plan.name}`)}`,
  ];
  for (const r of rolloutCalendar(plan)) {
    for (const e of r.events) {
      lines.push(
        "BEGIN:VEVENT",
        `UID:${icsText(`${encodeURIComponent(plan.name)}.${e.phase}.${e.step}@intune-plan`)}`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${e.date.replace(/-/g, "")}`,
        `SUMMARY:${icsText(`${r.displayName}: ${e.title}`)}`,
        `DESCRIPTION:${icsText(description(r))}`,
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
      );
    }
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
