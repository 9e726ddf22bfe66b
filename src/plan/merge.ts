// Typed plan files → one Plan, remembering which file defines each object (for diagnostics placement).
import type { Diagnostic, PlanPath } from "../diagnostics/diagnostic.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import type { CleanupPlatform, DeviceCleanup, KeyedSection, Phase, Plan, ReadPlanFile, TenantSettings } from "./schema.ts";

/** Where each part of the merged plan was defined. */
export interface PlanOrigins {
  readonly objects: ReadonlyMap<KeyedSection, ReadonlyMap<string, string>>;
  readonly phases: string | undefined;
  readonly plan: string | undefined;
  /** Tenant singletons: `tenantSettings.compliance`, `deviceCleanup.<platform>` → the file that defines it. */
  readonly singletons?: ReadonlyMap<string, string>;
}

export function fileOfPath(origins: PlanOrigins, path: PlanPath): string | undefined {
  const [section, key] = path;
  if (section === "phases") return origins.phases;
  if (section === "plan") return origins.plan;
  if (section === "tenantSettings" || section === "deviceCleanup")
    return typeof key === "string" ? origins.singletons?.get(`${section}.${key}`) : undefined;
  return typeof key === "string" ? origins.objects.get(section as KeyedSection)?.get(key) : undefined;
}

type PlanFiles = readonly { readonly path: string; readonly value: ReadPlanFile }[];

export function mergePlanFiles(files: PlanFiles): {
  plan: Plan;
  origins: PlanOrigins;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const objects = new Map<KeyedSection, ReadonlyMap<string, string>>();
  let phases: readonly Phase[] = [];
  let phasesFile: string | undefined;
  let name: string | undefined;
  let planFile: string | undefined;

  for (const { path, value } of files) {
    if (value.plan && name === undefined) {
      name = value.plan.name;
      planFile = path;
    }
    if (value.phases) {
      if (phasesFile === undefined) {
        phases = value.phases;
        phasesFile = path;
      } else
        diagnostics.push(
          diagnostic("IP034", {
            file: path,
            path: ["phases"],
            atKey: true,
            message: `phases are already defined in ${phasesFile}`,
            related: [{ message: "first definition", path: ["phases"], file: phasesFile }],
          }),
        );
    }
  }
  /** One keyed section of every file, first definition of a key winning (IP030 for the others), typed as its schema says. */
  const section = <T>(name: KeyedSection, of: (file: ReadPlanFile) => Readonly<Record<string, T>> | undefined): Record<string, T> => {
    const out: Record<string, T> = {};
    const seen = new Map<string, string>();
    for (const { path, value } of files) {
      for (const [key, obj] of Object.entries(of(value) ?? {})) {
        const first = seen.get(key);
        if (first !== undefined) {
          diagnostics.push(
            diagnostic("IP030", {
              file: path,
              path: [name, key],
              atKey: true,
              message: `${name}.${key} is already defined in ${first}`,
              related: [{ message: "first definition", path: [name, key], file: first }],
            }),
          );
          continue;
        }
        seen.set(key, path);
        out[key] = obj;
      }
    }
    objects.set(name, seen);
    return out;
  };
  // Tenant singletons: each part (tenantSettings.compliance, deviceCleanup.<platform>) in one file; another is IP140.
  const singletons = new Map<string, string>();
  const part = <T>(
    name: "tenantSettings" | "deviceCleanup",
    of: (file: ReadPlanFile) => Readonly<Record<string, T | undefined>> | undefined,
  ) => {
    const out: Record<string, T> = {};
    for (const { path, value } of files) {
      for (const [key, obj] of Object.entries(of(value) ?? {})) {
        if (obj === undefined) continue;
        const first = singletons.get(`${name}.${key}`);
        if (first !== undefined) {
          diagnostics.push(
            diagnostic("IP140", {
              file: path,
              path: [name, key],
              atKey: true,
              message: `${name}.${key} is already defined in ${first}`,
              related: [{ message: "first definition", path: [name, key], file: first }],
            }),
          );
          continue;
        }
        singletons.set(`${name}.${key}`, path);
        out[key] = obj;
      }
    }
    return out;
  };
  const tenantSettings: TenantSettings = part("tenantSettings", (f) => f.tenantSettings);
  const deviceCleanup: DeviceCleanup = part<DeviceCleanup[CleanupPlatform]>("deviceCleanup", (f) => f.deviceCleanup);
  const plan: Plan = {
    name: name ?? "plan",
    phases,
    groups: section("groups", (f) => f.groups),
    scopeTags: section("scopeTags", (f) => f.scopeTags),
    roleDefinitions: section("roleDefinitions", (f) => f.roleDefinitions),
    roles: section("roles", (f) => f.roles),
    enrollmentCategories: section("enrollmentCategories", (f) => f.enrollmentCategories),
    filters: section("filters", (f) => f.filters),
    compliance: section("compliance", (f) => f.compliance),
    configuration: section("configuration", (f) => f.configuration),
    appProtection: section("appProtection", (f) => f.appProtection),
    enrollmentRestrictions: section("enrollmentRestrictions", (f) => f.enrollmentRestrictions),
    autopilot: section("autopilot", (f) => f.autopilot),
    enrollmentStatusPages: section("enrollmentStatusPages", (f) => f.enrollmentStatusPages),
    updates: section("updates", (f) => f.updates),
    notificationTemplates: section("notificationTemplates", (f) => f.notificationTemplates),
    tenantSettings,
    deviceCleanup,
    termsAndConditions: section("termsAndConditions", (f) => f.termsAndConditions),
    scripts: section("scripts", (f) => f.scripts),
    remediations: section("remediations", (f) => f.remediations),
    approvalPolicies: section("approvalPolicies", (f) => f.approvalPolicies),
    conditionalAccess: section("conditionalAccess", (f) => f.conditionalAccess),
    appConfiguration: section("appConfiguration", (f) => f.appConfiguration),
    deviceAppConfiguration: section("deviceAppConfiguration", (f) => f.deviceAppConfiguration),
    apps: section("apps", (f) => f.apps),
  };
  return { plan, origins: { objects, phases: phasesFile, plan: planFile, singletons }, diagnostics };
}
