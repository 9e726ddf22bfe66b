// Enrollment restrictions: unique priorities among custom restrictions (IP105).
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import type { Plan } from "../schema.ts";

export function checkEnrollment(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byPriority = new Map<number, string>();
  for (const [key, r] of Object.entries(plan.enrollmentRestrictions)) {
    const other = byPriority.get(r.priority);
    if (other !== undefined)
      out.push(
        diagnostic("IP105", {
          path: ["enrollmentRestrictions", key, "priority"],
          message: `priority ${r.priority} is already used by ${other}`,
          related: [{ message: other, path: ["enrollmentRestrictions", other, "priority"] }],
        }),
      );
    else byPriority.set(r.priority, key);
  }
  return out;
}
