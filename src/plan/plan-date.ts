// The plan's one date type: a calendar day written YYYY-MM-DD. Pure. The pattern stays in the schema so the
// exported JSON Schema tells editors the form; the check refuses days the calendar does not have (2027-02-30,
// 2027-13-45), which the pattern alone let through to the calendar report (it crashed or rolled them over).
import { z } from "zod";

const FORM = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Why `text` is not a calendar day (one clause, no trailing period), or undefined when it is one. */
export function whyNotADate(text: string): string | undefined {
  const m = FORM.exec(text);
  if (!m) return "dates are written YYYY-MM-DD, e.g. 2027-03-01";
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const name = MONTHS[month - 1];
  if (name === undefined) return `month ${month} does not exist`;
  const last = daysIn(year, month);
  if (day < 1 || day > last) return day < 1 ? `day ${day} does not exist` : `${name}${month === 2 ? ` ${year}` : ""} has ${last} days`;
  return undefined;
}

/** A calendar day, YYYY-MM-DD; an impossible one is an issue at the value ("2027-02-30 is not a date: …"). */
export const planDateSchema = z
  .string()
  .regex(FORM, { error: (issue) => `${String(issue.input)} is not a date: ${whyNotADate(String(issue.input)) ?? ""}`, abort: true })
  .check((ctx) => {
    const why = whyNotADate(ctx.value);
    if (why !== undefined) ctx.issues.push({ code: "custom", message: `${ctx.value} is not a date: ${why}`, input: ctx.value });
  });

/** `date` plus `days` calendar days (UTC, so no daylight-saving shifts), as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` comes first). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
