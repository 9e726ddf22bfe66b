// The one list of properties Graph computes on Intune objects (GRAPH-NOTES): a plan body cannot set them (the
// validator refuses them), the diff never compares them, and import never writes them into a plan.
export const SERVER_OWNED: ReadonlySet<string> = new Set([
  "id",
  "createdDateTime",
  "lastModifiedDateTime",
  "deletedDateTime",
  "renewedDateTime",
  "version",
  "isAssigned",
  "settingCount",
  "deployedAppCount",
  "supportsScopeTags",
  "creationSource",
  "priorityMetaData",
  "isBuiltIn",
  "isBuiltInRoleDefinition",
  "securityIdentifier",
  "payloads",
  "preSharedKeyIsSet",
  // Windows update profiles: computed by Intune from the chosen release (Graph beta windowsFeatureUpdateProfile,
  // windowsQualityUpdateProfile, windowsDriverUpdateProfile resource pages; the Terraform provider marks them Computed).
  "endOfSupportDate",
  "deployableContentDisplayName",
  "releaseDateDisplayName",
  "deviceReporting",
  "newUpdates",
  "inventorySyncStatus",
  // Apps (kinds/mobile-app.ts): computed by Intune (Microsoft Graph beta mobileApp, mobileLobApp, winGetApp and
  // androidManagedStoreApp resource pages mark them read-only, and Microsoft365DSC's IntuneMobileApps* resources drop
  // them before comparing): publication and upload progress, relationship counts, the uploaded file's size and
  // content version, a WinGet manifest's hash and a managed Google Play app's licence counts.
  "publishingState",
  "uploadState",
  "dependentAppCount",
  "supersedingAppCount",
  "supersededAppCount",
  "size",
  "committedContentVersion",
  "manifestHash",
  "usedLicenseCount",
  "totalLicenseCount",
]);
