// The Graph collections the emulator serves, with each one's wire behaviour from GRAPH-NOTES (§1.3 status codes,
// §1.4 assignment model, §1.6 quick reference). One row per collection; the handlers read only this table.

export interface CollectionSpec {
  readonly path: string;
  readonly versions: readonly ("beta" | "v1.0")[];
  /** Base entity type; bodies are validated against it or the subtype their @odata.type names. */
  readonly entityType: string;
  /** POST must name a concrete @odata.type (polymorphic collections). */
  readonly polymorphic: boolean;
  /** MAM ids carry a prefix (GRAPH-NOTES §1.2): `T_` app protection (mam), `A_` targeted app configuration (mamConfiguration). */
  readonly ids: "guid" | "mam" | "mamConfiguration" | "integer";
  /** MAM policies: apps written with POST …/targetApps and read with $expand=apps or GET …/apps (§8.1, §8.2). */
  readonly targetApps?: true;
  readonly nameProperty: "displayName" | "name";
  /** Directory (Entra) or Intune: they answer errors in different shapes (§10.3). */
  readonly service: "directory" | "intune";
  readonly required: readonly string[];
  readonly updateVerb: "PATCH" | "PUT";
  readonly updateStatus: 200 | 204;
  readonly assign?: {
    readonly bodyKey: string;
    readonly status: 200 | 204;
    readonly assignmentType: string;
    /** The type-cast segment Graph routes the assign action by (mobileAppConfigurations, GRAPH-NOTES §8.2, §12.1). */
    readonly cast?: string;
  };
  /**
   * No /assign: assignments are child entities, POSTed and DELETEd one by one under …/{id}/assignments (§9.2).
   * `blocksDelete`: an object that still has any cannot be deleted (Autopilot profiles).
   */
  readonly childAssignments?: { readonly assignmentType: string; readonly blocksDelete?: true };
  /** $expand=assignments: supported, or (settings catalog, N5) an always-empty list on a single item. */
  readonly expandAssignments: "supported" | "emptyOnItem" | "none";
  /** Properties that cannot change after creation (a PATCH that changes one is refused). */
  readonly immutable: readonly string[];
  /** Default page size of the list. */
  readonly pageSize: number;
  /** Properties a list entry shows as null; only a GET of the item returns them (script content). */
  readonly listOmits?: readonly string[];
  /** Polymorphic collections: what each concrete type needs beside `required` on POST (short type name → properties). */
  readonly requiredByType?: Readonly<Record<string, readonly string[]>>;
  /** Concrete types Graph does not create with a POST to the collection (synced from elsewhere). */
  readonly notCreatable?: readonly string[];
}

const intune = {
  versions: ["beta"] as const,
  service: "intune" as const,
  ids: "guid" as const,
  nameProperty: "displayName" as const,
  required: ["displayName"],
  updateVerb: "PATCH" as const,
  immutable: [],
  pageSize: 1000,
  expandAssignments: "none" as const,
};
const assign = (status: 200 | 204, assignmentType: string, bodyKey = "assignments") => ({
  assign: { bodyKey, status, assignmentType },
  expandAssignments: "supported" as const,
});

/**
 * Apps (kinds/mobile-app.ts, docs/graph-apps.md): what each mobileApp subtype needs on POST, as the plan's validator
 * requires it (APP_REQUIRED, which cites the sources; officeSuiteApp's productIds and webApp's appUrl are UNCONFIRMED).
 */
const APP_REQUIRED_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  officeSuiteApp: ["productIds"],
  winGetApp: ["packageIdentifier", "installExperience"],
  iosStoreApp: ["appStoreUrl", "applicableDeviceType", "minimumSupportedOperatingSystem"],
  webApp: ["appUrl"],
  iosLobApp: ["bundleId"],
  androidLobApp: ["packageId"],
  win32LobApp: ["fileName"],
};

