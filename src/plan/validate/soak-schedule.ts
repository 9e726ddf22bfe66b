// The schedule against the gates (IP120): a phase's gate counts soakDays from the phase's start (the plan's go-live,
// src/rollout/live-since.ts), so the next phase cannot be promoted before start + soakDays. A next start earlier
// than that is a calendar the rollout can never keep. Consecutive dated phases only; one pass over the phases.
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { addDays, daysBetween } from "../plan-date.ts";
import type { Plan } from "../schema.ts";

export function checkSoakSchedule(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  plan.phases.forEach((phase, i) => {
    const next = plan.phases[i + 1];
    const soak = phase.gate?.soakDays;
    if (!next?.start || !phase.start || soak === undefined) return;
    const gap = daysBetween(phase.start, next.start);
    // A next phase that starts before this one is IP050's finding already.
    if (gap < 0 || gap >= soak) return;
    const earliest = addDays(phase.start, soak);
    out.push(
      diagnostic("IP120", {
        path: ["phases", i + 1, "start"],
        message: `${next.key} starts ${next.start}, ${gap} ${gap === 1 ? "day" : "days"} after ${phase.key} (${phase.start}), but ${phase.key}'s gate soaks ${soak} days: it cannot pass before ${earliest}`,
        hint: `Start ${next.key} on or after ${earliest}, or shorten ${phase.key}'s soakDays to ${gap}. The calendar sends ${next.key}'s enrollment email on its start, and status treats it as the active phase from then on.`,
        related: [{ message: `${phase.key}'s soakDays`, path: ["phases", i, "gate", "soakDays"] }],
      }),
    );
  });
  return out;
}
