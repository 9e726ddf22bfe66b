// Apps (S17; kinds/mobile-app.ts): what each app type needs (IP230), references that state what the plan does not own
// (IP231), intents the targets cannot take (IP232), one group with two intents (IP233), assignment settings of the
// app type (IP234, then Graph-type checks IP020–IP025 through checkBody), filters on web links (IP235). The app's
// Graph properties are checked against its mobileApp subtype like every template body (checkBody).
import type { Diagnostic, PlanPath } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { APP_ASSIGNMENT_SETTINGS_TYPES, APP_REFERENCE_IDENTITY, APP_REQUIRED, APP_TYPES } from "../../graph-model/vocabulary.ts";
import type { AppType } from "../../graph-model/vocabulary.ts";
import type { App, Plan } from "../schema.ts";
import { checkBody } from "./settings.ts";

/**
 * App types whose Available intent Intune takes for device groups: Win32 apps, and managed Google Play apps on Android
 * Enterprise fully managed and corporate-owned work profile devices (Microsoft Learn "Assign apps to company employees":
 * "For almost all app types and platforms, Available assignments are only valid when assigning to user groups, not
 * device groups. Win32 apps can be assigned to either user or device groups", and the COBO/COPE note).
 */
const AVAILABLE_TO_DEVICES: ReadonlySet<AppType> = new Set(["win32Lob", "managedGooglePlay"]);

const APP_TYPE_FAMILY: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(APP_TYPES).map(([w, t]) => [w, t]));

interface IntentTarget {
  readonly intent: string;
  readonly target: string;
  readonly path: PlanPath;
}

function intentTargets(key: string, app: App): IntentTarget[] {
  const a = app.assignment;
  if (!a) return [];
  const base: PlanPath = ["apps", key, "assignment"];
  return [
    ...(a.include ?? []).map((target, j) => ({ intent: a.intent, target, path: [...base, "include", j] })),
    ...(a.also ?? []).flatMap((also, i) =>
      also.include.map((target, j) => ({ intent: also.intent, target, path: [...base, "also", i, "include", j] })),
    ),
  ];
}

export function checkApps(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, app] of Object.entries(plan.apps)) {
    const at: PlanPath = ["apps", key];
    const settings = (app.settings ?? {}) as Readonly<Record<string, unknown>>;
    const graphType = APP_TYPES[app.type];
    const identity = APP_REFERENCE_IDENTITY[app.type];
    if (identity) {
      for (const field of ["description", "publisher", "scopeTags"] as const)
        if (app[field] !== undefined)
          out.push(
            diagnostic("IP231", {
              path: [...at, field],
              atKey: true,
              message: `${key} is a ${app.type} app, which the plan references and never writes: it cannot set ${field}`,
            }),
          );
      for (const property of Object.keys(settings))
        if (!identity.includes(property))
          out.push(
            diagnostic("IP231", {
              path: [...at, "settings", property],
              atKey: true,
              message: `${property} is not part of a ${app.type} app's identity (${identity.join(", ")}); the plan never writes a referenced app`,
            }),
          );
    }
    for (const property of APP_REQUIRED[app.type])
      if (settings[property] === undefined || settings[property] === null)
        out.push(
          diagnostic("IP230", {
            path: app.settings === undefined ? [...at, "type"] : [...at, "settings"],
            message: `${key} is a ${app.type} app (${graphType}), which needs ${property} in settings`,
          }),
        );
    // The app's own Graph properties against its subtype (IP020–IP025), as for every template body.
    if (!identity) checkBody([...at, "settings"], graphType, app.settings, APP_TYPE_FAMILY, out);
    out.push(...checkAssignment(plan, key, app));
  }
  return out;
}

function checkAssignment(plan: Plan, key: string, app: App): Diagnostic[] {
  const out: Diagnostic[] = [];
  const a = app.assignment;
  if (!a) return out;
  const base: PlanPath = ["apps", key, "assignment"];
  const settingsType = APP_ASSIGNMENT_SETTINGS_TYPES[app.type];
  const settingsAt: { path: PlanPath; settings: Readonly<Record<string, unknown>> | undefined }[] = [
    { path: [...base, "settings"], settings: a.settings },
    ...(a.also ?? []).map((also, i) => ({ path: [...base, "also", i, "settings"] as PlanPath, settings: also.settings })),
  ];
  for (const { path, settings } of settingsAt) {
    if (settings === undefined) continue;
    if (!settingsType) {
      out.push(diagnostic("IP234", { path, atKey: true, message: `${app.type} apps take no assignment settings` }));
      continue;
    }
    checkBody(path, settingsType, settings, APP_ASSIGNMENT_SETTINGS_TYPES as Readonly<Record<string, string>>, out);
  }
  if (app.type === "webLink") {
    const filters: { path: PlanPath; filter: string | undefined }[] = [
      { path: [...base, "filter"], filter: a.filter },
      ...(a.also ?? []).map((also, i) => ({ path: [...base, "also", i, "filter"] as PlanPath, filter: also.filter })),
    ];
    for (const f of filters)
      if (f.filter !== undefined)
        out.push(diagnostic("IP235", { path: f.path, message: `web link ${key} cannot be narrowed by assignment filter ${f.filter}` }));
  }
  const targets = intentTargets(key, app);
  // IP232: intents that only user groups take.
  for (const t of targets) {
    const userOnly = t.intent === "availableWithoutEnrollment" || (t.intent === "available" && !AVAILABLE_TO_DEVICES.has(app.type));
    if (!userOnly) continue;
    const devices = t.target === "allDevices" || plan.groups[t.target]?.members === "devices";
    if (devices)
      out.push(
        diagnostic("IP232", {
          path: t.path,
          message:
            t.intent === "availableWithoutEnrollment"
              ? `${t.target} names devices; available without enrollment reaches users whose devices Intune does not manage`
              : `${t.target} names devices; Intune takes the available intent of ${app.type} apps for user groups only`,
        }),
      );
  }
  // IP233: one group, two intents (Intune keeps one intent per group and app). All users and all devices overlap with
  // every group of their kind, so uninstall beside required for them is reported too.
  const seen = new Map<string, IntentTarget>();
  for (const t of targets) {
    const first = seen.get(t.target);
    if (first && first.intent !== t.intent) {
      out.push(
        diagnostic("IP233", {
          path: t.path,
          message: `${t.target} is assigned ${key} both ${first.intent} and ${t.intent}`,
          related: [{ message: `${first.intent} here`, path: first.path }],
        }),
      );
      continue;
    }
    if (!first) seen.set(t.target, t);
  }
  const uninstall = targets.filter((t) => t.intent === "uninstall");
  const required = targets.filter((t) => t.intent === "required");
  for (const u of uninstall)
    for (const r of required) {
      if (u.target === r.target) continue;
      const everyone = (x: string): boolean => x === "allUsers" || x === "allDevices";
      const kindOf = (x: string): string | undefined =>
        x === "allUsers" ? "users" : x === "allDevices" ? "devices" : plan.groups[x]?.members;
      if ((everyone(u.target) || everyone(r.target)) && kindOf(u.target) === kindOf(r.target))
        out.push(
          diagnostic("IP233", {
            path: u.path,
            message: `${key} is uninstalled from ${u.target} and required for ${r.target}, which overlap`,
            related: [{ message: "required here", path: r.path }],
          }),
        );
    }
  return out;
}
