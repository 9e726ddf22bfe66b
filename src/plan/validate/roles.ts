// Custom Intune roles: every allowed action is a known Intune resource action (IP110).
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { suggest } from "../../diagnostics/suggest.ts";
import { INTUNE_ACTION_AREAS, INTUNE_RESOURCE_ACTIONS } from "../intune-actions.ts";
import type { Plan } from "../schema.ts";

const REFERENCE = "learn.microsoft.com/intune/intune-service/fundamentals/role-based-access-control-reference";

/** The fix: the known verbs of a known area, else the closest area, else where the list is. */
function hintFor(action: string): string {
  const [, area = "", verb = ""] = /^Microsoft\.Intune_([A-Za-z0-9]+)_([A-Za-z0-9]+)$/.exec(action) ?? [];
  const verbs = INTUNE_ACTION_AREAS[area];
  if (verbs) {
    const s = suggest(verb, verbs);
    return s ? `Did you mean Microsoft.Intune_${area}_${s}?` : `${area} allows ${verbs.join(", ")}.`;
  }
  const a = suggest(area, Object.keys(INTUNE_ACTION_AREAS));
  const s = a ? suggest(verb, INTUNE_ACTION_AREAS[a] ?? []) : undefined;
  if (a) return `Did you mean ${s ? `Microsoft.Intune_${a}_${s}` : `the area ${a} (${(INTUNE_ACTION_AREAS[a] ?? []).join(", ")})`}?`;
  return `Graph refuses actions Intune does not define; use one from Intune's role permissions (${REFERENCE}), e.g. Microsoft.Intune_DeviceConfigurations_Read.`;
}

export function checkRoleDefinitions(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, role] of Object.entries(plan.roleDefinitions)) {
    role.allowedActions.forEach((action, i) => {
      if (INTUNE_RESOURCE_ACTIONS.has(action)) return;
      out.push(
        diagnostic("IP110", {
          path: ["roleDefinitions", key, "allowedActions", i],
          message: `${action} is not an Intune resource action`,
          hint: hintFor(action),
        }),
      );
    });
  }
  return out;
}
