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
]);
