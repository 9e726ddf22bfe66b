// Named starting tenants for the emulator (`--seed`). `empty`: Graph's built-ins only. `legacy-contoso`: the
// tenant a newcomer previews plan/ against: Contoso already has some Intune objects, written here as raw Graph
// bodies (not compiled from the plan): some match plan objects by name, one has drifted from the plan, and some
// are not the plan's at all.
import type { JsonRecord } from "./graph-types.ts";
import { ROLLOUT_SEEDS, seedRollout } from "./rollout-seeds.ts";
import type { RolloutSeedName } from "./rollout-seeds.ts";
import type { TenantData } from "./store.ts";
import { builtInTenant, EmulatedTenant, specFor } from "./tenant.ts";

export const SEEDS = ["empty", "legacy-contoso", ...ROLLOUT_SEEDS] as const;
export type SeedName = (typeof SEEDS)[number];

export const DEFAULT_TENANT_ID = "c0a7c0a7-0000-4000-a000-00000000c0de";

function create(tenant: EmulatedTenant, path: string, body: JsonRecord): string {
  const spec = specFor(path);
  if (!spec) throw new Error(`no collection ${path}`);
  return String(tenant.create(spec, body).body["id"]);
}

function assign(tenant: EmulatedTenant, path: string, id: string, targets: JsonRecord[]): void {
  const spec = specFor(path);
  if (!spec?.assign) throw new Error(`no assign on ${path}`);
  tenant.assign(spec, id, { [spec.assign.bodyKey]: targets.map((target) => ({ target })) });
}

const group = (displayName: string, mailNickname: string, extra: JsonRecord = {}): JsonRecord => ({
  displayName,
  mailEnabled: false,
  mailNickname,
  securityEnabled: true,
  groupTypes: [],
  ...extra,
});

function legacyContoso(tenant: EmulatedTenant): void {
  const pilot = create(
    tenant,
    "/groups",
    group("Intune rollout - IT limited pilot", "it-pilot", { description: "50 IT volunteers (limited pilot)" }),
  );
  create(
    tenant,
    "/groups",
    group("Intune - Windows devices", "all-windows-devices", {
      groupTypes: ["DynamicMembership"],
      membershipRule: '(device.deviceOSType -eq "Windows") -and (device.managementType -eq "MDM")',
      membershipRuleProcessingState: "On",
    }),
  );
  const staff = create(tenant, "/groups", group("Legacy - All staff", "legacy-all-staff", { description: "Created by hand in 2019" }));
  create(tenant, "/groups", group("Legacy - Kiosk devices", "legacy-kiosks"));
  tenant.data.members[pilot] = 48;
  tenant.data.members[staff] = 3400;

  create(tenant, "/deviceManagement/roleScopeTags", { displayName: "Charlotte", description: "Charlotte campus objects" });
  create(tenant, "/deviceManagement/assignmentFilters", {
    displayName: "Windows 10 and later",
    platform: "windows10AndLater",
    rule: '(device.osVersion -startsWith "10.0")',
    assignmentFilterManagementType: "devices",
  });

  // Drifted: someone raised the PIN length and shortened the grace period in the portal.
  const compliance = create(tenant, "/deviceManagement/deviceCompliancePolicies", {
    "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
    displayName: "Win - Baseline compliance",
    description: "PIN, OS version, antivirus, firewall, Defender and threat level (S01, S03, S04, S05, S20)",
    passwordRequired: true,
    passwordMinimumLength: 8,
    passwordRequiredType: "numeric",
    osMinimumVersion: "10.0.19045",
    antivirusRequired: true,
    antiSpywareRequired: true,
    activeFirewallRequired: true,
    defenderEnabled: true,
    rtpEnabled: true,
    bitLockerEnabled: true,
    secureBootEnabled: true,
    deviceThreatProtectionEnabled: true,
    deviceThreatProtectionRequiredSecurityLevel: "medium",
    scheduledActionsForRule: [
      {
        ruleName: "PasswordRequired",
        scheduledActionConfigurations: [{ actionType: "block", gracePeriodHours: 12, notificationTemplateId: "" }],
      },
    ],
  });
  assign(tenant, "/deviceManagement/deviceCompliancePolicies", compliance, [
    { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: pilot },
  ]);

  create(tenant, "/deviceManagement/configurationPolicies", {
    name: "Win - BitLocker OS disk",
    description: "",
    platforms: "windows10",
    technologies: "mdm",
    settings: [
      {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
        settingInstance: {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
          settingDefinitionId: "device_vendor_msft_bitlocker_requiredeviceencryption",
          choiceSettingValue: {
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
            value: "device_vendor_msft_bitlocker_requiredeviceencryption_1",
            children: [],
          },
        },
      },
      {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
        settingInstance: {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
          settingDefinitionId: "device_vendor_msft_bitlocker_allowwarningforotherdiskencryption",
          choiceSettingValue: {
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
            value: "device_vendor_msft_bitlocker_allowwarningforotherdiskencryption_0",
            children: [],
          },
        },
      },
    ],
  });

  // Not the plan's: a 2019 restrictions profile for all staff. Preview lists it; nothing touches it.
  const legacy = create(tenant, "/deviceManagement/deviceConfigurations", {
    "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
    displayName: "Legacy - Windows restrictions (2019)",
    cameraBlocked: true,
    storageBlockRemovableStorage: true,
  });
  assign(tenant, "/deviceManagement/deviceConfigurations", legacy, [
    { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: staff },
  ]);

  // Device cleanup rules (§9.3, one per platform): Windows's was set up by hand with another name and 180 days (the
  // plan adopts it by platform); the Android device administrator rule is not the plan's and is left alone.
  create(tenant, "/deviceManagement/managedDeviceCleanupRules", {
    displayName: "Retire stale Windows PCs",
    description: "",
    deviceCleanupRulePlatformType: "windows",
    deviceInactivityBeforeRetirementInDays: 180,
  });
  create(tenant, "/deviceManagement/managedDeviceCleanupRules", {
    displayName: "Legacy Android cleanup",
    deviceCleanupRulePlatformType: "androidDeviceAdministrator",
    deviceInactivityBeforeRetirementInDays: 120,
  });
}

