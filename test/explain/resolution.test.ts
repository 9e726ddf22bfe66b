// explain and validate agree (issue 15 part 6): explain's effective value is the validator's rule for the setting
// (plan/setting-resolution.ts): the merged superset (IP260), the most restrictive compliance value (IP261), or a
// conflict (IP090).
import { describe, expect, it } from "vitest";
import { explainGroup } from "../../src/explain/explain.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";

const PATHS = "device_vendor_msft_policy_config_defender_excludedpaths";
const ASR = "device_vendor_msft_policy_config_defender_attacksurfacereductionrules";
const rule = (name: string, mode: string): string => `${ASR}_${name}: ${ASR}_${name}_${mode}`;

const checked = checkPlan([
  {
    path: "plan.yaml",
    bytes: Buffer.from(`
plan: { name: t }
groups:
  lab: { displayName: Lab, membership: assigned, members: devices }
filters:
  win: { displayName: Windows, platform: windows10AndLater, rule: '(device.osVersion -startsWith "10.0")' }
configuration:
  av-a:
    displayName: AV A
    platform: windows
    profile: settingsCatalog
    settings:
      ${PATHS}: ['C:\\Build', 'C:\\Temp']
      ${ASR}:
        - ${rule("blockwebshellcreationforservers", "block")}
          ${rule("blockadobereaderfromcreatingchildprocesses", "block")}
    assignment: { rollout: fixed, include: [lab] }
  av-b:
    displayName: AV B
    platform: windows
    profile: settingsCatalog
    settings:
      ${PATHS}: ['D:\\Data']
      ${ASR}:
        - ${rule("blockadobereaderfromcreatingchildprocesses", "audit")}
    # All devices with a filter: a possible overlap with lab, so the held-back rule's IP090 is a warning
    assignment: { rollout: fixed, include: [allDevices], filter: win }
compliance:
  c-a: { displayName: C A, platform: windows, settings: { osMinimumVersion: "10.0.19045" }, actions: [{ action: block }], assignment: { rollout: fixed, include: [lab] } }
  c-b: { displayName: C B, platform: windows, settings: { osMinimumVersion: "10.0.22631" }, actions: [{ action: block }], assignment: { rollout: fixed, include: [lab] } }
`),
  },
]);

describe("explain uses the validator's resolution rules", () => {
  it("validates with the merge, the held-back ASR rule's conflict and the most restrictive compliance value", () => {
    expect(checked.diagnostics.map((d) => d.code).sort()).toEqual(["IP090", "IP260", "IP260", "IP261"]);
  });

  const plan = checked.plan;
  if (!plan) throw new Error("plan does not validate");
  const r = explainGroup(plan, "lab", undefined);
  const setting = (name: string) => r.settings.find((s) => s.setting === name);

  it("shows Defender path exclusions as merged: the union the device gets, with the validator's IP260", () => {
    const s = setting(PATHS);
    expect(s).toMatchObject({ verdict: "merged", from: ["configuration.av-a", "configuration.av-b"] });
    expect(s?.value).toMatchObject({
      simpleSettingCollectionValue: [{ value: "C:\\Build" }, { value: "C:\\Temp" }, { value: "D:\\Data" }],
    });
    expect(s?.findings.map((f) => f.code)).toEqual(["IP260"]);
  });

  it("shows the ASR rules merged without the rule set to two modes, and that rule as a conflict (IP090)", () => {
    const merged = setting(ASR);
    expect(merged?.verdict).toBe("merged");
    expect(JSON.stringify(merged?.value)).toContain(`${ASR}_blockwebshellcreationforservers_block`);
    expect(JSON.stringify(merged?.value)).not.toContain("blockadobereaderfromcreatingchildprocesses");
    const held = setting(`${ASR}_blockadobereaderfromcreatingchildprocesses`);
    expect(held).toMatchObject({ verdict: "may-conflict", value: null });
    expect(held?.findings.map((f) => f.code)).toEqual(["IP090"]);
  });

  it("shows the higher minimum OS version as the value that applies, with the validator's IP261", () => {
    const s = setting("osMinimumVersion");
    expect(s).toMatchObject({ verdict: "most-restrictive", value: "10.0.22631", from: ["compliance.c-b"] });
    expect(s?.findings.map((f) => [f.code, f.severity])).toEqual([["IP261", "warning"]]);
  });
});
