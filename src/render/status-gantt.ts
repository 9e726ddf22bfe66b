// Where the rollout stands, as a Mermaid Gantt chart (```mermaid gantt```) for the status Markdown a job summary or
// PR comment shows: one bar per phase that went live, from the day it went live to the next one's (the active phase
// to the tenant's "as of"), marked done, active or, when its gate fails, critical; and the day the status was read.
// Upcoming phases are not drawn: their start dates are only planned. Pure; reads only the StatusReport.
import { mermaidText } from "../mermaid-text.ts";
import type { PhaseStatus, StatusReport } from "../rollout/status-report.ts";

const day = (iso: string): string => iso.slice(0, 10);

function reachText(p: PhaseStatus): string {
  if (!p.reach) return "";
  return ` (${p.reach.enrolledUsers}/${p.expectedUsers ?? p.reach.audienceUsers} users)`;
}

/** The chart, fenced for Markdown, or "" when no phase has gone live (nothing to draw; the tables say so). */
export function renderStatusGantt(report: StatusReport): string {
  const live = report.phases.filter(
    (p): p is PhaseStatus & { liveSince: NonNullable<PhaseStatus["liveSince"]> } => p.state !== "upcoming" && p.liveSince !== null,
  );
  if (live.length === 0) return "";
  const lines = [
    "```mermaid",
    "gantt",
    `  title ${mermaidText(`${report.plan}: rollout as of ${day(report.asOf)}`)}`,
    "  dateFormat YYYY-MM-DD",
    "  axisFormat %Y-%m-%d",
  ];
  live.forEach((p, i) => {
    const start = day(p.liveSince.at);
    // A bar needs a positive length: a phase that went live today (or after the next one, a rollback) spans one day.
    const next = day(p.state === "active" ? report.asOf : (live[i + 1]?.liveSince.at ?? report.asOf));
    const end = next > start ? next : undefined;
    const tag = p.state === "active" ? (p.gate?.passes === false ? "crit, active" : "active") : "done";
    const gate = p.state === "active" && p.gate ? (p.gate.passes ? ", gate passes" : ", gate fails") : "";
    lines.push(`  section ${mermaidText(p.displayName)}`);
    lines.push(
      `  ${mermaidText(`${p.state === "active" ? "live" : "was live"}${reachText(p)}${gate}`)} :${tag}, ${p.phase}, ${start}, ${end ?? "1d"}`,
    );
  });
  lines.push(`  ${mermaidText(`read ${day(report.asOf)}`)} :milestone, as-of, ${day(report.asOf)}, 0d`, "```");
  return `${lines.join("\n")}\n`;
}
