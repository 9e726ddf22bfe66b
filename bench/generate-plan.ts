// Generates a synthetic plan of about `objects` plan objects that validates clean (deterministic, no RNG), shaped
// like a large estate: one file per site of about 1,000 objects, six rollout phases, and targets that overlap so the
// conflict check (S23) has real work. Per site: a device and a user group, a scope tag, a site-wide compliance
// baseline on the site's devices (overlapping every unit's devices with the same values), and an "All devices +
// filter" settings-catalog policy. Per unit of 10 objects: a device and a user group, four compliance policies,
// three configuration profiles (one settings catalog) and one app-protection policy; every 20th unit's settings
// catalog follows a phase instead of a fixed group.
//
// `revision` 1 is the same plan one review later (for `diff`): some values changed, some policies gone, one new
// policy per site.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";

export interface PlanFile {
  readonly path: string;
  readonly text: string;
}

const PHASES = 6;
const UNITS_PER_SITE = 99;
/** Plan objects outside the sites: the phase audiences, the phases and the filter. */
const FIXED = 2 * PHASES + 1;
const PER_SITE = 5;

export function generatePlanFiles(objects: number, revision: 0 | 1 = 0): PlanFile[] {
  const files: PlanFile[] = [];
  files.push({
    path: "rollout.yaml",
    text: stringify({
      plan: { name: `bench-${objects}` },
      groups: Object.fromEntries(
        Array.from({ length: PHASES }, (_, i) => [
          `wave-${i}`,
          { displayName: `Wave ${i}`, membership: "dynamic", members: "users", rule: `user.department -eq "Dept${i}"` },
        ]),
      ),
      filters: {
        "windows-devices": {
          displayName: "Windows 10 and later",
          platform: "windows10AndLater",
          rule: '(device.osVersion -startsWith "10.0")',
        },
      },
      phases: Array.from({ length: PHASES }, (_, i) => ({
        key: `phase-${i}`,
        displayName: `Phase ${i}`,
        audience: [`wave-${i}`],
        users: 100 * (i + 1),
      })),
    }),
  });
  const units = Math.max(1, Math.round((objects - FIXED) / (10 + PER_SITE / UNITS_PER_SITE)));
  for (let s = 0; s * UNITS_PER_SITE < units; s++)
    files.push({
      path: `site-${s}.yaml`,
      text: stringify(site(s, s * UNITS_PER_SITE, Math.min(units, (s + 1) * UNITS_PER_SITE), revision)),
    });
  return files;
}

