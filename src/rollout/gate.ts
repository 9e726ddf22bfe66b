// The gate, evaluated: every criterion the plan gives for a phase, measured against the phase's health. Pure: the
// phase, its health, when it went live and the tenant's clock in; a verdict out that names every failing
// criterion with the figure measured, the threshold, and the policies behind it.
import { GOAL_METRIC_KIND } from "../plan/validate/goals.ts";
import type { GoalMetric, GoalRule, Phase } from "../plan/schema.ts";
import type { PhaseHealth } from "../compile/observed-health.ts";
import { measured, successRate } from "../compile/observed-health.ts";
import type { LiveSince } from "./live-since.ts";
import { usersNeeded } from "../plan/users-needed.ts";

export type CriterionKind = "applied" | "soakDays" | "minSuccessRate" | "maxErrors" | "maxConflicts" | "sizeTolerance" | "goal";

export interface CriterionResult {
  readonly criterion: CriterionKind;
  readonly passed: boolean;
  /** The figure measured (days, a share from 0 to 1, a count); null when there was nothing to measure. */
  readonly measured: number | null;
  readonly threshold: number;
  /** `atLeast`: measured must reach the threshold; `atMost`: stay at or under it. */
  readonly direction: "atLeast" | "atMost";
  /** The policies the figure comes from when it is per policy: the failing ones when it fails. */
  readonly policies: readonly string[];
  /** One sentence: what was measured against what. */
  readonly message: string;
  /** The goal's text, for criterion goal. */
  readonly goal?: string;
}

export interface GateVerdict {
  readonly passes: boolean;
  readonly criteria: readonly CriterionResult[];
}

const DAY = 86_400_000;
const pct = (n: number): string => `${(Math.floor(n * 1000) / 10).toString()} %`;
const holds = (direction: "atLeast" | "atMost", value: number, threshold: number): boolean =>
  direction === "atLeast" ? value >= threshold : value <= threshold;

/** A goal metric over the phase: shares of devices or users, lowest success rate, or summed device counts. */
function metric(name: GoalMetric, phase: Phase, health: PhaseHealth): { value: number | null; policies: string[] } {
  const policies = measured(health.policies);
  const sum = (pick: (p: (typeof policies)[number]) => number): number => policies.reduce((n, p) => n + pick(p), 0);
  switch (name) {
    case "compliantDevices":
      return {
        value: health.reach.enrolledDevices > 0 ? (health.reach.compliance["compliant"] ?? 0) / health.reach.enrolledDevices : null,
        policies: [],
      };
    case "enrolledUsers":
      return { value: phase.users ? health.reach.enrolledUsers / phase.users : null, policies: [] };
    case "successRate": {
      const rates = policies
        .map((p) => [p, successRate(p.devices)] as const)
        .filter((r): r is readonly [(typeof policies)[number], number] => r[1] !== undefined);
      if (rates.length === 0) return { value: null, policies: [] };
      const lowest = Math.min(...rates.map(([, r]) => r));
      return { value: lowest, policies: rates.filter(([, r]) => r === lowest).map(([p]) => p.address) };
    }
    case "errors":
      return { value: sum((p) => p.devices.failed), policies: policies.filter((p) => p.devices.failed > 0).map((p) => p.address) };
    case "conflicts":
      return { value: sum((p) => p.devices.conflict), policies: policies.filter((p) => p.devices.conflict > 0).map((p) => p.address) };
    case "pendingDevices":
      return { value: sum((p) => p.devices.pending), policies: policies.filter((p) => p.devices.pending > 0).map((p) => p.address) };
  }
}

function goalResult(goal: GoalRule, phase: Phase, health: PhaseHealth, days: number): CriterionResult {
  const direction = goal.atLeast !== undefined ? "atLeast" : "atMost";
  const threshold = goal.atLeast ?? goal.atMost ?? 0;
  const { value, policies } = metric(goal.metric, phase, health);
  const share = GOAL_METRIC_KIND[goal.metric] === "share";
  const show = (n: number): string => (share ? pct(n) : String(n));
  const passed = value !== null && holds(direction, value, threshold);
  const due =
    goal.withinDays === undefined
      ? ""
      : days < goal.withinDays
        ? ` (due by day ${goal.withinDays}; day ${Math.floor(days)} now)`
        : ` (due by day ${goal.withinDays}: missed)`;
  const message =
    value === null
      ? `${goal.metric}: nothing to measure yet${due}`
      : `${goal.metric} ${show(value)}, ${direction === "atLeast" ? "needs at least" : "allows at most"} ${show(threshold)}${passed ? "" : due}`;
  return { criterion: "goal", passed, measured: value, threshold, direction, policies: passed ? [] : policies, message, goal: goal.text };
}

