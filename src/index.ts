// Public entry of intune-plan's library: the pure stages and their types. providers/ imports only this module.
export type { Diagnostic, Severity, SourceRange, PlanPath, Staged } from "./diagnostics/diagnostic.ts";
export { hasErrors, sortDiagnostics } from "./diagnostics/diagnostic.ts";
export { formatDiagnosticsText } from "./diagnostics/format-text.ts";
export { formatDiagnosticsJson } from "./diagnostics/format-json.ts";
export { formatDiagnosticsSarif, toSarif } from "./diagnostics/format-sarif.ts";
export { checkPlan } from "./plan/check-plan.ts";
export type { CheckedPlan } from "./plan/check-plan.ts";
export { readPlanInputs } from "./plan/read.ts";
export type { Plan } from "./plan/schema.ts";
export { requiredLicenses } from "./plan/reports/licenses.ts";
export { requiredPermissions } from "./plan/reports/permissions.ts";
export { planJsonSchema } from "./plan/json-schema.ts";
