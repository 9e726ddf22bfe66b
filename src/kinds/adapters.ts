// One adapter per kind (kind.ts), checked exhaustively: a new kind does not build until it has one. The compiler
// calls each adapter with its section's typed objects (compile.ts); the tenant reader and import reach them by kind
// here, where the plan object's type does not matter (observe, toPlan).
import type { Kind } from "./index.ts";
import type { KindAdapter } from "./kind.ts";
import { appProtectionPolicy } from "./app-protection-policy.ts";
import { assignmentFilter } from "./assignment-filter.ts";
import { autopilotProfile } from "./autopilot-profile.ts";
import { catalogCompliancePolicy } from "./catalog-compliance-policy.ts";
import { compliancePolicy } from "./compliance-policy.ts";
import { conditionalAccessPolicy } from "./conditional-access-policy.ts";
import { deviceCategory } from "./device-category.ts";
import { deviceCleanupRule } from "./device-cleanup-rule.ts";
import { deviceConfiguration } from "./device-configuration.ts";
import { enrollmentRestriction } from "./enrollment-restriction.ts";
import { enrollmentStatusPage } from "./enrollment-status-page.ts";
import { group } from "./group.ts";
import { managedAppConfiguration } from "./managed-app-configuration.ts";
import { mobileAppConfiguration } from "./mobile-app-configuration.ts";
import { notificationTemplate } from "./notification-template.ts";
import { operationApprovalPolicy } from "./operation-approval-policy.ts";
import { platformScript } from "./platform-script.ts";
import { remediation } from "./remediation.ts";
import { roleAssignment } from "./role-assignment.ts";
import { roleDefinition } from "./role-definition.ts";
import { scopeTag } from "./scope-tag.ts";
import { settingsCatalogPolicy } from "./settings-catalog-policy.ts";
import { tenantSettings } from "./tenant-settings.ts";
import { termsAndConditions } from "./terms-and-conditions.ts";
import { updateProfile } from "./update-profile.ts";
import { mobileApp, mobileAppReference } from "./mobile-app.ts";

export const ADAPTERS: Readonly<Record<Kind, KindAdapter<never>>> = {
  group,
  scopeTag,
  roleDefinition,
  roleAssignment,
  deviceCategory,
  assignmentFilter,
  notificationTemplate,
  compliancePolicy,
  catalogCompliancePolicy,
  deviceConfiguration,
  settingsCatalogPolicy,
  updateProfile,
  appProtectionPolicy,
  enrollmentRestriction,
  autopilotProfile,
  enrollmentStatusPage,
  tenantSettings,
  deviceCleanupRule,
  termsAndConditions,
  platformScript,
  remediation,
  operationApprovalPolicy,
  conditionalAccessPolicy,
  managedAppConfiguration,
  mobileAppConfiguration,
  mobileApp,
  mobileAppReference,
};
