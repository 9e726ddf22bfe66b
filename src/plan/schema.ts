// The plan language: zod schemas for one plan file (shape only; meaning is checked in validate/).
// A plan is many files in one folder; every section is optional per file and merged by key (see merge.ts).
import type { PolicyTemplate } from "../graph-model/policy-templates.ts";
import { z } from "zod";
import {
  APP_PROTECTION_PLATFORMS,
  DEVICE_APP_CONFIG_PLATFORMS,
  AUTOPILOT_DEVICE_TYPES,
  AUTOPILOT_JOINS,
  CA_CLIENT_APPS,
  CA_GRANT_CONTROLS,
  CA_PLATFORMS,
  CA_STATES,
  CATALOG_COMPLIANCE_PLATFORMS,
  COMPLIANCE_PLATFORMS,
  CONFIG_PLATFORMS,
  CONFIG_PROFILES,
  APP_INTENTS,
  APP_TYPE_WORDS,
  ENROLLMENT_PLATFORMS,
  UPDATE_PROFILE_KINDS,
} from "../graph-model/vocabulary.ts";
import type { CaGrantControl, CaState } from "../graph-model/vocabulary.ts";
import { planDateSchema } from "./plan-date.ts";

/** Object keys: stable identifiers used in references and in Pulumi resource names. */
export const keySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "keys are lower-case letters, digits and dashes (at most 63), starting with a letter or digit");
const displayName = z.string().min(1).max(256);
const description = z.string().max(1500);
const keyList = z.array(keySchema);

const settingsSchema = z.record(z.string(), z.unknown());

/** Virtual groups Graph offers as assignment targets. */
export const VIRTUAL_TARGETS = ["allUsers", "allDevices"] as const;

export const assignmentSchema = z.strictObject({
  /** `phased` (default for policies): the audiences of every phase up to the active one, from `from` on. `fixed`: `include` in every phase. */
  rollout: z.enum(["phased", "fixed"]).optional(),
  /** First phase in which a phased object is assigned (default: the first phase). */
  from: keySchema.optional(),
  /**
   * `fixed`: the targets in every phase. `phased`: targets added to the phase audiences from the object's first phase
   * (`from`) on, e.g. a helpdesk group that needs the policy from the start, or `allUsers` for "everyone from phase
   * `from` on". A later phase's audience group here joins ahead of its phase (IP054).
   */
  include: z.array(z.union([keySchema, z.enum(VIRTUAL_TARGETS)])).optional(),
  exclude: keyList.optional(),
  filter: keySchema.optional(),
  /** How `filter` applies (default include); without `filter` it is an error (IP066). */
  filterMode: z.enum(["include", "exclude"]).optional(),
});
export type AssignmentSpec = z.infer<typeof assignmentSchema>;

/**
 * `adopt: true`: when the tenant already holds an object of this kind with this name that the plan does not own yet,
 * apply takes it over instead of refusing (intune-plan never creates a second object with the same name).
 */
const adopt = z.boolean().optional();

/**
 * `renamedFrom: [old-key]`: the keys this object had before (same section). Apply keeps the tenant object (Pulumi
 * aliases) instead of deleting it and creating a new one under the new key.
 */
const renamedFrom = keyList.optional();

const common = {
  displayName,
  description: description.optional(),
  adopt,
  renamedFrom,
  scopeTags: keyList.optional(),
};

/** What a measurable goal measures, over the phase's policies and devices (see GOAL_METRIC_KIND). */
export const GOAL_METRICS = ["compliantDevices", "enrolledUsers", "successRate", "errors", "conflicts", "pendingDevices"] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

/**
 * A goal the gate can measure: the sentence people agreed on (`text`), the figure that shows it (`metric`), its
 * threshold (exactly one of `atLeast` / `atMost`: IP056; a share from 0 to 1 or a whole count, as the metric is:
 * IP057), and optionally the days after go-live by which it must hold (`withinDays`, shown with the verdict).
 */
export const goalRuleSchema = z.strictObject({
  text: z.string().min(1).max(500),
  metric: z.enum(GOAL_METRICS),
  atLeast: z.number().nonnegative().optional(),
  atMost: z.number().nonnegative().optional(),
  withinDays: z.number().int().positive().optional(),
});
export type GoalRule = z.infer<typeof goalRuleSchema>;

