// The rollout and communication calendar per phase (S26, S30, S31), derived from phase start dates. Pure.
// Communications run over four weeks around the start: kickoff three weeks before, pre-rollout email 1 and 2 in
// the two weeks before, the enrollment email on the start date, the post-enrollment email a week after.
import { compareText } from "../../text-order.ts";
import type { Plan } from "../schema.ts";

export interface CalendarEvent {
  readonly phase: string;
  readonly date: string;
  readonly title: string;
}

export interface PhaseCalendar {
  readonly phase: string;
  readonly displayName: string;
  readonly start: string | null;
  readonly enrollment: string | null;
  readonly users: number | null;
  readonly cumulativeUsers: number;
  readonly events: readonly CalendarEvent[];
}

const STEPS: readonly [number, string][] = [
  [-21, "Kickoff"],
  [-14, "Pre-rollout email 1"],
  [-7, "Pre-rollout email 2"],
  [0, "Enrollment email (rollout starts)"],
  [7, "Post-enrollment email"],
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
      users: p.users ?? null,
      cumulativeUsers: cumulative,
      events: p.start ? STEPS.map(([offset, title]) => ({ phase: p.key, date: addDays(p.start as string, offset), title })) : [],
    };
  });
}

export function renderCalendarMarkdown(plan: Plan): string {
  const rows = rolloutCalendar(plan);
  const lines = [
    `# Rollout calendar: ${plan.name}`, "",
    "| phase | starts | enrollment | users | reached so far |", "|---|---|---|---:|---:|",
    ...rows.map((r) => `| ${r.displayName} | ${r.start ?? "—"} | ${r.enrollment ?? "—"} | ${r.users ?? "—"} | ${r.cumulativeUsers} |`),
    "", "## Communications", "", "| date | phase | message |", "|---|---|---|",
    ...rows.flatMap((r) => r.events).sort((a, b) => compareText(a.date, b.date)).map((e) => `| ${e.date} | ${e.phase} | ${e.title} |`),
  ];
  return `${lines.join("\n")}\n`;
}

/** iCalendar (RFC 5545) all-day events; UIDs and DTSTAMP are derived from the plan so output is reproducible. */
export function renderCalendarIcs(plan: Plan): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//intune-plan//rollout calendar//EN", "CALSCALE:GREGORIAN"];
  for (const r of rolloutCalendar(plan)) {
    for (const e of r.events) {
      const day = e.date.replace(/-/g, "");
      lines.push("BEGIN:VEVENT", `UID:${plan.name}-${e.phase}-${day}-${e.title.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}@intune-plan`, `DTSTAMP:${day}T000000Z`, `DTSTART;VALUE=DATE:${day}`, `SUMMARY:${r.displayName}: ${e.title}`, "END:VEVENT");
    }
  }
  lines.push("END:VCALENDAR");
  return `${lines.join("\r\n")}\r\n`;
}
