// Remediation schedules (IP192): each run schedule says what its kind needs, as Graph's schedule types do
// (TF windows_remediation_script construct_assignment.go: daily = interval + time, hourly = interval, once = date +
// time). A field the kind does not take is refused too, so the plan never says more than Graph stores.
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import type { Plan } from "../schema.ts";

const NEEDS = { daily: ["time"], hourly: [], once: ["date", "time"] } as const;
const TAKES = { daily: ["interval", "time", "useUtc"], hourly: ["interval"], once: ["date", "time", "useUtc"] } as const;

export function checkRemediationSchedules(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, r] of Object.entries(plan.remediations)) {
    const s = r.schedule;
    if (!s) continue;
    const path = ["remediations", key, "schedule"];
    for (const field of NEEDS[s.every])
      if (s[field] === undefined)
        out.push(diagnostic("IP192", { path, atKey: true, message: `remediations.${key}.schedule: every: ${s.every} needs ${field}` }));
    for (const field of ["interval", "time", "date", "useUtc"] as const)
      if (s[field] !== undefined && !(TAKES[s.every] as readonly string[]).includes(field))
        out.push(
          diagnostic("IP192", {
            path: [...path, field],
            atKey: true,
            message: `remediations.${key}.schedule: every: ${s.every} takes no ${field}`,
          }),
        );
  }
  return out;
}
