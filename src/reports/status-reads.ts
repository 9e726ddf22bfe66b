// What `intune-plan status` reads from Graph, figure by figure: the endpoint and the least application permission
// each needs. The Graph reader (src/graph/rollout-health.ts) makes exactly these requests; `permissions --mode
// status` lists the permissions from here, so the two cannot drift apart.

export interface StatusRead {
  /** The figure, as status shows it. */
  readonly figure: string;
  /** The Graph request (beta unless it says v1.0); {id} is a policy's or group's id. */
  readonly endpoint: string;
  readonly permission: string;
  /** How many requests: per policy (batched 20 to a $batch), per group, or once (each then paged). */
  readonly cost: "per policy, in $batch" | "per audience group, paged" | "once, paged";
}

export const STATUS_READS: readonly StatusRead[] = [
  {
    figure: "policies by name (which tenant object is which plan policy)",
    endpoint:
      "GET /deviceManagement/deviceCompliancePolicies, /deviceConfigurations ($select=id,displayName) and /configurationPolicies ($select=id,name)",
    permission: "DeviceManagementConfiguration.Read.All",
    cost: "once, paged",
  },
  {
    figure: "app-protection policies by name",
    endpoint: "GET /deviceAppManagement/{iosManagedAppProtections|androidManagedAppProtections} ($select=id,displayName)",
    permission: "DeviceManagementApps.Read.All",
    cost: "once, paged",
  },
  {
    figure: "devices reached, succeeded, failed, in conflict, pending, not applicable",
    endpoint: "GET /deviceManagement/{deviceCompliancePolicies|deviceConfigurations}/{id}/deviceStatusOverview",
    permission: "DeviceManagementConfiguration.Read.All",
    cost: "per policy, in $batch",
  },
  {
    figure: "users reached and their outcomes",
    endpoint: "GET /deviceManagement/{deviceCompliancePolicies|deviceConfigurations}/{id}/userStatusOverview",
    permission: "DeviceManagementConfiguration.Read.All",
    cost: "per policy, in $batch",
  },
  {
    figure: "settings-catalog policies: devices succeeded, failed (error or non-compliant), in conflict, in progress, not applicable",
    endpoint: 'POST /deviceManagement/reports/getConfigurationPolicyDeviceSummaryReport ({"filter": "(PolicyId eq \'{id}\')"})',
    permission: "DeviceManagementConfiguration.Read.All",
    cost: "per policy, in $batch",
  },
  {
    figure: "app-protection policies: users deployed, overall and per app",
    endpoint: "GET /deviceAppManagement/{iosManagedAppProtections|androidManagedAppProtections}/{id}/deploymentSummary",
    permission: "DeviceManagementApps.Read.All",
    cost: "per policy, in $batch",
  },
  {
    figure: "terms and conditions by name, with their current version",
    endpoint: "GET /deviceManagement/termsAndConditions ($select=id,displayName,version)",
    permission: "DeviceManagementServiceConfig.Read.All",
    cost: "once, paged",
  },
  {
    figure: "terms and conditions: the phase's users who accepted the current version",
    endpoint: "GET /deviceManagement/termsAndConditions/{id}/acceptanceStatuses",
    permission: "DeviceManagementServiceConfig.Read.All",
    cost: "per policy, in $batch",
  },
  {
    figure: "settings in conflict or error",
    endpoint: "GET /deviceManagement/{deviceCompliancePolicies|deviceConfigurations}/{id}/deviceSettingStateSummaries",
    permission: "DeviceManagementConfiguration.Read.All",
    cost: "per policy, in $batch",
  },
  {
    figure: "audience groups by name",
    endpoint: "GET v1.0 /groups ($select=id,displayName)",
    permission: "GroupMember.Read.All",
    cost: "once, paged",
  },
  {
    figure: "audience users",
    endpoint: "GET v1.0 /groups/{id}/members ($select=id,userPrincipalName)",
    permission: "GroupMember.Read.All",
    cost: "per audience group, paged",
  },
  {
    figure: "enrolled devices and their compliance state",
    endpoint: "GET /deviceManagement/managedDevices ($select=id,userId,complianceState)",
    permission: "DeviceManagementManagedDevices.Read.All",
    cost: "once, paged",
  },
];
