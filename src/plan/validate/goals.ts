// Measurable goals and the gate's size criterion (S29): one threshold per goal (IP056), thresholds within their
// metric's range (IP057), and size criteria only where the phase says its size (IP058). Free-text goals are
// allowed and never evaluated.
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import type { GoalMetric, Plan } from "../schema.ts";

/** Whether a metric is a share of devices or users (0 to 1) or a count of device reports (whole numbers). */
export const GOAL_METRIC_KIND: Readonly<Record<GoalMetric, "share" | "count">> = {
  compliantDevices: "share",
  enrolledUsers: "share",
  successRate: "share",
  errors: "count",
  conflicts: "count",
  pendingDevices: "count",
};

export function checkGoals(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  plan.phases.forEach((phase, i) => {
    if (phase.gate?.sizeTolerance !== undefined && phase.users === undefined) {
      out.push(
        diagnostic("IP058", {
          path: ["phases", i, "gate", "sizeTolerance"],
          message: `phase ${phase.key} has a sizeTolerance but no users to measure it against`,
        }),
      );
    }
    (phase.goals ?? []).forEach((goal, j) => {
      if (typeof goal === "string") return;
      const at = ["phases", i, "goals", j];
      const given = [goal.atLeast !== undefined ? "atLeast" : undefined, goal.atMost !== undefined ? "atMost" : undefined].filter(
        (k): k is "atLeast" | "atMost" => k !== undefined,
      );
      if (given.length !== 1) {
        out.push(
          diagnostic("IP056", {
            path: given.length === 0 ? [...at, "metric"] : [...at, "atMost"],
            message: `goal "${goal.text}" ${given.length === 0 ? "has no threshold" : "has both atLeast and atMost"}`,
          }),
        );
        return;
      }
      const key = given[0] ?? "atLeast";
      const value = goal[key] ?? 0;
      const kind = GOAL_METRIC_KIND[goal.metric];
      if (kind === "share" && value > 1)
        out.push(
          diagnostic("IP057", {
            path: [...at, key],
            message: `${goal.metric} is a share from 0 to 1; ${value} is more than 1 (all of them)${value <= 100 ? ` (for ${value} %, write ${value / 100})` : ""}`,
          }),
        );
      if (kind === "count" && !Number.isInteger(value))
        out.push(diagnostic("IP057", { path: [...at, key], message: `${goal.metric} counts devices; ${value} is not a whole number` }));
      if (goal.metric === "enrolledUsers" && phase.users === undefined)
        out.push(
          diagnostic("IP058", {
            path: [...at, "metric"],
            message: `goal "${goal.text}" measures enrolled users against the phase's users, and phase ${phase.key} gives none`,
          }),
        );
    });
  });
  return out;
}
