// Windows update profiles (S05): what each type needs and the ranges Intune takes (IP160–IP165). Graph types the
// properties loosely (featureUpdateVersion is a free string, the day counts plain Int32), so these rules carry what the
// Graph pages and the reference tools say: the releases and the offer interval of 1–14 days from the Terraform
// provider (windows_feature_update_policy/resource.go), a forced reboot after 0–2 days and a release given as a date at
// midnight UTC from Microsoft365DSC (IntuneWindowsUpdateForBusinessQualityUpdateProfileWindows10), a deferral only with
// automatic approval from the Graph page (windowsDriverUpdateProfile: "only applicable when ApprovalType is set to
// automatic approval"). The driver deferral range 0–30 is UNCONFIRMED for Intune (it is the range Windows Update for
// Business approval rules take) and is checked as the conservative bound.
import type { Diagnostic, PlanPath } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { suggest } from "../../diagnostics/suggest.ts";
import { FEATURE_UPDATE_VERSIONS } from "../../graph-model/vocabulary.ts";
import type { Plan, UpdateProfile } from "../schema.ts";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** A UTC date-time as Graph writes DateTimeOffset: 2026-07-01T00:00:00Z (fractions allowed). */
const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;
const MIDNIGHT_UTC = /^\d{4}-\d{2}-\d{2}T00:00:00(\.0{1,7})?Z$/;
const validDate = (text: string): boolean => !Number.isNaN(Date.parse(text));

function days(out: Diagnostic[], path: PlanPath, value: unknown, min: number, max: number, what: string): void {
  if (value === undefined || value === null || typeof value !== "number") return; // the Graph-type check reports wrong types (IP021)
  if (!Number.isInteger(value) || value < min || value > max)
    out.push(diagnostic("IP161", { path, message: `${what} is ${value}; Intune takes a whole number of days from ${min} to ${max}` }));
}

function checkFeature(out: Diagnostic[], base: PlanPath, settings: Record<string, unknown>): void {
  const version = settings["featureUpdateVersion"];
  if (version === undefined) {
    out.push(
      diagnostic("IP162", { path: base, message: "a feature update profile needs featureUpdateVersion: the Windows release to deploy" }),
    );
  } else if (typeof version === "string" && !(FEATURE_UPDATE_VERSIONS as readonly string[]).includes(version)) {
    const close = suggest(version, FEATURE_UPDATE_VERSIONS);
    out.push(
      diagnostic("IP160", {
        path: [...base, "featureUpdateVersion"],
        message: `${JSON.stringify(version)} is not a feature update Intune offers${close ? `; did you mean ${JSON.stringify(close)}?` : ""}`,
        hint: `Intune offers ${FEATURE_UPDATE_VERSIONS.map((v) => JSON.stringify(v)).join(", ")}.`,
      }),
    );
  }
  const rollout = settings["rolloutSettings"];
  if (!isRecord(rollout)) return;
  const at = [...base, "rolloutSettings"];
  days(out, [...at, "offerIntervalInDays"], rollout["offerIntervalInDays"], 1, 14, "offerIntervalInDays");
  const start = rollout["offerStartDateTimeInUTC"];
  const end = rollout["offerEndDateTimeInUTC"];
  for (const [name, v] of [
    ["offerStartDateTimeInUTC", start],
    ["offerEndDateTimeInUTC", end],
  ] as const) {
    if (typeof v === "string" && !(UTC.test(v) && validDate(v)))
      out.push(
        diagnostic("IP163", {
          path: [...at, name],
          message: `${name} ${JSON.stringify(v)} is not a UTC date-time such as 2026-07-01T00:00:00Z`,
        }),
      );
  }
  if (typeof start === "string" && typeof end === "string" && UTC.test(start) && UTC.test(end) && Date.parse(end) <= Date.parse(start))
    out.push(
      diagnostic("IP163", { path: [...at, "offerEndDateTimeInUTC"], message: `the offer ends (${end}) before it starts (${start})` }),
    );
}

function checkQuality(out: Diagnostic[], base: PlanPath, settings: Record<string, unknown>): void {
  const expedite = settings["expeditedUpdateSettings"];
  const release = isRecord(expedite) ? expedite["qualityUpdateRelease"] : undefined;
  const at = [...base, "expeditedUpdateSettings"];
  if (release === undefined || release === null) {
    out.push(
      diagnostic("IP162", {
        path: isRecord(expedite) ? at : base,
        message: "an expedited quality update profile needs expeditedUpdateSettings.qualityUpdateRelease: the release to install",
      }),
    );
  } else if (typeof release === "string" && !(MIDNIGHT_UTC.test(release) && validDate(release))) {
    out.push(
      diagnostic("IP163", {
        path: [...at, "qualityUpdateRelease"],
        message: `qualityUpdateRelease ${JSON.stringify(release)} is not a release date at midnight UTC such as 2026-06-09T00:00:00Z`,
      }),
    );
  }
  if (isRecord(expedite)) days(out, [...at, "daysUntilForcedReboot"], expedite["daysUntilForcedReboot"], 0, 2, "daysUntilForcedReboot");
}

function checkDriver(out: Diagnostic[], base: PlanPath, settings: Record<string, unknown>): void {
  const approval = settings["approvalType"];
  if (approval === undefined)
    out.push(diagnostic("IP162", { path: base, message: "a driver update profile needs approvalType: manual or automatic" }));
  const deferral = settings["deploymentDeferralInDays"];
  days(out, [...base, "deploymentDeferralInDays"], deferral, 0, 30, "deploymentDeferralInDays");
  if (approval === "manual" && typeof deferral === "number" && deferral > 0)
    out.push(
      diagnostic("IP164", {
        path: [...base, "deploymentDeferralInDays"],
        message: "deploymentDeferralInDays has no effect with approvalType: manual (drivers wait for an admin's approval)",
      }),
    );
}

/** The device OS a dynamic device group's rule pins, when it is one simple `device.deviceOSType -eq "…"` test. */
function pinnedOs(rule: string | undefined): string | undefined {
  if (!rule || /\s-or\s/i.test(rule)) return undefined;
  return /device\.deviceOSType\s+-eq\s+"([^"]+)"/i.exec(rule)?.[1];
}

function checkTargets(out: Diagnostic[], plan: Plan, key: string, u: UpdateProfile): void {
  for (const [j, target] of (u.assignment?.include ?? []).entries()) {
    const group = plan.groups[target];
    const os = group?.membership === "dynamic" && group.members === "devices" ? pinnedOs(group.rule) : undefined;
    if (os !== undefined && !/windows/i.test(os))
      out.push(
        diagnostic("IP165", {
          path: ["updates", key, "assignment", "include", j],
          message: `${target} holds ${os} devices (its rule pins deviceOSType), which a Windows update profile never reaches`,
        }),
      );
  }
}

export function checkUpdateProfiles(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, u] of Object.entries(plan.updates)) {
    const base: PlanPath = ["updates", key, "settings"];
    const settings = isRecord(u.settings) ? u.settings : {};
    const at: PlanPath = u.settings === undefined ? ["updates", key] : base;
    if (u.type === "feature") checkFeature(out, at, settings);
    else if (u.type === "quality") checkQuality(out, at, settings);
    else checkDriver(out, at, settings);
    checkTargets(out, plan, key, u);
  }
  return out;
}