/**
 * The verdict on `phase` at `now`. Per-policy criteria (success rate, errors, conflicts) hold for each measured
 * policy; a policy that reaches no device it applies to has no success rate and does not fail it. A policy the
 * tenant does not hold fails the gate (the phase is not applied), whatever else the plan says.
 */
export function evaluateGate(phase: Phase, health: PhaseHealth, liveSince: LiveSince | undefined, now: string): GateVerdict {
  const out: CriterionResult[] = [];
  const gate = phase.gate ?? {};
  const policies = measured(health.policies);
  const missing = health.policies.filter((p) => p.state === "missing").map((p) => p.address);
  if (missing.length > 0)
    out.push({
      criterion: "applied",
      passed: false,
      measured: health.policies.length - missing.length,
      threshold: health.policies.length,
      direction: "atLeast",
      policies: missing,
      message: `${missing.length} of the phase's ${health.policies.length} policies are not in the tenant`,
    });
  const days = liveSince ? (Date.parse(now) - Date.parse(liveSince.at)) / DAY : 0;
  if (gate.soakDays !== undefined) {
    const live = liveSince !== undefined && days >= 0;
    const passed = live && days >= gate.soakDays;
    const shown = Math.floor(days * 10) / 10;
    out.push({
      criterion: "soakDays",
      passed,
      measured: live ? shown : null,
      threshold: gate.soakDays,
      direction: "atLeast",
      policies: [],
      message: !liveSince
        ? `nothing says when ${phase.key} went live (no start in the plan, no --live-since)`
        : !live
          ? `${phase.key} goes live ${liveSince.at.slice(0, 10)}, not yet`
          : `live ${shown} days (since ${liveSince.at.slice(0, 10)}), soak needs ${gate.soakDays}`,
    });
  }
  if (gate.minSuccessRate !== undefined) {
    const threshold = gate.minSuccessRate;
    const rated = policies
      .map((p) => ({ p, rate: successRate(p.devices) }))
      .filter((r): r is { p: (typeof policies)[number]; rate: number } => r.rate !== undefined);
    const failing = rated.filter((r) => r.rate < threshold);
    const lowest = rated.length > 0 ? Math.min(...rated.map((r) => r.rate)) : null;
    out.push({
      criterion: "minSuccessRate",
      passed: failing.length === 0,
      measured: lowest,
      threshold,
      direction: "atLeast",
      policies: failing.map((r) => r.p.address),
      message:
        failing.length === 0
          ? lowest === null
            ? "no policy has reached a device it applies to yet"
            : `lowest success rate ${pct(lowest)}, needs at least ${pct(threshold)}`
          : `${failing.map((r) => `${r.p.address} ${pct(r.rate)}`).join(", ")}: below ${pct(threshold)}`,
    });
  }
  const perPolicyMax = (
    criterion: "maxErrors" | "maxConflicts",
    limit: number | undefined,
    pick: (p: (typeof policies)[number]) => number,
    what: string,
  ): void => {
    if (limit === undefined) return;
    const failing = policies.filter((p) => pick(p) > limit);
    const highest = policies.length > 0 ? Math.max(...policies.map(pick)) : 0;
    out.push({
      criterion,
      passed: failing.length === 0,
      measured: highest,
      threshold: limit,
      direction: "atMost",
      policies: failing.map((p) => p.address),
      message:
        failing.length === 0
          ? `at most ${highest} ${what} devices per policy, allows ${limit}`
          : `${failing.map((p) => `${p.address} ${pick(p)}`).join(", ")} ${what} devices: more than ${limit}`,
    });
  };
  perPolicyMax("maxErrors", gate.maxErrors, (p) => p.devices.failed, "failed");
  perPolicyMax("maxConflicts", gate.maxConflicts, (p) => p.devices.conflict, "conflicting");
  if (gate.sizeTolerance !== undefined && phase.users !== undefined) {
    const needed = usersNeeded(phase.users, gate.sizeTolerance);
    const enrolled = health.reach.enrolledUsers;
    out.push({
      criterion: "sizeTolerance",
      passed: enrolled >= needed,
      measured: enrolled,
      threshold: needed,
      direction: "atLeast",
      policies: [],
      message: `${enrolled} of ${phase.users} expected users enrolled a device, needs ${needed} (${pct(1 - gate.sizeTolerance)})`,
    });
  }
  for (const goal of phase.goals ?? []) if (typeof goal !== "string") out.push(goalResult(goal, phase, health, days));
  return { passes: out.every((c) => c.passed), criteria: out };
}
