// Compliance for Linux (settings-catalog compliance, /deviceManagement/compliancePolicies, GRAPH-NOTES §6.2) and
// Android AOSP (aospDeviceOwnerCompliancePolicy in deviceCompliancePolicies, §6.1) against the emulator: the requests
// an apply makes, apply then preview shows no change, a change is written (PUT, then the actions again) and reviewed as
// a relaxation, import round-trips, and the emulator refuses what Graph refuses.
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredObject, DesiredState } from "../../src/compile/desired-state.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { updateObject } from "../../src/graph/apply-object.ts";
import { GraphRequestError } from "../../src/graph/errors.ts";
import { importPlan } from "../../src/graph/import-plan.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import type { CompliancePolicy, Plan } from "../../src/plan/schema.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { applyState, emulator, fastClient, writeContext } from "../helpers/emulator.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const LINUX = "compliance.linux-baseline";
const AOSP = "compliance.aosp-store-baseline";

const plan = (): Plan => {
  const p = checkFixture("plan").plan;
  if (!p) throw new Error("plan/ does not check");
  return p;
};

/** plan/ with one compliance policy changed. */
function withPolicy(p: Plan, key: string, change: (c: CompliancePolicy) => CompliancePolicy): Plan {
  const c = p.compliance[key];
  if (!c) throw new Error(key);
  return { ...p, compliance: { ...p.compliance, [key]: change(c) } };
}

const objectOf = (state: DesiredState, address: string): DesiredObject => {
  const o = state.objects.find((x) => x.address === address);
  if (!o) throw new Error(address);
  return o;
};

