// Enrollment restrictions: unique priorities among custom restrictions (IP105).
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import type { Plan } from "../schema.ts";

/**
 * `code` at each object of `section` whose priority an earlier one already has: Graph orders a section's objects by
 * priority with setPriority (restrictions and status pages each have their own list), so two cannot share one.
 */
export function duplicatePriorities(
  section: "enrollmentRestrictions" | "enrollmentStatusPages",
  objects: Readonly<Record<string, { readonly priority: number }>>,
  code: "IP105" | "IP205",
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byPriority = new Map<number, string>();
  for (const [key, { priority }] of Object.entries(objects)) {
    const other = byPriority.get(priority);
    if (other !== undefined)
      out.push(
        diagnostic(code, {
          path: [section, key, "priority"],
          message: `priority ${priority} is already used by ${other}`,
          related: [{ message: other, path: [section, other, "priority"] }],
        }),
      );
    else byPriority.set(priority, key);
  }
  return out;
}

export const checkEnrollment = (plan: Plan): Diagnostic[] =>
  duplicatePriorities("enrollmentRestrictions", plan.enrollmentRestrictions, "IP105");
