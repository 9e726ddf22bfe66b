// S31: the communication calendar per phase, from the reference plan's start dates.
import { describe, expect, it } from "vitest";
import { renderCalendarIcs, renderCalendarMarkdown, rolloutCalendar } from "../../src/plan/reports/calendar.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";

const plan = checkPlan(readPlanInputs(["plan"]).inputs).plan;
if (!plan) throw new Error("reference plan does not validate");

describe("rollout calendar", () => {
  it("schedules kickoff, two pre-rollout emails, the enrollment email and the post-enrollment email per phase", () => {
    const pilot = rolloutCalendar(plan)[0];
    expect(pilot?.events.map((e) => [e.date, e.title])).toEqual([
      ["2027-06-14", "Kickoff"],
      ["2027-06-21", "Pre-rollout email 1"],
      ["2027-06-28", "Pre-rollout email 2"],
      ["2027-07-05", "Enrollment email (rollout starts)"],
      ["2027-07-12", "Post-enrollment email"],
    ]);
  });

  it("carries enrollment approach and audience sizes, cumulatively", () => {
    expect(rolloutCalendar(plan).map((r) => [r.phase, r.enrollment, r.users, r.cumulativeUsers])).toEqual([
      ["limited-pilot", "selfService", 50, 50],
      ["expanded-pilot", "userAssisted", 210, 260],
      ["production-1", "itTechFair", 2000, 2260],
      ["production-2", "selfService", 1000, 3260],
      ["production-3", "userAssisted", 120, 3380],
    ]);
  });

  it("renders Markdown with a phase table and date-ordered communications", () => {
    const md = renderCalendarMarkdown(plan);
    expect(md).toContain("| Production 1 - Sales and Marketing | 2027-08-09 | itTechFair | 2000 | 2260 |");
    const dates = [...md.matchAll(/^\| (\d{4}-\d{2}-\d{2}) \|/gm)].map((m) => m[1]);
    expect(dates).toEqual([...dates].sort());
    expect(dates).toHaveLength(25);
  });

  it("renders reproducible iCalendar with one all-day event per communication and CRLF lines", () => {
    const ics = renderCalendarIcs(plan);
    expect(ics).toBe(renderCalendarIcs(plan));
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(25);
    expect(ics).toContain("DTSTART;VALUE=DATE:20270705\r\nSUMMARY:Limited pilot: Enrollment email (rollout starts)");
  });
});
