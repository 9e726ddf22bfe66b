// The Graph collections the emulator serves, with each one's wire behaviour from GRAPH-NOTES (§1.3 status codes,
// §1.4 assignment model, §1.6 quick reference). One row per collection; the handlers read only this table.

export interface CollectionSpec {
  readonly path: string;
  readonly versions: readonly ("beta" | "v1.0")[];
  /** Base entity type; bodies are validated against it or the subtype their @odata.type names. */
  readonly entityType: string;
  /** POST must name a concrete @odata.type (polymorphic collections). */
  readonly polymorphic: boolean;
  readonly ids: "guid" | "mam" | "integer";
  readonly nameProperty: "displayName" | "name";
  /** Directory (Entra) or Intune: they answer errors in different shapes (§10.3). */
  readonly service: "directory" | "intune";
  readonly required: readonly string[];
  readonly updateVerb: "PATCH" | "PUT";
  readonly updateStatus: 200 | 204;
  readonly assign?: { readonly bodyKey: string; readonly status: 200 | 204; readonly assignmentType: string };
  /** $expand=assignments: supported, or (settings catalog, N5) an always-empty list on a single item. */
  readonly expandAssignments: "supported" | "emptyOnItem" | "none";
  /** Properties that cannot change after creation (a PATCH that changes one is refused). */
  readonly immutable: readonly string[];
  /** Default page size of the list. */
  readonly pageSize: number;
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
  {
    ...intune,
    path: "/deviceAppManagement/iosManagedAppProtections",
    entityType: "iosManagedAppProtection",
    polymorphic: true,
    ids: "mam",
    updateStatus: 204,
    ...assign(204, "targetedManagedAppPolicyAssignment"),
  },
  {
    ...intune,
    path: "/deviceAppManagement/androidManagedAppProtections",
    entityType: "androidManagedAppProtection",
    polymorphic: true,
    ids: "mam",
    updateStatus: 204,
    ...assign(204, "targetedManagedAppPolicyAssignment"),
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
];

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
