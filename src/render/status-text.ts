// `intune-plan status` for a terminal, rendered from the versioned StatusReport only (as every view is).
import type { CriterionResult } from "../rollout/gate.ts";
import type { Acceptance, PolicyHealth } from "../compile/observed-health.ts";
import { successRate } from "../compile/observed-health.ts";
import type { PhaseStatus, StatusReport } from "../rollout/status-report.ts";

const pct = (n: number | undefined): string => (n === undefined ? "-" : `${(Math.floor(n * 1000) / 10).toString()} %`);
const day = (iso: string): string => iso.slice(0, 10);

export function liveLine(p: PhaseStatus): string {
  if (!p.liveSince) return "no start date";
  const l = p.liveSince;
  const who =
    l.by === undefined ? "" : l.action === undefined ? `: ${l.by}` : `: ${l.action === "promote" ? "promoted" : "rolled back"} by ${l.by}`;
  const why = l.forced ? `, forced: ${l.reason ?? ""}` : l.reason !== undefined ? ` (${l.reason})` : "";
  const from = l.source === "option" ? "--live-since" : l.source === "stack" ? `stack${who}${why}` : "plan start";
  return `${p.state === "upcoming" ? "starts" : "live since"} ${day(p.liveSince.at)} (${from})`;
}

export function reachLine(p: PhaseStatus): string | undefined {
  if (!p.reach) return undefined;
  const r = p.reach;
  const compliance = Object.entries(r.compliance)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");
  return `${r.enrolledUsers} of ${p.expectedUsers ?? r.audienceUsers} expected users enrolled (${r.audienceUsers} in the audience), ${r.enrolledDevices} devices${compliance ? `: ${compliance}` : ""}`;
}

export const criterionLine = (c: CriterionResult): string =>
  `${c.criterion === "goal" ? `goal "${c.goal ?? ""}": ` : `${c.criterion}: `}${c.message}`;

const COLUMNS = ["reached", "ok", "failed", "conflict", "pending", "n/a"] as const;
const COLUMN = 9;

/** Terms and conditions: who of the phase's audience accepted the current version. */
export const acceptanceLine = (a: Acceptance): string =>
  `terms v${a.version}: accepted by ${a.acceptedCurrent}/${a.audienceUsers} users (${pct(a.audienceUsers > 0 ? a.acceptedCurrent / a.audienceUsers : undefined)})${a.acceptedOlder > 0 ? `, ${a.acceptedOlder} must accept again` : ""}`;

function policyRow(p: PolicyHealth, width: number): string {
  if (p.state === "missing") return `    ${p.address.padEnd(width)}not in the tenant`;
  if (p.state === "unmeasured") return `    ${p.address.padEnd(width)}not measured (${p.kind}: ${p.why})`;
  if (p.state === "deployed") {
    const apps = p.deployment.apps.map((a) => `${a.app} ${a.users}`).join(", ");
    return `    ${p.address.padEnd(width)}app protection: deployed to ${p.deployment.deployedUsers} users${apps ? ` (per app: ${apps})` : ""}`;
  }
  if (p.state === "accepted") return `    ${p.address.padEnd(width)}${acceptanceLine(p.acceptance)}`;
  const d = p.devices;
  const cols = [d.reached, d.succeeded, d.failed, d.conflict, d.pending, d.notApplicable].map((n) => String(n).padStart(COLUMN)).join("");
  const settings =
    p.settings.length > 0 ? `  conflicts: ${p.settings.map((s) => `${s.setting} (${s.conflictDevices + s.errorDevices})`).join(", ")}` : "";
  return `    ${p.address.padEnd(width)}${cols}${pct(successRate(d)).padStart(COLUMN)}   ${p.users ? `users ok ${p.users.succeeded}/${p.users.reached}` : "users: -"}${settings}`;
}

function phaseBlock(p: PhaseStatus, active: boolean): string[] {
  const head = `${p.position}. ${p.phase} (${p.displayName})${active ? "  [active]" : p.state === "upcoming" ? "  [upcoming]" : "  [live]"}  ${liveLine(p)}`;
  const lines = [
    head,
    `   audience: ${p.audience.map((a) => a.displayName).join(", ")}${p.expectedUsers !== null ? `; expects ${p.expectedUsers} users` : ""}`,
  ];
  if (p.state === "upcoming") return lines;
  const reach = reachLine(p);
  if (reach) lines.push(`   reach: ${reach}`);
  if (p.policies.length > 0) {
    const width = Math.max(...p.policies.map((h) => h.address.length)) + 1;
    lines.push(`    ${"policy (devices)".padEnd(width)}${[...COLUMNS, "success"].map((h) => h.padStart(COLUMN)).join("")}`);
    lines.push(...p.policies.map((h) => policyRow(h, width)));
  }
  if (p.gate) {
    lines.push(`   gate: ${p.gate.passes ? "passes" : "does not pass"}`);
    lines.push(...p.gate.criteria.map((c) => `     ${c.passed ? "ok  " : "FAIL"} ${criterionLine(c)}`));
  }
  return lines;
}

export function renderStatusText(report: StatusReport): string {
  const head = `${report.plan} on ${report.tenant}, as of ${report.asOf.slice(0, 16).replace("T", " ")} UTC: the gate of ${report.activePhase} ${report.verdict === "passes" ? "passes" : "does not pass"}`;
  return `${[head, "", ...report.phases.flatMap((p) => [...phaseBlock(p, p.phase === report.activePhase), ""])].join("\n")}`;
}