/**
 * The apps Contoso's tenant holds that no plan can make (kinds/mobile-app.ts, lifecycle "reference"): the managed
 * Google Play apps its admins approved, which Intune synced from Google, and the shuttle app its mobile team uploaded
 * as a line-of-business app. Every seed has them, as the tenant the reference plan (plan/apps.yaml) is written for
 * does: the plan only assigns them. Identities as Google Play and the upload give them.
 */
export function appsMadeElsewhere(tenant: EmulatedTenant): void {
  const play = (displayName: string, packageId: string): JsonRecord => ({
    "@odata.type": "#microsoft.graph.androidManagedStoreApp",
    displayName,
    publisher: "Microsoft Corporation",
    packageId,
    appIdentifier: packageId,
    appStoreUrl: `https://play.google.com/store/apps/details?id=${packageId}`,
    isPrivate: false,
    isSystemApp: false,
    roleScopeTagIds: ["0"],
  });
  // Fixed ids, as for Graph's built-ins: seeding them takes nothing from the tenant's id sequence.
  tenant.addAppMadeElsewhere(play("Microsoft Teams", "com.microsoft.teams"), "a9900001-0000-4000-a000-00000000a001");
  tenant.addAppMadeElsewhere(play("Microsoft Excel: Spreadsheets", "com.microsoft.office.excel"), "a9900001-0000-4000-a000-00000000a002");
  tenant.addAppMadeElsewhere(play("Microsoft SharePoint", "com.microsoft.sharepoint"), "a9900001-0000-4000-a000-00000000a003");
  tenant.addAppMadeElsewhere(
    {
      "@odata.type": "#microsoft.graph.iosLobApp",
      displayName: "Contoso Shuttle",
      publisher: "Contoso mobile team",
      bundleId: "com.contoso.shuttle",
      versionNumber: "3.2",
      buildNumber: "320",
      fileName: "ContosoShuttle.ipa",
      applicableDeviceType: { iPad: true, iPhoneAndIPod: true },
      minimumSupportedOperatingSystem: { v16_0: true },
      roleScopeTagIds: ["0"],
    },
    "a9900001-0000-4000-a000-00000000a004",
  );
}

export function seedTenant(name: SeedName, tenantId = DEFAULT_TENANT_ID): TenantData {
  const data = builtInTenant(tenantId);
  // Seeding happens before any client connects: fixed timestamps keep seeded tenants identical run to run.
  const tenant = new EmulatedTenant(data, 0, () => new Date("2025-06-02T09:00:00Z"));
  appsMadeElsewhere(tenant);
  if (name === "legacy-contoso") legacyContoso(tenant);
  else if ((ROLLOUT_SEEDS as readonly string[]).includes(name)) seedRollout(tenant, data, name as RolloutSeedName);
  return data;
}
