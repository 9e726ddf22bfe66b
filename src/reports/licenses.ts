// The licences a plan needs (S21), each with the plan objects that need it. Pure.
import type { Plan } from "../plan/schema.ts";
import { catalogSettingIds, expandCatalogSettings } from "../plan/settings-catalog.ts";

export interface LicenseNeed {
  readonly license: string;
  readonly reason: string;
  readonly objects: readonly string[];
}

const DEFENDER_SETTING = /^device_vendor_msft_(policy_config_defender|defender)/;

/** The licences as their versioned JSON document (`licenses --format json`, docs/json-formats.md). */
export interface LicenseReport {
  readonly formatVersion: "1";
  readonly plan: string;
  readonly licenses: readonly LicenseNeed[];
}

export const licenseReport = (plan: Plan): LicenseReport => ({ formatVersion: "1", plan: plan.name, licenses: requiredLicenses(plan) });

export function requiredLicenses(plan: Plan): LicenseNeed[] {
  const needs: LicenseNeed[] = [];
  const intune = [
    ...Object.keys(plan.compliance).map((k) => `compliance.${k}`),
    ...Object.keys(plan.configuration).map((k) => `configuration.${k}`),
    ...Object.keys(plan.appProtection).map((k) => `appProtection.${k}`),
    // App configuration for managed apps is delivered through the Intune App SDK, like app protection (GRAPH-NOTES §8.2).
    ...Object.keys(plan.appConfiguration).map((k) => `appConfiguration.${k}`),
    ...Object.keys(plan.deviceAppConfiguration).map((k) => `deviceAppConfiguration.${k}`),
    ...Object.keys(plan.enrollmentRestrictions).map((k) => `enrollmentRestrictions.${k}`),
    // Autopilot profiles and the enrollment status page are Intune enrollment features (memdocs "Windows Autopilot
    // requirements", licensing: Intune plus Entra ID P1, below).
    ...Object.keys(plan.autopilot).map((k) => `autopilot.${k}`),
    ...Object.keys(plan.enrollmentStatusPages).map((k) => `enrollmentStatusPages.${k}`),
    ...Object.keys(plan.updates).map((k) => `updates.${k}`),
    // Terms and conditions are an Intune feature shown in the Company Portal (S19).
    ...Object.keys(plan.termsAndConditions).map((k) => `termsAndConditions.${k}`),
    ...Object.keys(plan.roles).map((k) => `roles.${k}`),
    ...Object.keys(plan.scopeTags).map((k) => `scopeTags.${k}`),
    // Compliance notification emails are an Intune feature (issue 14).
    ...Object.keys(plan.notificationTemplates).map((k) => `notificationTemplates.${k}`),
    ...Object.keys(plan.tenantSettings).map((k) => `tenantSettings.${k}`),
    ...Object.keys(plan.deviceCleanup).map((k) => `deviceCleanup.${k}`),
    ...Object.keys(plan.scripts).map((k) => `scripts.${k}`),
    ...Object.keys(plan.remediations).map((k) => `remediations.${k}`),
    // Apps are deployed by Intune to the devices and users it manages (S17).
    ...Object.keys(plan.apps).map((k) => `apps.${k}`),
  ];
  if (intune.length > 0)
    needs.push({
      license: "Microsoft Intune Plan 1",
      reason:
        "every user who enrolls a device or uses a protected app needs an Intune licence (included in Microsoft 365 E3/E5, EMS E3/E5, Business Premium)",
      objects: intune,
    });
  // Microsoft 365 Apps installed by Intune activate only for users who hold a Microsoft 365 Apps licence (memdocs
  // apps-add-office365 "Before you start": users need a Microsoft 365 Apps licence; included in Microsoft 365 E3/E5 and
  // Business Premium).
  const office = Object.entries(plan.apps)
    .filter(([, a]) => a.type === "microsoft365")
    .map(([k]) => `apps.${k}`);
  if (office.length > 0)
    needs.push({
      license: "Microsoft 365 Apps for enterprise",
      reason:
        "the Office apps Intune installs activate only for users with a Microsoft 365 Apps licence (included in Microsoft 365 E3/E5 and Business Premium)",
      objects: office,
    });
  const dynamic = Object.entries(plan.groups)
    .filter(([, g]) => g.membership === "dynamic")
    .map(([k]) => `groups.${k}`);
  // Windows Autopilot requires Entra ID P1 or P2 (automatic MDM enrollment and company branding; memdocs "Windows
  // Autopilot requirements", licensing).
  const autopilot = Object.keys(plan.autopilot).map((k) => `autopilot.${k}`);
  // Conditional Access needs Entra ID P1 for every user it applies to (Microsoft Entra "Conditional Access" overview,
  // license requirements; S21 names it too).
  const access = Object.keys(plan.conditionalAccess).map((k) => `conditionalAccess.${k}`);
  if (dynamic.length > 0 || autopilot.length > 0 || access.length > 0) {
    const why = [
      ...(dynamic.length > 0 ? ["dynamic membership groups need Entra ID P1 for the users they evaluate"] : []),
      ...(autopilot.length > 0 ? ["Windows Autopilot needs it for automatic MDM enrollment"] : []),
      ...(access.length > 0 ? ["Conditional Access needs it for every user a policy applies to"] : []),
    ];
    needs.push({
      license: "Microsoft Entra ID P1",
      reason: `${why.length > 1 ? `${why.slice(0, -1).join(", ")}, and ${why.at(-1) ?? ""}` : why.join("")}${access.length > 0 ? "" : " (also required later for Conditional Access)"}`,
      objects: [...dynamic, ...autopilot, ...access],
    });
  }
  const threat = [
    ...Object.entries(plan.compliance)
      .filter(([, p]) => !Array.isArray(p.settings) && p.settings?.["deviceThreatProtectionEnabled"] === true)
      .map(([k]) => `compliance.${k}`),
    ...Object.entries(plan.configuration)
      // Concise or verbose, top level or a choice's child: the expanded settings name every definition.
      .filter(
        ([, p]) =>
          p.profile === "settingsCatalog" &&
          catalogSettingIds(expandCatalogSettings(p.settings).settings).some((id) => DEFENDER_SETTING.test(id)),
      )
      .map(([k]) => `configuration.${k}`),
  ];
  if (threat.length > 0)
    needs.push({
      license: "Microsoft Defender for Endpoint (P1 or P2) or a Mobile Threat Defense partner",
      reason: "device threat level in compliance and Defender onboarding need a threat-defense service connected to Intune",
      objects: threat,
    });
  const rings = Object.entries(plan.configuration)
    .filter(([, p]) => p.profile === "updateRing")
    .map(([k]) => `configuration.${k}`);
  if (rings.length > 0)
    needs.push({
      license: "Windows 10/11 Pro, Business, Enterprise or Education",
      reason: "Windows Update for Business rings apply to these editions only (not Home)",
      objects: rings,
    });
  // Intune's feature, expedited quality and driver update profiles use the Windows Update for Business deployment
  // service. Its licence list (Windows Enterprise E3/E5, Education A3/A5, Microsoft 365 Business Premium) is UNCONFIRMED
  // in the sources read for this change (memdocs' prerequisites page was not in the corpus); it is the conservative
  // statement: a tenant without it sees the profiles created but never offered.
  const profiles = Object.keys(plan.updates).map((k) => `updates.${k}`);
  if (profiles.length > 0)
    needs.push({
      license: "Windows Enterprise E3 or E5 (or Education A3/A5, Microsoft 365 Business Premium)",
      reason:
        "feature, expedited quality and driver update profiles run through the Windows Update for Business deployment service, which needs one of these subscriptions per device's user",
      objects: profiles,
    });
  // memdocs analytics/remediations.md, "Licensing": Remediations need, for the users of the devices, Windows
  // Enterprise E3/E5 (in Microsoft 365 F3, E3, E5), Windows Education A3/A5 (in Microsoft 365 A3, A5) or Windows
  // VDA per user, on top of Endpoint analytics' own licensing. Platform scripts need only Intune.
  const remediations = Object.keys(plan.remediations).map((k) => `remediations.${k}`);
  if (remediations.length > 0)
    needs.push({
      license: "Windows 10/11 Enterprise E3 or E5, Education A3 or A5, or Virtual Desktop Access per user",
      reason:
        "Remediations run only for users licensed for Windows Enterprise or Education (included in Microsoft 365 F3, E3, E5, A3, A5), or Windows VDA per user",
      objects: remediations,
    });
  return needs;
}
