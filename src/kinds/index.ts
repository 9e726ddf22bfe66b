// The kinds of Graph object a plan manages, and each kind's facts in one row (issue 14, KINDS-REDESIGN step 4): the
// plan section it comes from, where it lives in Graph and how to read every object of it in as few requests as Graph
// allows (GRAPH-NOTES §1.6: list + $expand, never one GET per object where a list will do), what its built-ins look
// like, its place in the creation order, and its Pulumi type. The table is checked exhaustively: a new kind does not
// build until its row is complete.
import type { GraphVersion } from "../graph-model/vocabulary.ts";
import { APP_REFERENCE_TYPES, APP_TYPES, UPDATE_PROFILE_COLLECTIONS, UPDATE_PROFILE_TYPES } from "../graph-model/vocabulary.ts";
import type { AppType } from "../graph-model/vocabulary.ts";

export type Kind =
  | "group"
  | "scopeTag"
  | "roleDefinition"
  | "roleAssignment"
  | "deviceCategory"
  | "assignmentFilter"
  | "compliancePolicy"
  | "deviceConfiguration"
  | "settingsCatalogPolicy"
  | "appProtectionPolicy"
  | "enrollmentRestriction"
  | "autopilotProfile"
  | "enrollmentStatusPage"
  | "catalogCompliancePolicy"
  | "updateProfile"
  | "notificationTemplate"
  | "tenantSettings"
  | "deviceCleanupRule"
  | "termsAndConditions"
  | "platformScript"
  | "remediation"
  | "operationApprovalPolicy"
  | "conditionalAccessPolicy"
  | "managedAppConfiguration"
  | "mobileAppConfiguration"
  | "mobileApp"
  | "mobileAppReference";

export interface KindInfo {
  readonly kind: Kind;
  readonly section: string;
  readonly collection: string;
  readonly version: GraphVersion;
  /** The list request: $expand where Graph supports it on lists, $top at the maximum page. */
  readonly list: string;
  /** Settings catalog: `$expand=assignments` is unreliable (N5), so assignments are read with /assignments in $batch. */
  readonly assignmentsByBatch: boolean;
  readonly assignable: boolean;
  /** The property a tenant object is matched on without state: cleanup rules by their platform (one per platform, §9.3). */
  readonly nameProperty: "displayName" | "name" | "deviceCleanupRulePlatformType";
  /** The @odata.type the plan compiles to when the collection is not polymorphic (null: Graph sends none). */
  readonly baseType: string | null;
  /** Graph's own objects in the collection: never matched, changed or imported. */
  readonly builtIn: (item: Readonly<Record<string, unknown>>) => boolean;
  /** Update verb: settings-catalog policies are replaced whole with PUT (§7.2). */
  readonly update: "PATCH" | "PUT";
  /** Creation order: a kind comes after every kind its objects reference. */
  readonly order: number;
  /** The Pulumi resource type: `pulumi-nodejs:dynamic/intune:<token>`. */
  readonly token: string;
  /** The least-privileged Graph application permission that writes it (GRAPH-NOTES §10.8); reading needs its .Read. form. */
  readonly writeScope: string;
  /**
   * How the plan holds the tenant's object (docs/tenant-singletons.md). `owned`: created, updated and deleted by the
   * plan. `singleton`: always exists in a tenant, is adopted and updated, never created or deleted (its "collection"
   * is the singleton's path). `kept`: adopted when the tenant has one, created when not, and never deleted: removing
   * it from the plan, or destroying the stack, leaves the tenant's object as it is. `reference`: made elsewhere
   * (a managed Google Play app synced from Google, a line-of-business app whose binary was uploaded by other means):
   * found in the tenant and adopted, never created, changed or deleted; the plan only assigns it.
   */
  readonly lifecycle: "owned" | "singleton" | "kept" | "reference";
  /**
   * The list leaves out properties only a GET of the item returns (script content): each listed item is read again
   * by id through $batch (20 per request), with $expand=assignments. Absent: the list is the read.
   */
  readonly itemsByBatch?: boolean;
  /**
   * The collection has no /assign: each assignment is a child entity, POSTed and DELETEd one by one under
   * …/{id}/assignments (graph/apply-object.ts assignChildren). Absent: the set is written whole with /assign.
   * `clearBeforeDelete`: Graph refuses to delete an object that still has assignments, so they are removed first.
   */
  readonly childAssignments?: { readonly clearBeforeDelete: boolean };
  /**
   * The kind has no assignments at all: whom an object applies to is part of its body (Conditional Access:
   * conditions.users), compiled per phase by its adapter, so the compiler gives it no assignment set.
   */
  readonly targetsInBody?: true;
  /** Permissions Graph requires beside writeScope to write the kind (the permissions report lists them for apply). */
  readonly alsoNeeds?: readonly string[];
  /** The read permission, where it is not writeScope's .Read. form. */
  readonly readScope?: string;
}

