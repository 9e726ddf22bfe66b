// Semantic validation of a merged plan: every rule, in a fixed order. Pure: Plan in, unplaced diagnostics out.
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { APP_PROTECTION_PLATFORMS, COMPLIANCE_PLATFORMS, CONFIG_PLATFORMS, ENROLLMENT_PLATFORMS } from "../../graph-model/vocabulary.ts";
import type { DefinitionsSnapshot } from "../../graph-model/setting-definitions.ts";
import type { PolicyTemplate } from "../../graph-model/policy-templates.ts";
import type { Plan } from "../schema.ts";
import { checkPolicyTemplates } from "./policy-templates.ts";
import { checkAssignments } from "./assignments.ts";
import { checkComplianceActions } from "./compliance-actions.ts";
import { checkConflicts } from "./conflicts.ts";
import { checkEnrollment } from "./enrollment.ts";
import { checkGateContradictions } from "./gate-contradictions.ts";
import { checkGoals } from "./goals.ts";
import { checkGroupRules } from "./groups.ts";
import { checkNames } from "./names.ts";
import { checkNotificationTemplates } from "./notification-templates.ts";
import { checkPhases } from "./phases.ts";
import { checkPlatformWaves } from "./platform-waves.ts";
import { checkReferences } from "./references.ts";
import { checkRoleDefinitions } from "./roles.ts";
import { checkSettings } from "./settings.ts";
import { checkSoakSchedule } from "./soak-schedule.ts";
import { checkTargetTypes } from "./target-types.ts";
import { checkUpdateProfiles } from "./updates.ts";
import { checkTenantSingletons } from "./tenant-singletons.ts";
import { checkTerms } from "./terms.ts";
import { checkAutopilot } from "./autopilot.ts";
import { checkAppConfiguration } from "./app-configuration.ts";
import { checkConditionalAccess } from "./conditional-access.ts";
import { checkRemediationSchedules } from "./scripts.ts";
import { checkApps } from "./apps.ts";

const ALL_PLATFORMS = new Set<string>([...COMPLIANCE_PLATFORMS, ...CONFIG_PLATFORMS, ...APP_PROTECTION_PLATFORMS, ...ENROLLMENT_PLATFORMS]);

export interface ValidationContext {
  /** The plan folder's setting-definitions snapshot: settings-catalog settings are checked against it when present. */
  readonly definitions?: DefinitionsSnapshot;
  /** The plan folder's policy-templates snapshot: template-based policies are checked against it when present. */
  readonly templates?: Readonly<Record<string, PolicyTemplate>>;
}

export function validatePlan(plan: Plan, context: ValidationContext = {}): Diagnostic[] {
  const references = checkReferences(plan);
  const findings = [
    ...references,
    ...checkNames(plan),
    ...checkGroupRules(plan),
    ...checkPhases(plan, ALL_PLATFORMS),
    ...checkGoals(plan),
    ...checkSoakSchedule(plan),
    ...checkGateContradictions(plan),
    ...checkPlatformWaves(plan, ALL_PLATFORMS),
    ...checkAssignments(plan),
    ...checkTargetTypes(plan),
    ...checkSettings(plan, context.definitions),
    ...checkPolicyTemplates(plan, context.templates),
    ...checkComplianceActions(plan),
    ...checkNotificationTemplates(plan),
    ...checkEnrollment(plan),
    ...checkTerms(plan),
    ...checkAutopilot(plan),
    ...checkConditionalAccess(plan),
    ...checkAppConfiguration(plan),
    ...checkRoleDefinitions(plan),
    ...checkUpdateProfiles(plan),
    ...checkTenantSingletons(plan),
    ...checkRemediationSchedules(plan),
    ...checkApps(plan),
  ];
  // Conflicts are computed on targets; with dangling references the targets are not meaningful.
  return references.length > 0 ? findings : [...findings, ...checkConflicts(plan)];
}
