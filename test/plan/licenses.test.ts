// The licence report reads settings-catalog policies in every form the plan allows: the concise map, Graph's
// verbose list, and a Defender setting that is a choice's child (issue 14: the report missed the verbose form).
import { describe, expect, it } from "vitest";
import type { ConfigurationPolicy, Plan } from "../../src/plan/schema.ts";
import { requiredLicenses } from "../../src/reports/licenses.ts";
import { planOf } from "../helpers/plan.ts";

const DEFENDER = "Microsoft Defender for Endpoint (P1 or P2) or a Mobile Threat Defense partner";
const plan = (configuration: Record<string, ConfigurationPolicy>): Plan => planOf({ configuration });
const catalog = (settings: ConfigurationPolicy["settings"]): ConfigurationPolicy => ({
  displayName: "c",
  platform: "windows",
  profile: "settingsCatalog",
  settings,
});
const defenderObjects = (p: Plan): readonly string[] => requiredLicenses(p).find((l) => l.license === DEFENDER)?.objects ?? [];

const ID = "device_vendor_msft_policy_config_defender_allowrealtimemonitoring";

describe("licenses: Defender settings in the settings catalog", () => {
  it("finds the concise form, the verbose form and a choice's child; an unrelated setting needs no Defender", () => {
    const verbose = [
      {
        settingInstance: {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
          settingDefinitionId: ID,
          choiceSettingValue: {
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
            value: `${ID}_1`,
            children: [],
          },
        },
      },
    ];
    const child = {
      device_vendor_msft_policy_config_browser_allowsmartscreen: {
        value: "device_vendor_msft_policy_config_browser_allowsmartscreen_1",
        children: { [ID]: `${ID}_1` },
      },
    };
    const p = plan({
      concise: catalog({ [ID]: `${ID}_1` }),
      verbose: catalog(verbose),
      child: catalog(child),
      unrelated: catalog({
        device_vendor_msft_policy_config_browser_allowsmartscreen: "device_vendor_msft_policy_config_browser_allowsmartscreen_1",
      }),
    });
    expect(defenderObjects(p)).toEqual(["configuration.concise", "configuration.verbose", "configuration.child"]);
  });

  it("Windows update profiles need Intune and a Windows Enterprise subscription, and nothing else", () => {
    const p = planOf({
      updates: {
        drivers: { displayName: "Drivers", type: "driver", settings: { approvalType: "manual" } },
        w11: { displayName: "W11", type: "feature", settings: { featureUpdateVersion: "Windows 11, version 25H2" } },
      },
    });
    expect(requiredLicenses(p).map((n) => [n.license, n.objects])).toEqual([
      ["Microsoft Intune Plan 1", ["updates.drivers", "updates.w11"]],
      ["Windows Enterprise E3 or E5 (or Education A3/A5, Microsoft 365 Business Premium)", ["updates.drivers", "updates.w11"]],
    ]);
  });

  it("Autopilot profiles need Intune and Entra ID P1; a status page needs Intune only", () => {
    const p = planOf({
      autopilot: { pilots: { displayName: "Pilots", join: "entra" } },
      enrollmentStatusPages: { apps: { displayName: "Apps", showProgress: true, priority: 1 } },
    });
    expect(requiredLicenses(p).map((n) => [n.license, n.objects])).toEqual([
      ["Microsoft Intune Plan 1", ["autopilot.pilots", "enrollmentStatusPages.apps"]],
      ["Microsoft Entra ID P1", ["autopilot.pilots"]],
    ]);
  });
});