export const phaseSchema = z.strictObject({
  key: keySchema,
  displayName,
  description: description.optional(),
  /** Groups whose members join in this phase. */
  audience: keyList.min(1),
  /** Start date (the rollout window opens). */
  start: planDateSchema.optional(),
  enrollment: z.enum(["selfService", "userAssisted", "itTechFair", "automated"]).optional(),
  /** Expected audience size; used for risk estimates and the calendar. */
  users: z.number().int().nonnegative().optional(),
  /** Restricts the phase to objects of these platforms (platform waves, S28). */
  platforms: z.array(z.string()).optional(),
  /** Marks the phase as a pilot: VIP/executive groups are refused in its audience. */
  pilot: z.boolean().optional(),
  /**
   * What must hold before the next phase starts (`intune-plan status` evaluates it; src/rollout/gate.ts). Device
   * figures apply to each of the phase's policies: its success rate, its failed devices (errors, or non-compliant
   * for compliance policies) and its devices in conflict.
   */
  gate: z
    .strictObject({
      /** Days since the phase went live. */
      soakDays: z.number().int().nonnegative().optional(),
      /** Per policy: succeeded ÷ (devices reached − not applicable). */
      minSuccessRate: z.number().min(0).max(1).optional(),
      /** Per policy: devices that failed (error or non-compliant). */
      maxErrors: z.number().int().nonnegative().optional(),
      /** Per policy: devices in conflict with another policy. */
      maxConflicts: z.number().int().nonnegative().optional(),
      /** The phase's users with an enrolled device may fall short of `users` by at most this share (needs `users`). */
      sizeTolerance: z.number().min(0).max(1).optional(),
    })
    .optional(),
  /** SMART goals: free text, or a measurable rule the gate evaluates (`goalRuleSchema`). */
  goals: z.array(z.union([z.string(), goalRuleSchema])).optional(),
});
export type Phase = z.infer<typeof phaseSchema>;

export const groupSchema = z.strictObject({
  displayName,
  description: description.optional(),
  adopt,
  renamedFrom,
  membership: z.enum(["assigned", "dynamic"]),
  /** What the group contains; dynamic groups must agree with their rule's `user.` / `device.` prefix. */
  members: z.enum(["users", "devices"]),
  rule: z.string().optional(),
  mailNickname: z.string().optional(),
  /** Executives / VIPs: refused in pilot audiences (S27). */
  vip: z.boolean().optional(),
  /** Estimated member count, for risk summaries when the group is not a phase audience. */
  estimatedMembers: z.number().int().nonnegative().optional(),
  /**
   * Assigned groups only: the members the plan puts in the group, by userPrincipalName (`members: users`) or by
   * device name (`members: devices`). Apply adds them and removes the ones the plan listed before and no longer does;
   * members added outside the plan are kept. Its length is the group's size in reach estimates (IP130–IP133).
   */
  memberList: z.array(z.string().min(1).max(256)).optional(),
});
export type Group = z.infer<typeof groupSchema>;

export const scopeTagSchema = z.strictObject({
  displayName,
  description: description.optional(),
  adopt,
  renamedFrom,
  /** Device groups whose devices receive this tag automatically (roleScopeTag /assign). */
  autoAssign: keyList.optional(),
});
export type ScopeTag = z.infer<typeof scopeTagSchema>;

export const BUILTIN_ROLES = {
  readOnlyOperator: { id: "fa1d7878-e8cb-41a1-8254-0142355c9f84", displayName: "Read Only Operator" },
  policyAndProfileManager: { id: "0bd113fe-6be5-400c-a28f-ae5553f9c0be", displayName: "Policy and Profile manager" },
  helpDeskOperator: { id: "9e0cc482-82df-4ab2-a24c-0c23a3f52e1e", displayName: "Help Desk Operator" },
  endpointSecurityManager: { id: "c56d53a2-73d0-4502-b6bd-4a9d3dba28d5", displayName: "Endpoint Security Manager" },
  applicationManager: { id: "c1d9fcbb-cba5-40b0-bf6b-527006585f4b", displayName: "Application Manager" },
} as const;
export type BuiltinRole = keyof typeof BUILTIN_ROLES;

export const roleDefinitionSchema = z.strictObject({
  displayName,
  description: description.optional(),
  adopt,
  renamedFrom,
  /** Intune resource actions, e.g. Microsoft.Intune_DeviceConfigurations_Read. */
  allowedActions: z
    .array(z.string().regex(/^Microsoft\.Intune_[A-Za-z0-9]+_[A-Za-z0-9]+$/, "actions look like Microsoft.Intune_<Area>_<Verb>"))
    .min(1),
  scopeTags: keyList.optional(),
});
export type RoleDefinition = z.infer<typeof roleDefinitionSchema>;

export const roleSchema = z.strictObject({
  displayName,
  description: description.optional(),
  adopt,
  renamedFrom,
  /** A built-in Intune role or the key of a custom role under roleDefinitions. */
  role: z.string(),
  /** Admin groups whose members receive the role. */
  admins: keyList.min(1),
  /** Groups whose users and devices the admins may manage, or `allDevices` / `allUsers` / `allDevicesAndUsers`. */
  scope: z.union([keyList.min(1), z.enum(["allDevices", "allUsers", "allDevicesAndUsers"])]),
  /** Scope tags the admins see and manage. */
  scopeTags: keyList.optional(),
});
export type Role = z.infer<typeof roleSchema>;

export const enrollmentCategorySchema = z.strictObject({
  displayName,
  description: description.optional(),
  adopt,
  renamedFrom,
  scopeTags: keyList.optional(),
});
export type EnrollmentCategory = z.infer<typeof enrollmentCategorySchema>;

export const filterSchema = z.strictObject({
  ...common,
  /** Graph devicePlatformType, e.g. windows10AndLater, iOS, androidForWork, iOSMobileApplicationManagement. */
  platform: z.string(),
  rule: z.string().min(1),
  management: z.enum(["devices", "apps"]).optional(),
});
export type Filter = z.infer<typeof filterSchema>;

