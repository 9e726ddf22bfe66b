// Which members each targeting field of the plan accepts: users, devices or both. One table, read by the
// validator (IP062, IP065); adding a kind or a targeting field without an entry fails to compile.
import type { AssignableSection } from "./schema.ts";

export type TargetType = "users" | "devices" | "both";

/** Every plan field that names groups for Graph to apply something to. */
export type TargetField = AssignableSection | "scopeTags.autoAssign" | "roles.admins" | "roles.scope" | "approvalPolicies.approvers";

/**
 * What Graph applies each field to, and why:
 * - compliance and configuration land on devices whether a user group (the users' devices) or a device group
 *   names them, so both kinds of group are valid;
 * - app protection (MAM) protects a user's data in apps, with or without enrollment: users only;
 * - app configuration for managed apps (targetedManagedAppConfiguration) is delivered "to all users in the targeted
 *   security group" (Graph resource page intune-mam-targetedmanagedappconfiguration): users only;
 * - enrollment restrictions apply while a user enrolls, before any device object exists: users only;
 * - Windows update profiles land on devices like configuration; whether Intune takes user groups for them is
 *   UNCONFIRMED (the Graph assign pages accept any deviceAndAppManagementAssignmentTarget), so both are accepted;
 * - an Autopilot profile is assigned to registered devices before anyone signs in: devices only (memdocs
 *   "Autopilot profiles target device groups"; TF examples assign group/exclusion/allDevices targets only);
 * - the enrollment status page tracks the device phase and the user phase: both;
 * - terms and conditions are accepted by a user in the Company Portal (GRAPH-NOTES §9.2): users only;
 * - a scope tag's auto-assignment tags the devices of its groups; users carry no scope tags: devices only;
 * - a role assignment's admins are the people who sign in with the role: users only;
 * - a role assignment's scope covers the users and devices the admins may manage: both.
 * - platform scripts and remediations run on the Windows devices of their groups, a user group naming its users'
 *   devices (the Intune management extension runs them per device; memdocs analytics/remediations.md): both.
 * - a role assignment's scope covers the users and devices the admins may manage: both;
 * - an approval policy's approvers are admins who sign in to approve: users only;
 * - a Conditional Access policy applies to users as they sign in (conditions.users names users, groups and roles;
 *   the Graph conditionalAccessUsers resource): users only;
 * - apps install on devices, whether a user group (its users' devices) or a device group names them: both (memdocs
 *   apps-deploy "Assign apps to groups": "you can assign the app to users and devices"); the `available` intent takes
 *   user groups only, which validate/apps.ts checks per intent (IP232).
 */
export const TARGET_TYPES = {
  compliance: "both",
  configuration: "both",
  appProtection: "users",
  // App configuration for managed apps reaches a user's apps, enrolled or not, like app protection: users only.
  appConfiguration: "users",
  // App configuration for managed devices is assigned like device configuration: to the devices of user or device groups.
  deviceAppConfiguration: "both",
  enrollmentRestrictions: "users",
  autopilot: "devices",
  enrollmentStatusPages: "both",
  updates: "both",
  termsAndConditions: "users",
  scripts: "both",
  remediations: "both",
  conditionalAccess: "users",
  apps: "both",
  "scopeTags.autoAssign": "devices",
  "roles.admins": "users",
  "roles.scope": "both",
  "approvalPolicies.approvers": "users",
} as const satisfies Record<TargetField, TargetType>;

/** Plain words for messages: what a field applies to. */
export const TARGET_FIELD_LABELS: Readonly<Record<TargetField, string>> = {
  compliance: "compliance policies",
  configuration: "configuration profiles",
  appProtection: "app protection policies",
  appConfiguration: "app configuration policies",
  deviceAppConfiguration: "app configuration for managed devices",
  enrollmentRestrictions: "enrollment restrictions",
  autopilot: "Autopilot deployment profiles",
  enrollmentStatusPages: "enrollment status pages",
  updates: "Windows update profiles",
  termsAndConditions: "terms and conditions",
  scripts: "platform scripts",
  remediations: "remediations",
  conditionalAccess: "Conditional Access policies",
  apps: "apps",
  "scopeTags.autoAssign": "scope tag auto-assignment",
  "roles.admins": "a role assignment's admins",
  "roles.scope": "a role assignment's scope",
  "approvalPolicies.approvers": "an approval policy's approvers",
};
