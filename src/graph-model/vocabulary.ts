// Friendly plan words (platform, profile) → the Graph `@odata.type` they compile to. One table, read by the
// validator (to check settings against Microsoft's types), the compiler and the schema generator (its roots).

export const COMPLIANCE_PLATFORMS = ["windows", "macOS", "iOS", "androidWorkProfile", "androidFullyManaged", "aosp"] as const;
export type CompliancePlatform = (typeof COMPLIANCE_PLATFORMS)[number];
/**
 * Compliance platforms whose policies live in the settings-catalog compliance collection (GRAPH-NOTES §6.2,
 * /deviceManagement/compliancePolicies) rather than in deviceCompliancePolicies: Linux only.
 */
export const CATALOG_COMPLIANCE_PLATFORMS = ["linux"] as const;
export type CatalogCompliancePlatform = (typeof CATALOG_COMPLIANCE_PLATFORMS)[number];
/** Graph `platforms` and `technologies` of a settings-catalog compliance policy per plan platform (§6.2). */
export const CATALOG_COMPLIANCE_GRAPH: Record<CatalogCompliancePlatform, { readonly platforms: string; readonly technologies: string }> = {
  linux: { platforms: "linux", technologies: "linuxMdm" },
};
export const CATALOG_COMPLIANCE_TYPE = "deviceManagementCompliancePolicy";
export const isCatalogCompliancePlatform = (platform: string): platform is CatalogCompliancePlatform =>
  (CATALOG_COMPLIANCE_PLATFORMS as readonly string[]).includes(platform);