export const complianceActionSchema = z.strictObject({
  action: z.enum(["block", "notification", "pushNotification", "remoteLock", "retire", "wipe", "removeResourceAccessProfiles"]),
  graceHours: z.number().int().nonnegative().max(8760).optional(),
  /**
   * The notification message template to email: the key of a plan template (notificationTemplates), or the id (a
   * GUID) of a template the plan does not manage; notification actions only (IP082, IP083).
   */
  template: z.string().optional(),
  cc: keyList.optional(),
});

export const complianceSchema = z.strictObject({
  ...common,
  /** A classic platform (deviceCompliancePolicies) or `linux` (settings-catalog compliance, compliancePolicies). */
  platform: z.enum([...COMPLIANCE_PLATFORMS, ...CATALOG_COMPLIANCE_PLATFORMS]),
  /** Classic: Graph properties of the platform's @odata.type. Linux: settings-catalog settings, concise map or verbose list. */
  settings: z.union([settingsSchema, z.array(z.unknown())]).optional(),
  actions: z.array(complianceActionSchema).optional(),
  assignment: assignmentSchema.optional(),
});
export type CompliancePolicy = z.infer<typeof complianceSchema>;

export const configurationSchema = z.strictObject({
  ...common,
  platform: z.enum(CONFIG_PLATFORMS),
  profile: z.enum(CONFIG_PROFILES),
  /** Template profiles: Graph properties of the profile's @odata.type. Settings catalog: verbose list or concise map. */
  settings: z.union([settingsSchema, z.array(z.unknown())]).optional(),
  /** Settings catalog only: Graph `technologies` (default mdm). */
  technologies: z.string().optional(),
  /**
   * Settings catalog only: the Intune template the policy is made from (endpoint security, security baselines):
   * Graph's templateFamily and templateId. The id ends in the template's version (`<baseId>_<version>`), which is the
   * version the plan records (validate/policy-templates.ts warns when a newer one exists).
   */
  template: z.strictObject({ family: z.string(), id: z.string() }).optional(),
  assignment: assignmentSchema.optional(),
});
export type ConfigurationPolicy = z.infer<typeof configurationSchema>;

export const appProtectionSchema = z.strictObject({
  ...common,
  platform: z.enum(APP_PROTECTION_PLATFORMS),
  /** Target apps: friendly names (outlook, teams, …) or bundle / package ids. */
  apps: z.array(z.string()).min(1),
  settings: settingsSchema.optional(),
  assignment: assignmentSchema.optional(),
});
export type AppProtectionPolicy = z.infer<typeof appProtectionSchema>;

export const enrollmentRestrictionSchema = z.strictObject({
  ...common,
  platform: z.enum(ENROLLMENT_PLATFORMS),
  /** Block the whole platform. */
  blocked: z.boolean().optional(),
  personalDevices: z.enum(["allow", "block"]),
  osMinimumVersion: z
    .string()
    .regex(/^\d+(\.\d+){0,3}$/, "versions look like 16.0 or 10.0.19045")
    .optional(),
  osMaximumVersion: z
    .string()
    .regex(/^\d+(\.\d+){0,3}$/, "versions look like 16.0 or 10.0.19045")
    .optional(),
  blockedManufacturers: z.array(z.string()).optional(),
  priority: z.number().int().min(1),
  assignment: assignmentSchema.optional(),
});
export type EnrollmentRestriction = z.infer<typeof enrollmentRestrictionSchema>;

/**
 * Windows update profiles (S05), beside the update rings: a feature update (which Windows release, offered gradually),
 * an expedited quality update (a security release installed now, with a forced reboot after some days) or a driver
 * update policy (approval manual or automatic, with a deferral). `settings` are Graph's own properties of
 * windowsFeatureUpdateProfile / windowsQualityUpdateProfile / windowsDriverUpdateProfile; the profiles are assigned
 * through the phases like every policy, and are Windows only.
 */
export const updateProfileSchema = z.strictObject({
  ...common,
  type: z.enum(UPDATE_PROFILE_KINDS),
  settings: settingsSchema.optional(),
  assignment: assignmentSchema.optional(),
});
export type UpdateProfile = z.infer<typeof updateProfileSchema>;

/**
 * Branding a notification email carries (Graph notificationTemplateBrandingOptions, a flags enum sent as a comma list;
 * `none` and `unknownFutureValue` are not choices: no branding is an empty or absent list).
 */
export const NOTIFICATION_BRANDING = [
  "includeCompanyLogo",
  "includeCompanyName",
  "includeContactInformation",
  "includeCompanyPortalLink",
  "includeDeviceDetails",
] as const;

/** One locale's email: Graph localizedNotificationMessage (subject, messageTemplate, isDefault). */
export const notificationMessageSchema = z.strictObject({
  subject: z.string().min(1).max(1000),
  /** The email body (Graph `messageTemplate`). */
  body: z.string().min(1),
  /** The locale Intune falls back to when a user's is missing: exactly one message per template says so (IP150, IP151). */
  default: z.boolean().optional(),
});
export type NotificationMessage = z.infer<typeof notificationMessageSchema>;

