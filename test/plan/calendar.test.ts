// S31: the communication calendar per phase, from the reference plan's start dates.
import { describe, expect, it } from "vitest";
import { renderCalendarIcs, renderCalendarMarkdown, rolloutCalendar } from "../../src/reports/calendar.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";
import type { Plan } from "../../src/plan/schema.ts";

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

  it("renders iCalendar with one all-day event per communication, CRLF lines, reproducible for one creation time", () => {
    const ics = renderCalendarIcs(plan, CREATED);
    expect(ics).toBe(renderCalendarIcs(plan, CREATED));
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(25);
    expect(unfold(ics)).toContain("DTSTART;VALUE=DATE:20270705\r\nSUMMARY:Limited pilot: Enrollment email (rollout starts)");
  });
});

// RFC 5545 as calendar clients read it: §3.1 folding, §3.3.11 TEXT escaping, §3.8.7.2 DTSTAMP, §3.8.4.7 UID.
const CREATED = new Date("2026-12-03T11:22:33.456Z");
const unfold = (ics: string): string => ics.replace(/\r\n[ \t]/g, "");
const contentLines = (ics: string): string[] =>
  unfold(ics)
    .split("\r\n")
    .filter((l) => l !== "");
const values = (ics: string, name: string): string[] =>
  contentLines(ics)
    .filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
    .map((l) => l.slice(l.indexOf(":") + 1));
const unescapeText = (v: string): string => v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === "n" || c === "N" ? "\n" : c));

describe("rollout calendar as RFC 5545 iCalendar", () => {
  const first = plan.phases[0];
  if (!first) throw new Error("plan has no phases");
  const awkward: Plan = {
    ...plan,
    name: "Contoso, EU; \\ north",
    phases: [{ ...first, displayName: "Pilot, wave 1; IT\\Ops\nsecond line" }, ...plan.phases.slice(1)],
  };

  it("escapes commas, semicolons, backslashes and newlines in TEXT values", () => {
    const ics = renderCalendarIcs(awkward, CREATED);
    const summary = values(ics, "SUMMARY")[0] ?? "";
    expect(summary).toBe("Pilot\\, wave 1\\; IT\\\\Ops\\nsecond line: Kickoff");
    expect(unescapeText(summary)).toBe("Pilot, wave 1; IT\\Ops\nsecond line: Kickoff");
    for (const v of [...values(ics, "SUMMARY"), ...values(ics, "DESCRIPTION")]) expect(v, v).not.toMatch(/(^|[^\\])(\\\\)*[,;]/);
  });

  it("folds lines longer than 75 octets without splitting a UTF-8 character, and unfolds to the same content", () => {
    const long: Plan = {
      ...plan,
      phases: plan.phases.map((p) => ({ ...p, displayName: `${p.displayName} — Übergangsphase für Geräte 📱 ${"x".repeat(90)}` })),
    };
    const ics = renderCalendarIcs(long, CREATED);
    const physical = ics.split("\r\n").slice(0, -1);
    for (const line of physical) {
      expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
      expect(line).not.toContain("\uFFFD");
    }
    expect(physical.some((l) => l.startsWith(" "))).toBe(true);
    expect(values(ics, "SUMMARY")[0]).toBe(`${long.phases[0]?.displayName ?? ""}: Kickoff`);
  });

  it("stamps every event with the creation time in UTC", () => {
    const stamps = values(renderCalendarIcs(plan, CREATED), "DTSTAMP");
    expect(stamps).toHaveLength(25);
    expect(new Set(stamps)).toEqual(new Set(["20261203T112233Z"]));
  });

  it("gives each event a unique UID from the plan and phase keys that stays when dates, names or the stamp change", () => {
    const uids = values(renderCalendarIcs(plan, CREATED), "UID");
    expect(new Set(uids).size).toBe(25);
    for (const p of plan.phases) expect(uids.filter((u) => u.includes(p.key))).toHaveLength(5);
    const moved: Plan = {
      ...plan,
      phases: plan.phases.map((p) => ({ ...p, displayName: `${p.displayName} (renamed)`, ...(p.start ? { start: "2028-01-03" } : {}) })),
    };
    expect(values(renderCalendarIcs(moved, new Date("2027-01-01T00:00:00Z")), "UID")).toEqual(uids);
  });

  it("describes each event with the phase's audience groups, size and enrollment approach", () => {
    const ics = renderCalendarIcs(plan, CREATED);
    const descriptions = values(ics, "DESCRIPTION").map(unescapeText);
    expect(descriptions).toHaveLength(25);
    for (const [i, p] of plan.phases.entries()) {
      const own = descriptions.slice(i * 5, i * 5 + 5);
      for (const g of p.audience) for (const d of own) expect(d).toContain(plan.groups[g]?.displayName ?? `(missing ${g})`);
      for (const d of own) expect(d).toContain(String(p.users));
      for (const d of own) expect(d).toContain(String(p.enrollment));
    }
  });
});
