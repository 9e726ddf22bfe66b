// Conditional Access (IP210–IP215): cloud apps as words or application ids, a grant that blocks or requires controls
// (the portal's Grant pane offers "Block access" or "Grant access" with controls, never both; whether Graph itself
// refuses builtInControls [block, mfa] is UNCONFIRMED, so the plan refuses it), the enforcement phase, no Intune
// assignment filter, and the lockout warnings reviewers need first: a policy that requires controls of all users with
// no one excluded (no break-glass group), or blocks all users (Microsoft's Conditional Access guidance: exclude
// emergency-access accounts from every policy). Dangling keys (enforceFrom, groups) are references.ts's (IP032).
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { CA_APPS } from "../../graph-model/vocabulary.ts";
import type { ConditionalAccessPolicy, Plan } from "../schema.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a policy reaches every user in some phase (assignment.include allUsers). */
export const reachesAllUsers = (p: ConditionalAccessPolicy): boolean => (p.assignment?.include ?? []).includes("allUsers");

export function checkConditionalAccess(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, p] of Object.entries(plan.conditionalAccess)) {
    const at = ["conditionalAccess", key];
    for (const list of ["apps", "excludeApps"] as const)
      (p[list] ?? []).forEach((app, i) => {
        if (!(app in CA_APPS) && !GUID.test(app))
          out.push(
            diagnostic("IP210", {
              path: [...at, list, i],
              message: `${JSON.stringify(app)} is not a cloud app the plan knows or an app id`,
            }),
          );
      });
    const controls = p.grant.controls;
    const blocks = controls.includes("block");
    if (blocks && controls.length > 1)
      out.push(
        diagnostic("IP213", {
          path: [...at, "grant", "controls", controls.indexOf("block")],
          message: `${key} blocks access and also requires ${controls.filter((c) => c !== "block").join(", ")}`,
        }),
      );
    if (p.state === "on" && p.enforceFrom !== undefined)
      out.push(
        diagnostic("IP214", { path: [...at, "state"], message: `${key} is on in every phase and also enforced from ${p.enforceFrom}` }),
      );
    if (p.assignment?.filter !== undefined)
      out.push(
        diagnostic("IP215", {
          path: [...at, "assignment", "filter"],
          message: `Conditional Access policy ${key} cannot be narrowed by an assignment filter`,
        }),
      );
    if (reachesAllUsers(p)) {
      const where = [...at, "assignment", "include", (p.assignment?.include ?? []).indexOf("allUsers")];
      const excluded = (p.assignment?.exclude ?? []).length > 0;
      if (blocks)
        out.push(
          diagnostic("IP212", {
            path: where,
            message: `${key} blocks every user${excluded ? " but the excluded groups" : ""} from ${p.apps.join(", ")}`,
          }),
        );
      else if (!excluded)
        out.push(
          diagnostic("IP211", {
            path: where,
            message: `${key} requires ${controls.join(p.grant.require === "one" ? " or " : " and ")} of every user and excludes no one: administrators who do not meet it are locked out`,
          }),
        );
    }
  }
  return out;
}