/**
 * A compliance notification message template (issue 14): the email a compliance policy's `notification` action sends,
 * one message per locale (keys like en-us, IP152). Compliance actions name it by key (`template: <key>`).
 */
export const notificationTemplateSchema = z.strictObject({
  displayName,
  description: description.optional(),
  adopt,
  renamedFrom,
  branding: z.array(z.enum(NOTIFICATION_BRANDING)).optional(),
  messages: z.record(z.string(), notificationMessageSchema),
  scopeTags: keyList.optional(),
});
export type NotificationTemplate = z.infer<typeof notificationTemplateSchema>;

/**
 * Tenant-wide compliance settings (S15): the deviceManagement singleton's settings. Every tenant has them, so the
 * plan only ever updates them (docs/tenant-singletons.md). Ranges are checked in validate/tenant-singletons.ts.
 */
export const tenantComplianceSchema = z.strictObject({
  /** Mark devices with no compliance policy assigned as non-compliant (Graph `secureByDefault`). */
  markNoPolicyNonCompliant: z.boolean().optional(),
  /** Compliance status validity period: days a device may go without checking in (`deviceComplianceCheckinThresholdDays`, 1–120). */
  validityDays: z.number().int().optional(),
  /** Whether compliance policies' scheduled actions run (`isScheduledActionEnabled`). */
  scheduledActions: z.boolean().optional(),
});
export type TenantCompliance = z.infer<typeof tenantComplianceSchema>;

export const tenantSettingsSchema = z.strictObject({ compliance: tenantComplianceSchema.optional() });
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

/** Graph's deviceCleanupRulePlatformType, minus unknownFutureValue (GRAPH-NOTES §9.3): the keys of `deviceCleanup`. */
export const CLEANUP_PLATFORMS = [
  "all",
  "androidAOSP",
  "androidDeviceAdministrator",
  "androidDedicatedAndFullyManagedCorporateOwnedWorkProfile",
  "chromeOS",
  "androidPersonallyOwnedWorkProfile",
  "ios",
  "macOS",
  "windows",
  "windowsHolographic",
  "visionOS",
  "tvOS",
] as const;
export type CleanupPlatform = (typeof CLEANUP_PLATFORMS)[number];

/** One platform's device cleanup rule: devices that have not checked in for `inactiveDays` (30–270) are removed. */
export const cleanupRuleSchema = z.strictObject({
  inactiveDays: z.number().int(),
  displayName: displayName.optional(),
  description: description.optional(),
});
export type CleanupRule = z.infer<typeof cleanupRuleSchema>;

/** Keyed by platform, so a plan cannot hold two rules for one platform (Graph answers a duplicate with 500, §9.3). */
export const deviceCleanupSchema = z.strictObject(
  Object.fromEntries(CLEANUP_PLATFORMS.map((p) => [p, cleanupRuleSchema.optional()])) as Record<
    CleanupPlatform,
    z.ZodOptional<typeof cleanupRuleSchema>
  >,
);
export type DeviceCleanup = Partial<Record<CleanupPlatform, CleanupRule>>;

/**
 * Terms and conditions users accept in the Company Portal (S19): /deviceManagement/termsAndConditions (GRAPH-NOTES
 * §9.2). Graph requires displayName; the portal (and the Terraform provider's resource) also requires the title, the
 * body text and the acceptance statement, with bodyText at most 60000 and acceptanceStatement at most 500 characters
 * (deploymenttheory/terraform-provider-microsoft365 terms_and_conditions/resource.go `LengthAtMost`). `version` is
 * Graph's, never the plan's (server-owned.ts). Assigned to user groups (IP180).
 */
export const termsAndConditionsSchema = z.strictObject({
  ...common,
  /** Shown to users as the heading of the prompt. */
  title: z.string().min(1).max(256),
  /** The terms themselves (Graph bodyText). */
  body: z.string().min(1).max(60000),
  /** What accepting means, shown next to the Accept button (Graph acceptanceStatement). */
  acceptanceStatement: z.string().min(1).max(500),
  assignment: assignmentSchema.optional(),
});
export type TermsAndConditions = z.infer<typeof termsAndConditionsSchema>;

/**
 * A script file of the plan: a path relative to the YAML file that names it, inside that file's folder (IP190,
 * IP191). The loader reads it (check-plan.ts) and the plan carries its text; the YAML keeps only the path.
 */
const scriptPath = z
  .string()
  .min(1)
  .regex(/\.ps1$/i, "script files are PowerShell files ending in .ps1");

/** Windows PowerShell platform script (Graph deviceManagementScript, /deviceManagement/deviceManagementScripts). */
export const scriptSchema = z.strictObject({
  ...common,
  /** The .ps1 file, relative to this YAML file. */
  script: scriptPath,
  /** Whose credentials run it: the device (system, default) or the signed-in user. */
  runAs: z.enum(["system", "user"]).optional(),
  enforceSignatureCheck: z.boolean().optional(),
  runAs32Bit: z.boolean().optional(),
  assignment: assignmentSchema.optional(),
});
export type ScriptSpec = z.infer<typeof scriptSchema>;

