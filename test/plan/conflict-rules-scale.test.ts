// Complexity (issue 12) of Intune's resolution rules in the conflict check (plan/setting-resolution.ts through
// validate/conflicts.ts): merges (IP260), most restrictive compliance values (IP261) and ASR rules split rule by
// rule stay linear in the plan, counted as array elements visited (test/helpers/work-counter.ts), never timed. Each
// site has its own dynamic device group (rules that exclude each other) reached by two antivirus policies (path
// exclusions that merge, ASR rule sets that merge) and two compliance policies with different minimum lengths, plus
// two All devices policies that set other values behind a filter that never meets the sites' devices.
import { describe, expect, it } from "vitest";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { checkConflicts } from "../../src/plan/validate/conflicts.ts";
import { countWork, growth } from "../helpers/work-counter.ts";

const SIZES = [40, 80, 160];
const PATHS = "device_vendor_msft_policy_config_defender_excludedpaths";
const ASR = "device_vendor_msft_policy_config_defender_attacksurfacereductionrules";
const rule = (name: string, mode: string): string => `${ASR}_${name}: ${ASR}_${name}_${mode}`;

function planText(sites: number): string {
  const lines = [
    "plan: { name: scale }",
    "filters:",
    "  corporate: { displayName: Corporate, platform: windows10AndLater, rule: 'device.deviceOwnership -eq \"Corporate\"' }",
    "  personal: { displayName: Personal, platform: windows10AndLater, rule: 'device.deviceOwnership -eq \"Personal\"' }",
    "groups:",
  ];
  for (let i = 0; i < sites; i++)
    lines.push(
      `  site-${i}: { displayName: Site ${i}, membership: dynamic, members: devices, rule: 'device.displayName -startsWith "S${i}-"' }`,
    );
  lines.push("configuration:");
  for (let i = 0; i < sites; i++) {
    for (const [side, second] of [
      ["a", "blockadobereaderfromcreatingchildprocesses"],
      ["b", "blockexecutionofpotentiallyobfuscatedscripts"],
    ] as const) {
      lines.push(
        `  av-${side}-${i}:`,
        `    displayName: AV ${side} ${i}`,
        "    platform: windows",
        "    profile: settingsCatalog",
        "    settings:",
        `      ${PATHS}: ['C:\\\\site${i}\\\\${side}']`,
        `      ${ASR}:`,
        `        - ${rule("blockwebshellcreationforservers", "block")}`,
        `          ${rule(second, "block")}`,
        `    assignment: { rollout: fixed, include: [site-${i}], filter: corporate }`,
      );
    }
  }
  lines.push("compliance:");
  for (let i = 0; i < sites; i++) {
    for (const [side, length] of [
      ["a", 6 + (i % 3)],
      ["b", 12],
    ] as const)
      lines.push(
        `  pw-${side}-${i}: { displayName: PW ${side} ${i}, platform: windows, settings: { passwordMinimumLength: ${length} }, actions: [{ action: block }], assignment: { rollout: fixed, include: [site-${i}], filter: corporate } }`,
      );
  }
  for (const [key, length] of [
    ["pw-all-a", 4],
    ["pw-all-b", 5],
  ] as const)
    lines.push(
      `  ${key}: { displayName: ${key}, platform: windows, settings: { passwordMinimumLength: ${length} }, actions: [{ action: block }], assignment: { rollout: fixed, include: [allDevices], filter: personal } }`,
    );
  return lines.join("\n");
}

function plan(sites: number) {
  const checked = checkPlan([{ path: "scale.yaml", bytes: Buffer.from(planText(sites)) }]);
  if (!checked.plan) throw new Error(`generated plan does not check: ${checked.diagnostics.map((d) => d.message).join("; ")}`);
  return checked.plan;
}

describe("resolution rules at scale (validate/conflicts.ts with plan/setting-resolution.ts)", () => {
  it("merges, ASR rules rule by rule and most restrictive values cost work linear in the plan", () => {
    const { ratio, counts } = growth(SIZES, (n) => {
      const p = plan(n);
      const { result, work } = countWork(() => checkConflicts(p));
      // per site: the exclusions merge, the ASR rule sets merge, the compliance values resolve; and the two All
      // devices policies resolve with each other
      const codes = result.map((d) => d.code);
      expect(codes.filter((c) => c === "IP260")).toHaveLength(2 * n);
      expect(codes.filter((c) => c === "IP261")).toHaveLength(n + 1);
      expect(codes).toHaveLength(3 * n + 1);
      return work;
    });
    expect(ratio, `work at ${SIZES.join("/")}: ${counts.join("/")}`).toBeLessThan(1.5);
  });
});
