// Intune's own resolution rules for one setting several policies set (issue 15 part 6, plan/setting-resolution.ts):
// configuration settings conflict (IP090), the settings Intune merges are reported as the merge (IP260), and compliance
// settings as the most restrictive value, the one Intune applies (IP261).
import { describe, expect, it } from "vitest";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { mergeCatalogValues, mostRestrictiveValue, resolutionOf } from "../../src/plan/setting-resolution.ts";

const plan = (sections: string): ReturnType<typeof checkPlan> =>
  checkPlan([
    {
      path: "rules.yaml",
      bytes: Buffer.from(`
plan: { name: t }
groups:
  lab: { displayName: Lab, membership: assigned, members: devices }
${sections}`),
    },
  ]);
const found = (r: ReturnType<typeof checkPlan>): string[] => r.diagnostics.map((d) => `${d.code} ${d.severity}: ${d.message}`);
const fixed = "assignment: { rollout: fixed, include: [lab] }";
const catalog = (a: string, b: string): ReturnType<typeof checkPlan> =>
  plan(`configuration:
  a:
    displayName: A
    platform: windows
    profile: settingsCatalog
    settings:
${a}
    ${fixed}
  b:
    displayName: B
    platform: windows
    profile: settingsCatalog
    settings:
${b}
    ${fixed}`);
const compliance = (a: string, b: string, platform = "windows"): ReturnType<typeof checkPlan> =>
  plan(`compliance:
  a: { displayName: A, platform: ${platform}, settings: { ${a} }, actions: [{ action: block }], ${fixed} }
  b: { displayName: B, platform: ${platform}, settings: { ${b} }, actions: [{ action: block }], ${fixed} }`);

const PATHS = "device_vendor_msft_policy_config_defender_excludedpaths";
const ASR = "device_vendor_msft_policy_config_defender_attacksurfacereductionrules";
const rule = (name: string, mode: string): string => `${ASR}_${name}: ${ASR}_${name}_${mode}`;

describe("settings-catalog conflicts by settingDefinitionId", () => {
  it("one definition id set to different values by two policies reaching a common group is a conflict (IP090, error)", () => {
    const r = catalog(
      "      device_vendor_msft_policy_config_camera_allowcamera: device_vendor_msft_policy_config_camera_allowcamera_1",
      "      device_vendor_msft_policy_config_camera_allowcamera: device_vendor_msft_policy_config_camera_allowcamera_0",
    );
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["IP090", "error"]]);
  });

  it("the same value is no conflict (only the redundancy warning)", () => {
    const line = "      device_vendor_msft_policy_config_camera_allowcamera: device_vendor_msft_policy_config_camera_allowcamera_1";
    expect(plan("").diagnostics).toEqual([]);
    expect(catalog(line, line).diagnostics.map((d) => d.code)).toEqual(["IP091"]);
  });
});