/** When a remediation runs on the devices of its assignment (Graph deviceHealthScriptRunSchedule). */
export const remediationScheduleSchema = z.strictObject({
  /** daily: every `interval` days at `time`; hourly: every `interval` hours; once: on `date` at `time`. */
  every: z.enum(["daily", "hourly", "once"]),
  interval: z.number().int().min(1).max(23).optional(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "times look like 02:00 (24-hour HH:MM)")
    .optional(),
  date: planDateSchema.optional(),
  useUtc: z.boolean().optional(),
});
export type RemediationSchedule = z.infer<typeof remediationScheduleSchema>;

/** Remediation script package (Graph deviceHealthScript, /deviceManagement/deviceHealthScripts). */
export const remediationSchema = z.strictObject({
  ...common,
  publisher: z.string().min(1).max(256).optional(),
  /** The detection .ps1 file (exit 1 = issue found), relative to this YAML file. */
  detection: scriptPath,
  /** The remediation .ps1 file, run when detection exits 1; without it the package only detects. */
  remediation: scriptPath.optional(),
  runAs: z.enum(["system", "user"]).optional(),
  enforceSignatureCheck: z.boolean().optional(),
  runAs32Bit: z.boolean().optional(),
  /** The run schedule of every target of the assignment (default: Graph's, daily). */
  schedule: remediationScheduleSchema.optional(),
  assignment: assignmentSchema.optional(),
});
export type RemediationSpec = z.infer<typeof remediationSchema>;

/** A script file as the plan holds it once read: the path as written and the text (UTF-8). */
export interface ScriptFile {
  readonly path: string;
  readonly text: string;
}
export type Script = Omit<ScriptSpec, "script"> & { readonly script: ScriptFile };
export type Remediation = Omit<RemediationSpec, "detection" | "remediation"> & {
  readonly detection: ScriptFile;
  readonly remediation?: ScriptFile;
};

/**
 * Multiple admin approval (S16): changes to the protected kind of object need a second admin from the approver
 * groups. Plan words are Graph's `operationApprovalPolicyType` values: the ones Microsoft's published beta typings
 * list (app, script, role); the documentation names more (device actions, policies), which Graph's metadata does not
 * yet carry, so the plan refuses them rather than send a value the schema does not know.
 */
export const APPROVAL_PROTECTS = ["app", "script", "role"] as const;
export const APPROVAL_PLATFORMS = ["notApplicable", "androidEnterprise", "iOSiPadOS", "macOS", "windows10AndLater"] as const;
export const approvalPolicySchema = z.strictObject({
  displayName: z.string().min(1).max(128),
  description: z.string().max(1024).optional(),
  adopt,
  renamedFrom,
  /** What a change needs approval for. */
  protects: z.enum(APPROVAL_PROTECTS),
  /** The platform the protection applies to (device actions); notApplicable for apps, scripts and roles. */
  platform: z.enum(APPROVAL_PLATFORMS).optional(),
  /** User groups whose members may approve (never the requester). */
  approvers: keyList.min(1),
});
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

/**
 * A Windows Autopilot deployment profile (GRAPH beta windowsAutopilotDeploymentProfile). Plan words: `join` picks the
 * @odata.type (entra: Entra-joined, hybrid: hybrid-joined), `preProvisioning` is Graph's enableWhiteGlove (the
 * technician phase of pre-provisioned deployment), `oobe` the out-of-box experience. Targets device groups only.
 */
export const autopilotOobeSchema = z.strictObject({
  /** Account type of the user who signs in during setup (Graph userType). */
  userType: z.enum(["standard", "administrator"]).optional(),
  /** singleUser or shared (Graph deviceUsageType). */
  deviceUsage: z.enum(["singleUser", "shared"]).optional(),
  hidePrivacySettings: z.boolean().optional(),
  hideEULA: z.boolean().optional(),
  skipKeyboardSelection: z.boolean().optional(),
  /** Hide "Change account" (Graph hideEscapeLink). */
  hideChangeAccount: z.boolean().optional(),
});

export const autopilotProfileSchema = z.strictObject({
  ...common,
  join: z.enum(AUTOPILOT_JOINS),
  deviceType: z.enum(AUTOPILOT_DEVICE_TYPES).optional(),
  /** Allow pre-provisioned (white glove) deployment. */
  preProvisioning: z.boolean().optional(),
  /** Convert every targeted device to Autopilot (Graph extractHardwareHash). */
  convertTargetedDevices: z.boolean().optional(),
  /** At most 15 characters; macros %SERIAL% and %RAND:x% (IP200, IP201). Entra join only (IP202). */
  deviceNameTemplate: z.string().optional(),
  /** A locale such as en-US, or os-default / user-select (Graph language). */
  language: z.string().optional(),
  oobe: autopilotOobeSchema.optional(),
  assignment: assignmentSchema.optional(),
});
export type AutopilotProfile = z.infer<typeof autopilotProfileSchema>;

