// Friendly plan words (platform, profile) → the Graph `@odata.type` they compile to. One table, read by the
// validator (to check settings against Microsoft's types), the compiler and the schema generator (its roots).

export const COMPLIANCE_PLATFORMS = ["windows", "macOS", "iOS", "androidWorkProfile", "androidFullyManaged"] as const;
export type CompliancePlatform = (typeof COMPLIANCE_PLATFORMS)[number];

export const COMPLIANCE_TYPES: Record<CompliancePlatform, string> = {
  windows: "windows10CompliancePolicy",
  macOS: "macOSCompliancePolicy",
  iOS: "iosCompliancePolicy",
  androidWorkProfile: "androidWorkProfileCompliancePolicy",
  androidFullyManaged: "androidDeviceOwnerCompliancePolicy",
};

export const CONFIG_PLATFORMS = ["windows", "macOS", "iOS", "androidWorkProfile", "androidFullyManaged"] as const;
export type ConfigPlatform = (typeof CONFIG_PLATFORMS)[number];

/** Template profiles; `settingsCatalog` is separate because it has its own collection and body shape. */
export const TEMPLATE_PROFILES = ["deviceRestrictions", "wifi", "vpn", "email", "updateRing", "customOmaUri"] as const;
export type TemplateProfile = (typeof TEMPLATE_PROFILES)[number];
export const CONFIG_PROFILES = [...TEMPLATE_PROFILES, "settingsCatalog"] as const;
export type ConfigProfile = (typeof CONFIG_PROFILES)[number];

/** Which template profile exists on which platform; a missing entry means "not available" (diagnostic IP071). */
export const CONFIGURATION_TYPES: Record<TemplateProfile, Partial<Record<ConfigPlatform, string>>> = {
  deviceRestrictions: {
    windows: "windows10GeneralConfiguration",
    macOS: "macOSGeneralDeviceConfiguration",
    iOS: "iosGeneralDeviceConfiguration",
    androidWorkProfile: "androidWorkProfileGeneralDeviceConfiguration",
    androidFullyManaged: "androidDeviceOwnerGeneralDeviceConfiguration",
  },
  wifi: {
    windows: "windowsWifiConfiguration",
    macOS: "macOSWiFiConfiguration",
    iOS: "iosWiFiConfiguration",
    androidWorkProfile: "androidWorkProfileWiFiConfiguration",
    androidFullyManaged: "androidDeviceOwnerWiFiConfiguration",
  },
  vpn: {
    windows: "windows10VpnConfiguration",
    macOS: "macOSVpnConfiguration",
    iOS: "iosVpnConfiguration",
    androidWorkProfile: "androidWorkProfileVpnConfiguration",
    androidFullyManaged: "androidDeviceOwnerVpnConfiguration",
  },
  email: {
    windows: "windows10EasEmailProfileConfiguration",
    iOS: "iosEasEmailProfileConfiguration",
    androidWorkProfile: "androidWorkProfileGmailEasConfiguration",
  },
  updateRing: { windows: "windowsUpdateForBusinessConfiguration" },
  customOmaUri: { windows: "windows10CustomConfiguration" },
};

/** Settings-catalog `platforms` value per plan platform. */
export const SETTINGS_CATALOG_PLATFORMS: Record<ConfigPlatform, string> = {
  windows: "windows10",
  macOS: "macOS",
  iOS: "iOS",
  androidWorkProfile: "androidEnterprise",
  androidFullyManaged: "androidEnterprise",
};
export const SETTINGS_CATALOG_TYPE = "deviceManagementConfigurationPolicy";

export const APP_PROTECTION_PLATFORMS = ["iOS", "android"] as const;
export type AppProtectionPlatform = (typeof APP_PROTECTION_PLATFORMS)[number];
export const APP_PROTECTION_TYPES: Record<AppProtectionPlatform, string> = {
  iOS: "iosManagedAppProtection",
  android: "androidManagedAppProtection",
};

export const ENROLLMENT_PLATFORMS = ["windows", "macOS", "iOS", "android", "androidForWork"] as const;
export type EnrollmentPlatform = (typeof ENROLLMENT_PLATFORMS)[number];
/** Graph `platformType` (enrollmentRestrictionPlatformType) per plan platform. */
export const ENROLLMENT_PLATFORM_TYPES: Record<EnrollmentPlatform, string> = {
  windows: "windows",
  macOS: "mac",
  iOS: "ios",
  android: "android",
  androidForWork: "androidForWork",
};
export const ENROLLMENT_RESTRICTION_TYPE = "deviceEnrollmentPlatformRestrictionConfiguration";

/** Assignment-filter `platform` (devicePlatformType) values that suit each policy platform. */
export const FILTER_PLATFORMS: Record<string, readonly string[]> = {
  windows: ["windows10AndLater"],
  macOS: ["macOS"],
  iOS: ["iOS"],
  androidWorkProfile: ["androidWorkProfile", "androidForWork"],
  androidFullyManaged: ["androidForWork"],
  android: ["android"],
  androidForWork: ["androidForWork", "androidWorkProfile"],
  "app:iOS": ["iOSMobileApplicationManagement"],
  "app:android": ["androidMobileApplicationManagement"],
};

/** Every type the plan can produce directly: the roots of the generated Graph schema. */
export const PLAN_ROOT_TYPES: readonly string[] = [
  "group",
  "roleScopeTag",
  "deviceAndAppManagementRoleDefinition",
  "deviceAndAppManagementRoleAssignment",
  "deviceCategory",
  "deviceAndAppManagementAssignmentFilter",
  ...Object.values(COMPLIANCE_TYPES),
  ...Object.values(CONFIGURATION_TYPES).flatMap((m) => Object.values(m)),
  SETTINGS_CATALOG_TYPE,
  ...Object.values(APP_PROTECTION_TYPES),
  ENROLLMENT_RESTRICTION_TYPE,
  "operationApprovalPolicy",
  "deviceCompliancePolicyAssignment",
  "deviceConfigurationAssignment",
  "deviceManagementConfigurationPolicyAssignment",
  "targetedManagedAppPolicyAssignment",
  "enrollmentConfigurationAssignment",
  "roleScopeTagAutoAssignment",
  "groupAssignmentTarget",
  "exclusionGroupAssignmentTarget",
  "allDevicesAssignmentTarget",
  "allLicensedUsersAssignmentTarget",
  "managedMobileApp",
];

/** The Graph API versions intune-plan speaks: beta for Intune, v1.0 for the directory. */
export type GraphVersion = "beta" | "v1.0";
