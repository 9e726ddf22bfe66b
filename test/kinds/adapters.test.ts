// Kind adapters (src/kinds/): each plan object compiles to a body its own toPlan reads back to the same plan object,
// and the role definition adapter reads both shapes of rolePermissions Graph answers with.
import { describe, expect, it } from "vitest";
import type { GraphShape } from "../../src/kinds/kind.ts";
import { compileContext, importContext } from "../helpers/kind-contexts.ts";
import type { AppProtectionPolicy, ConfigurationPolicy, Role } from "../../src/plan/schema.ts";
import { assignmentFilter } from "../../src/kinds/assignment-filter.ts";
import { deviceCategory } from "../../src/kinds/device-category.ts";
import { roleDefinition } from "../../src/kinds/role-definition.ts";
import { updateProfile, updateProfileCollection } from "../../src/kinds/update-profile.ts";
import type { Json, JsonObject } from "../../src/graph-model/json.ts";
import { appProtectionPolicy } from "../../src/kinds/app-protection-policy.ts";
import { deviceConfiguration } from "../../src/kinds/device-configuration.ts";
import { group } from "../../src/kinds/group.ts";
import { roleAssignment } from "../../src/kinds/role-assignment.ts";
import { scopeTag } from "../../src/kinds/scope-tag.ts";
import { catalogCompliancePolicy, scheduledActionsAction } from "../../src/kinds/catalog-compliance-policy.ts";
import { expandCatalogSettings } from "../../src/plan/settings-catalog.ts";
import type { CompliancePolicy, EnrollmentRestriction } from "../../src/plan/schema.ts";
import { compliancePolicy } from "../../src/kinds/compliance-policy.ts";
import { enrollmentRestriction } from "../../src/kinds/enrollment-restriction.ts";
import { platformScript } from "../../src/kinds/platform-script.ts";
import { remediation, runSchedule } from "../../src/kinds/remediation.ts";
import { autopilotProfile } from "../../src/kinds/autopilot-profile.ts";
import { enrollmentStatusPage } from "../../src/kinds/enrollment-status-page.ts";
import type { AutopilotProfile, EnrollmentStatusPage } from "../../src/plan/schema.ts";

const compileCtx = compileContext;
const notes: string[] = [];
const written: { name: string; text: string }[] = [];
let targetSettings: JsonObject | undefined;
const importCtx = importContext(notes, ["it-pilot"], {
  file: (name, text) => {
    written.push({ name, text });
    return `files/${name}`;
  },
  targetSettings: () => targetSettings,
});
const back = (body: JsonObject): JsonObject => JSON.parse(JSON.stringify(body)) as JsonObject;
/** The body as Graph holds it: the adapter's body with its @odata.type, through JSON. */
const stored = (shape: GraphShape): JsonObject => back(shape.odataType ? { "@odata.type": shape.odataType, ...shape.body } : shape.body);