/**
 * The Windows enrollment status page (GRAPH beta windows10EnrollmentCompletionPageConfiguration), shown while the
 * device's required apps and profiles install. Each field names one Graph property.
 */
export const enrollmentStatusPageSchema = z.strictObject({
  ...common,
  /** Show app and profile installation progress (showInstallationProgress). */
  showProgress: z.boolean(),
  /** Minutes before the page reports a time-out error (installProgressTimeoutInMinutes; Graph default 60). */
  timeoutMinutes: z.number().int().min(1).max(1440).optional(),
  /** Message shown when installation fails (customErrorMessage). */
  errorMessage: z.string().max(10000).optional(),
  /** `all` required apps, or the ids (GUIDs) of the apps the device must install before use (selectedMobileAppIds; IP204). */
  blockingApps: z.union([z.literal("all"), z.array(z.string()).min(1)]).optional(),
  onFailure: z
    .strictObject({
      /** Let the user keep using the device (allowDeviceUseOnInstallFailure). */
      allowUse: z.boolean().optional(),
      /** Offer a device reset (allowDeviceResetOnInstallFailure). */
      allowReset: z.boolean().optional(),
      /** Let the user retry setup (the inverse of blockDeviceSetupRetryByUser). */
      allowRetry: z.boolean().optional(),
      /** Let the user collect logs (allowLogCollectionOnInstallFailure). */
      collectLogs: z.boolean().optional(),
    })
    .optional(),
  /** Show the page only to devices provisioned by Autopilot (trackInstallProgressForAutopilotOnly). */
  autopilotOnly: z.boolean().optional(),
  /** Track only the first user's sign-in (disableUserStatusTrackingAfterFirstUser). */
  firstUserOnly: z.boolean().optional(),
  /** Unique among the plan's status pages (IP205); the tenant's default page is priority 0 and never the plan's. */
  priority: z.number().int().min(1),
  assignment: assignmentSchema.optional(),
});
export type EnrollmentStatusPage = z.infer<typeof enrollmentStatusPageSchema>;

/**
 * Conditional Access (issue 15 item 3): an Entra policy that requires controls (a compliant device, app protection,
 * MFA) or blocks, for cloud apps, for the users it names. It has no /assign: `assignment` (include, exclude, rollout,
 * from) is compiled into the body's conditions.users (kinds/conditional-access-policy.ts), so promotion changes the
 * body, and `exclude` is where break-glass accounts' groups go (IP211). `state` is the policy's state before
 * `enforceFrom` (default reportOnly: Graph's enabledForReportingButNotEnforced, evaluated and logged, never enforced);
 * from the phase `enforceFrom` names on the policy is on. No scope tags: they are Intune's, and this is Entra's object.
 */
export const conditionalAccessSchema = z.strictObject({
  displayName,
  adopt,
  renamedFrom,
  /** Cloud apps: all, office365, adminPortals (Microsoft admin portals) or application ids (IP210). */
  apps: z.array(z.string()).min(1),
  /** Cloud apps left out, in the same words. */
  excludeApps: z.array(z.string()).optional(),
  /** Device platforms the policy applies to; absent: every platform. */
  platforms: z.array(z.enum(CA_PLATFORMS)).min(1).optional(),
  /** Client apps the policy applies to; absent: all. */
  clientApps: z.array(z.enum(CA_CLIENT_APPS)).min(1).optional(),
  grant: z.strictObject({
    /** What access requires, or `block` alone (IP213). */
    controls: z.array(z.enum(Object.keys(CA_GRANT_CONTROLS) as [CaGrantControl, ...CaGrantControl[]])).min(1),
    /** `all` of the controls (Graph operator AND, the default) or any `one` of them (OR). */
    require: z.enum(["all", "one"]).optional(),
  }),
  /** The state before `enforceFrom` (or in every phase without it). Default reportOnly. */
  state: z.enum(Object.keys(CA_STATES) as [CaState, ...CaState[]]).optional(),
  /** The phase from which the policy is on (IP214, IP215). */
  enforceFrom: keySchema.optional(),
  assignment: assignmentSchema.optional(),
});
export type ConditionalAccessPolicy = z.infer<typeof conditionalAccessSchema>;

/**
 * App configuration for managed apps (S02, issue 15): Graph's targetedManagedAppConfiguration
 * (/deviceAppManagement/targetedManagedAppConfigurations, GRAPH-NOTES §8.2), custom settings delivered as-is to the
 * targeted apps of the assigned users, with or without enrollment. Apps are named as app protection names them
 * (plan/apps.ts: a friendly name or the bundle / package id), for one platform, so an app filter of that platform
 * can narrow the assignment as it does for app protection. Graph would take both platforms' apps in one policy; the
 * plan keeps one platform per policy for the filter's sake.
 */
export const appConfigurationSchema = z.strictObject({
  ...common,
  platform: z.enum(APP_PROTECTION_PLATFORMS),
  /** Target apps: friendly names (outlook, teams, …) or bundle / package ids, as in appProtection. */
  apps: z.array(z.string()).min(1),
  /**
   * Graph's customSettings (keyValuePair: string name, string value): the name/value pairs sent to the apps as they
   * are, e.g. com.microsoft.outlook.Mail.FocusedInbox. Numbers and booleans are sent as their text.
   */
  customSettings: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()])).optional(),
  assignment: assignmentSchema.optional(),
});
export type AppConfigurationPolicy = z.infer<typeof appConfigurationSchema>;

