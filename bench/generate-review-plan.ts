// Generates a plan shaped like the one issue 12 was measured on (deterministic, no RNG): several sites, six phases,
// overlapping targets (a site's staff group holds every unit's user group), settings-catalog policies fixed and
// phased, and "All devices + filter" policies that set the same settings as the unit policies. It validates
// without errors; its only warnings are the site-wide policies duplicating each other (IP091), one per site. Units of 10
// plan objects, 100 units per site file by default. Used by the counting (complexity) tests at small sizes and by hand at 10k / 50k.
import { stringify } from "yaml";

export const REVIEW_PHASES = 6;

/** `unitsPerSite`: units of 10 objects per site file (default 100); small values give many sites at small sizes. */
export function generateReviewPlanFiles(objects: number, unitsPerSite = 100): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  files.push({
    path: "review/rollout.yaml",
    text: stringify({
      plan: { name: `review-${objects}` },
      groups: Object.fromEntries(
        Array.from({ length: REVIEW_PHASES }, (_, i) => [
          `wave-${i}`,
          { displayName: `Wave ${i}`, membership: "dynamic", members: "users", rule: `user.department -eq "Wave${i}"` },
        ]),
      ),
      filters: {
        "windows-devices": {
          displayName: "Windows 10 and later",
          platform: "windows10AndLater",
          rule: '(device.osVersion -startsWith "10.0")',
        },
      },
      phases: Array.from({ length: REVIEW_PHASES }, (_, i) => ({
        key: `phase-${i}`,
        displayName: `Phase ${i}`,
        audience: [`wave-${i}`],
        users: 100 * (i + 1),
      })),
    }),
  });
  const units = Math.max(1, Math.round((objects - REVIEW_PHASES - 1) / 10));
  for (let s = 0; s * unitsPerSite < units; s++) {
    const groups: Record<string, unknown> = {};
    const compliance: Record<string, unknown> = {};
    const configuration: Record<string, unknown> = {};
    const appProtection: Record<string, unknown> = {};
    const fixed = (...include: string[]): Record<string, unknown> => ({ rollout: "fixed", include });
    // Site-wide objects: a staff group overlapping every unit's user group, and an All devices + filter policy.
    groups[`s${s}-staff`] = {
      displayName: `Site ${s} staff`,
      membership: "dynamic",
      members: "users",
      rule: `user.department -startsWith "Site${s} "`,
    };
    configuration[`s${s}-all-windows`] = {
      displayName: `Site ${s} all Windows`,
      platform: "windows",
      profile: "settingsCatalog",
      settings: { device_vendor_msft_policy_config_defender_avgcpuloadfactor: 50 },
      assignment: { rollout: "fixed", include: ["allDevices"], filter: "windows-devices" },
    };
    appProtection[`s${s}-staff-ios`] = {
      displayName: `Site ${s} staff iOS apps`,
      platform: "iOS",
      apps: ["outlook", "teams"],
      settings: { pinRequired: true, minimumPinLength: 6 },
      assignment: fixed(`s${s}-staff`),
    };
    for (let u = s * unitsPerSite; u < Math.min(units, (s + 1) * unitsPerSite); u++) {
      const d = `s${s}-u${u}-dev`;
      const usr = `s${s}-u${u}-usr`;
      const block = () => [{ action: "block", graceHours: 24 }];
      groups[d] = {
        displayName: `Site ${s} unit ${u} devices`,
        membership: "dynamic",
        members: "devices",
        rule: `device.displayName -startsWith "S${s}-U${u}-"`,
      };
      groups[usr] = {
        displayName: `Site ${s} unit ${u} users`,
        membership: "dynamic",
        members: "users",
        rule: `user.department -eq "Site${s} Unit${u}"`,
      };
      compliance[`${u}-win-pw`] = {
        displayName: `Win password ${u}`,
        platform: "windows",
        settings: { passwordRequired: true, passwordMinimumLength: 6 + (u % 3) },
        actions: block(),
        assignment: fixed(d),
      };
      compliance[`${u}-ios`] = {
        displayName: `iOS ${u}`,
        platform: "iOS",
        settings: { passcodeRequired: true, passcodeMinimumLength: 6 },
        actions: block(),
        assignment: fixed(d),
      };
      compliance[`${u}-mac`] = {
        displayName: `macOS ${u}`,
        platform: "macOS",
        settings: { passwordRequired: true, storageRequireEncryption: true },
        actions: block(),
        assignment: fixed(d),
      };
      configuration[`${u}-win`] = {
        displayName: `Win restrictions ${u}`,
        platform: "windows",
        profile: "deviceRestrictions",
        settings: { cameraBlocked: u % 2 === 1 },
        assignment: fixed(d),
      };
      configuration[`${u}-ios`] = {
        displayName: `iOS restrictions ${u}`,
        platform: "iOS",
        profile: "deviceRestrictions",
        settings: { iCloudBlockBackup: true, screenCaptureBlocked: u % 2 === 0 },
        assignment: fixed(d),
      };
      configuration[`${u}-cpu`] = {
        displayName: `Defender CPU ${u}`,
        platform: "windows",
        profile: "settingsCatalog",
        settings: { device_vendor_msft_policy_config_defender_avgcpuloadfactor: 50 },
        assignment: fixed(usr),
      };
      configuration[`${u}-phased`] = {
        displayName: `Catalog ${u}`,
        platform: "windows",
        profile: "settingsCatalog",
        settings: { [`device_vendor_msft_bench_setting_${u}`]: `device_vendor_msft_bench_setting_${u}_1` },
        assignment: { from: `phase-${u % REVIEW_PHASES}` },
      };
      appProtection[`${u}-ios`] = {
        displayName: `App protection ${u}`,
        platform: "iOS",
        apps: ["outlook", "teams"],
        settings: { pinRequired: true, minimumPinLength: 6 },
        assignment: fixed(usr),
      };
    }
    files.push({ path: `review/site-${s}.yaml`, text: stringify({ groups, compliance, configuration, appProtection }) });
  }
  return files;
}
