// Compliance actions (scheduledActionsForRule): exactly one block action (IP080, IP081), and the email fields
// only where an email is sent: a notification action needs a template id (IP082); template and cc elsewhere are
// ignored by Intune (IP083).
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
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
        else if (!GUID.test(a.template) || a.template === ZERO_GUID)
          out.push(
            diagnostic("IP082", {
              path: [...at, "template"],
              message: `template ${JSON.stringify(a.template)} is not the id of a notification message template`,
            }),
          );
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