/**
 * App configuration for managed devices (issue 15; Graph managedDeviceMobileAppConfiguration under
 * /deviceAppManagement/mobileAppConfigurations, GRAPH-NOTES §8.2): settings delivered through the MDM channel to apps
 * Intune deploys on enrolled devices. `apps` are keys of the plan's `apps` section (Graph targetedMobileApps, mobileApp
 * ids, resolved when written); `settings` holds the Graph properties of the platform's type, checked against Graph's
 * schema: iOS `settings` (appConfigurationSettingItem: appConfigKey, appConfigKeyType, appConfigKeyValue) or
 * `encodedSettingXml`; Android Enterprise `packageId`, `payloadJson`, `profileApplicability`, `permissionActions`,
 * `connectedAppsEnabled`.
 */
export const deviceAppConfigurationSchema = z.strictObject({
  ...common,
  platform: z.enum(DEVICE_APP_CONFIG_PLATFORMS),
  apps: z.array(keySchema).min(1),
  settings: settingsSchema.optional(),
  assignment: assignmentSchema.optional(),
});
export type DeviceAppConfigurationPolicy = z.infer<typeof deviceAppConfigurationSchema>;

/**
 * An app's assignment (S17): the phased or fixed targets every assignable object has, each assignment with Graph's
 * install intent (mobileAppAssignment.intent; Microsoft Graph beta intune-apps-mobileappassignment) and, where the app
 * type has them, Graph's assignment settings of that type (kinds/mobile-app.ts APP_ASSIGNMENT_SETTINGS_TYPES).
 * `also`: further fixed assignments with another intent (an app required for some groups and available to others, or
 * uninstalled from a group), each in every phase.
 */
export const appAssignmentSchema = assignmentSchema.extend({
  intent: z.enum(APP_INTENTS),
  settings: settingsSchema.optional(),
  also: z
    .array(
      z.strictObject({
        intent: z.enum(APP_INTENTS),
        include: z.array(z.union([keySchema, z.enum(VIRTUAL_TARGETS)])).min(1),
        filter: keySchema.optional(),
        filterMode: z.enum(["include", "exclude"]).optional(),
        settings: settingsSchema.optional(),
      }),
    )
    .optional(),
});
export type AppAssignmentSpec = z.infer<typeof appAssignmentSchema>;

/**
 * An app (S17; Graph mobileApp, /beta/deviceAppManagement/mobileApps). `type` picks the mobileApp subtype
 * (vocabulary.ts APP_TYPES); `settings` holds that type's Graph properties (Microsoft 365 Apps' productIds,
 * excludedApps, updateChannel, officePlatformArchitecture; a WinGet app's packageIdentifier; an iOS store app's bundleId,
 * appStoreUrl, applicableDeviceType, minimumSupportedOperatingSystem; a web link's appUrl), checked against Graph's
 * schema. Managed Google Play and line-of-business apps are references: `settings` states the identity the tenant's
 * app must have (packageId, bundleId, fileName, versions), never content, and the plan only assigns them.
 */
export const appSchema = z.strictObject({
  ...common,
  type: z.enum(APP_TYPE_WORDS),
  publisher: z.string().min(1).max(1024).optional(),
  settings: settingsSchema.optional(),
  assignment: appAssignmentSchema.optional(),
});
export type App = z.infer<typeof appSchema>;

/** Sections merged by key across files, in plan order. */
export const KEYED_SECTIONS = {
  groups: groupSchema,
  scopeTags: scopeTagSchema,
  roleDefinitions: roleDefinitionSchema,
  roles: roleSchema,
  enrollmentCategories: enrollmentCategorySchema,
  filters: filterSchema,
  compliance: complianceSchema,
  configuration: configurationSchema,
  appProtection: appProtectionSchema,
  enrollmentRestrictions: enrollmentRestrictionSchema,
  autopilot: autopilotProfileSchema,
  enrollmentStatusPages: enrollmentStatusPageSchema,
  updates: updateProfileSchema,
  notificationTemplates: notificationTemplateSchema,
  termsAndConditions: termsAndConditionsSchema,
  scripts: scriptSchema,
  remediations: remediationSchema,
  approvalPolicies: approvalPolicySchema,
  conditionalAccess: conditionalAccessSchema,
  appConfiguration: appConfigurationSchema,
  deviceAppConfiguration: deviceAppConfigurationSchema,
  apps: appSchema,
} as const;
export type KeyedSection = keyof typeof KEYED_SECTIONS;
export const KEYED_SECTION_NAMES = Object.keys(KEYED_SECTIONS) as KeyedSection[];

const keyedMap = <T extends z.ZodType>(item: T) => z.record(keySchema, item);

