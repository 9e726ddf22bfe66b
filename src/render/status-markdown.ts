// `intune-plan status --format markdown`: a job summary or pull-request comment, rendered from the StatusReport.
// The first line is a marker a CI job can find to update its previous comment.
import { successRate } from "../compile/observed-health.ts";
import type { PhaseStatus, StatusReport } from "../rollout/status-report.ts";
import { renderStatusGantt } from "./status-gantt.ts";
import { acceptanceLine, liveLine, reachLine } from "./status-text.ts";

export const STATUS_MARKER = "<!-- intune-plan:status -->";

const pct = (n: number | undefined): string => (n === undefined ? "–" : `${(Math.floor(n * 1000) / 10).toString()} %`);
/** Table cells: a pipe or a line break in a name must not end the cell. */
const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

function gateCell(p: PhaseStatus): string {
  if (!p.gate) return p.state === "upcoming" ? "not started" : "–";
  const failing = p.gate.criteria.filter((c) => !c.passed).length;
  return p.gate.passes ? "✅ passes" : `❌ ${failing} failing`;
}

function phaseSection(p: PhaseStatus): string[] {
  if (p.state === "upcoming") return [];
  const lines = [
    `### ${p.position}. ${cell(p.displayName)} (\`${p.phase}\`)`,
    "",
    `${liveLine(p)}; audience ${p.audience.map((a) => cell(a.displayName)).join(", ")}`,
    "",
  ];
  const reach = reachLine(p);
  if (reach) lines.push(`Reach: ${reach}`, "");
  if (p.gate && p.gate.criteria.length > 0) {
    lines.push("| | criterion | measured |", "|---|---|---|");
    for (const c of p.gate.criteria)
      lines.push(
        `| ${c.passed ? "✅" : "❌"} | ${cell(c.criterion === "goal" ? `goal: ${c.goal ?? ""}` : c.criterion)} | ${cell(c.message)} |`,
      );
    lines.push("");
  }
  if (p.policies.length > 0) {
    lines.push(
      "<details><summary>Policies</summary>",
      "",
      "| policy | reached | succeeded | failed | conflict | pending | n/a | success |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const h of p.policies) {
      if (h.state === "deployed") {
        lines.push(`| \`${h.address}\` | ${h.deployment.deployedUsers} users (app protection) | | | | | | |`);
        continue;
      }
      if (h.state === "accepted") {
        lines.push(`| \`${h.address}\` | ${cell(acceptanceLine(h.acceptance))} | | | | | | |`);
        continue;
      }
      if (h.state !== "measured") {
        lines.push(`| \`${h.address}\` | ${h.state === "missing" ? "not in the tenant" : "not measured"} | | | | | | |`);
        continue;
      }
      const d = h.devices;
      lines.push(
        `| \`${h.address}\` | ${d.reached} | ${d.succeeded} | ${d.failed} | ${d.conflict}${h.settings.length > 0 ? ` (${h.settings.map((s) => cell(s.setting)).join(", ")})` : ""} | ${d.pending} | ${d.notApplicable} | ${pct(successRate(d))} |`,
      );
    }
    lines.push("", "</details>", "");
  }
  return lines;
}

export function renderStatusMarkdown(report: StatusReport): string {
  const verdict = report.verdict === "passes" ? "✅ passes" : "❌ does not pass";
  return [
    STATUS_MARKER,
    `## Rollout status: ${cell(report.plan)}`,
    "",
    `The gate of **${report.activePhase}** ${verdict} (${cell(report.tenant)}, as of ${report.asOf.slice(0, 16).replace("T", " ")} UTC; ${report.requests} Graph requests).`,
    "",
    renderStatusGantt(report),
    "| # | phase | state | live since | reach | gate |",
    "|---:|---|---|---|---|---|",
    ...report.phases.map(
      (p) =>
        `| ${p.position} | ${cell(p.displayName)} | ${p.state} | ${p.liveSince ? p.liveSince.at.slice(0, 10) : "–"} | ${p.reach ? `${p.reach.enrolledUsers}/${p.expectedUsers ?? p.reach.audienceUsers} users, ${p.reach.enrolledDevices} devices` : "–"} | ${gateCell(p)} |`,
    ),
    "",
    ...report.phases.flatMap(phaseSection),
  ].join("\n");
}