export const COLLECTIONS: readonly CollectionSpec[] = [
  {
    path: "/groups",
    versions: ["v1.0", "beta"],
    entityType: "group",
    polymorphic: false,
    ids: "guid",
    nameProperty: "displayName",
    service: "directory",
    required: ["displayName", "mailEnabled", "mailNickname", "securityEnabled"],
    updateVerb: "PATCH",
    updateStatus: 204,
    expandAssignments: "none",
    immutable: [],
    pageSize: 100,
  },
  // Conditional Access (Entra, v1.0 and beta): POST 201, PATCH 204, DELETE 204; `conditions` and `state` are required
  // (microsoft-graph-docs-contrib v1.0 conditionalaccessroot-post-policies.md, conditionalaccesspolicy-update.md,
  // resources/conditionalaccesspolicy.md). No /assign: users and groups are in conditions.users. The error shape of
  // this service (directory or Intune style, §10.3) and its page size are UNCONFIRMED; directory's are used.
  {
    path: "/identity/conditionalAccess/policies",
    versions: ["v1.0", "beta"],
    entityType: "conditionalAccessPolicy",
    polymorphic: false,
    ids: "guid",
    nameProperty: "displayName",
    service: "directory",
    required: ["displayName", "state", "conditions"],
    updateVerb: "PATCH",
    updateStatus: 204,
    expandAssignments: "none",
    immutable: [],
    pageSize: 100,
  },
  {
    ...intune,
    path: "/deviceManagement/roleScopeTags",
    entityType: "roleScopeTag",
    polymorphic: false,
    ids: "integer",
    updateStatus: 200,
    ...assign(200, "roleScopeTagAutoAssignment"),
  },
  {
    ...intune,
    path: "/deviceManagement/roleDefinitions",
    entityType: "roleDefinition",
    polymorphic: false,
    required: ["displayName", "rolePermissions"],
    updateStatus: 200,
  },
  {
    ...intune,
    path: "/deviceManagement/roleAssignments",
    entityType: "deviceAndAppManagementRoleAssignment",
    polymorphic: false,
    required: ["displayName", "members", "scopeType"],
    updateStatus: 200,
  },
  { ...intune, path: "/deviceManagement/deviceCategories", entityType: "deviceCategory", polymorphic: false, updateStatus: 200 },
  // Apps (S17): POST 201 with the concrete @odata.type, PATCH, DELETE 204, POST …/{id}/assign with
  // `mobileAppAssignments` replacing the whole set (Graph beta intune-apps-*-create/-update/-delete,
  // intune-apps-mobileapp-assign). The assign answer is taken as 204 No Content like MAM's (UNCONFIRMED: the client
  // accepts any 2xx, GRAPH-NOTES §1.3); the PATCH status too (204, as the deviceAppManagement MAM collections answer).
  // A managed Google Play app is approved in Google's console and synced by Intune: Graph has no create for it
  // (UNCONFIRMED how it answers one; the emulator refuses it with 400).
  {
    ...intune,
    path: "/deviceAppManagement/mobileApps",
    entityType: "mobileApp",
    polymorphic: true,
    updateStatus: 204,
    ...assign(204, "mobileAppAssignment", "mobileAppAssignments"),
    requiredByType: APP_REQUIRED_BY_TYPE,
    notCreatable: ["androidManagedStoreApp"],
    immutable: ["packageIdentifier", "installExperience"],
  },
  {
    ...intune,
    path: "/deviceManagement/operationApprovalPolicies",
    entityType: "operationApprovalPolicy",
    polymorphic: false,
    // Required on create (microsoft-graph-docs intune-rbac-operationapprovalpolicy-create).
    required: ["displayName", "policySet", "approverGroupIds"],
    updateStatus: 200,
  },
  {
    ...intune,
    path: "/deviceManagement/assignmentFilters",
    entityType: "deviceAndAppManagementAssignmentFilter",
    polymorphic: false,
    required: ["displayName", "platform", "rule"],
    updateStatus: 200,
    immutable: ["platform", "assignmentFilterManagementType"],
  },
  {
    ...intune,
    path: "/deviceManagement/deviceCompliancePolicies",
    entityType: "deviceCompliancePolicy",
    polymorphic: true,
    updateStatus: 204,
    ...assign(200, "deviceCompliancePolicyAssignment"),
  },
  {
    ...intune,
    path: "/deviceManagement/deviceConfigurations",
    entityType: "deviceConfiguration",
    polymorphic: true,
    updateStatus: 204,
    ...assign(200, "deviceConfigurationAssignment"),
  },
  {
    ...intune,
    path: "/deviceManagement/configurationPolicies",
    entityType: "deviceManagementConfigurationPolicy",
    polymorphic: false,
    nameProperty: "name",
    required: ["name", "platforms", "technologies"],
    updateVerb: "PUT",
    updateStatus: 204,
    immutable: ["platforms", "technologies"],
    ...assign(200, "deviceManagementConfigurationPolicyAssignment"),
    expandAssignments: "emptyOnItem",
  },
  // Settings-catalog compliance, Linux (GRAPH-NOTES §6.2): `name`, settings replaced whole with PUT → 204 (ICD
  // _settings_diff_check), actions through setScheduledActions, assignments like configurationPolicies (§7.2).
  {
    ...intune,
    path: "/deviceManagement/compliancePolicies",
    entityType: "deviceManagementCompliancePolicy",
    polymorphic: false,
    nameProperty: "name",
    required: ["name", "platforms", "technologies"],
    updateVerb: "PUT",
    updateStatus: 204,
    immutable: ["platforms", "technologies"],
    ...assign(200, "deviceManagementConfigurationPolicyAssignment"),
  },
  {
    ...intune,
    path: "/deviceAppManagement/iosManagedAppProtections",
    entityType: "iosManagedAppProtection",
    polymorphic: true,
    ids: "mam",
    targetApps: true,
    updateStatus: 204,
    ...assign(204, "targetedManagedAppPolicyAssignment"),
  },
  {
    ...intune,
    path: "/deviceAppManagement/androidManagedAppProtections",
    entityType: "androidManagedAppProtection",
    polymorphic: true,
    ids: "mam",
    targetApps: true,
    updateStatus: 204,
    ...assign(204, "targetedManagedAppPolicyAssignment"),
  },
  // App configuration for managed apps (GRAPH-NOTES §8.2): ids `A_<guid>` (§1.2), a string ETag-like version, POST 201
  // (deep insert of apps, assignments and settings accepted, as the portal's create sends them), PATCH 204 (ICD
  // expects 204 for the MAM collections, §1.3), targetApps, changeSettings and /assign 204 like app protection's (§1.4).
  // Not polymorphic in MD-BETA (no subtypes); the portal names the type on POST and PATCH anyway (§1.2).
  {
    ...intune,
    path: "/deviceAppManagement/targetedManagedAppConfigurations",
    entityType: "targetedManagedAppConfiguration",
    polymorphic: false,
    ids: "mamConfiguration",
    targetApps: true,
    updateStatus: 204,
    ...assign(204, "targetedManagedAppPolicyAssignment"),
  },
  // App configuration for managed devices (GRAPH-NOTES §8.2): polymorphic (iosMobileAppConfiguration,
  // androidManagedStoreAppConfiguration), GUID ids, an Int32 version, PATCH 204 (ICD AppConfiguration.py); /assign only
  // through the type cast ICD uses (…/{id}/microsoft.graph.managedDeviceMobileAppConfiguration/assign; whether Graph
  // also routes the plain /assign is UNCONFIRMED, so the emulator answers it as an unknown route), 204 like the other
  // deviceAppManagement assigns (UNCONFIRMED beyond the Graph beta assign page's "204 No Content").
  {
    ...intune,
    path: "/deviceAppManagement/mobileAppConfigurations",
    entityType: "managedDeviceMobileAppConfiguration",
    polymorphic: true,
    updateStatus: 204,
    assign: {
      bodyKey: "assignments",
      status: 204,
      assignmentType: "managedDeviceMobileAppConfigurationAssignment",
      cast: "microsoft.graph.managedDeviceMobileAppConfiguration",
    },
    expandAssignments: "supported",
  },
  {
    ...intune,
    path: "/deviceManagement/deviceEnrollmentConfigurations",
    entityType: "deviceEnrollmentConfiguration",
    polymorphic: true,
    updateStatus: 200,
    immutable: ["platformType", "deviceEnrollmentConfigurationType"],
    ...assign(200, "enrollmentConfigurationAssignment", "enrollmentConfigurationAssignments"),
  },
  // Windows update profiles (Graph beta reference pages intune-softwareupdate-windows{feature,quality,driver}
  // updateprofile-*): not polymorphic; POST 201, PATCH (the pages answer 200 with the body), DELETE 204, POST /assign
  // with `assignments` (the pages answer 204 No Content; GRAPH-NOTES §1.3: clients accept any 2xx). Required fields:
  // the Terraform provider requires featureUpdateVersion (windows_feature_update_policy/resource.go); a quality profile
  // without a release to expedite and a driver profile without an approval type are refused here too (UNCONFIRMED
  // as server rules, the conservative reading). $expand=assignments is served on items and lists alike; the client
  // reads assignments through /assignments (kinds/index.ts).
  {
    ...intune,
    path: "/deviceManagement/windowsFeatureUpdateProfiles",
    entityType: "windowsFeatureUpdateProfile",
    polymorphic: false,
    required: ["displayName", "featureUpdateVersion"],
    updateStatus: 200,
    immutable: ["installLatestWindows10OnWindows11IneligibleDevice"],
    ...assign(204, "windowsFeatureUpdateProfileAssignment"),
  },
  {
    ...intune,
    path: "/deviceManagement/windowsQualityUpdateProfiles",
    entityType: "windowsQualityUpdateProfile",
    polymorphic: false,
    required: ["displayName", "expeditedUpdateSettings"],
    updateStatus: 200,
    ...assign(204, "windowsQualityUpdateProfileAssignment"),
  },
  {
    ...intune,
    path: "/deviceManagement/windowsDriverUpdateProfiles",
    entityType: "windowsDriverUpdateProfile",
    polymorphic: false,
    required: ["displayName", "approvalType"],
    updateStatus: 200,
    immutable: ["approvalType"],
    ...assign(204, "windowsDriverUpdateProfileAssignment"),
  },
  // Compliance notification message templates; their localizedNotificationMessages child collection is tenant.ts's
  // (messages). PATCH answers 200 + body: IntuneCD's NotificationTemplateUpdateModule expects 200 for the template
  // and its messages. POST answers 201 here (Graph docs); IntuneCD expects 200 there (CONFLICT: clients accept any 2xx).
  {
    ...intune,
    path: "/deviceManagement/notificationMessageTemplates",
    entityType: "notificationMessageTemplate",
    polymorphic: false,
    updateStatus: 200,
  },
  // §9.3: one rule per platform (tenant.ts answers a second with 500); the PATCH status is not pinned down (§1.6 "?").
  {
    ...intune,
    path: "/deviceManagement/managedDeviceCleanupRules",
    entityType: "managedDeviceCleanupRule",
    polymorphic: false,
    required: ["displayName", "deviceCleanupRulePlatformType", "deviceInactivityBeforeRetirementInDays"],
    updateStatus: 200,
  },
  // GRAPH-NOTES §9.2, §1.6: required displayName (the portal and the Terraform provider also require title, bodyText
  // and acceptanceStatement), PATCH, 201 on create; assignments are child entities. $expand=assignments on the list is
  // UNCONFIRMED, so the emulator does not offer it (clients read …/{id}/assignments).
  {
    ...intune,
    path: "/deviceManagement/termsAndConditions",
    entityType: "termsAndConditions",
    polymorphic: false,
    required: ["displayName", "title", "bodyText", "acceptanceStatement"],
    updateStatus: 200,
    childAssignments: { assignmentType: "termsAndConditionsAssignment" },
  },
  // Autopilot deployment profiles (DOC intune-enrollment-windowsautopilotdeploymentprofile*): polymorphic (Entra or
  // hybrid join subtype), no /assign: assignments are child entities as terms and conditions' are (TF
  // windows_autopilot_deployment_profile resource_docs/create_req.md), and a profile with assignments cannot be deleted
  // (TF crud.go Delete removes them first; the status Graph answers with is UNCONFIRMED: 400 here). PATCH status
  // UNCONFIRMED: 200 with the body, as DOC shows. $expand=assignments on the list is UNCONFIRMED, so it is not served.
  {
    ...intune,
    path: "/deviceManagement/windowsAutopilotDeploymentProfiles",
    entityType: "windowsAutopilotDeploymentProfile",
    polymorphic: true,
    updateStatus: 200,
    childAssignments: { assignmentType: "windowsAutopilotDeploymentProfileAssignment", blocksDelete: true },
  },
  // Platform scripts: PATCH 200 (IntuneCD PowerShellScripts.py), /assign with deviceManagementScriptAssignments
  // (Graph docs intune-shared-devicemanagementscript-assign). The list leaves the script text out; IntuneCD reads
  // each script by id for it (PowerShellScripts.py batch_request), so the emulator's list shows it as null.
  {
    ...intune,
    path: "/deviceManagement/deviceManagementScripts",
    entityType: "deviceManagementScript",
    polymorphic: false,
    required: ["displayName", "scriptContent", "fileName", "runAsAccount"],
    updateStatus: 200,
    listOmits: ["scriptContent"],
    ...assign(200, "deviceManagementScriptAssignment", "deviceManagementScriptAssignments"),
  },
  // Remediations: PATCH 200 (IntuneCD ProactiveRemediation.py), /assign with deviceHealthScriptAssignments, each
  // carrying runRemediationScript and runSchedule (docs intune-devices-devicehealthscriptassignment).
  {
    ...intune,
    path: "/deviceManagement/deviceHealthScripts",
    entityType: "deviceHealthScript",
    polymorphic: false,
    required: ["displayName", "detectionScriptContent"],
    updateStatus: 200,
    listOmits: ["detectionScriptContent", "remediationScriptContent"],
    ...assign(200, "deviceHealthScriptAssignment", "deviceHealthScriptAssignments"),
  },
];