const notBuiltIn = (): boolean => false;
const appOdataTypes = (types: readonly AppType[]): ReadonlySet<string> => new Set(types.map((t) => `#microsoft.graph.${APP_TYPES[t]}`));
/** The mobileApp subtypes of the apps the plan creates, and of those it only references (vocabulary.ts). */
const REFERENCE_APP_ODATA_TYPES = appOdataTypes(APP_REFERENCE_TYPES);
const OWNED_APP_ODATA_TYPES = appOdataTypes((Object.keys(APP_TYPES) as AppType[]).filter((t) => !APP_REFERENCE_TYPES.includes(t)));
const flaggedBuiltIn = (item: Readonly<Record<string, unknown>>): boolean => item["isBuiltIn"] === true;

export const KINDS = {
  group: {
    kind: "group",
    order: 0,
    token: "Group",
    writeScope: "Group.ReadWrite.All",
    section: "groups",
    collection: "/groups",
    version: "v1.0",
    list: "/groups?$select=id,displayName,description,mailEnabled,mailNickname,securityEnabled,groupTypes,membershipRule,membershipRuleProcessingState,isAssignableToRole,createdDateTime&$top=999",
    assignmentsByBatch: false,
    assignable: false,
    nameProperty: "displayName",
    baseType: null,
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  scopeTag: {
    kind: "scopeTag",
    order: 1,
    token: "ScopeTag",
    writeScope: "DeviceManagementRBAC.ReadWrite.All",
    section: "scopeTags",
    collection: "/deviceManagement/roleScopeTags",
    version: "beta",
    list: "/deviceManagement/roleScopeTags?$expand=assignments",
    assignmentsByBatch: false,
    assignable: true,
    nameProperty: "displayName",
    baseType: "#microsoft.graph.roleScopeTag",
    builtIn: flaggedBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  deviceCategory: {
    kind: "deviceCategory",
    order: 2,
    token: "DeviceCategory",
    writeScope: "DeviceManagementManagedDevices.ReadWrite.All",
    section: "enrollmentCategories",
    collection: "/deviceManagement/deviceCategories",
    version: "beta",
    list: "/deviceManagement/deviceCategories",
    assignmentsByBatch: false,
    assignable: false,
    nameProperty: "displayName",
    baseType: "#microsoft.graph.deviceCategory",
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  assignmentFilter: {
    kind: "assignmentFilter",
    order: 3,
    token: "AssignmentFilter",
    writeScope: "DeviceManagementConfiguration.ReadWrite.All",
    section: "filters",
    collection: "/deviceManagement/assignmentFilters",
    version: "beta",
    list: "/deviceManagement/assignmentFilters",
    assignmentsByBatch: false,
    assignable: false,
    nameProperty: "displayName",
    baseType: null,
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  roleDefinition: {
    kind: "roleDefinition",
    order: 4,
    token: "RoleDefinition",
    writeScope: "DeviceManagementRBAC.ReadWrite.All",
    section: "roleDefinitions",
    collection: "/deviceManagement/roleDefinitions",
    version: "beta",
    list: "/deviceManagement/roleDefinitions",
    assignmentsByBatch: false,
    assignable: false,
    nameProperty: "displayName",
    baseType: "#microsoft.graph.deviceAndAppManagementRoleDefinition",
    builtIn: flaggedBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  roleAssignment: {
    kind: "roleAssignment",
    order: 5,
    token: "RoleAssignment",
    writeScope: "DeviceManagementRBAC.ReadWrite.All",
    section: "roles",
    collection: "/deviceManagement/roleAssignments",
    version: "beta",
    list: "/deviceManagement/roleAssignments?$expand=roleDefinition",
    assignmentsByBatch: false,
    assignable: false,
    nameProperty: "displayName",
    baseType: "#microsoft.graph.deviceAndAppManagementRoleAssignment",
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  compliancePolicy: {
    kind: "compliancePolicy",
    order: 7,
    token: "CompliancePolicy",
    writeScope: "DeviceManagementConfiguration.ReadWrite.All",
    section: "compliance",
    collection: "/deviceManagement/deviceCompliancePolicies",
    version: "beta",
    list: "/deviceManagement/deviceCompliancePolicies?$expand=assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)&$top=1000",
    assignmentsByBatch: false,
    assignable: true,
    nameProperty: "displayName",
    baseType: null,
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  deviceConfiguration: {
    kind: "deviceConfiguration",
    order: 8,
    token: "DeviceConfiguration",
    writeScope: "DeviceManagementConfiguration.ReadWrite.All",
    section: "configuration",
    collection: "/deviceManagement/deviceConfigurations",
    version: "beta",
    list: "/deviceManagement/deviceConfigurations?$expand=assignments&$top=1000",
    assignmentsByBatch: false,
    assignable: true,
    nameProperty: "displayName",
    baseType: null,
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  settingsCatalogPolicy: {
    kind: "settingsCatalogPolicy",
    order: 9,
    token: "SettingsCatalogPolicy",
    writeScope: "DeviceManagementConfiguration.ReadWrite.All",
    section: "configuration",
    collection: "/deviceManagement/configurationPolicies",
    version: "beta",
    list: "/deviceManagement/configurationPolicies?$expand=settings&$top=1000",
    assignmentsByBatch: true,
    assignable: true,
    nameProperty: "name",
    baseType: null,
    builtIn: notBuiltIn,
    update: "PUT",
    lifecycle: "owned",
  },
  appProtectionPolicy: {
    kind: "appProtectionPolicy",
    order: 10,
    token: "AppProtectionPolicy",
    writeScope: "DeviceManagementApps.ReadWrite.All",
    section: "appProtection",
    collection: "",
    version: "beta",
    list: "",
    assignmentsByBatch: false,
    assignable: true,
    nameProperty: "displayName",
    baseType: null,
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  enrollmentRestriction: {
    kind: "enrollmentRestriction",
    order: 11,
    token: "EnrollmentRestriction",
    writeScope: "DeviceManagementServiceConfig.ReadWrite.All",
    section: "enrollmentRestrictions",
    collection: "/deviceManagement/deviceEnrollmentConfigurations",
    version: "beta",
    list: "/deviceManagement/deviceEnrollmentConfigurations?$expand=assignments",
    assignmentsByBatch: false,
    assignable: true,
    nameProperty: "displayName",
    baseType: null,
    builtIn: (item) =>
      String(item["id"]).includes("_Default") ||
      item["@odata.type"] !== "#microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration",
    update: "PATCH",
    lifecycle: "owned",
  },
  // Windows Autopilot deployment profiles (kinds/autopilot-profile.ts). Polymorphic: the @odata.type says the join
  // (azureAD… or activeDirectory…WindowsAutopilotDeploymentProfile), so baseType is null. Assignments are child
  // entities like terms and conditions' (POST/DELETE …/{id}/assignments, no /assign; TF
  // windows_autopilot_deployment_profile resource_docs/create_req.md). Whether $expand=assignments works on the list is
  // UNCONFIRMED, so they are read with /assignments in $batch. Write scope: DOC
  // intune-enrollment-windowsautopilotdeploymentprofileassignment-create (DeviceManagementServiceConfig.ReadWrite.All).
  // Created after the enrollment restrictions, the other enrollment-time objects; it references groups and scope tags only.
  autopilotProfile: {
    kind: "autopilotProfile",
    order: 12,
    token: "AutopilotProfile",
    writeScope: "DeviceManagementServiceConfig.ReadWrite.All",
    section: "autopilot",
    collection: "/deviceManagement/windowsAutopilotDeploymentProfiles",
    version: "beta",
    list: "/deviceManagement/windowsAutopilotDeploymentProfiles",
    assignmentsByBatch: true,
    // TF windows_autopilot_deployment_profile crud.go Delete removes the assignments before the profile.
    childAssignments: { clearBeforeDelete: true },
    assignable: true,
    nameProperty: "displayName",
    baseType: null,
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  // The Windows enrollment status page (kinds/enrollment-status-page.ts). Shares deviceEnrollmentConfigurations with
  // enrollment restrictions: each kind sees only its own @odata.type, and the tenant's default page
  // (<tenantId>_DefaultWindows10EnrollmentCompletionPageConfiguration, priority 0) is Graph's (GRAPH-NOTES §9.1).
  enrollmentStatusPage: {
    kind: "enrollmentStatusPage",
    order: 13,
    token: "EnrollmentStatusPage",
    writeScope: "DeviceManagementServiceConfig.ReadWrite.All",
    section: "enrollmentStatusPages",
    collection: "/deviceManagement/deviceEnrollmentConfigurations",
    version: "beta",
    list: "/deviceManagement/deviceEnrollmentConfigurations?$expand=assignments",
    assignmentsByBatch: false,
    assignable: true,
    nameProperty: "displayName",
    baseType: null,
    builtIn: (item) =>
      String(item["id"]).includes("_Default") || item["@odata.type"] !== "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration",
    update: "PATCH",
    lifecycle: "owned",
  },
  // Tenant-wide compliance settings (S15): the deviceManagement singleton's `settings` (deviceManagementSettings),
  // read with GET /beta/deviceManagement?$select=settings and written with PATCH /beta/deviceManagement
  // { "settings": { … } } (microsoft-graph-docs-contrib intune-deviceconfig-devicemanagement-update snippets;
  // IntuneCD DeviceManagementSettingsUpdateModule, CONFIG_ENDPOINT "/beta/deviceManagement/"; Microsoft365DSC
  // IntuneDeviceManagementComplianceSettings, IsSingleInstance). Write scope as DSC's Update permission.
  tenantSettings: {
    kind: "tenantSettings",
    order: 19,
    token: "TenantSettings",
    writeScope: "DeviceManagementConfiguration.ReadWrite.All",
    section: "tenantSettings",
    collection: "/deviceManagement",
    version: "beta",
    list: "/deviceManagement?$select=settings",
    assignmentsByBatch: false,
    assignable: false,
    nameProperty: "displayName",
    baseType: null,
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "singleton",
  },
  // Device cleanup rules (S15, GRAPH-NOTES §9.3): one per platform, matched by platform, never by name.
  deviceCleanupRule: {
    kind: "deviceCleanupRule",
    order: 20,
    token: "DeviceCleanupRule",
    writeScope: "DeviceManagementManagedDevices.ReadWrite.All",
    section: "deviceCleanup",
    collection: "/deviceManagement/managedDeviceCleanupRules",
    version: "beta",
    list: "/deviceManagement/managedDeviceCleanupRules",
    assignmentsByBatch: false,
    assignable: false,
    nameProperty: "deviceCleanupRulePlatformType",
    baseType: null,
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "kept",
  },
  // Settings-catalog compliance, Linux (GRAPH-NOTES §6.2): named by `name`, settings replaced whole with PUT (ICD
  // Compliance.py _settings_diff_check), actions through setScheduledActions (a follow-up action, see the adapter).
  // The list expands settings as ICD's backup does; assignments and the actions' rule are read per policy in $batch
  // (tenant-reader.ts): whether the list also expands them is UNCONFIRMED, so the reader does not rely on it.
  catalogCompliancePolicy: {
    kind: "catalogCompliancePolicy",
    order: 14,
    token: "CatalogCompliancePolicy",
    writeScope: "DeviceManagementConfiguration.ReadWrite.All",
    section: "compliance",
    collection: "/deviceManagement/compliancePolicies",
    version: "beta",
    list: "/deviceManagement/compliancePolicies?$expand=settings",
    assignmentsByBatch: true,
    assignable: true,
    nameProperty: "name",
    baseType: null,
    builtIn: notBuiltIn,
    update: "PUT",
    lifecycle: "owned",
  },
  // Windows feature, quality (expedited) and driver update profiles: one kind over three collections, as app
  // protection spans two (collectionsOf). Create 201, PATCH, DELETE 204 and /assign with `assignments` are the Graph
  // beta reference pages' (intune-softwareupdate-windows{feature,quality,driver}updateprofile-{create,update,delete,
  // assign}); the Terraform provider writes the same way (windows_feature_update_policy/crud.go: Post, Patch, Assign).
  // Assignments are read with /assignments in $batch: the provider reads them with $expand=assignments on one item,
  // but $expand=assignments on the LIST is UNCONFIRMED for these collections, so the documented
  // "List windows…UpdateProfileAssignments" request is the conservative read.
  updateProfile: {
    kind: "updateProfile",
    order: 15,
    token: "UpdateProfile",
    writeScope: "DeviceManagementConfiguration.ReadWrite.All",
    section: "updates",
    collection: "",
    version: "beta",
    list: "",
    assignmentsByBatch: true,
    assignable: true,
    nameProperty: "displayName",
    baseType: null,
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  // Compliance notification message templates (issue 14; facts and sources in kinds/notification-template.ts). The list
  // expands the localized messages: IntuneCD's backup (NotificationTemplateBackupModule) lists
  // `notificationMessageTemplates?$expand=localizedNotificationMessages`. Ordered after groups and scope tags,
  // before the compliance policies whose notification actions name a template.
  notificationTemplate: {
    kind: "notificationTemplate",
    order: 6,
    token: "NotificationTemplate",
    // CONFLICT: the current Graph docs (learn.microsoft.com intune-notification-localizednotificationmessage-create) and
    // the Terraform provider name DeviceManagementConfiguration.ReadWrite.All; older docs-contrib pages name
    // DeviceManagementServiceConfig.ReadWrite.All. The current docs win.
    writeScope: "DeviceManagementConfiguration.ReadWrite.All",
    section: "notificationTemplates",
    collection: "/deviceManagement/notificationMessageTemplates",
    version: "beta",
    list: "/deviceManagement/notificationMessageTemplates?$expand=localizedNotificationMessages",
    assignmentsByBatch: false,
    assignable: false,
    nameProperty: "displayName",
    baseType: "#microsoft.graph.notificationMessageTemplate",
    // Enrollment notifications (deviceEnrollmentNotificationConfiguration) keep their own templates in this collection,
    // all named EnrollmentNotificationInternalMEO: theirs, not the plan's (IntuneCD skips them in backup and update).
    builtIn: (item) => item["displayName"] === "EnrollmentNotificationInternalMEO",
    update: "PATCH",
    lifecycle: "owned",
  },
  // GRAPH-NOTES §9.2 and §1.6. Assignments are child entities (no /assign: childAssignments),
  // listed with GET …/termsAndConditions/{id}/assignments (Microsoft Graph beta "List termsAndConditionsAssignments").
  // Whether $expand=assignments works on this list is UNCONFIRMED (§1.4 confirms it for compliance and configuration
  // only), so they are read the documented way, through $batch like the settings catalog's.
  termsAndConditions: {
    kind: "termsAndConditions",
    order: 16,
    token: "TermsAndConditions",
    writeScope: "DeviceManagementServiceConfig.ReadWrite.All",
    section: "termsAndConditions",
    collection: "/deviceManagement/termsAndConditions",
    version: "beta",
    list: "/deviceManagement/termsAndConditions",
    assignmentsByBatch: true,
    childAssignments: { clearBeforeDelete: false },
    assignable: true,
    nameProperty: "displayName",
    baseType: "#microsoft.graph.termsAndConditions",
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  // Windows PowerShell platform scripts. Beta only; PATCH answers 200 (IntuneCD update/Intune/PowerShellScripts.py
  // patches with status_code=200). The list does not carry scriptContent: IntuneCD and every script exporter GET
  // each script by id (PowerShellScripts.py batch_request per id), so itemsByBatch. Assigned with /assign, body key
  // deviceManagementScriptAssignments (Graph docs intune-shared-devicemanagementscript-assign; IntuneCD
  // assignment_key). Write scope: DeviceManagementScripts.ReadWrite.All, the scope Graph's script pages now name
  // (docs intune-devices-devicehealthscript-create; the older assign page still lists
  // DeviceManagementConfiguration.ReadWrite.All, which also works).
  platformScript: {
    kind: "platformScript",
    order: 17,
    token: "PlatformScript",
    writeScope: "DeviceManagementScripts.ReadWrite.All",
    section: "scripts",
    collection: "/deviceManagement/deviceManagementScripts",
    version: "beta",
    list: "/deviceManagement/deviceManagementScripts",
    assignmentsByBatch: false,
    itemsByBatch: true,
    assignable: true,
    nameProperty: "displayName",
    baseType: "#microsoft.graph.deviceManagementScript",
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  // Remediations (Endpoint analytics "proactive remediations"): /deviceManagement/deviceHealthScripts, beta only.
  // Microsoft's own packages (publisher "Microsoft", isGlobalScript) are built in: IntuneCD ProactiveRemediation.py
  // never deletes them. Read like platform scripts (the content by id); /assign with deviceHealthScriptAssignments,
  // each assignment carrying runRemediationScript and a runSchedule (TF windows_remediation_script construct_assignment.go).
  remediation: {
    kind: "remediation",
    order: 18,
    token: "Remediation",
    writeScope: "DeviceManagementScripts.ReadWrite.All",
    section: "remediations",
    collection: "/deviceManagement/deviceHealthScripts",
    version: "beta",
    list: "/deviceManagement/deviceHealthScripts",
    assignmentsByBatch: false,
    itemsByBatch: true,
    assignable: true,
    nameProperty: "displayName",
    baseType: "#microsoft.graph.deviceHealthScript",
    builtIn: (item) => item["isGlobalScript"] === true || item["publisher"] === "Microsoft",
    update: "PATCH",
    lifecycle: "owned",
  },
  // Multiple admin approval (GRAPH-NOTES §9.4). Graph's create page names DeviceManagementConfiguration.ReadWrite.All
  // as the least privileged application permission (microsoft-graph-docs intune-rbac-operationapprovalpolicy-create).
  operationApprovalPolicy: {
    kind: "operationApprovalPolicy",
    order: 21,
    token: "ApprovalPolicy",
    writeScope: "DeviceManagementConfiguration.ReadWrite.All",
    section: "approvalPolicies",
    collection: "/deviceManagement/operationApprovalPolicies",
    version: "beta",
    list: "/deviceManagement/operationApprovalPolicies",
    assignmentsByBatch: false,
    assignable: false,
    nameProperty: "displayName",
    baseType: "#microsoft.graph.operationApprovalPolicy",
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  // Conditional Access (issue 15 item 3; kinds/conditional-access-policy.ts), an Entra object on v1.0. Create and update
  // need "Policy.Read.All, Policy.ReadWrite.ConditionalAccess and Application.Read.All" as application permissions
  // (microsoft-graph-docs-contrib api-reference/v1.0/api/conditionalaccessroot-post-policies.md and
  // conditionalaccesspolicy-update.md; Microsoft365DSC's AADConditionalAccessPolicy settings.json lists the same three
  // for update). The list needs Policy.Read.All (conditionalaccessroot-list-policies). Not polymorphic: Graph sends no
  // @odata.type on a policy. Microsoft-managed policies (created by Microsoft in report-only) are not told apart here:
  // how Graph marks them is UNCONFIRMED, and the plan never changes an object it does not own anyway. Created last: it
  // references groups only, and a policy that requires a compliant device should meet the compliance policies first.
  conditionalAccessPolicy: {
    kind: "conditionalAccessPolicy",
    order: 22,
    token: "ConditionalAccessPolicy",
    writeScope: "Policy.ReadWrite.ConditionalAccess",
    alsoNeeds: ["Policy.Read.All", "Application.Read.All"],
    readScope: "Policy.Read.All",
    section: "conditionalAccess",
    collection: "/identity/conditionalAccess/policies",
    version: "v1.0",
    list: "/identity/conditionalAccess/policies",
    assignmentsByBatch: false,
    // Its targets are in the body (targetsInBody): nothing to read with $expand=assignments or import as a set.
    assignable: false,
    targetsInBody: true,
    nameProperty: "displayName",
    baseType: null,
    builtIn: notBuiltIn,
    // PATCH answers 204 No Content (conditionalaccesspolicy-update.md).
    update: "PATCH",
    lifecycle: "owned",
  },
  // App configuration for managed apps (GRAPH-NOTES §8.2): ids `A_<guid>` (§1.2), POST 201 with the body, PATCH and
  // the MAM assign answer 204 (§1.3, §1.4 table: /assign with `assignments`). TF reads one with
  // $expand=apps,assignments,settings (targeted_managed_app_configuration crud.go); the list takes the same $expand as
  // app protection's (the plan does not manage the settings-catalog `settings`, so they are not read).
  managedAppConfiguration: {
    kind: "managedAppConfiguration",
    order: 25,
    token: "ManagedAppConfiguration",
    writeScope: "DeviceManagementApps.ReadWrite.All",
    section: "appConfiguration",
    collection: "/deviceAppManagement/targetedManagedAppConfigurations",
    version: "beta",
    list: "/deviceAppManagement/targetedManagedAppConfigurations?$expand=apps,assignments",
    assignmentsByBatch: false,
    assignable: true,
    nameProperty: "displayName",
    baseType: "#microsoft.graph.targetedManagedAppConfiguration",
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
  // Apps (S17; kinds/mobile-app.ts): one Graph collection, /beta/deviceAppManagement/mobileApps, polymorphic (POST names
  // the mobileApp subtype), PATCH to update, DELETE 204, POST …/{id}/assign with `mobileAppAssignments` (Microsoft Graph
  // beta intune-apps-officesuiteapp-create, intune-apps-wingetapp-update, intune-apps-mobileapp-assign). Write scope
  // DeviceManagementApps.ReadWrite.All (GRAPH-NOTES §10.8; the create and assign pages name it as least privileged).
  // Assignments are read with GET …/mobileApps/{id}/assignments ("List mobileAppAssignments"), in $batch: whether
  // $expand=assignments works on the list is UNCONFIRMED, so the documented read is the conservative one.
  // Two kinds over one collection, as enrollment restrictions and status pages share theirs: the apps the plan creates
  // (Microsoft 365 Apps, WinGet, iOS store apps, web links) and the apps it only references (managed Google Play,
  // line-of-business). Each kind's builtIn leaves out the other's types and every type the plan does not speak (VPP,
  // built-in store apps…): the plan never matches, changes or imports those.
  mobileApp: {
    kind: "mobileApp",
    order: 23,
    token: "MobileApp",
    writeScope: "DeviceManagementApps.ReadWrite.All",
    section: "apps",
    collection: "/deviceAppManagement/mobileApps",
    version: "beta",
    list: "/deviceAppManagement/mobileApps",
    assignmentsByBatch: true,
    assignable: true,
    nameProperty: "displayName",
    baseType: null,
    builtIn: (item) => !OWNED_APP_ODATA_TYPES.has(String(item["@odata.type"])),
    update: "PATCH",
    lifecycle: "owned",
  },
  // Matched by displayName like every kind (N16); the identity the plan states (bundleId, packageId, fileName…) is part
  // of the body, so a tenant app of that name with another identity shows as a difference, and apply refuses to change
  // it (graph/apply-object.ts): the plan never writes a referenced app.
  mobileAppReference: {
    kind: "mobileAppReference",
    order: 24,
    token: "MobileAppReference",
    writeScope: "DeviceManagementApps.ReadWrite.All",
    section: "apps",
    collection: "/deviceAppManagement/mobileApps",
    version: "beta",
    list: "/deviceAppManagement/mobileApps",
    assignmentsByBatch: true,
    assignable: true,
    nameProperty: "displayName",
    baseType: null,
    builtIn: (item) => !REFERENCE_APP_ODATA_TYPES.has(String(item["@odata.type"])),
    update: "PATCH",
    lifecycle: "reference",
  },
  // App configuration for managed devices (GRAPH-NOTES §8.2; kinds/mobile-app-configuration.ts): one polymorphic
  // collection, POST 201, PATCH 204 (ICD update/Intune/AppConfiguration.py), DELETE 204, assign through the type cast
  // …/{id}/microsoft.graph.managedDeviceMobileAppConfiguration/assign (ICD; Graph beta
  // intune-apps-manageddevicemobileappconfiguration-assign: `assignments`, 204). After the apps it names (order).
  // Read with $expand=assignments on the list, as deviceConfigurations are (the entity has the assignments navigation,
  // Graph beta intune-apps-manageddevicemobileappconfiguration; whether the list expands it is UNCONFIRMED, and the
  // emulator does).
  mobileAppConfiguration: {
    kind: "mobileAppConfiguration",
    order: 26,
    token: "MobileAppConfiguration",
    writeScope: "DeviceManagementApps.ReadWrite.All",
    section: "deviceAppConfiguration",
    collection: "/deviceAppManagement/mobileAppConfigurations",
    version: "beta",
    list: "/deviceAppManagement/mobileAppConfigurations?$expand=assignments",
    assignmentsByBatch: false,
    assignable: true,
    nameProperty: "displayName",
    baseType: null,
    builtIn: notBuiltIn,
    update: "PATCH",
    lifecycle: "owned",
  },
} as const satisfies { readonly [K in Kind]: KindInfo & { readonly kind: K } };

/** The order objects are created in: what they reference comes first. */
export const KIND_ORDER: readonly Kind[] = (Object.keys(KINDS) as Kind[]).sort((a, b) => KINDS[a].order - KINDS[b].order);

/** App protection spans two collections (iOS, Android), update profiles three; every other kind has one. */
export const APP_PROTECTION_COLLECTIONS = [
  "/deviceAppManagement/iosManagedAppProtections",
  "/deviceAppManagement/androidManagedAppProtections",
] as const;

/**
 * The @odata.type of the items of a collection that is not polymorphic but whose kind spans several collections (update
 * profiles): Graph need not name the type on such items, and the plan's type word comes from it.
 */
export function collectionItemType(collection: string): string | undefined {
  const type = (Object.keys(UPDATE_PROFILE_COLLECTIONS) as (keyof typeof UPDATE_PROFILE_COLLECTIONS)[]).find(
    (t) => UPDATE_PROFILE_COLLECTIONS[t] === collection,
  );
  return type ? `#microsoft.graph.${UPDATE_PROFILE_TYPES[type]}` : undefined;
}

/** `item` with the @odata.type its collection implies when Graph left it out (collectionItemType). */
export function typedItem<T extends Readonly<Record<string, unknown>>>(collection: string, item: T): T {
  const type = collectionItemType(collection);
  return type && item["@odata.type"] === undefined ? { ...item, "@odata.type": type } : item;
}

/** The collections to list for a kind, each with its list request. */
export function collectionsOf(kind: Kind): { collection: string; list: string }[] {
  if (kind === "appProtectionPolicy")
    return APP_PROTECTION_COLLECTIONS.map((c) => ({ collection: c, list: `${c}?$expand=assignments,apps` }));
  if (kind === "updateProfile") return Object.values(UPDATE_PROFILE_COLLECTIONS).map((c) => ({ collection: c, list: c }));
  return [{ collection: KINDS[kind].collection, list: KINDS[kind].list }];
}

/** The path of one object of a kind: a singleton is its own path, whatever id the state records for it. */
export const itemPath = (kind: Kind, collection: string, id: string): string =>
  KINDS[kind].lifecycle === "singleton" ? collection : `${collection}/${id}`;

/** The $expand that reads one object of a kind whole (what its list request expands, minus assignments). */
export function itemExpand(kind: Kind): string {
  switch (kind) {
    case "compliancePolicy":
      return "?$expand=scheduledActionsForRule($expand=scheduledActionConfigurations)";
    case "settingsCatalogPolicy":
      return "?$expand=settings";
    // TF linux_device_compliance_policy crud.go reads one policy with Expand assignments,scheduledActionsForRule.
    case "catalogCompliancePolicy":
      return "?$expand=settings,scheduledActionsForRule($expand=scheduledActionConfigurations)";
    case "appProtectionPolicy":
    case "managedAppConfiguration":
      return "?$expand=apps";
    case "roleAssignment":
      return "?$expand=roleDefinition";
    case "notificationTemplate":
      return "?$expand=localizedNotificationMessages";
    default:
      return "";
  }
}
