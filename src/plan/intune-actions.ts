// The Intune RBAC resource actions a custom role may allow (roleDefinition allowedResourceActions), by area.
// Source: Microsoft's Intune role permissions reference (learn.microsoft.com/intune/intune-service/fundamentals/
// role-based-access-control-reference), as listed by GET /beta/deviceManagement/resourceOperations; Graph refuses a
// role definition naming any other action. Spellings are Microsoft's, including "DeviceCompliancePolices".
// When Microsoft adds a permission, add it here (IP110 names the closest known action).

const CRUD = ["Read", "Create", "Update", "Delete"] as const;
const CRUDA = [...CRUD, "Assign"] as const;
const CRUDAR = [...CRUDA, "ViewReports"] as const;

/** Area → the verbs Intune defines for it. */
export const INTUNE_ACTION_AREAS: Readonly<Record<string, readonly string[]>> = {
  AndroidFota: CRUDA,
  AndroidSync: ["Read", "UpdateApps", "UpdateOnboarding", "UpdateEnrollmentProfiles", "AndroidEnrollmentTimeMembershipAssign"],
  AppControlPolicy: CRUDAR,
  AppleDeviceSerialNumbers: CRUD,
  AppleEnrollmentProfiles: CRUDA,
  ASRPolicy: CRUDAR,
  AssignmentFilter: CRUD,
  Audit: ["Read"],
  CertificateConnector: ["Read", "Modify"],
  ChromebookSync: ["Read", "UpdateOnboarding", "DeleteOnboarding"],
  CloudAttach: ["ResourceExplorer", "Timeline", "Collections", "Scripts", "ScriptActions", "SoftwareUpdates", "CMPivot", "ApplicationActions", "ClientDetails", "Applications", "EnrollNow"],
  CloudPki: ["Read", "Create", "Update", "Revoke"],
  CorporateDeviceIdentifiers: CRUD,
  Customization: CRUDA,
  DerivedCredentials: ["Read", "Modify"],
  DeviceCompliancePolices: CRUDAR,
  DeviceConfigurations: [...CRUDAR, "UpdateWindowsRestore"],
  DeviceEnrollmentManagers: ["Read", "Update"],
  EDRPolicy: CRUDAR,
  EndpointAnalytics: CRUD,
  EndpointProtection: ["Read"],
  EnrollmentProfiles: ["EnrollmentTimeMembershipAssign"],
  EnrollmentProgramToken: CRUD,
  EpmPolicy: [...CRUDAR, "ViewElevationRequests", "ModifyElevationRequests"],
  ManagedApps: [...CRUDA, "Wipe"],
  ManagedDeviceCleanupRule: ["Update"],
  ManagedDeviceCleanupSettings: ["Update"],
  ManagedDevices: ["Read", "Update", "Delete", "SetPrimaryUser", "ViewReports", "Query", "ReadBiosPassword"],
  ManagedGooglePlay: ["Read", "Modify"],
  MicrosoftDefenderATP: ["Read"],
  MicrosoftStoreForBusiness: ["Read", "Modify"],
  MicrosoftTunnelGateway: CRUD,
  MobileApps: [...CRUDAR, "Relate"],
  MobileThreatDefense: ["Read", "Modify"],
  MultiAdminApproval: ["ReadAccessPolicy", "CreateAccessPolicy", "UpdateAccessPolicy", "DeleteAccessPolicy", "ApprovalForMultiAdminApproval"],
  Organization: CRUD,
  OrganizationalMessages: [...CRUDA, "UpdateControl"],
  PartnerDeviceManagement: ["Read", "Modify"],
  PolicySets: CRUDA,
  QuietTimePolicies: CRUDAR,
  RemoteAssistance: ["Read", "Update", "ViewReports"],
  RemoteAssistanceApp: ["ViewScreen", "Elevation", "TakeFullControl", "Unattended"],
  RemoteTasks: [
    "ActivateDeviceEsim", "BypassActivationLock", "ChangeAssignments", "CleanPC", "ConfigurationManagerAction", "CustomNotification",
    "DeviceLogs", "DisableLostMode", "EnableLostMode", "EnableWindowsIntuneAgent", "GetFileVaultKey", "InitiateDeviceAttestation",
    "InitiateMDMKeyRecovery", "LocateDevice", "ManageSharedDeviceUsers", "Offboard", "OnDemandProactiveRemediation",
    "PauseConfigurationRefresh", "PlayLostModeSound", "RebootNow", "RemoteLock", "RemoveDFCIManagement", "RequestRemoteAssistance",
    "ResetPasscode", "Retire", "RevokeAppleVppLicenses", "RotateBitLockerKeys", "RotateFileVaultKey", "RotateLocalAdminPassword",
    "SetDeviceName", "ShutDown", "SyncDevice", "UpdateDeviceAccount", "Wipe", "WindowsDefender",
  ],
  Reports: ["Read"],
  Roles: CRUDA,
  SecurityBaselines: CRUDA,
  SecurityTasks: ["Read", "Update"],
  ServiceNow: ["UpdateConnector", "ViewIncidents"],
  TelecomExpenses: ["Read", "Update"],
  TenantAttachRecommendations: ["Read"],
  TermsAndConditions: CRUDA,
  WindowsEnterpriseCertificate: ["Read", "Modify"],
  WindowsOSRecovery: CRUDA,
};

/** Every known action, e.g. Microsoft.Intune_DeviceConfigurations_Read. */
export const INTUNE_RESOURCE_ACTIONS: ReadonlySet<string> = new Set(
  Object.entries(INTUNE_ACTION_AREAS).flatMap(([area, verbs]) => verbs.map((v) => `Microsoft.Intune_${area}_${v}`)),
);
