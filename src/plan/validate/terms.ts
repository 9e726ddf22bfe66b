// Terms and conditions (S19): assigned to users without an assignment filter (IP180). A termsAndConditionsAssignment
// carries a deviceAndAppManagementAssignmentTarget, whose type has the filter fields, but neither the portal nor the
// Terraform provider's terms_and_conditions resource offers a filter for it (GRAPH-NOTES §9.2): UNCONFIRMED that Graph
// honours one, so the plan refuses it (conservative). Users only is target-types.ts (IP062, IP065).
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import type { Plan } from "../schema.ts";

export function checkTerms(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, t] of Object.entries(plan.termsAndConditions)) {
    if (t.assignment?.filter !== undefined)
      out.push(
        diagnostic("IP180", {
          path: ["termsAndConditions", key, "assignment", "filter"],
          message: `terms and conditions ${key} cannot be narrowed by an assignment filter`,
        }),
      );
  }
  return out;
}
