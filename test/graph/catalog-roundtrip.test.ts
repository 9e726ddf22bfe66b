// Apply, then preview, for every settings-catalog setting shape (issue 12 item 4): string lists (Edge extension
// lists: simpleSettingCollectionValue), choice lists (choiceSettingCollectionValue) and group collections
// (groupSettingCollectionValue), written through the real adapters to the emulator, whose read-back puts
// `settingValueTemplateReference: null` into every value, list items included, as Graph does (GRAPH-NOTES N7,
// graph-corpus settings-catalog exports). A preview right after the write must show no change.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import { hasChanges } from "../../src/diff/change-set.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { applyState, emulator, fastClient } from "../helpers/emulator.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const EDGE_EXTENSIONS =
  "user_vendor_msft_policy_config_microsoft_edge~policy~microsoft_edge~extensions_extensioninstallforcelist_extensioninstallforcelistdesc";
const PLAN = `
plan: { name: catalog-shapes }
groups:
  devices: { displayName: Catalog devices, membership: assigned, members: devices }
configuration:
  edge-extensions:
    displayName: Edge - Extensions
    platform: windows
    profile: settingsCatalog
    settings:
      ${EDGE_EXTENSIONS}: [nkbndigcebkoaejohleckhekfmcecfja, ofefcgjbeghpigppfmkologfjadafddi]
    assignment: { include: [devices] }
  defender-passive:
    displayName: Defender - Passive remediation
    platform: windows
    profile: settingsCatalog
    settings:
      device_vendor_msft_defender_configuration_passiveremediation: [device_vendor_msft_defender_configuration_passiveremediation_1, device_vendor_msft_defender_configuration_passiveremediation_2]
    assignment: { include: [devices] }
  mac-accounts:
    displayName: macOS - Accounts and login
    platform: macOS
    profile: settingsCatalog
    settings:
      - settingInstance:
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance"
          settingDefinitionId: com.apple.mcx_com.apple.mcx-accounts
          groupSettingCollectionValue:
            - children:
                - "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance"
                  settingDefinitionId: com.apple.mcx_disableguestaccount
                  choiceSettingValue: { value: com.apple.mcx_disableguestaccount_true, children: [] }
    assignment: { include: [devices] }
`;

describe("settings-catalog shapes: apply, then preview", () => {
  it("string lists, choice lists and group collections show no change right after the write", async () => {
    const checked = checkPlan([{ path: "catalog.yaml", bytes: Buffer.from(PLAN) }]);
    expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    if (!checked.plan) throw new Error("the plan does not check");
    const state = compile(checked.plan, undefined);
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const ids = await applyState(client, state);
      expect(emu.log.filter((l) => l.status >= 400)).toEqual([]);
      // The read-back carries the template references Graph adds, in every list's items.
      const valuesOf = async (address: string, property: string): Promise<unknown> => {
        const policy = await client.get(`/deviceManagement/configurationPolicies/${ids.get(address) ?? ""}?$expand=settings`, "beta");
        const settings = policy["settings"] as { settingInstance: Record<string, unknown> }[];
        return settings[0]?.settingInstance[property];
      };
      const nullReference = expect.objectContaining({ settingValueTemplateReference: null });
      expect(await valuesOf("configuration.edge-extensions", "simpleSettingCollectionValue")).toEqual([nullReference, nullReference]);
      expect(await valuesOf("configuration.defender-passive", "choiceSettingCollectionValue")).toEqual([nullReference, nullReference]);
      expect(await valuesOf("configuration.mac-accounts", "groupSettingCollectionValue")).toEqual([nullReference]);
      const read = await readTenant(client, { label: "emulator", desired: state.objects, stack: ownershipOf(state, ids) });
      const set = diffStates(read.view, viewOfDesired(state, "plan"), { plan: checked.plan.name });
      expect(
        set.objects.filter((o) => o.action !== "no-op").map((o) => `${o.action} ${o.address} ${JSON.stringify(o.properties)}`),
      ).toEqual([]);
      expect(hasChanges(set)).toBe(false);
    } finally {
      await emu.close();
    }
  }, 60_000);
});