describe("kind adapters", () => {
  it("role definitions, device categories and filters read back as the plan object they compiled from", () => {
    const role = { displayName: "Helpdesk", description: "Tier 1", allowedActions: ["Microsoft.Intune_Organization_Read"] };
    expect(roleDefinition.toPlan({}, back(roleDefinition.toGraph(role, compileCtx, "helpdesk").body), importCtx)).toEqual(role);
    const category = { displayName: "Kiosk" };
    expect(deviceCategory.toPlan({}, back(deviceCategory.toGraph(category, compileCtx, "kiosk").body), importCtx)).toEqual(category);
    const filter = {
      displayName: "Corporate Windows",
      platform: "windows10AndLater",
      rule: '(device.deviceOwnership -eq "Corporate")',
      management: "apps",
    } as const;
    expect(assignmentFilter.toPlan({}, back(assignmentFilter.toGraph(filter, compileCtx, "corporate-windows").body), importCtx)).toEqual(
      filter,
    );
    expect(notes).toEqual([]);
  });

  it("a role definition's actions are read from the list shape and from the older object shape", () => {
    const list = {
      displayName: "R",
      rolePermissions: [{ resourceActions: [{ allowedResourceActions: ["a", "b"] }, { allowedResourceActions: ["c"] }] }],
    };
    const legacy = { displayName: "R", rolePermissions: { allowedResourceActions: ["a"] } };
    expect(roleDefinition.toPlan({}, list, importCtx)).toMatchObject({ allowedActions: ["a", "b", "c"] });
    expect(roleDefinition.toPlan({}, legacy, importCtx)).toMatchObject({ allowedActions: ["a"] });
    expect(roleDefinition.toPlan({}, { displayName: "R" }, importCtx)).toMatchObject({ allowedActions: [] });
  });

  it("groups, scope tags, role assignments, template profiles and app protection read back as the plan object they compiled from", () => {
    const g = {
      displayName: "IT pilot",
      membership: "dynamic",
      members: "devices",
      rule: '(device.deviceOwnership -eq "Company")',
    } as const;
    expect(group.toPlan({}, back(group.toGraph(g, compileCtx, "it-pilot").body), importCtx)).toEqual({ ...g, mailNickname: "it-pilot" });
    const tag = { displayName: "Redmond" };
    expect(scopeTag.toPlan({}, back(scopeTag.toGraph(tag, compileCtx, "redmond").body), importCtx)).toEqual({
      ...tag,
      autoAssign: ["it-pilot"],
    });
    const roles: Role[] = [
      { displayName: "Helpdesk Redmond", role: "helpdeskOperator", admins: ["helpdesk"], scope: ["redmond-devices"] },
      { displayName: "Custom", role: "tier1", admins: ["helpdesk"], scope: "allDevicesAndUsers" },
    ];
    for (const role of roles)
      expect(roleAssignment.toPlan({}, back(roleAssignment.toGraph(role, compileCtx, "r").body), importCtx)).toEqual(role);
    const profile: ConfigurationPolicy = {
      displayName: "Wi-Fi",
      platform: "iOS",
      profile: "wifi",
      settings: { ssid: "Contoso", wiFiSecurityType: "wpa2Personal" },
    };
    expect(deviceConfiguration.toPlan({}, stored(deviceConfiguration.toGraph(profile, compileCtx, "wifi")), importCtx)).toEqual(profile);
    expect(notes.splice(0)).toEqual(["Wi-Fi keys are write-only in Graph; add preSharedKey: { secret: NAME } if the profile uses one"]);
    const mam: AppProtectionPolicy = {
      displayName: "MAM iOS",
      platform: "iOS",
      apps: ["outlook", "com.contoso.shuttle"],
      settings: { pinRequired: true },
    };
    const shape = appProtectionPolicy.toGraph(mam, compileCtx, "mam-ios");
    expect(shape.collection).toBe("/deviceAppManagement/iosManagedAppProtections");
    const read = { ...stored(shape), targetApps: shape.actions?.[0]?.body ?? {} };
    expect(appProtectionPolicy.toPlan({}, read, importCtx)).toEqual(mam);
  });

  it("a Linux compliance policy reads back with its settings (verbose, as written) and its actions from setScheduledActions", () => {
    const linux: CompliancePolicy = {
      displayName: "Linux",
      platform: "linux",
      settings: {
        linux_passwordpolicy_minimumlength: 12,
        linux_distribution_alloweddistros: [
          { linux_distribution_alloweddistros_item_$type: "linux_distribution_alloweddistros_item_$type_rhel" },
        ],
      },
      actions: [
        { action: "block", graceHours: 24 },
        { action: "notification", template: "6eb92564-c50c-46a8-b9a3-8aa0d3c09ade", cc: ["it-staff"] },
      ],
    };
    const { body } = catalogCompliancePolicy.toGraph(linux, compileCtx, "linux");
    expect(body).toMatchObject({ name: "Linux", platforms: "linux", technologies: "linuxMdm" });
    // As read back: settings with Graph's ids, the actions folded into the follow-up action's property (observe.ts).
    const item = { settings: (back(body)["settings"] as JsonObject[]).map((s, i) => ({ id: String(i), ...s })) };
    const read = { ...back(body), setScheduledActions: back(scheduledActionsAction(linux, compileCtx).body) };
    const plan = catalogCompliancePolicy.toPlan(item, read, importCtx);
    expect(plan).toMatchObject({
      displayName: "Linux",
      platform: "linux",
      actions: [
        { action: "block", graceHours: 24 },
        { action: "notification", graceHours: 0, template: "6eb92564-c50c-46a8-b9a3-8aa0d3c09ade", cc: ["it-staff"] },
      ],
    });
    expect(expandCatalogSettings(plan?.["settings"]).settings).toEqual(expandCatalogSettings(linux.settings).settings);
    expect(notes).toEqual([]);
    expect(catalogCompliancePolicy.toPlan({}, { name: "Mac", platforms: "macOS", technologies: "mdm" }, importCtx)).toBeUndefined();
    expect(notes).toEqual(["compliance platform macOS (mdm) is not a plan platform; left out"]);
    notes.splice(0);
  });

  it("observe is toGraph's inverse for compliance actions: ids read back as the references compile wrote, a plan template's included", () => {
    const ids: Record<string, string> = {
      "notificationTemplates.warn": "a1b2c3d4-0000-4000-8000-000000000001",
      "groups.it-staff": "A1B2C3D4-0000-4000-8000-000000000002",
    };
    const ctx = { ...compileCtx, template: (t: string | undefined) => (t === undefined ? "" : { $ref: `notificationTemplates.${t}` }) };
    const toIds = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(toIds)
        : typeof v === "object" && v !== null
          ? "$ref" in v
            ? ids[String(v.$ref)]
            : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toIds(x)]))
          : v;
    const addressOf = (id: Json): string | undefined => Object.keys(ids).find((a) => ids[a]?.toLowerCase() === String(id).toLowerCase());
    const observeCtx = { refOr: (id: Json): Json => (addressOf(id) ? { $ref: String(addressOf(id)) } : id), endpoint: "" };
    const actions: CompliancePolicy["actions"] = [
      { action: "block", graceHours: 24 },
      { action: "notification", template: "warn", cc: ["it-staff"] },
    ];
    const linux: CompliancePolicy = {
      displayName: "Linux",
      platform: "linux",
      settings: { linux_passwordpolicy_minimumlength: 12 },
      actions,
    };
    const written = back(scheduledActionsAction(linux, ctx).body);
    // Graph holds the rule with ids, and its own id, which the read-back leaves out as compile never writes it.
    const rules = (toIds(written["scheduledActions"]) as JsonObject[]).map((r) => ({ id: "rule", ...r }));
    const read = catalogCompliancePolicy.observe?.(
      { name: "Linux", scheduledActionsForRule: rules },
      { scheduledActionsForRule: rules },
      observeCtx,
    );
    expect(read).toEqual({ name: "Linux", setScheduledActions: written });
    // Classic compliance keeps the rule in its body; the same references come back.
    const classic = back(compliancePolicy.toGraph({ ...linux, platform: "windows", settings: {} }, ctx, "w").body);
    const held = toIds(classic) as JsonObject;
    expect(compliancePolicy.observe?.(held, held, observeCtx)).toEqual(classic);
  });

  it("update profiles of each type read back as the plan object they compiled from, in their own collection", () => {
    const profiles = [
      {
        displayName: "Windows 11 24H2",
        description: "Feature update",
        type: "feature",
        settings: {
          featureUpdateVersion: "Windows 11, version 24H2",
          rolloutSettings: {
            offerStartDateTimeInUTC: "2026-07-01T00:00:00Z",
            offerEndDateTimeInUTC: "2026-08-01T00:00:00Z",
            offerIntervalInDays: 7,
          },
        },
      },
      {
        displayName: "Expedite June",
        type: "quality",
        settings: { expeditedUpdateSettings: { qualityUpdateRelease: "2026-06-09T00:00:00Z", daysUntilForcedReboot: 1 } },
      },
      { displayName: "Drivers", type: "driver", settings: { approvalType: "automatic", deploymentDeferralInDays: 7 } },
    ] as const;
    for (const p of profiles) {
      const shape = updateProfile.toGraph(p, compileCtx, "u");
      expect(shape.odataType).toBe(`#microsoft.graph.windows${p.type.charAt(0).toUpperCase()}${p.type.slice(1)}UpdateProfile`);
      const body = back({ "@odata.type": shape.odataType, ...shape.body });
      expect(updateProfile.toPlan({}, body, importCtx)).toEqual(p);
    }
    expect(updateProfileCollection("driver")).toBe("/deviceManagement/windowsDriverUpdateProfiles");
    expect(
      updateProfile.toPlan({}, { displayName: "X", "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration" }, importCtx),
    ).toBeUndefined();
    expect(notes).toEqual([
      "update profile type #microsoft.graph.windowsUpdateForBusinessConfiguration is not a plan update type; left out",
    ]);
    notes.splice(0);
  });

  it("platform scripts and remediations send their script text base64 and import it back to a file", () => {
    const text = "Set-TimeZone -Id 'W. Europe Standard Time'\n# é\n";
    const script = { displayName: "Time zone", script: { path: "scripts/set-timezone.ps1", text }, runAs: "user" as const };
    const body = stored(platformScript.toGraph(script, compileCtx, "tz"));
    expect(body["scriptContent"]).toBe(Buffer.from(text, "utf8").toString("base64"));
    expect(body).toMatchObject({ fileName: "set-timezone.ps1", runAsAccount: "user", enforceSignatureCheck: false, runAs32Bit: false });
    expect(platformScript.toPlan({}, body, importCtx)).toEqual({
      displayName: "Time zone",
      script: "files/set-timezone.ps1",
      runAs: "user",
    });
    expect(written.splice(0)).toEqual([{ name: "set-timezone.ps1", text }]);

    const detect = "if ((Get-ChildItem $env:TEMP | Measure-Object).Count -gt 1000) { exit 1 }\nexit 0\n";
    const fix = "Remove-Item $env:TEMP\\* -Recurse -Force\n";
    const schedule = { every: "daily" as const, time: "02:30", interval: 2 };
    const pkg = {
      displayName: "Temp folder",
      publisher: "Endpoint team",
      detection: { path: "r/detect.ps1", text: detect },
      remediation: { path: "r/fix.ps1", text: fix },
      schedule,
    };
    const rbody = stored(remediation.toGraph(pkg, compileCtx, "temp"));
    expect(Object.keys(rbody)).toEqual(expect.arrayContaining(["detectionScriptContent", "remediationScriptContent", "publisher"]));
    targetSettings = { runRemediationScript: true, runSchedule: runSchedule(schedule) };
    expect(targetSettings["runSchedule"]).toEqual({
      "@odata.type": "#microsoft.graph.deviceHealthScriptDailySchedule",
      interval: 2,
      time: "02:30:00",
      useUtc: false,
    });
    expect(remediation.toPlan({}, rbody, importCtx)).toEqual({
      displayName: "Temp folder",
      publisher: "Endpoint team",
      detection: "files/detect.ps1",
      remediation: "files/remediate.ps1",
      schedule,
    });
    expect(written.splice(0).map((f) => f.text)).toEqual([detect, fix]);
    targetSettings = undefined;
  });

  it("classic compliance (actions, a plan template by key, cc groups) and enrollment restrictions read back as their plan objects", () => {
    const policy: CompliancePolicy = {
      displayName: "Win - Baseline compliance",
      platform: "windows",
      settings: { passwordRequired: true, passwordMinimumLength: 8 },
      actions: [
        { action: "block", graceHours: 12 },
        { action: "notification", graceHours: 4, template: "noncompliance-email", cc: ["it-staff"] },
      ],
    };
    // The compiler names a plan template by reference (compile.ts contextOf); import reads the reference back as the key.
    const ctx = { ...compileCtx, template: (t: string | undefined) => (t ? { $ref: `notificationTemplates.${t}` } : "") };
    expect(compliancePolicy.toPlan({}, stored(compliancePolicy.toGraph(policy, ctx, "windows-baseline")), importCtx)).toEqual(policy);
    const restriction: EnrollmentRestriction = {
      displayName: "Block personal Windows",
      platform: "windows",
      personalDevices: "block",
      osMinimumVersion: "10.0.19045",
      priority: 2,
    };
    const shape = enrollmentRestriction.toGraph(restriction, compileCtx, "block-personal-windows");
    expect(shape.actions).toEqual([{ path: "/setPriority", body: { priority: 2 } }]);
    expect(enrollmentRestriction.toPlan({}, { ...stored(shape), setPriority: { priority: 2 } }, importCtx)).toEqual(restriction);
    expect(notes).toEqual([]);
  });

  it("Autopilot profiles and enrollment status pages read back as the plan object they compiled from", () => {
    const profiles: AutopilotProfile[] = [
      { displayName: "Pilots", join: "entra", deviceNameTemplate: "CON-%SERIAL%", oobe: { userType: "standard", hideEULA: true } },
      {
        displayName: "Execs",
        join: "entra",
        preProvisioning: true,
        language: "en-GB",
        oobe: { hideChangeAccount: true, deviceUsage: "shared" },
      },
      { displayName: "Hybrid", join: "hybrid", deviceType: "virtualMachine", convertTargetedDevices: true },
    ];
    for (const ap of profiles) {
      const shape = autopilotProfile.toGraph(ap, compileCtx, "k");
      expect(shape.odataType).toBe(
        ap.join === "entra"
          ? "#microsoft.graph.azureADWindowsAutopilotDeploymentProfile"
          : "#microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile",
      );
      expect(autopilotProfile.toPlan({}, stored(shape), importCtx)).toEqual(ap);
    }
    const pages: EnrollmentStatusPage[] = [
      {
        displayName: "Wait for apps",
        showProgress: true,
        priority: 2,
        onFailure: { allowReset: true, allowRetry: false },
        blockingApps: ["0f4f3a0e-1c2d-4b5a-8e9f-123456789abc"],
      },
      {
        displayName: "Minimal",
        showProgress: false,
        priority: 1,
        timeoutMinutes: 30,
        errorMessage: "Call IT",
        autopilotOnly: true,
        firstUserOnly: true,
      },
    ];
    for (const esp of pages) {
      const shape = enrollmentStatusPage.toGraph(esp, compileCtx, "k");
      expect(shape.actions).toEqual([{ path: "/setPriority", body: { priority: esp.priority } }]);
      const body = { ...stored(shape), setPriority: shape.actions?.[0]?.body ?? null };
      expect(enrollmentStatusPage.toPlan({}, body, importCtx)).toEqual(esp);
    }
    expect(notes).toEqual([]);
  });
});
