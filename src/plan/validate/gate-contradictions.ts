// Gates that can never pass (IP123) and gate criteria that can never fail (IP124), judged the way
// src/rollout/gate.ts evaluates them. The gate's own criteria only bound failure from above (a rollout where every
// device succeeds passes them all), so an impossible gate needs a goal: each criterion and goal bounds one goal
// metric from below or above, and a phase whose tightest lower bound is above its tightest upper bound for some
// metric fails whatever the tenant reports. What the gate implies:
// - minSuccessRate R: every measured policy's success rate is at least R, so the lowest (metric successRate) is too;
//   R = 1 means succeeded = applicable on every policy: no failed, conflicting or pending device at all;
// - maxErrors 0 / maxConflicts 0: per policy, so the phase's sums (metrics errors, conflicts) are 0 as well
//   (a larger per-policy limit bounds no sum: the number of policies is the tenant's);
// - sizeTolerance t with users N: at least ceil(N × (1 − t)) users enrolled, a share of N for enrolledUsers.
// One pass over each phase's gate and goals.
import type { Diagnostic, PlanPath } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import type { GoalMetric, Phase, Plan } from "../schema.ts";
import { GOAL_METRIC_KIND } from "./goals.ts";
import { usersNeeded } from "../users-needed.ts";

interface Bound {
  readonly value: number;
  readonly path: PlanPath;
  /** What sets the bound, with its figure: one clause. */
  readonly says: string;
  /** -1 for the gate, else the goal's index: the finding goes on the later goal. */
  readonly order: number;
}

const pct = (share: number): string => `${Number((share * 100).toFixed(2))} %`;
const show = (metric: GoalMetric, value: number): string => (GOAL_METRIC_KIND[metric] === "share" ? pct(value) : String(value));

function impossibleGoals(phase: Phase, i: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lower = new Map<GoalMetric, Bound>();
  const upper = new Map<GoalMetric, Bound>();
  const atLeast = (metric: GoalMetric, b: Bound): void => {
    if ((lower.get(metric)?.value ?? -Infinity) < b.value) lower.set(metric, b);
  };
  const atMost = (metric: GoalMetric, b: Bound): void => {
    if ((upper.get(metric)?.value ?? Infinity) > b.value) upper.set(metric, b);
  };
  const gate = phase.gate ?? {};
  const at = (field: string): PlanPath => ["phases", i, "gate", field];
  if (gate.minSuccessRate !== undefined) {
    atLeast("successRate", {
      value: gate.minSuccessRate,
      path: at("minSuccessRate"),
      says: `the gate's minSuccessRate ${gate.minSuccessRate} holds every policy at ${pct(gate.minSuccessRate)} or more`,
      order: -1,
    });
    if (gate.minSuccessRate === 1) {
      const says = "the gate's minSuccessRate 1 allows no failed, conflicting or pending device on any policy";
      for (const m of ["errors", "conflicts", "pendingDevices"] as const)
        atMost(m, { value: 0, path: at("minSuccessRate"), says, order: -1 });
    }
  }
  if (gate.maxErrors === 0)
    atMost("errors", { value: 0, path: at("maxErrors"), says: "the gate's maxErrors 0 allows no failed device", order: -1 });
  if (gate.maxConflicts === 0)
    atMost("conflicts", { value: 0, path: at("maxConflicts"), says: "the gate's maxConflicts 0 allows no device in conflict", order: -1 });
  if (gate.sizeTolerance !== undefined && phase.users) {
    const needed = usersNeeded(phase.users, gate.sizeTolerance);
    atLeast("enrolledUsers", {
      value: needed / phase.users,
      path: at("sizeTolerance"),
      says: `the gate's sizeTolerance ${gate.sizeTolerance} needs ${needed} of the ${phase.users} users enrolled (${pct(needed / phase.users)})`,
      order: -1,
    });
  }
  (phase.goals ?? []).forEach((goal, j) => {
    if (typeof goal === "string") return;
    const path: PlanPath = ["phases", i, "goals", j];
    if (goal.metric === "enrolledUsers" && phase.users === 0) {
      out.push(
        diagnostic("IP123", {
          path: [...path, "metric"],
          message: `goal "${goal.text}" measures enrolled users as a share of the phase's users, and phase ${phase.key} expects 0 users: the share is never measured, so the goal never passes`,
          hint: "Give the phase the number of users it reaches (users: N), or drop the goal.",
        }),
      );
      return;
    }
    // Goals without exactly one threshold (IP056) or with a share above 1 (IP057) are reported already.
    if ((goal.atLeast === undefined) === (goal.atMost === undefined)) return;
    const value = goal.atLeast ?? goal.atMost ?? 0;
    if (GOAL_METRIC_KIND[goal.metric] === "share" && value > 1) return;
    const key = goal.atLeast !== undefined ? "atLeast" : "atMost";
    const bound = {
      value,
      path: [...path, key],
      says: `goal "${goal.text}" needs ${goal.metric} ${key === "atLeast" ? "at least" : "at most"} ${show(goal.metric, value)}`,
      order: j,
    };
    if (key === "atLeast") atLeast(goal.metric, bound);
    else atMost(goal.metric, bound);
  });
  for (const [metric, low] of lower) {
    const high = upper.get(metric);
    if (!high || low.value <= high.value) continue;
    const [here, there] = low.order > high.order ? [low, high] : [high, low];
    out.push(
      diagnostic("IP123", {
        path: here.path,
        message: `${here.says}, but ${there.says}: ${metric} cannot be both at least ${show(metric, low.value)} and at most ${show(metric, high.value)}, so phase ${phase.key}'s gate never passes`,
        hint: `Whatever the tenant reports, one of the two fails and the next phase is never promoted. Raise the "at most" to ${show(metric, low.value)} or more, or lower the "at least" to ${show(metric, high.value)} or less.`,
        related: [{ message: there.order < 0 ? "the gate's criterion" : "the other goal", path: there.path }],
      }),
    );
  }
  return out;
}

