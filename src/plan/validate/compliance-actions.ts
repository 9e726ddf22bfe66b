// Compliance actions (scheduledActionsForRule): exactly one block action (IP080, IP081), and the email fields
// only where an email is sent: a notification action needs a template, the key of a plan notification template or
// the id of one the plan does not manage (IP082); template and cc elsewhere are ignored by Intune (IP083).
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { suggest } from "../../diagnostics/suggest.ts";
import type { Plan } from "../schema.ts";

/** notificationTemplateId is the id of a notificationMessageTemplate in the tenant: a GUID. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZERO_GUID = "00000000-0000-0000-0000-000000000000";

export function checkComplianceActions(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, policy] of Object.entries(plan.compliance)) {
    const actions = policy.actions ?? [];
    const blocks = actions.map((a, i) => [a, i] as const).filter(([a]) => a.action === "block");
    if (blocks.length === 0) {
      out.push(
        diagnostic("IP080", {
          path: policy.actions ? ["compliance", key, "actions"] : ["compliance", key],
          atKey: !policy.actions,
          message: `compliance policy ${key} has no block action`,
        }),
      );
    }
    for (const [, i] of blocks.slice(1))
      out.push(
        diagnostic("IP081", {
          path: ["compliance", key, "actions", i],
          message: `compliance policy ${key} has ${blocks.length} block actions`,
        }),
      );
    actions.forEach((a, i) => {
      const at = ["compliance", key, "actions", i];
      if (a.action === "notification") {
        if (a.template === undefined)
          out.push(diagnostic("IP082", { path: at, message: `the notification action of ${key} names no template, so it sends no email` }));
        else if (!(a.template in plan.notificationTemplates) && (!GUID.test(a.template) || a.template === ZERO_GUID)) {
          const near = suggest(a.template, Object.keys(plan.notificationTemplates));
          out.push(
            diagnostic("IP082", {
              path: [...at, "template"],
              message: `template ${JSON.stringify(a.template)} is neither a key under notificationTemplates nor the id of a notification message template${near ? `; did you mean ${near}?` : ""}`,
            }),
          );
        }
        return;
      }
      for (const field of ["template", "cc"] as const) {
        if (a[field] !== undefined)
          out.push(
            diagnostic("IP083", {
              path: [...at, field],
              atKey: true,
              message: `${field} on a ${a.action} action is ignored: only notification actions send email`,
            }),
          );
      }
    });
  }
  return out;
}