export const COMPLIANCE_TYPES: Record<CompliancePlatform, string> = {
  windows: "windows10CompliancePolicy",
  macOS: "macOSCompliancePolicy",
  iOS: "iosCompliancePolicy",
  androidWorkProfile: "androidWorkProfileCompliancePolicy",
  androidFullyManaged: "androidDeviceOwnerCompliancePolicy",
  // Android (AOSP) device owner: the userless and kiosk devices without Google services (GRAPH-NOTES §6.1 "also").
  aosp: "aospDeviceOwnerCompliancePolicy",
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

/**
 * Autopilot deployment profile @odata.type per plan `join` (GRAPH beta windowsAutopilotDeploymentProfile subtypes;
 * TF windows_autopilot_deployment_profile/construct.go picks the same two by device join type).
 */
export const AUTOPILOT_JOINS = ["entra", "hybrid"] as const;
export type AutopilotJoin = (typeof AUTOPILOT_JOINS)[number];
export const AUTOPILOT_PROFILE_TYPES: Record<AutopilotJoin, string> = {
  entra: "azureADWindowsAutopilotDeploymentProfile",
  hybrid: "activeDirectoryWindowsAutopilotDeploymentProfile",
};
/** Graph windowsAutopilotDeviceType members a plan may name (unknownFutureValue is Graph's sentinel, not a choice). */
export const AUTOPILOT_DEVICE_TYPES = ["windowsPc", "holoLens", "surfaceHub2", "surfaceHub2S", "virtualMachine"] as const;
/** The enrollment status page: a deviceEnrollmentConfiguration subtype (GRAPH-NOTES §9.1). */
export const ENROLLMENT_STATUS_PAGE_TYPE = "windows10EnrollmentCompletionPageConfiguration";

/**
 * Conditional Access (issue 15 item 3): /identity/conditionalAccess/policies, v1.0 (microsoft-graph-docs-contrib
 * api-reference/v1.0/resources/conditionalaccesspolicy.md). Plan words for Graph's conditionalAccessGrantControl
 * members (@microsoft/microsoft-graph-types-beta ConditionalAccessGrantControl): what a platform team says for each.
 */
export const CA_GRANT_CONTROLS = {
  block: "block",
  mfa: "mfa",
  compliantDevice: "compliantDevice",
  hybridJoinedDevice: "domainJoinedDevice",
  approvedApp: "approvedApplication",
  appProtection: "compliantApplication",
  passwordChange: "passwordChange",
} as const;
export type CaGrantControl = keyof typeof CA_GRANT_CONTROLS;
/**
 * The well-known cloud-app values of conditionalAccessApplications.includeApplications (Graph's create example sends
 * "All"; "Office365" and "MicrosoftAdminPortals" are the portal's app groups, as Microsoft365DSC's and the Pulumi azuread
 * examples write them). Any other app is named by its application id (a GUID).
 */
export const CA_APPS = { all: "All", office365: "Office365", adminPortals: "MicrosoftAdminPortals" } as const;
export type CaApp = keyof typeof CA_APPS;
/** conditionalAccessDevicePlatform members a plan may name (windowsPhone is retired; all and unknownFutureValue are sentinels). */
export const CA_PLATFORMS = ["android", "iOS", "windows", "macOS", "linux"] as const;
/** conditionalAccessClientApp members a plan may name; none listed is Graph's `all` (easSupported is deprecated). */
export const CA_CLIENT_APPS = ["browser", "mobileAppsAndDesktopClients", "exchangeActiveSync", "other"] as const;
/** The policy state per plan word (conditionalAccessPolicyState). */
export const CA_STATES = { on: "enabled", reportOnly: "enabledForReportingButNotEnforced", off: "disabled" } as const;
export type CaState = keyof typeof CA_STATES;

/**
 * Windows update profiles (S05), beside the update rings: one plan section, three Graph collections (GRAPH-NOTES §1.6
 * has no row for them; the facts are from the Graph beta reference pages intune-softwareupdate-windows{feature,quality,
 * driver}updateprofile and the Terraform provider's windows_feature_update_policy resource).
 */
export const UPDATE_PROFILE_KINDS = ["feature", "quality", "driver"] as const;
export type UpdateProfileKind = (typeof UPDATE_PROFILE_KINDS)[number];
export const UPDATE_PROFILE_TYPES: Record<UpdateProfileKind, string> = {
  feature: "windowsFeatureUpdateProfile",
  quality: "windowsQualityUpdateProfile",
  driver: "windowsDriverUpdateProfile",
};
export const UPDATE_PROFILE_COLLECTIONS: Record<UpdateProfileKind, string> = {
  feature: "/deviceManagement/windowsFeatureUpdateProfiles",
  quality: "/deviceManagement/windowsQualityUpdateProfiles",
  driver: "/deviceManagement/windowsDriverUpdateProfiles",
};
/**
 * The feature update versions Intune offers, newest first (the relaxation rule reads the order: going down the list
 * deploys an older Windows). Graph types `featureUpdateVersion` as a free string; the Terraform provider validates it
 * against this list (windows_feature_update_policy/resource.go `stringvalidator.OneOf`), plus the last Windows 10
 * release its acceptance tests still deploy.
 */
export const FEATURE_UPDATE_VERSIONS = [
  "Windows 11, version 25H2",
  "Windows 11, version 24H2",
  "Windows 11, version 23H2",
  "Windows 10, version 22H2",
] as const;

/** Assignment-filter `platform` (devicePlatformType) values that suit each policy platform. */
export const FILTER_PLATFORMS: Record<string, readonly string[]> = {
  windows: ["windows10AndLater"],
  macOS: ["macOS"],
  iOS: ["iOS"],
  androidWorkProfile: ["androidWorkProfile", "androidForWork"],
  androidFullyManaged: ["androidForWork"],
  aosp: ["androidAOSP"],
  // devicePlatformType has no Linux member (GRAPH-NOTES §7.3): no assignment filter suits a Linux policy.
  linux: [],
  android: ["android"],
  androidForWork: ["androidForWork", "androidWorkProfile"],
  "app:iOS": ["iOSMobileApplicationManagement"],
  "app:android": ["androidMobileApplicationManagement"],
};

/**
 * Apps (S17, kinds/mobile-app.ts): plan word → the mobileApp subtype (Microsoft Graph beta resources
 * intune-apps-officesuiteapp, -wingetapp, -iosstoreapp, -webapp, -androidmanagedstoreapp, -ioslobapp, -androidlobapp,
 * -win32lobapp). The first four the plan creates and deletes; the others it only references (APP_REFERENCE_TYPES).
 */
export const APP_TYPES = {
  microsoft365: "officeSuiteApp",
  winGet: "winGetApp",
  iosStore: "iosStoreApp",
  webLink: "webApp",
  managedGooglePlay: "androidManagedStoreApp",
  iosLob: "iosLobApp",
  androidLob: "androidLobApp",
  win32Lob: "win32LobApp",
} as const;
export type AppType = keyof typeof APP_TYPES;
export const APP_TYPE_WORDS = Object.keys(APP_TYPES) as [AppType, ...AppType[]];
/**
 * Apps the plan assigns but never creates, changes or deletes: managed Google Play apps are synced from Google (Graph
 * has no create for them: the Intune portal approves them in managed Google Play and syncs), and line-of-business
 * apps carry a binary uploaded elsewhere (the plan records its identity, never the content).
 */
export const APP_REFERENCE_TYPES: readonly AppType[] = ["managedGooglePlay", "iosLob", "androidLob", "win32Lob"];
/**
 * The mobileAppAssignmentSettings subtype an app type's assignments take (Graph beta typings); a type not listed takes
 * no assignment settings.
 */
export const APP_ASSIGNMENT_SETTINGS_TYPES: Partial<Readonly<Record<AppType, string>>> = {
  winGet: "winGetAppAssignmentSettings",
  iosStore: "iosStoreAppAssignmentSettings",
  managedGooglePlay: "androidManagedStoreAppAssignmentSettings",
  iosLob: "iosLobAppAssignmentSettings",
  win32Lob: "win32LobAppAssignmentSettings",
};
/**
 * Assignment-filter platforms (devicePlatformType) that suit each app type: Windows apps windows10AndLater, iOS apps
 * iOS, managed Google Play apps Android Enterprise (they install through managed Google Play only), Android LOB apps
 * any Android management. A web link has none (validate/apps.ts IP235).
 */
export const APP_FILTER_PLATFORMS: Readonly<Record<AppType, readonly string[]>> = {
  microsoft365: ["windows10AndLater"],
  winGet: ["windows10AndLater"],
  win32Lob: ["windows10AndLater"],
  iosStore: ["iOS"],
  iosLob: ["iOS"],
  managedGooglePlay: ["androidForWork", "androidWorkProfile"],
  androidLob: ["android", "androidForWork", "androidWorkProfile"],
  webLink: [],
};
/**
 * The Graph properties each app type cannot be created without, checked by the validator (validate/apps.ts IP230) and refused by the
 * emulator as Graph refuses a create that lacks one. WinGet's two and the iOS store app's three are documented as
 * required (Graph beta intune-apps-wingetapp and -wingetappinstallexperience: "Required at creation time"; intune-apps-iosstoreapp and the Terraform provider ios_store_app example); that Graph refuses an officeSuiteApp without productIds or a webApp without appUrl is
 * UNCONFIRMED (the suite installs nothing without a product, a link goes nowhere without a URL), so the plan requires
 * them (conservative). For a reference, the identity the tenant's app must have: a managed Google Play or Android
 * LOB app's packageId, an iOS LOB app's bundleId, a Win32 app's uploaded fileName (Graph beta androidManagedStoreApp,
 * androidLobApp, iosLobApp, mobileLobApp).
 */
export const APP_REQUIRED: Readonly<Record<AppType, readonly string[]>> = {
  microsoft365: ["productIds"],
  winGet: ["packageIdentifier", "installExperience"],
  iosStore: ["appStoreUrl", "applicableDeviceType", "minimumSupportedOperatingSystem"],
  webLink: ["appUrl"],
  managedGooglePlay: ["packageId"],
  iosLob: ["bundleId"],
  androidLob: ["packageId"],
  win32Lob: ["fileName"],
};

/**
 * What a reference may state: who the app is and which version is meant, never its content (the binary, its
 * encryption info, install and detection logic stay with whoever uploaded it). Versions: an iOS LOB app's
 * versionNumber/buildNumber, an Android LOB app's versionName/versionCode, a Win32 app's displayVersion is not in the
 * published typings, so its fileName and committed content are its identity (committedContentVersion is Graph's,
 * server-owned.ts).
 */
export const APP_REFERENCE_IDENTITY: Readonly<Partial<Record<AppType, readonly string[]>>> = {
  managedGooglePlay: ["packageId"],
  iosLob: ["bundleId", "versionNumber", "buildNumber"],
  androidLob: ["packageId", "versionName", "versionCode"],
  win32Lob: ["fileName"],
};

/** Graph installIntent (intune-apps-mobileappassignment): how an assignment delivers the app. */
export const APP_INTENTS = ["required", "available", "uninstall", "availableWithoutEnrollment"] as const;
export type AppIntent = (typeof APP_INTENTS)[number];

/**
 * App configuration for managed devices (GRAPH-NOTES §8.2; Graph beta intune-apps-iosmobileappconfiguration,
 * intune-apps-androidmanagedstoreappconfiguration): the plan platform word and the managedDeviceMobileAppConfiguration
 * subtype. Android Enterprise's is for managed Google Play apps; `androidForWork` is the enrollment word (and the
 * assignment-filter platform list) the plan already uses for Android Enterprise.
 */
export const DEVICE_APP_CONFIG_PLATFORMS = ["iOS", "androidForWork"] as const;
export type DeviceAppConfigPlatform = (typeof DEVICE_APP_CONFIG_PLATFORMS)[number];
export const DEVICE_APP_CONFIG_TYPES: Record<DeviceAppConfigPlatform, string> = {
  iOS: "iosMobileAppConfiguration",
  androidForWork: "androidManagedStoreAppConfiguration",
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
  CATALOG_COMPLIANCE_TYPE,
  ...Object.values(APP_PROTECTION_TYPES),
  ENROLLMENT_RESTRICTION_TYPE,
  ...Object.values(AUTOPILOT_PROFILE_TYPES),
  ENROLLMENT_STATUS_PAGE_TYPE,
  ...Object.values(UPDATE_PROFILE_TYPES),
  "operationApprovalPolicy",
  "conditionalAccessPolicy",
  // App configuration for managed apps (GRAPH-NOTES §8.2): the policy (customSettings are keyValuePairs).
  "targetedManagedAppConfiguration",
  // App configuration for managed devices (§8.2) and its assignments (Graph beta managedDeviceMobileAppConfigurationAssignment).
  ...Object.values(DEVICE_APP_CONFIG_TYPES),
  "managedDeviceMobileAppConfigurationAssignment",
  "deviceCompliancePolicyAssignment",
  "deviceConfigurationAssignment",
  "deviceManagementConfigurationPolicyAssignment",
  "targetedManagedAppPolicyAssignment",
  "enrollmentConfigurationAssignment",
  // Autopilot profile assignments are child entities, like terms and conditions' (GRAPH beta
  // windowsAutopilotDeploymentProfileAssignment).
  "windowsAutopilotDeploymentProfileAssignment",
  "windowsFeatureUpdateProfileAssignment",
  "windowsQualityUpdateProfileAssignment",
  "windowsDriverUpdateProfileAssignment",
  "roleScopeTagAutoAssignment",
  // Terms and conditions (GRAPH-NOTES §9.2): the policy, its child assignments and the acceptance statuses the
  // emulator serves for status (S19).
  "termsAndConditions",
  "termsAndConditionsAssignment",
  "termsAndConditionsAcceptanceStatus",
  // Platform scripts and remediations (Graph docs intune-shared-devicemanagementscript, intune-devices-devicehealthscript).
  "deviceManagementScript",
  "deviceHealthScript",
  "deviceManagementScriptAssignment",
  "deviceHealthScriptAssignment",
  "deviceHealthScriptDailySchedule",
  "deviceHealthScriptHourlySchedule",
  "deviceHealthScriptRunOnceSchedule",
  "groupAssignmentTarget",
  "exclusionGroupAssignmentTarget",
  "allDevicesAssignmentTarget",
  "allLicensedUsersAssignmentTarget",
  "managedMobileApp",
  "notificationMessageTemplate",
  "localizedNotificationMessage",
  // Tenant singletons (kinds/tenant-settings.ts, kinds/device-cleanup-rule.ts).
  "deviceManagementSettings",
  "managedDeviceCleanupRule",
  // Apps (S17): the mobileApp subtypes the plan writes or references, their assignment and its settings.
  ...Object.values(APP_TYPES),
  "mobileAppAssignment",
  ...Object.values(APP_ASSIGNMENT_SETTINGS_TYPES),
];

/** The Graph API versions intune-plan speaks: beta for Intune, v1.0 for the directory. */
export type GraphVersion = "beta" | "v1.0";