function vacuousCriteria(phase: Phase, i: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const gate = phase.gate ?? {};
  const at = (field: string): PlanPath => ["phases", i, "gate", field];
  if (gate.minSuccessRate === 0) {
    out.push(
      diagnostic("IP124", {
        path: at("minSuccessRate"),
        message: "minSuccessRate 0: every success rate is at least 0 %, so this criterion never fails",
        hint: "Set the share of devices that must succeed (e.g. 0.95 for 95 %), or remove minSuccessRate.",
      }),
    );
  }
  if (gate.minSuccessRate === 1) {
    for (const [field, limit, what] of [
      ["maxErrors", gate.maxErrors, "failed"],
      ["maxConflicts", gate.maxConflicts, "conflicting"],
    ] as const) {
      if (limit === undefined || limit === 0) continue;
      out.push(
        diagnostic("IP124", {
          path: at(field),
          message: `${field} ${limit} allows ${limit} ${what} ${limit === 1 ? "device" : "devices"} per policy, but minSuccessRate 1 already fails the gate on the first one: ${field} never fails`,
          hint: `minSuccessRate 1 requires every device a policy applies to to succeed. To tolerate ${limit} ${what} ${limit === 1 ? "device" : "devices"}, lower minSuccessRate below 1; otherwise set ${field} to 0 or remove it.`,
          related: [{ message: "minSuccessRate 1", path: at("minSuccessRate") }],
        }),
      );
    }
  }
  if (gate.sizeTolerance !== undefined && phase.users !== undefined && usersNeeded(phase.users, gate.sizeTolerance) === 0) {
    out.push(
      diagnostic("IP124", {
        path: at("sizeTolerance"),
        message: `sizeTolerance ${gate.sizeTolerance} with users ${phase.users} needs 0 users enrolled, so this criterion never fails`,
        hint: "sizeTolerance is the share of the phase's users that may be missing (0.1: 90 % must enroll); set it below 1, or remove it.",
      }),
    );
  }
  return out;
}

export function checkGateContradictions(plan: Plan): Diagnostic[] {
  return plan.phases.flatMap((phase, i) => [...impossibleGoals(phase, i), ...vacuousCriteria(phase, i)]);
}
