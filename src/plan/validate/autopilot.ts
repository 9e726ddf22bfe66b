// Autopilot deployment profiles and enrollment status pages (IP200–IP205): the device name template rules the Intune
// portal enforces (memdocs "Create device name template": at most 15 characters; letters, digits, hyphens; the
// %SERIAL% and %RAND:x% macros; Entra join only), device groups for phased profiles, app ids and unique priorities.
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import type { Plan } from "../schema.ts";
import { duplicatePriorities } from "./enrollment.ts";

const MACRO = /%SERIAL%|%RAND:(\d+)%/g;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The characters of a template a name always holds: the fixed text plus x for each %RAND:x%. %SERIAL% counts as
 * nothing: how Windows shortens a serial number that does not fit is UNCONFIRMED, so only certain overruns are refused.
 */
function fixedLength(template: string): number {
  let n = 0;
  for (const m of template.matchAll(MACRO)) n += m[1] === undefined ? 0 : Number(m[1]);
  return n + template.replace(MACRO, "").length;
}

export function checkAutopilot(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, p] of Object.entries(plan.autopilot)) {
    const t = p.deviceNameTemplate;
    const path = ["autopilot", key, "deviceNameTemplate"];
    if (t !== undefined) {
      const rest = t.replace(MACRO, "");
      if (p.join === "hybrid")
        out.push(
          diagnostic("IP202", { path, message: `${key} is hybrid-joined; its devices take their names from the domain join profile` }),
        );
      else if (!/^[A-Za-z0-9-]*$/.test(rest) || t === "" || /^\d+$/.test(t) || /%RAND:0+%/.test(t))
        out.push(diagnostic("IP201", { path, message: `device name template ${JSON.stringify(t)} is not valid` }));
      else if (fixedLength(t) > 15)
        out.push(
          diagnostic("IP200", { path, message: `device name template ${JSON.stringify(t)} makes names of ${fixedLength(t)} characters` }),
        );
    }
    const rollout = p.assignment?.rollout ?? (plan.phases.length > 0 ? "phased" : "fixed");
    const groups = (p.assignment?.include ?? []).filter((g) => g !== "allUsers");
    if (rollout === "phased" && groups.length === 0)
      out.push(
        diagnostic("IP203", {
          path: p.assignment ? ["autopilot", key, "assignment"] : ["autopilot", key],
          message: `${key} is phased but names no device group, so no phase assigns it`,
        }),
      );
  }
  for (const [key, e] of Object.entries(plan.enrollmentStatusPages)) {
    if (Array.isArray(e.blockingApps))
      e.blockingApps.forEach((app, i) => {
        if (!GUID.test(app))
          out.push(
            diagnostic("IP204", {
              path: ["enrollmentStatusPages", key, "blockingApps", i],
              message: `${JSON.stringify(app)} is not an app id`,
            }),
          );
      });
  }
  out.push(...duplicatePriorities("enrollmentStatusPages", plan.enrollmentStatusPages, "IP205"));
  return out;
}