function site(s: number, from: number, to: number, revision: 0 | 1): Record<string, Record<string, unknown>> {
  const devices = `s${s}-devices`;
  const groups: Record<string, unknown> = {
    [devices]: {
      displayName: `Site ${s} - devices`,
      membership: "dynamic",
      members: "devices",
      rule: `device.displayName -startsWith "S${s}-"`,
    },
    [`s${s}-users`]: { displayName: `Site ${s} - users`, membership: "dynamic", members: "users", rule: `user.city -eq "City ${s}"` },
  };
  const scopeTags = { [`s${s}`]: { displayName: `Site ${s}`, description: `Site ${s} objects`, autoAssign: [devices] } };
  const fixed = (g: string) => ({ rollout: "fixed", include: [g] });
  // A fresh array per policy: a shared one would make yaml.stringify emit anchors, which plans rarely use.
  const block = () => [{ action: "block", graceHours: 24 }];
  const compliance: Record<string, unknown> = {
    [`s${s}-baseline`]: {
      displayName: `Site ${s} - Windows baseline`,
      platform: "windows",
      scopeTags: [`s${s}`],
      settings: { passwordRequired: true },
      actions: block(),
      assignment: fixed(devices),
    },
  };
  const configuration: Record<string, unknown> = {
    [`s${s}-defender`]: {
      displayName: `Site ${s} - Defender (all Windows devices)`,
      platform: "windows",
      profile: "settingsCatalog",
      scopeTags: [`s${s}`],
      settings: { [`device_vendor_msft_bench_site_${s}`]: `device_vendor_msft_bench_site_${s}_1` },
      assignment: { rollout: "fixed", include: ["allDevices"], filter: "windows-devices" },
    },
  };
  if (revision === 1)
    configuration[`s${s}-new`] = {
      displayName: `Site ${s} - new restrictions`,
      platform: "iOS",
      profile: "deviceRestrictions",
      settings: { iCloudBlockBackup: true },
      assignment: fixed(devices),
    };
  const appProtection: Record<string, unknown> = {};
  for (let u = from; u < to; u++) {
    const d = `d${u}`;
    const usr = `u${u}`;
    const changed = revision === 1 && u % 25 === 0;
    groups[d] = {
      displayName: `Devices ${u}`,
      membership: "dynamic",
      members: "devices",
      rule: `device.displayName -startsWith "S${s}-U${u}-"`,
    };
    groups[usr] = { displayName: `Users ${u}`, membership: "dynamic", members: "users", rule: `user.department -eq "Unit ${u}"` };
    compliance[`${u}-win-pw`] = {
      displayName: `Win password ${u}`,
      platform: "windows",
      settings: { passwordRequired: true, passwordMinimumLength: 6 + (u % 3) + (changed ? 2 : 0) },
      actions: block(),
      assignment: fixed(d),
    };
    compliance[`${u}-win-os`] = {
      displayName: `Win OS ${u}`,
      platform: "windows",
      settings: {
        osMinimumVersion: "10.0.19045",
        deviceThreatProtectionEnabled: true,
        deviceThreatProtectionRequiredSecurityLevel: "medium",
      },
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
    if (!(revision === 1 && u % 100 === 0))
      compliance[`${u}-mac`] = {
        displayName: `macOS ${u}`,
        platform: "macOS",
        settings: { passwordRequired: true, storageRequireEncryption: true },
        actions: block(),
        assignment: fixed(d),
      };
    configuration[`${u}-ios`] = {
      displayName: `iOS restrictions ${u}`,
      platform: "iOS",
      profile: "deviceRestrictions",
      settings: { iCloudBlockBackup: true, screenCaptureBlocked: u % 2 === 0 },
      assignment: fixed(d),
    };
    configuration[`${u}-win`] = {
      displayName: `Win restrictions ${u}`,
      platform: "windows",
      profile: "deviceRestrictions",
      settings: { cameraBlocked: u % 2 === 1 },
      assignment: fixed(d),
    };
    configuration[`${u}-catalog`] =
      u % 20 === 0
        ? {
            displayName: `Catalog ${u}`,
            platform: "windows",
            profile: "settingsCatalog",
            settings: { [`device_vendor_msft_bench_setting_${u}`]: `device_vendor_msft_bench_setting_${u}_1` },
            assignment: { from: `phase-${u % PHASES}` },
          }
        : {
            displayName: `Catalog ${u}`,
            platform: "windows",
            profile: "settingsCatalog",
            scopeTags: [`s${s}`],
            settings: {
              [`device_vendor_msft_bench_setting_${u}`]: `device_vendor_msft_bench_setting_${u}_1`,
              device_vendor_msft_policy_config_defender_avgcpuloadfactor: 50,
            },
            assignment: fixed(d),
          };
    appProtection[`${u}-ios`] = {
      displayName: `App protection ${u}`,
      platform: "iOS",
      apps: ["outlook", "teams"],
      settings: { pinRequired: true, minimumPinLength: changed ? 8 : 6 },
      assignment: fixed(usr),
    };
  }
  return { scopeTags, groups, compliance, configuration, appProtection };
}

/** How many plan objects `files` hold: entries of every section but `plan`, and the phases. */
export function countObjects(files: readonly PlanFile[]): number {
  let n = 0;
  for (const f of files) {
    let section = "";
    for (const line of f.text.split("\n")) {
      const top = /^([A-Za-z]\w*):/.exec(line);
      if (top) {
        section = top[1] ?? "";
        continue;
      }
      if (section !== "plan" && (/^ {2}[^\s#-][^:]*:/.test(line) || (section === "phases" && /^ {2}- /.test(line)))) n++;
    }
  }
  return n;
}

/** Writes the files of a generated plan into `dir` (created). */
export function writePlan(dir: string, files: readonly PlanFile[]): void {
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.path), f.text);
}