/**
 * The deviceManagement singleton's `settings` (deviceManagementSettings) as a new tenant holds them. Graph documents
 * no defaults; these are the Intune portal's out-of-the-box values (devices without a compliance policy are marked
 * compliant, a 30-day compliance status validity period, scheduled actions on). UNCONFIRMED beyond that.
 */
export const DEFAULT_DEVICE_MANAGEMENT_SETTINGS = {
  deviceComplianceCheckinThresholdDays: 30,
  isScheduledActionEnabled: true,
  secureByDefault: false,
  enhancedJailBreak: false,
  deviceInactivityBeforeRetirementInDay: 0,
  derivedCredentialProvider: "notConfigured",
  derivedCredentialUrl: null,
  androidDeviceAdministratorEnrollmentEnabled: false,
  ignoreDevicesForUnsupportedSettingsEnabled: false,
  enableLogCollection: true,
  enableAutopilotDiagnostics: true,
  enableDeviceGroupMembershipReport: false,
  enableEnhancedTroubleshootingExperience: false,
  m365AppDiagnosticsEnabled: false,
} as const;

/** The well-known ids of the virtual groups in assignment ids (GRAPH-NOTES §1.4). */
export const ALL_USERS_ID = "acacacac-9df4-4c7d-9d50-4ef0226f57a9";
export const ALL_DEVICES_ID = "adadadad-808e-44e2-905a-0b7873a8a531";

/** Built-in Intune roles (GRAPH-NOTES §4.1), seeded in every emulated tenant. */
export const BUILT_IN_ROLES: readonly { readonly id: string; readonly displayName: string }[] = [
  { id: "fa1d7878-e8cb-41a1-8254-0142355c9f84", displayName: "Read Only Operator" },
  { id: "0bd113fe-6be5-400c-a28f-ae5553f9c0be", displayName: "Policy and Profile manager" },
  { id: "9e0cc482-82df-4ab2-a24c-0c23a3f52e1e", displayName: "Help Desk Operator" },
  { id: "c56d53a2-73d0-4502-b6bd-4a9d3dba28d5", displayName: "Endpoint Security Manager" },
  { id: "c1d9fcbb-cba5-40b0-bf6b-527006585f4b", displayName: "Application Manager" },
];
