// When a phase went live: the gate's soak time counts from it. Today it comes from `--live-since DATE` (for the
// active phase) or the phase's `start` in the plan; a later `promote` records the moment it applied a phase in
// stack state and supplies it through the same interface, ahead of the plan's intent.
import type { Phase } from "../plan/schema.ts";

export interface LiveSince {
  /** ISO date-time, UTC. */
  readonly at: string;
  readonly source: "option" | "plan" | "stack";
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