describe("Linux and AOSP compliance on the emulator", () => {
  it("compiles Linux to compliancePolicies with its actions as setScheduledActions, AOSP to deviceCompliancePolicies", () => {
    const state = compile(plan(), undefined);
    const linux = objectOf(state, LINUX);
    expect(linux.kind).toBe("catalogCompliancePolicy");
    expect(linux.collection).toBe("/deviceManagement/compliancePolicies");
    expect(linux.body).toMatchObject({ name: "Linux - Baseline compliance", platforms: "linux", technologies: "linuxMdm" });
    expect(linux.body["scheduledActionsForRule"]).toBeUndefined();
    expect(linux.actions).toEqual([
      {
        path: "/setScheduledActions",
        body: {
          scheduledActions: [
            {
              ruleName: "PasswordRequired",
              scheduledActionConfigurations: [
                { actionType: "block", gracePeriodHours: 24, notificationTemplateId: "", notificationMessageCCList: [] },
              ],
            },
          ],
        },
      },
    ]);
    const ids = (linux.body["settings"] as { settingInstance: { settingDefinitionId: string; "@odata.type": string } }[]).map(
      (s) => `${s.settingInstance.settingDefinitionId} ${s.settingInstance["@odata.type"].replace(/^.*Configuration/, "")}`,
    );
    expect(ids).toEqual([
      "linux_deviceencryption_required ChoiceSettingInstance",
      "linux_passwordpolicy_minimumlength SimpleSettingInstance",
      "linux_distribution_alloweddistros GroupSettingCollectionInstance",
    ]);
    const aosp = objectOf(state, AOSP);
    expect(aosp.kind).toBe("compliancePolicy");
    expect(aosp.odataType).toBe("#microsoft.graph.aospDeviceOwnerCompliancePolicy");
    const aospSet = state.assignments.find((a) => a.of === AOSP);
    expect(aospSet?.targets.every((t) => t.filter?.address === "filters.corporate-aosp")).toBe(true);
  });

  it("apply sends Graph's requests, and a preview afterwards shows no change for either policy", async () => {
    const p = plan();
    const state = compile(p, undefined);
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const ids = await applyState(client, state);
      const linuxId = ids.get(LINUX) ?? "";
      const calls = emu.log.filter((l) => l.path.includes("/compliancePolicies") && !l.path.includes("deviceCompliancePolicies"));
      // A look-up by name before the create and after it (never a second object, DESIGN §6), then the actions (§6.2).
      expect(calls.map((l) => `${l.method} ${l.path.replace(linuxId, "{id}").replace(/\?.*$/, "")} ${l.status}`)).toEqual([
        "GET /beta/deviceManagement/compliancePolicies 200",
        "POST /beta/deviceManagement/compliancePolicies 201",
        "GET /beta/deviceManagement/compliancePolicies 200",
        "POST /beta/deviceManagement/compliancePolicies/{id}/setScheduledActions 200",
        "POST /beta/deviceManagement/compliancePolicies/{id}/assign 200",
      ]);
      expect(emu.log.filter((l) => l.status >= 400)).toEqual([]);
      const stored = emu.tenant.data.collections["/deviceManagement/compliancePolicies"]?.[linuxId]?.body;
      expect(stored?.["scheduledActionsForRule"]).toHaveLength(1);

      const read = await readTenant(client, { label: "emulator", desired: state.objects, stack: ownershipOf(state, ids) });
      const set = diffStates(read.view, viewOfDesired(state, "plan"), { plan: p.name });
      for (const address of [LINUX, AOSP]) {
        expect(set.objects.find((o) => o.address === address)?.action, address).toBe("no-op");
        expect(set.assignments.find((a) => a.of === address)?.action, address).toBe("no-op");
      }
      expect(set.objects.filter((o) => o.action !== "no-op")).toEqual([]);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("a weaker Linux policy is an update with relaxed-setting risks; applied with PUT and the actions again, then no change", async () => {
    const p = plan();
    const before = compile(p, undefined);
    const weaker = withPolicy(p, "linux-baseline", (c) => ({
      ...c,
      settings: {
        linux_deviceencryption_required: "linux_deviceencryption_required_false",
        linux_passwordpolicy_minimumlength: 8,
        linux_distribution_alloweddistros: [
          { linux_distribution_alloweddistros_item_$type: "linux_distribution_alloweddistros_item_$type_ubuntu" },
          { linux_distribution_alloweddistros_item_$type: "linux_distribution_alloweddistros_item_$type_debian" },
        ],
      },
      actions: [{ action: "block", graceHours: 72 }],
    }));
    const after = compile(weaker, undefined);
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const ids = await applyState(client, before);
      const stack = ownershipOf(after, ids);
      const read = await readTenant(client, { label: "emulator", desired: after.objects, stack });
      const set = diffStates(read.view, viewOfDesired(after, "plan"), { plan: p.name });
      expect(set.objects.filter((o) => o.action !== "no-op").map((o) => `${o.action} ${o.address}`)).toEqual([`update ${LINUX}`]);
      expect(
        set.risks
          .filter((r) => r.code === "relaxed-setting")
          .map((r) => r.message.replace(/ \(.*$/, ""))
          .sort(),
      ).toEqual([
        "setScheduledActions.block.gracePeriodHours: grace period lengthened",
        "settings.linux_deviceencryption_required.choiceSettingValue.value: no longer required",
        "settings.linux_distribution_alloweddistros.groupSettingCollectionValue: distributions opened up",
        "settings.linux_passwordpolicy_minimumlength.simpleSettingValue.value: minimum lowered",
      ]);

      const mark = emu.log.length;
      const linuxId = ids.get(LINUX) ?? "";
      const ctx = writeContext(client, ids);
      await updateObject(ctx, objectOf(after, LINUX), linuxId, { obj: objectOf(before, LINUX), idOf: ctx.idOf, secretOf: ctx.secretOf });
      expect(emu.log.slice(mark).map((l) => `${l.method} ${l.path.replace(linuxId, "{id}")} ${l.status}`)).toEqual([
        "PUT /beta/deviceManagement/compliancePolicies/{id} 204",
        "POST /beta/deviceManagement/compliancePolicies/{id}/setScheduledActions 200",
      ]);
      const again = await readTenant(client, { label: "emulator", desired: after.objects, stack });
      expect(diffStates(again.view, viewOfDesired(after, "plan"), { plan: p.name }).objects.filter((o) => o.action !== "no-op")).toEqual(
        [],
      );
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("removing a Linux requirement or the distribution list is a relaxation too; tightening is not", () => {
    const p = plan();
    const base = viewOfDesired(compile(p, undefined), "base");
    const risksOf = (changed: Plan): string[] =>
      diffStates(base, viewOfDesired(compile(changed, undefined), "head"), { plan: p.name })
        .risks.filter((r) => r.address === LINUX)
        .map((r) => r.message.replace(/ \(.*$/, ""));
    const removed = withPolicy(p, "linux-baseline", (c) => ({ ...c, settings: { linux_passwordpolicy_minimumlength: 12 } }));
    expect(risksOf(removed).sort()).toEqual([
      "settings.linux_deviceencryption_required: no longer required",
      "settings.linux_distribution_alloweddistros: any distribution allowed",
    ]);
    const stricter = withPolicy(p, "linux-baseline", (c) => ({
      ...c,
      settings: { ...(c.settings as Record<string, unknown>), linux_passwordpolicy_minimumlength: 14 },
    }));
    expect(risksOf(stricter)).toEqual([]);
  });

  it("a weaker AOSP policy is a relaxed-setting risk as other platforms' are", () => {
    const p = plan();
    const weaker = withPolicy(p, "aosp-store-baseline", (c) => ({
      ...c,
      settings: { ...(c.settings as Record<string, unknown>), passwordMinimumLength: 4, storageRequireEncryption: false },
    }));
    const set = diffStates(viewOfDesired(compile(p, undefined), "base"), viewOfDesired(compile(weaker, undefined), "head"), {
      plan: p.name,
    });
    expect(set.risks.filter((r) => r.address === AOSP).map((r) => r.message.replace(/ \(.*$/, ""))).toEqual([
      "passwordMinimumLength: minimum length lowered",
      "storageRequireEncryption: no longer required",
    ]);
  });

  it("import gives both back as plan compliance policies that compile to the same bodies", async () => {
    const p = plan();
    const state = compile(p, undefined);
    const only: DesiredState = {
      ...state,
      objects: state.objects.filter((o) => o.address === LINUX || o.address === AOSP || o.address === "filters.corporate-aosp"),
      assignments: [],
    };
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      await applyState(client, only);
      const read = await readTenant(client, { label: "emulator" });
      const { plan: imported } = importPlan(read, "imported");
      const compliance = imported["compliance"] as Record<string, Record<string, unknown>>;
      const byName = Object.fromEntries(Object.values(compliance).map((c) => [String(c["displayName"]), c]));
      expect(byName["Linux - Baseline compliance"]).toMatchObject({ platform: "linux", actions: [{ action: "block", graceHours: 24 }] });
      expect(byName["Android AOSP - Store device compliance"]).toMatchObject({
        platform: "aosp",
        settings: { passwordMinimumLength: 6, passwordRequiredType: "numericComplex" },
        actions: [{ action: "block", graceHours: 0 }],
      });
      const checked = checkPlan([{ path: "imported.yaml", bytes: Buffer.from(stringify(imported)) }]);
      expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      if (!checked.plan) throw new Error("no plan");
      const desired = compile(checked.plan, undefined);
      const again = await readTenant(client, { label: "emulator", desired: desired.objects });
      const set = diffStates(again.view, viewOfDesired(desired, "imported"), { plan: "imported" });
      expect(set.objects.map((o) => `${o.action} ${o.kind} ${o.properties.length}`).sort()).toEqual([
        "no-op assignmentFilter 0",
        "no-op catalogCompliancePolicy 0",
        "no-op compliancePolicy 0",
        // Every emulated tenant holds the apps Contoso made outside any plan (emulator/seeds.ts appsMadeElsewhere): the
        // managed Google Play apps and the shuttle app, imported as references.
        "no-op mobileAppReference 0",
        "no-op mobileAppReference 0",
        "no-op mobileAppReference 0",
        "no-op mobileAppReference 0",
        // The tenant's compliance settings exist in every tenant, so import always brings them (docs/tenant-singletons.md).
        "no-op tenantSettings 0",
      ]);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("the emulator refuses what Graph refuses: a wrong enum, actions without one block, classic's rule navigation", async () => {
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const refused = async (run: () => Promise<unknown>): Promise<number> => {
        try {
          await run();
          return 0;
        } catch (error) {
          return error instanceof GraphRequestError ? error.status : -1;
        }
      };
      expect(
        await refused(() =>
          client.create("/deviceManagement/compliancePolicies", { name: "x", platforms: "linuxx", technologies: "linuxMdm", settings: [] }),
        ),
      ).toBe(400);
      const made = await client.create("/deviceManagement/compliancePolicies", {
        name: "Linux",
        platforms: "linux",
        technologies: "linuxMdm",
        settings: [],
      });
      const id = String(made["id"]);
      const retireOnly = {
        scheduledActions: [{ ruleName: "PasswordRequired", scheduledActionConfigurations: [{ actionType: "retire" }] }],
      };
      expect(await refused(() => client.action(`/deviceManagement/compliancePolicies/${id}/setScheduledActions`, retireOnly))).toBe(400);
      const badType = { scheduledActions: [{ scheduledActionConfigurations: [{ actionType: "block" }, { actionType: "explode" }] }] };
      expect(await refused(() => client.action(`/deviceManagement/compliancePolicies/${id}/setScheduledActions`, badType))).toBe(400);
      expect(
        await refused(() =>
          client.put(`/deviceManagement/compliancePolicies/${id}`, { name: "Linux", platforms: "macOS", technologies: "linuxMdm" }),
        ),
      ).toBe(400);
      const rules = await client.get<{ value: unknown[] }>(`/deviceManagement/compliancePolicies/${id}/scheduledActionsForRule`);
      expect(rules.value).toEqual([]);
    } finally {
      await emu.close();
    }
  }, 60_000);
});