describe("settings Intune merges (IP260)", () => {
  it("Defender Antivirus path exclusions merge into one list: a warning naming the union, not a conflict", () => {
    const r = catalog(`      ${PATHS}: ['C:\\Build', 'C:\\Temp']`, `      ${PATHS}: ['C:\\Temp', 'D:\\Data']`);
    expect(found(r)).toEqual([
      `IP260 warning: ${PATHS} of configuration.b merges with configuration.a's for group lab: the device gets ["C:\\\\Build", "C:\\\\Temp", "D:\\\\Data"]`,
    ]);
    expect(r.diagnostics[0]?.subject?.start.line).toBe(18); // b's exclusions
  });

  it("ASR rules merge into a superset; a rule set to two modes is held back and is a conflict of its own", () => {
    const r = catalog(
      `      ${ASR}:\n        - ${rule("blockexecutionofpotentiallyobfuscatedscripts", "block")}\n          ${rule("blockadobereaderfromcreatingchildprocesses", "block")}`,
      `      ${ASR}:\n        - ${rule("blockexecutionofpotentiallyobfuscatedscripts", "block")}\n          ${rule("blockadobereaderfromcreatingchildprocesses", "audit")}\n          ${rule("blockwebshellcreationforservers", "block")}`,
    );
    expect(found(r)).toEqual([
      `IP260 warning: ${ASR} of configuration.b merges with configuration.a's for group lab: the device gets 2 rules: blockexecutionofpotentiallyobfuscatedscripts=block, blockwebshellcreationforservers=block; held back (set to different modes): blockadobereaderfromcreatingchildprocesses`,
      `IP090 error: ${ASR}_blockadobereaderfromcreatingchildprocesses = {"choiceSettingValue":{"@odata.type":"#microsoft.graph.deviceManagementConfigurationChoiceSettingValue","children":[],"value":"${ASR}_blockadobereaderfromcreatingchildprocesses_audit"}} conflicts with configuration.a ({"choiceSettingValue":{"@odata.type":"#microsoft.graph.deviceManagementConfigurationChoiceSettingValue","children":[],"value":"${ASR}_blockadobereaderfromcreatingchildprocesses_block"}}) for group lab`,
    ]);
    // the held-back rule's conflict points at the rule itself, inside the ASR setting's list
    expect(r.diagnostics[1]?.path).toEqual(["configuration", "b", "settings", ASR, 0, `${ASR}_blockadobereaderfromcreatingchildprocesses`]);
  });

  it("identical ASR rule sets are one redundant duplicate, not one per rule", () => {
    const same = `      ${ASR}:\n        - ${rule("blockexecutionofpotentiallyobfuscatedscripts", "block")}`;
    expect(catalog(same, same).diagnostics.map((d) => d.code)).toEqual(["IP091"]);
  });

  it("merges only the lists: values that differ in more than a list are a conflict after all", () => {
    // a device-control setting: enabled (x_1) with a child list of device ids
    const ids = (...values: string[]): object[] => [
      { settingDefinitionId: "x_ids", simpleSettingCollectionValue: values.map((value) => ({ value })) },
    ];
    const on = (...values: string[]): Record<string, unknown> => ({ choiceSettingValue: { value: "x_1", children: ids(...values) } });
    const off = { choiceSettingValue: { value: "x_0", children: ids("b") } };
    expect(mergeCatalogValues("x", [on("a"), off])).toBeUndefined();
    expect(mergeCatalogValues("x", [on("a", "b"), on("b", "c")])).toEqual({ value: on("a", "b", "c"), heldBack: [] });
  });

  it("does not merge the global ASR-only exclusions (UNCONFIRMED that Intune merges them): a conflict", () => {
    expect(resolutionOf("configuration", "catalog:device_vendor_msft_policy_config_defender_attacksurfacereductiononlyexclusions")).toBe(
      "conflict",
    );
    expect(resolutionOf("configuration", `catalog:${PATHS}`)).toBe("merge");
    // Microsoft's pages disagree on the device-ID block list (Antivirus: not merged; device control: merged)
    expect(
      resolutionOf("configuration", "catalog:device_vendor_msft_policy_config_deviceinstallation_preventinstallationofmatchingdeviceids"),
    ).toBe("conflict");
    expect(
      resolutionOf(
        "configuration",
        "catalog:device_vendor_msft_policy_config_deviceinstallation_preventinstallationofmatchingdevicesetupclasses",
      ),
    ).toBe("merge");
    expect(resolutionOf("compliance", "windows10CompliancePolicy:passwordMinimumLength")).toBe("mostRestrictive");
  });
});

describe("compliance: the most restrictive value wins (IP261)", () => {
  it("a higher minimum password length wins: 8 over 6", () => {
    expect(found(compliance("passwordMinimumLength: 6", "passwordMinimumLength: 8"))).toEqual([
      "IP261 warning: passwordMinimumLength = 8 (compliance.b) and 6 (compliance.a) both apply to group lab: Intune applies the most restrictive, 8 (compliance.b)",
    ]);
  });

  it("a higher minimum OS version wins, compared as versions (10.0.22631 over 10.0.9999)", () => {
    expect(found(compliance('osMinimumVersion: "10.0.22631"', 'osMinimumVersion: "10.0.9999"'))).toEqual([
      'IP261 warning: osMinimumVersion = "10.0.9999" (compliance.b) and "10.0.22631" (compliance.a) both apply to group lab: Intune applies the most restrictive, "10.0.22631" (compliance.a)',
    ]);
  });

  it("a required boolean wins over not required", () => {
    expect(found(compliance("bitLockerEnabled: false", "bitLockerEnabled: true"))).toEqual([
      "IP261 warning: bitLockerEnabled = true (compliance.b) and false (compliance.a) both apply to group lab: Intune applies the most restrictive, true (compliance.b)",
    ]);
  });

  it("settings-catalog compliance (Linux) resolves the same way: encryption required wins, the higher minimum length wins", () => {
    const r = compliance(
      "linux_deviceencryption_required: linux_deviceencryption_required_false, linux_passwordpolicy_minimumlength: 12",
      "linux_deviceencryption_required: linux_deviceencryption_required_true, linux_passwordpolicy_minimumlength: 8",
      "linux",
    );
    const messages = r.diagnostics.map((d) => `${d.code} ${d.message.slice(d.message.indexOf("Intune applies"))}`);
    expect(messages).toEqual([
      expect.stringMatching(/^IP261 Intune applies the most restrictive, .*linux_deviceencryption_required_true.* \(compliance\.b\)$/),
      expect.stringMatching(/^IP261 Intune applies the most restrictive, .*"value":12.* \(compliance\.a\)$/),
    ]);
  });

  it("values the strictness rules do not order get no winner named, still a warning", () => {
    expect(mostRestrictiveValue("someUnknownSetting", false, ["x", "y"])).toBeUndefined();
    expect(mostRestrictiveValue("passwordMinimumLength", false, [6, 8, 4])).toBe(8);
  });
});
