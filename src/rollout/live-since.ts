// When a phase went live: the gate's soak time counts from it. It comes from `--live-since DATE` (for the active
// phase), the stack's own record of its updates (`promote` and `rollback` write it, src/rollout/promotion.ts), or
// the phase's `start` in the plan: sources are tried in that order of trust through `firstOf`.
import type { Phase } from "../plan/schema.ts";

export interface LiveSince {
  /** ISO date-time, UTC. */
  readonly at: string;
  readonly source: "option" | "plan" | "stack";
  /** From the stack: who or what applied the update that took the phase live. */
  readonly by?: string;
  /** From the stack: the update was `intune-plan promote` or `rollback` (absent: a plain `pulumi up`). */
  readonly action?: "promote" | "rollback";
  /** From the stack: the gate or the phase order was overridden with `--force`. */
  readonly forced?: boolean;
  /** From the stack: the `--reason` given. */
  readonly reason?: string;
}

/** Answers for one phase at a time; undefined: nothing says when (or whether) it went live. */
export interface LiveSinceSource {
  liveSince(phase: Phase): LiveSince | undefined;
}

const atMidnight = (date: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00.000Z` : new Date(date).toISOString());

/** The phase's `start` in the plan, unless `override` names the phase and a date (`--live-since`). */
export function planLiveSince(override?: { readonly phase: string; readonly date: string }): LiveSinceSource {
  return {
    liveSince(phase) {
      if (override && override.phase === phase.key) return { at: atMidnight(override.date), source: "option" };
      return phase.start ? { at: atMidnight(phase.start), source: "plan" } : undefined;
    },
  };
}

/** Sources in order of trust: the first that knows wins (e.g. stack state, then the plan). */
export function firstOf(...sources: readonly LiveSinceSource[]): LiveSinceSource {
  return { liveSince: (phase) => sources.reduce<LiveSince | undefined>((found, s) => found ?? s.liveSince(phase), undefined) };
}
