// Ranges Microsoft documents for Graph properties where its published typings (the source of
// src/generated/graph-schema.json, whose `ranges` come from "Valid values 4 to 14" in the doc comments) state
// none or a wrong one. Each entry names its source; an entry here wins over the generated range. Pure data.

/** `<type>.<property>` → [min, max], inclusive. */
export const DOCUMENTED_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  // The typings say "valid range from 0 to 30 days", but feature updates defer up to a year: Policy CSP
  // Update/DeferFeatureUpdatesPeriodInDays "0 to 365 days" (learn.microsoft.com/windows/client-management/mdm/
  // policy-csp-update#deferfeatureupdatesperiodindays) and Intune's update ring settings "0 to 365"
  // (learn.microsoft.com/mem/intune/protect/windows-update-settings). Without this, a 60-day deferral would be refused.
  "windowsUpdateForBusinessConfiguration.featureUpdatesDeferralPeriodInDays": [0, 365],
};
