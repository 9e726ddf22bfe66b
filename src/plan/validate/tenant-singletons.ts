// Tenant singletons' ranges: the compliance status validity period (IP141: 1–120 days, as Microsoft365DSC's
// IntuneDeviceManagementComplianceSettings documents DeviceComplianceCheckinThresholdDays) and each platform's
// device cleanup days (IP142: 30–270, GRAPH-NOTES §9.3, TF managed_device_cleanup_rule).
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import type { Plan } from "../schema.ts";

export const VALIDITY_DAYS = { min: 1, max: 120 } as const;
export const CLEANUP_DAYS = { min: 30, max: 270 } as const;

export function checkTenantSingletons(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const days = plan.tenantSettings.compliance?.validityDays;
  if (days !== undefined && (days < VALIDITY_DAYS.min || days > VALIDITY_DAYS.max))
    out.push(
      diagnostic("IP141", {
        path: ["tenantSettings", "compliance", "validityDays"],
        message: `validityDays ${days} is outside ${VALIDITY_DAYS.min}–${VALIDITY_DAYS.max}`,
      }),
    );
  for (const [platform, rule] of Object.entries(plan.deviceCleanup)) {
    if (rule === undefined || (rule.inactiveDays >= CLEANUP_DAYS.min && rule.inactiveDays <= CLEANUP_DAYS.max)) continue;
    out.push(
      diagnostic("IP142", {
        path: ["deviceCleanup", platform, "inactiveDays"],
        message: `inactiveDays ${rule.inactiveDays} for ${platform} is outside ${CLEANUP_DAYS.min}–${CLEANUP_DAYS.max}`,
      }),
    );
  }
  return out;
}
