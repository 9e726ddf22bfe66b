// `INTUNE_PLAN_ADOPT_CREATED_SINCE=TIME pulumi up`: the way back from a killed `pulumi up` that kept no record of its
// creates (PULUMI_SKIP_CHECKPOINTS=true saves the state only when the run ends). Its objects are in the tenant but
// not in the stack, so the next `up` would stop on each name (NameTakenError). With this variable the provider takes
// over a plan object's namesake when it is the tenant's only one and Graph created it at or after TIME, less the
// clock skew recover allows: the same rule recover applies to a pending create (decide.ts), with the bound given by
// the user (`intune-plan recover` prints the one the stack's history gives). An object Graph keeps no creation time
// for (scope tags, device categories, roles) is never taken this way.
import { CLOCK_SKEW_MS } from "./decide.ts";
import { parseSince } from "./time-bound.ts";

export const ADOPT_SINCE_VARIABLE = "INTUNE_PLAN_ADOPT_CREATED_SINCE";

export class AdoptSinceError extends Error {}

/** The bound createObject takes (graph/apply-object.ts), or undefined when the variable is not set. */
export function adoptCreatedSince(env: NodeJS.ProcessEnv): { at: number; text: string } | undefined {
  const raw = env[ADOPT_SINCE_VARIABLE]?.trim();
  if (raw === undefined || raw === "") return undefined;
  const bound = parseSince(raw);
  if (bound === undefined)
    throw new AdoptSinceError(
      `${ADOPT_SINCE_VARIABLE}=${raw} is not a time: give when the interrupted pulumi up began, in ISO 8601 (e.g. 2026-03-01T09:30:00Z)`,
    );
  return { at: bound.at - CLOCK_SKEW_MS, text: `${ADOPT_SINCE_VARIABLE}=${raw} (less ${CLOCK_SKEW_MS / 60_000} min for clock skew)` };
}
