// The rollout calendar as a Mermaid Gantt chart (```mermaid gantt```), which GitHub draws in a PR comment: one
// section per dated phase with its rollout window and its communication milestones. Pure; reads only the calendar.
import { mermaidText } from "../mermaid-text.ts";
import type { PhaseCalendar } from "./calendar.ts";

/** Whole days from `from` to `to` (YYYY-MM-DD, UTC). */
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The chart, fenced for Markdown, or "" when no phase has a start date. A phase's window runs from its start to the
 * next dated phase's start (the last one for its gate's soak days, else 14 days); each communication is a
 * milestone on its date. Task ids are `<phase>-<step>` (phase keys are already [a-z0-9-]). Phases without a start
 * date have nothing to draw and are left out; the calendar's tables still list them.
 */
export function renderCalendarGantt(title: string, phases: readonly PhaseCalendar[], soakDays: ReadonlyMap<string, number>): string {
  const dated = phases.filter((p): p is PhaseCalendar & { start: string } => p.start !== null);
  if (dated.length === 0) return "";
  const lines = ["```mermaid", "gantt", `  title ${mermaidText(title)}`, "  dateFormat YYYY-MM-DD", "  axisFormat %Y-%m-%d"];
  dated.forEach((p, i) => {
    const next = dated[i + 1]?.start;
    const length = next !== undefined && daysBetween(p.start, next) > 0 ? daysBetween(p.start, next) : (soakDays.get(p.phase) ?? 14);
    lines.push(`  section ${mermaidText(p.displayName)}`);
    lines.push(
      `  ${mermaidText(`Rollout window${p.users === null ? "" : ` (~${p.users} users)`}`)} :${p.phase}-window, ${p.start}, ${Math.max(1, length)}d`,
    );
    for (const e of p.events) lines.push(`  ${mermaidText(e.title)} :milestone, ${p.phase}-${e.step}, ${e.date}, 0d`);
  });
  lines.push("```");
  return `${lines.join("\n")}\n`;
}