/** One plan file. `$schema` is accepted for editors that do not read the yaml-language-server comment. */
export const planFileSchema = z.strictObject({
  $schema: z.string().optional(),
  plan: z.strictObject({ name: z.string().min(1), description: description.optional() }).optional(),
  phases: z.array(phaseSchema).optional(),
  groups: keyedMap(groupSchema).optional(),
  scopeTags: keyedMap(scopeTagSchema).optional(),
  roleDefinitions: keyedMap(roleDefinitionSchema).optional(),
  roles: keyedMap(roleSchema).optional(),
  enrollmentCategories: keyedMap(enrollmentCategorySchema).optional(),
  filters: keyedMap(filterSchema).optional(),
  compliance: keyedMap(complianceSchema).optional(),
  configuration: keyedMap(configurationSchema).optional(),
  appProtection: keyedMap(appProtectionSchema).optional(),
  enrollmentRestrictions: keyedMap(enrollmentRestrictionSchema).optional(),
  autopilot: keyedMap(autopilotProfileSchema).optional(),
  enrollmentStatusPages: keyedMap(enrollmentStatusPageSchema).optional(),
  updates: keyedMap(updateProfileSchema).optional(),
  notificationTemplates: keyedMap(notificationTemplateSchema).optional(),
  tenantSettings: tenantSettingsSchema.optional(),
  deviceCleanup: deviceCleanupSchema.optional(),
  termsAndConditions: keyedMap(termsAndConditionsSchema).optional(),
  scripts: keyedMap(scriptSchema).optional(),
  remediations: keyedMap(remediationSchema).optional(),
  approvalPolicies: keyedMap(approvalPolicySchema).optional(),
  conditionalAccess: keyedMap(conditionalAccessSchema).optional(),
  appConfiguration: keyedMap(appConfigurationSchema).optional(),
  deviceAppConfiguration: keyedMap(deviceAppConfigurationSchema).optional(),
  apps: keyedMap(appSchema).optional(),
});
export type PlanFile = z.infer<typeof planFileSchema>;
/** A plan file once its script files are read (check-plan.ts): script paths carry their text. */
export type ReadPlanFile = Omit<PlanFile, "scripts" | "remediations"> & {
  readonly scripts?: Readonly<Record<string, Script>>;
  readonly remediations?: Readonly<Record<string, Remediation>>;
};

/** The merged, typed plan: every section keyed by object key, phases in rollout order. */
export interface Plan {
  readonly name: string;
  readonly phases: readonly Phase[];
  readonly groups: Readonly<Record<string, Group>>;
  readonly scopeTags: Readonly<Record<string, ScopeTag>>;
  readonly roleDefinitions: Readonly<Record<string, RoleDefinition>>;
  readonly roles: Readonly<Record<string, Role>>;
  readonly enrollmentCategories: Readonly<Record<string, EnrollmentCategory>>;
  readonly filters: Readonly<Record<string, Filter>>;
  readonly compliance: Readonly<Record<string, CompliancePolicy>>;
  readonly configuration: Readonly<Record<string, ConfigurationPolicy>>;
  readonly appProtection: Readonly<Record<string, AppProtectionPolicy>>;
  readonly enrollmentRestrictions: Readonly<Record<string, EnrollmentRestriction>>;
  readonly autopilot: Readonly<Record<string, AutopilotProfile>>;
  readonly enrollmentStatusPages: Readonly<Record<string, EnrollmentStatusPage>>;
  readonly updates: Readonly<Record<string, UpdateProfile>>;
  readonly notificationTemplates: Readonly<Record<string, NotificationTemplate>>;
  /** Tenant singletons (docs/tenant-singletons.md): each part defined in one file. */
  readonly tenantSettings: TenantSettings;
  readonly deviceCleanup: DeviceCleanup;
  readonly termsAndConditions: Readonly<Record<string, TermsAndConditions>>;
  readonly scripts: Readonly<Record<string, Script>>;
  readonly remediations: Readonly<Record<string, Remediation>>;
  readonly approvalPolicies: Readonly<Record<string, ApprovalPolicy>>;
  readonly conditionalAccess: Readonly<Record<string, ConditionalAccessPolicy>>;
  readonly appConfiguration: Readonly<Record<string, AppConfigurationPolicy>>;
  readonly deviceAppConfiguration: Readonly<Record<string, DeviceAppConfigurationPolicy>>;
  readonly apps: Readonly<Record<string, App>>;
  /**
   * Not a plan section: the plan folders' policy-templates snapshot (graph-model/policy-templates.ts), attached by
   * check-plan.ts so that compile writes the setting template references a template-based policy needs.
   */
  readonly policyTemplates?: Readonly<Record<string, PolicyTemplate>>;
}

/** Sections whose objects carry assignments. */
export const ASSIGNABLE_SECTIONS = [
  "compliance",
  "configuration",
  "appProtection",
  "enrollmentRestrictions",
  "autopilot",
  "enrollmentStatusPages",
  "updates",
  "termsAndConditions",
  "scripts",
  "remediations",
  "conditionalAccess",
  "appConfiguration",
  "deviceAppConfiguration",
  "apps",
] as const;
export type AssignableSection = (typeof ASSIGNABLE_SECTIONS)[number];
