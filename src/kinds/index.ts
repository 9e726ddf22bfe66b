// The kinds of Graph object a plan manages, and each kind's facts in one row (issue 14, KINDS-REDESIGN step 4): the
// plan section it comes from, where it lives in Graph and how to read every object of it in as few requests as Graph
// allows (GRAPH-NOTES §1.6: list + $expand, never one GET per object where a list will do), what its built-ins look
// like, its place in the creation order, and its Pulumi type. The table is checked exhaustively: a new kind does not
// build until its row is complete.
import type { GraphVersion } from "../graph-model/vocabulary.ts";

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
  | "operationApprovalPolicy";

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
  readonly nameProperty: "displayName" | "name";
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
}

const notBuiltIn = (): boolean => false;
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
  },
  compliancePolicy: {
    kind: "compliancePolicy",
    order: 6,
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
  },
  deviceConfiguration: {
    kind: "deviceConfiguration",
    order: 7,
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
  },
  settingsCatalogPolicy: {
    kind: "settingsCatalogPolicy",
    order: 8,
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
  },
  appProtectionPolicy: {
    kind: "appProtectionPolicy",
    order: 9,
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
  },
  enrollmentRestriction: {
    kind: "enrollmentRestriction",
    order: 10,
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
  },
  // Multiple admin approval (GRAPH-NOTES §9.4). Graph's create page names DeviceManagementConfiguration.ReadWrite.All
  // as the least privileged application permission (microsoft-graph-docs intune-rbac-operationapprovalpolicy-create).
  operationApprovalPolicy: {
    kind: "operationApprovalPolicy",
    order: 11,
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
  },
} as const satisfies { readonly [K in Kind]: KindInfo & { readonly kind: K } };

/** The order objects are created in: what they reference comes first. */
export const KIND_ORDER: readonly Kind[] = (Object.keys(KINDS) as Kind[]).sort((a, b) => KINDS[a].order - KINDS[b].order);

/** App protection spans two collections (iOS, Android); every other kind has one. */
export const APP_PROTECTION_COLLECTIONS = [
  "/deviceAppManagement/iosManagedAppProtections",
  "/deviceAppManagement/androidManagedAppProtections",
] as const;

/** The collections to list for a kind, each with its list request. */
export function collectionsOf(kind: Kind): { collection: string; list: string }[] {
  if (kind === "appProtectionPolicy")
    return APP_PROTECTION_COLLECTIONS.map((c) => ({ collection: c, list: `${c}?$expand=assignments,apps` }));
  return [{ collection: KINDS[kind].collection, list: KINDS[kind].list }];
}

/** The $expand that reads one object of a kind whole (what its list request expands, minus assignments). */
export function itemExpand(kind: Kind): string {
  switch (kind) {
    case "compliancePolicy":
      return "?$expand=scheduledActionsForRule($expand=scheduledActionConfigurations)";
    case "settingsCatalogPolicy":
      return "?$expand=settings";
    case "appProtectionPolicy":
      return "?$expand=apps";
    case "roleAssignment":
      return "?$expand=roleDefinition";
    default:
      return "";
  }
}
