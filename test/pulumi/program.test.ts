// Layer 3: the Pulumi program under pulumi.runtime.setMocks (mocks-scenario.ts, run in plain Node): the resource
// graph it registers for each phase of plan/, and how it stops on plan errors and missing secrets.
import { beforeAll, describe, expect, it } from "vitest";
import { runPlainNode } from "../helpers/plain-node.ts";

interface Registration {
  type: string;
  name: string;
  refs: string[];
  targets?: number;
  secretInputs: string[];
  providerChars: number;
}
interface Report {
  graph: Record<string, { registrations: Registration[]; ms: number }>;
  badPlan: string;
  badPhase: string;
  missingSecret: string;
}

let report: Report;
beforeAll(async () => {
  report = await runPlainNode<Report>("test/pulumi/mocks-scenario.ts");
}, 120_000);

describe("the Pulumi program under setMocks", () => {
  it("registers one resource per Graph object and per assignment set, with readable type tokens, the same in every phase", () => {
    const phases = Object.values(report.graph);
    const first = phases[0]?.registrations ?? [];
    expect(first).toHaveLength(170);
    expect(new Set(first.map((r) => r.type))).toEqual(
      new Set(
        [
          "AppProtectionPolicy",
          "ApprovalPolicy",
          "AssignmentFilter",
          "Assignments",
          "AutopilotProfile",
          "CatalogCompliancePolicy",
          "CompliancePolicy",
          "ConditionalAccessPolicy",
          "DeviceCategory",
          "DeviceCleanupRule",
          "DeviceConfiguration",
          "EnrollmentRestriction",
          "EnrollmentStatusPage",
          "Group",
          "ManagedAppConfiguration",
          "MobileApp",
          "MobileAppConfiguration",
          "MobileAppReference",
          "NotificationTemplate",
          "PlatformScript",
          "Remediation",
          "RoleAssignment",
          "RoleDefinition",
          "ScopeTag",
          "SettingsCatalogPolicy",
          "TenantSettings",
          "TermsAndConditions",
          "UpdateProfile",
        ].map((t) => `pulumi-nodejs:dynamic/intune:${t}`),
      ),
    );
    for (const p of phases) expect(p.registrations.map((r) => `${r.type} ${r.name}`)).toEqual(first.map((r) => `${r.type} ${r.name}`));
  });

  it("dependencies follow the compiled references: a role assignment needs its groups and tags, an assignment set its object, groups and filter", () => {
    const byName = new Map(report.graph["limited-pilot"]?.registrations.map((r) => [r.name, r]));
    expect(byName.get("roles.charlotte-it")?.refs).toEqual([
      "groups.charlotte-devices",
      "groups.charlotte-it-admins",
      "groups.charlotte-users",
      "scopeTags.charlotte",
    ]);
    expect(byName.get("appProtection.ios-personal#assignments")?.refs).toEqual([
      "appProtection.ios-personal",
      "filters.unmanaged-ios-apps",
      "groups.it-pilot",
    ]);
  });

  it("promotion only adds assignment targets, phase by phase", () => {
    const targets = Object.values(report.graph).map((p) => p.registrations.reduce((n, r) => n + (r.targets ?? 0), 0));
    expect(targets).toEqual([...targets].sort((a, b) => a - b));
    expect(new Set(targets).size).toBe(targets.length);
  });

  it("plan secrets are registered as secrets; the shared provider text stays small", () => {
    const wifi = report.graph["limited-pilot"]?.registrations.find((r) => r.name === "configuration.charlotte-wifi-windows");
    expect(wifi?.secretInputs).toEqual(["CHARLOTTE_WIFI_PSK"]);
    const sizes = new Set(report.graph["limited-pilot"]?.registrations.map((r) => r.providerChars));
    expect(sizes.size).toBe(1);
    expect([...sizes][0]).toBeLessThan(6000);
  });

  it("stops with the diagnostics on a plan error, and names a bad phase or a missing secret", () => {
    expect(report.badPlan).toMatch(
      /^RunError: the plan does not validate:\ntest\/fixtures\/invalid\/yaml-syntax\.yaml:\d+:\d+: error IP001/,
    );
    expect(report.badPhase).toContain("unknown phase wave-9 (from intune-plan:phase); the plan's phases are limited-pilot");
    expect(report.missingSecret).toContain("the plan names secrets with no value: CHARLOTTE_WIFI_PSK");
  });
});
