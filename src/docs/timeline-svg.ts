// The rollout timeline as an inline SVG: one bar per phase over a date axis (its window, start to end), and below
// it the cumulative users reached as a step line. Phases without a start date follow the previous bar with the
// default window, drawn hatched, so every phase has its bar. Pure; fixed geometry and integer-rounded coordinates,
// so the same phases give the same bytes.
import type { DocPhase } from "./docs-model.ts";
import { htmlText } from "./html-text.ts";

const WIDTH = 960;
const LABEL = 230;
const RIGHT = 70;
const TOP = 34;
const ROW = 30;
const BAND = 130;
const DAY = 86_400_000;
const DEFAULT_DAYS = 14;

const toDay = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
const fromDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const r1 = (n: number): string => String(Math.round(n * 10) / 10);

/** Each phase's window in days since the epoch; `dated` false where the plan gives no start date. */
export interface PhaseSpan {
  readonly phase: DocPhase;
  readonly from: number;
  readonly to: number;
  readonly dated: boolean;
}

export function phaseSpans(phases: readonly DocPhase[]): PhaseSpan[] {
  const spans: PhaseSpan[] = [];
  const firstDated = phases.find((p) => p.start !== null)?.start ?? undefined;
  let cursor = firstDated == null ? 0 : toDay(firstDated);
  for (const p of phases) {
    if (p.start !== null) {
      const from = toDay(p.start);
      const to = Math.max(from + 1, p.end === null ? from + DEFAULT_DAYS : toDay(p.end));
      spans.push({ phase: p, from, to, dated: true });
      cursor = to;
    } else {
      spans.push({ phase: p, from: cursor, to: cursor + DEFAULT_DAYS, dated: false });
      cursor += DEFAULT_DAYS;
    }
  }
  return spans;
}

/** First days of months between `from` and `to`, thinned to at most 12 ticks. */
function monthTicks(from: number, to: number): number[] {
  const start = new Date(from * DAY);
  const months: number[] = [];
  for (
    let m = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    m.getTime() / DAY <= to;
    m.setUTCMonth(m.getUTCMonth() + 1)
  )
    months.push(Math.round(m.getTime() / DAY));
  const step = Math.max(1, Math.ceil(months.length / 12));
  return months.filter((_, i) => i % step === 0);
}

/** The SVG element (no XML prolog: it is inlined in HTML). Empty string when the plan has no phases. */
export function renderTimelineSvg(phases: readonly DocPhase[], title: string): string {
  if (phases.length === 0) return "";
  const spans = phaseSpans(phases);
  const min = Math.min(...spans.map((s) => s.from));
  const max = Math.max(...spans.map((s) => s.to));
  const plotWidth = WIDTH - LABEL - RIGHT;
  const x = (day: number): number => LABEL + ((day - min) / Math.max(1, max - min)) * plotWidth;
  const barsBottom = TOP + spans.length * ROW;
  const bandTop = barsBottom + 28;
  const height = bandTop + BAND + 30;
  const dated = spans.some((s) => s.dated);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" id="timeline" role="img" aria-labelledby="timeline-title" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">`,
    `<title id="timeline-title">${htmlText(title)}</title>`,
    `<defs><pattern id="undated" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="6" fill="#8fb3d9"/></pattern></defs>`,
  ];
  if (dated) {
    for (const t of monthTicks(min, max)) {
      out.push(
        `<line class="tick" x1="${r1(x(t))}" y1="${TOP - 6}" x2="${r1(x(t))}" y2="${bandTop + BAND}" stroke="#d0d7de"/>`,
        `<text x="${r1(x(t))}" y="${TOP - 12}" font-size="11" text-anchor="middle" fill="#57606a">${fromDay(t).slice(0, 7)}</text>`,
      );
    }
  }
  spans.forEach((s, i) => {
    const y = TOP + i * ROW;
    const users = s.phase.users === null ? "users unknown" : `~${s.phase.users} users`;
    const label = `${s.phase.displayName}`;
    out.push(
      `<g class="phase-bar" data-phase="${htmlText(s.phase.key)}"><a href="#${s.phase.anchor}">`,
      `<text x="${LABEL - 8}" y="${y + 19}" font-size="12" text-anchor="end" fill="#24292f">${htmlText(label.length > 34 ? `${label.slice(0, 33)}…` : label)}</text>`,
      `<rect x="${r1(x(s.from))}" y="${y + 5}" width="${r1(Math.max(3, x(s.to) - x(s.from)))}" height="${ROW - 10}" rx="3" fill="${s.dated ? "#0969da" : "url(#undated)"}"><title>${htmlText(`${s.phase.displayName}: ${s.dated ? `${fromDay(s.from)} → ${fromDay(s.to)}` : "no start date"}, ${users}`)}</title></rect>`,
      `<text x="${r1(x(s.to) + 4)}" y="${y + 19}" font-size="11" fill="#57606a">${htmlText(users)}</text>`,
      `</a></g>`,
    );
  });
  const most = Math.max(1, ...spans.map((s) => s.phase.cumulativeUsers));
  const y = (users: number): number => bandTop + BAND - (users / most) * BAND;
  const points: string[] = [`${r1(x(min))},${r1(y(0))}`];
  let level = 0;
  for (const s of spans) {
    points.push(`${r1(x(s.from))},${r1(y(level))}`);
    level = s.phase.cumulativeUsers;
    points.push(`${r1(x(s.from))},${r1(y(level))}`);
  }
  points.push(`${r1(x(max))},${r1(y(level))}`);
  out.push(
    `<g id="cumulative-users">`,
    `<text x="${LABEL - 8}" y="${bandTop + 12}" font-size="12" text-anchor="end" fill="#24292f">Users reached</text>`,
    `<text x="${LABEL - 8}" y="${bandTop + 28}" font-size="11" text-anchor="end" fill="#57606a">(cumulative)</text>`,
    `<line x1="${LABEL}" y1="${bandTop + BAND}" x2="${WIDTH - RIGHT}" y2="${bandTop + BAND}" stroke="#57606a"/>`,
    `<polyline points="${points.join(" ")}" fill="none" stroke="#1a7f37" stroke-width="2"/>`,
    ...spans.map(
      (s) =>
        `<circle cx="${r1(x(s.from))}" cy="${r1(y(s.phase.cumulativeUsers))}" r="3" fill="#1a7f37"/><text x="${r1(x(s.from) + 5)}" y="${r1(y(s.phase.cumulativeUsers) - 5)}" font-size="11" fill="#1a7f37">${s.phase.cumulativeUsers}</text>`,
    ),
    `</g>`,
    dated
      ? `<text x="${LABEL}" y="${height - 8}" font-size="11" fill="#57606a">${fromDay(min)}</text><text x="${WIDTH - RIGHT}" y="${height - 8}" font-size="11" text-anchor="end" fill="#57606a">${fromDay(max)}</text>`
      : `<text x="${LABEL}" y="${height - 8}" font-size="11" fill="#57606a">No phase has a start date: phases are drawn in order, ${DEFAULT_DAYS} days each.</text>`,
    `</svg>`,
  );
  return out.join("\n");
}
