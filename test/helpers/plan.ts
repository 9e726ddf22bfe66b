// A Plan built in code for pure-stage tests: every section empty unless given.
import type { Plan } from "../../src/plan/schema.ts";

export const planOf = (parts: Partial<Plan> = {}): Plan => ({
  name: "t",
  phases: [],
  groups: {},
  scopeTags: {},
  roleDefinitions: {},
  roles: {},
  enrollmentCategories: {},
  filters: {},
  compliance: {},
  configuration: {},
  appProtection: {},
  enrollmentRestrictions: {},
  autopilot: {},
  enrollmentStatusPages: {},
  updates: {},
  notificationTemplates: {},
  tenantSettings: {},
  deviceCleanup: {},
  termsAndConditions: {},
  scripts: {},
  remediations: {},
  approvalPolicies: {},
  conditionalAccess: {},
  ...parts,
});
