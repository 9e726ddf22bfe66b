// Generates a synthetic, clean plan of exactly `objects` plan objects (deterministic, no RNG), split into campus
// files of about 1,000 objects. Units of 10 objects: a device group and a user group, four compliance policies,
// three configuration profiles and one app-protection policy, assigned so that no two policies set one setting
// for one group. Every 20th unit's settings-catalog profile is phased instead, so the conflict check works on
// the shared phase audiences.
import { stringify } from "yaml";

export function generatePlanFiles(objects: number): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  const waves = 5;
  files.push({ path: "bench/rollout.yaml", text: stringify({
    plan: { name: `bench-${objects}` },
    groups: Object.fromEntries(Array.from({ length: waves }, (_, i) => [`wave-${i}`, { displayName: `Wave ${i}`, membership: "dynamic", members: "users", rule: `user.department -eq "Dept${i}"` }])),
    phases: Array.from({ length: waves }, (_, i) => ({ key: `phase-${i}`, displayName: `Phase ${i}`, audience: [`wave-${i}`], users: 100 * (i + 1) })),
  }) });
  const units = Math.max(1, Math.round((objects - 2 * waves) / 10));
  const unitsPerFile = 100;
  for (let f = 0; f * unitsPerFile < units; f++) {
    const groups: Record<string, unknown> = {};
    const compliance: Record<string, unknown> = {};
    const configuration: Record<string, unknown> = {};
    const appProtection: Record<string, unknown> = {};
    for (let u = f * unitsPerFile; u < Math.min(units, (f + 1) * unitsPerFile); u++) {
      const d = `d${u}`;
      const usr = `u${u}`;
      const fixed = (g: string) => ({ rollout: "fixed", include: [g] });
      groups[d] = { displayName: `Devices ${u}`, membership: "dynamic", members: "devices", rule: `device.displayName -startsWith "U${u}-"` };
      groups[usr] = { displayName: `Users ${u}`, membership: "dynamic", members: "users", rule: `user.department -eq "Unit ${u}"` };
      // A fresh array per policy: a shared one would make yaml.stringify emit anchors, which plans rarely use.
      const block = () => [{ action: "block", graceHours: 24 }];
      compliance[`${u}-win-pw`] = { displayName: `Win password ${u}`, platform: "windows", settings: { passwordRequired: true, passwordMinimumLength: 6 + (u % 3) }, actions: block(), assignment: fixed(d) };
      compliance[`${u}-win-os`] = { displayName: `Win OS ${u}`, platform: "windows", settings: { osMinimumVersion: "10.0.19045", deviceThreatProtectionEnabled: true, deviceThreatProtectionRequiredSecurityLevel: "medium" }, actions: block(), assignment: fixed(d) };
      compliance[`${u}-ios`] = { displayName: `iOS ${u}`, platform: "iOS", settings: { passcodeRequired: true, passcodeMinimumLength: 6 }, actions: block(), assignment: fixed(d) };
      compliance[`${u}-mac`] = { displayName: `macOS ${u}`, platform: "macOS", settings: { passwordRequired: true, storageRequireEncryption: true }, actions: block(), assignment: fixed(d) };
      configuration[`${u}-ios`] = { displayName: `iOS restrictions ${u}`, platform: "iOS", profile: "deviceRestrictions", settings: { iCloudBlockBackup: true, screenCaptureBlocked: u % 2 === 0 }, assignment: fixed(d) };
      configuration[`${u}-win`] = { displayName: `Win restrictions ${u}`, platform: "windows", profile: "deviceRestrictions", settings: { cameraBlocked: u % 2 === 1 }, assignment: fixed(d) };
      configuration[`${u}-catalog`] = { displayName: `Catalog ${u}`, platform: "windows", profile: "settingsCatalog",
        settings: { [`device_vendor_msft_bench_setting_${u}`]: `device_vendor_msft_bench_setting_${u}_1`, device_vendor_msft_policy_config_defender_avgcpuloadfactor: 50 },
        assignment: u % 20 === 0 ? { from: `phase-${u % waves}` } : fixed(d) };
      if (u % 20 === 0) (configuration[`${u}-catalog`] as { settings: Record<string, unknown> }).settings = { [`device_vendor_msft_bench_setting_${u}`]: `device_vendor_msft_bench_setting_${u}_1` };
      appProtection[`${u}-ios`] = { displayName: `App protection ${u}`, platform: "iOS", apps: ["outlook", "teams"], settings: { pinRequired: true, minimumPinLength: 6 }, assignment: fixed(usr) };
    }
    files.push({ path: `bench/campus-${f}.yaml`, text: stringify({ groups, compliance, configuration, appProtection }) });
  }
  return files;
}
