// Settings-catalog settings against a setting-definitions snapshot (src/plan/validate/setting-definitions.ts): each
// finding's code, its place (file:line:col of the key or value the plan wrote) and its "did you mean".
import { describe, expect, it } from "vitest";
import type { CheckedPlan } from "../../src/plan/check-plan.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import type { DefinitionsSnapshot } from "../../src/graph-model/setting-definitions.ts";
import { formatDefinitionsSnapshot, parseDefinitionsSnapshot } from "../../src/graph-model/setting-definitions.ts";

const SNAPSHOT: DefinitionsSnapshot = {
  format: "intune-plan/setting-definitions",
  version: 1,
  definitions: {
    win_camera: {
      displayName: "Allow Camera",
      platforms: ["windows10"],
      usage: "configuration",
      value: {
        type: "choice",
        options: [
          { id: "win_camera_0", displayName: "Not allowed" },
          { id: "win_camera_1", displayName: "Allowed", children: ["win_camera_kid"] },
        ],
      },
    },
    win_camera_kid: {
      displayName: "Kid",
      platforms: ["windows10"],
      usage: "configuration",
      root: "win_camera",
      value: { type: "integer", min: 1, max: 9 },
    },
    win_load: { displayName: "Load", platforms: ["windows10"], usage: "configuration", value: { type: "integer", min: 0, max: 100 } },
    mac_only: { displayName: "Mac only", platforms: ["macOS"], usage: "configuration", value: { type: "string" } },
  },
};

const PLAN = (settings: string): string => `plan: { name: t }
groups:
  d: { displayName: D, membership: assigned, members: devices }
configuration:
  p:
    displayName: P
    platform: windows
    profile: settingsCatalog
    settings:
${settings}
    assignment: { rollout: fixed, include: [d] }
`;

function check(settings: string, snapshot: DefinitionsSnapshot | string | null = SNAPSHOT): CheckedPlan {
  const definitions =
    snapshot === null
      ? []
      : [
          {
            path: "plan/setting-definitions.json",
            bytes: Buffer.from(typeof snapshot === "string" ? snapshot : formatDefinitionsSnapshot(snapshot)),
          },
        ];
  return checkPlan([{ path: "plan/p.yaml", bytes: Buffer.from(PLAN(settings)) }], [], { definitions });
}
const found = (c: CheckedPlan): string[] =>
  c.diagnostics.map((d) => `${d.subject?.start.line ?? 0}:${d.subject?.start.col ?? 0} ${d.code} ${d.message}`);

describe("settings checked against the setting-definitions snapshot", () => {
  it("a misspelt id is IP220 at its key, with the nearest known id", () => {
    expect(found(check("      win_camra: win_camera_1"))).toEqual([
      "10:7 IP220 win_camra is not a known configuration setting; did you mean win_camera?",
    ]);
  });

  it("a wrong option is IP221 at the value, naming the options and the nearest", () => {
    const c = check("      win_camera: win_camera_2");
    expect(found(c)).toEqual(["10:19 IP221 win_camera_2 is not an option of win_camera (Allow Camera); did you mean win_camera_0?"]);
    expect(c.diagnostics[0]?.hint).toBe("Options: win_camera_0 (Not allowed), win_camera_1 (Allowed).");
    // An option misspelt in its prefix expands to a string, and is still read as an option.
    expect(found(check("      win_camera: win_camer_1"))).toEqual([
      "10:19 IP221 win_camer_1 is not an option of win_camera (Allow Camera); did you mean win_camera_1?",
    ]);
  });

  it("a value of the wrong type is IP222, out of bounds IP223, another platform's setting IP224", () => {
    expect(found(check('      win_load: "50"\n      win_camera: 1\n      win_load2: 3\n      mac_only: x'))).toEqual([
      "10:17 IP222 win_load (Load) takes a whole number, not a string",
      "11:19 IP222 win_camera (Allow Camera) takes one of its options, not a whole number",
      "12:7 IP220 win_load2 is not a known configuration setting; did you mean win_load?",
      "13:7 IP224 mac_only (Mac only) applies to macOS, not to windows (windows10)",
    ]);
    expect(found(check("      win_load: 101"))).toEqual(["10:17 IP223 win_load (Load) is 101; it takes 0 to 100"]);
  });

  it("children are checked against the chosen option's children, in the concise and the verbose form", () => {
    expect(found(check("      win_camera: { value: win_camera_1, children: { win_camera_kd: 3 } }"))).toEqual([
      "10:54 IP220 win_camera_kd is not a known child setting here; did you mean win_camera_kid?",
    ]);
    expect(found(check("      win_camera: { value: win_camera_0, children: { win_camera_kid: 3 } }"))).toEqual([
      "10:54 IP226 win_camera_kid (Kid) is not a child of the setting it is written under",
    ]);
    expect(found(check("      win_camera: { value: win_camera_1, children: { win_camera_kid: 10 } }"))).toEqual([
      "10:70 IP223 win_camera_kid (Kid) is 10; it takes 1 to 9",
    ]);
    const verbose = [
      "      - settingInstance:",
      '          "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance"',
      "          settingDefinitionId: win_camera",
      "          choiceSettingValue:",
      "            value: win_camera_1",
      "            children:",
      '              - "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance"',
      "                settingDefinitionId: win_camera_kid",
      '                simpleSettingValue: { "@odata.type": "#microsoft.graph.deviceManagementConfigurationStringSettingValue", value: "3" }',
    ].join("\n");
    expect(found(check(verbose))).toEqual(["18:129 IP222 win_camera_kid (Kid) takes a whole number, not a string"]);
    expect(found(check(verbose.replace("value: win_camera_1", "value: win_camera_3")))).toEqual([
      "14:20 IP221 win_camera_3 is not an option of win_camera (Allow Camera); did you mean win_camera_0?",
    ]);
  });

  it("without a snapshot nothing is checked against definitions; an unreadable one is IP225 and checks nothing", () => {
    expect(found(check("      win_camra: win_camra_1", null))).toEqual([]);
    const bad = check("      win_camra: win_camra_1", "{ not json");
    expect(bad.diagnostics.map((d) => [d.code, d.file])).toEqual([["IP225", "plan/setting-definitions.json"]]);
    expect(parseDefinitionsSnapshot(JSON.stringify({ format: "intune-plan/setting-definitions", version: 2, definitions: {} }))).toEqual({
      problem: "version 2 is not supported (this intune-plan reads version 1)",
    });
  });
});
