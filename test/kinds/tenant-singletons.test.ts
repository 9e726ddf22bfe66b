// Tenant singletons (docs/tenant-singletons.md): the tenant compliance settings and per-platform device cleanup rules
// are adopted and updated, never created twice or deleted. Adapters round-trip; the provider's create is an adoption
// (no POST where the tenant has the object) and its delete sends nothing to Graph; the emulator refuses POST and
// DELETE on the singleton and a second rule for a platform; a preview of a plan that dropped them deletes nothing.
import { compileContext, importContext } from "../helpers/kind-contexts.ts";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredObject, DesiredState } from "../../src/compile/desired-state.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import type { JsonObject } from "../../src/graph-model/json.ts";
import { deviceCleanupRule } from "../../src/kinds/device-cleanup-rule.ts";
import { tenantSettings } from "../../src/kinds/tenant-settings.ts";
import type { ObjectInputs, ProviderState } from "../../providers/runtime.ts";
import { create, read, remove } from "../../providers/runtime.ts";
import { applyState, emulator, fastClient } from "../helpers/emulator.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const compileCtx = compileContext;
const importCtx = importContext([]);

const state = (): DesiredState => {
  const p = checkFixture("plan").plan;
  if (!p) throw new Error("plan/ does not check");
  return compile(p, "limited-pilot");
};
const objectAt = (s: DesiredState, address: string): DesiredObject => {
  const o = s.objects.find((x) => x.address === address);
  if (!o) throw new Error(address);
  return o;
};
const inputs = (object: DesiredObject): ObjectInputs => ({ resource: "object", object, ids: {}, secretValues: {} });

async function settingsOf(url: string): Promise<JsonObject> {
  const reply = (await (
    await fetch(`${url}/beta/deviceManagement?$select=settings`, { headers: { authorization: "Bearer t" } })
  ).json()) as {
    settings: JsonObject;
  };
  return reply.settings;
}

describe("tenant singleton adapters", () => {
  it("compile to Graph's properties and read back as the plan section", () => {
    const compliance = { markNoPolicyNonCompliant: true, validityDays: 45, scheduledActions: false };
    const { body } = tenantSettings.toGraph(compliance, compileCtx, "k");
    expect(body).toEqual({ secureByDefault: true, deviceComplianceCheckinThresholdDays: 45, isScheduledActionEnabled: false });
    expect(tenantSettings.toPlan({}, body, importCtx)).toEqual(compliance);
    // Only what the plan states is written and compared.
    expect(tenantSettings.toGraph({ validityDays: 30 }, compileCtx, "k").body).toEqual({ deviceComplianceCheckinThresholdDays: 30 });

    const named = { inactiveDays: 120, displayName: "Retire stale Macs", description: "S15", platform: "macOS" } as const;
    const rule = deviceCleanupRule.toGraph(named, compileCtx, "k").body;
    expect(rule).toEqual({
      displayName: "Retire stale Macs",
      description: "S15",
      deviceCleanupRulePlatformType: "macOS",
      deviceInactivityBeforeRetirementInDays: 120,
    });
    const { platform: _platform, ...planned } = named;
    expect(deviceCleanupRule.toPlan({}, rule, importCtx)).toEqual(planned);
    // The default name is not stated back.
    const plain = deviceCleanupRule.toGraph({ inactiveDays: 90, platform: "ios" }, compileCtx, "k").body;
    expect(deviceCleanupRule.toPlan({}, plain, importCtx)).toEqual({ inactiveDays: 90 });
  });
});

describe("tenant singletons in the provider and the emulator", () => {
  it("create adopts: the settings are read and PATCHed (the others kept), an existing rule for a platform is updated in place", async () => {
    const emu = await emulator("legacy-contoso");
    try {
      const s = state();
      const provider: ProviderState = { config: { endpoint: emu.url } };
      const before = emu.log.length;
      const settings = await create(provider, inputs(objectAt(s, "tenantSettings.compliance")));
      expect(settings.id).toBe("deviceManagementSettings");
      const windows = await create(provider, inputs(objectAt(s, "deviceCleanup.windows")));
      const ios = await create(provider, inputs(objectAt(s, "deviceCleanup.ios")));
      const writes = emu.log.slice(before).filter((l) => l.method !== "GET");
      expect(writes.map((l) => `${l.method} ${l.path.split("?")[0] ?? ""} ${l.status}`)).toEqual([
        "PATCH /beta/deviceManagement 204",
        `PATCH /beta/deviceManagement/managedDeviceCleanupRules/${windows.id} 200`,
        "POST /beta/deviceManagement/managedDeviceCleanupRules 201",
      ]);
      const held = await settingsOf(emu.url);
      expect(held).toMatchObject({ secureByDefault: true, deviceComplianceCheckinThresholdDays: 30, enableLogCollection: true });
      const rules = Object.values(emu.tenant.data.collections["/deviceManagement/managedDeviceCleanupRules"] ?? {}).map((e) => e.body);
      // The hand-made Windows rule is the plan's now (same id); the Android rule the plan does not manage is untouched.
      expect(rules.find((r) => r["id"] === windows.id)).toMatchObject({ deviceInactivityBeforeRetirementInDays: 90 });
      expect(rules.find((r) => r["deviceCleanupRulePlatformType"] === "androidDeviceAdministrator")).toMatchObject({
        deviceInactivityBeforeRetirementInDays: 120,
      });
      expect(rules.filter((r) => r["deviceCleanupRulePlatformType"] === "ios").map((r) => r["id"])).toEqual([ios.id]);

      // refresh reads the singleton by its path; delete (destroy, or dropped from the plan) sends nothing to Graph.
      const refreshed = await read(provider, settings.id, settings.outs);
      expect(refreshed.props?.resource === "object" && refreshed.props.observed?.["secureByDefault"]).toBe(true);
      const beforeRemove = emu.log.length;
      await remove(provider, settings.id, settings.outs);
      await remove(provider, windows.id, windows.outs);
      await remove(provider, ios.id, ios.outs);
      expect(emu.log.slice(beforeRemove)).toEqual([]);
      expect((await settingsOf(emu.url))["secureByDefault"]).toBe(true);
      expect(Object.keys(emu.tenant.data.collections["/deviceManagement/managedDeviceCleanupRules"] ?? {})).toHaveLength(3);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("the emulator refuses POST and DELETE on the singleton, a second rule for a platform (500), and days outside 30–270", async () => {
    const emu = await emulator("empty");
    try {
      const send = async (method: string, path: string, body?: JsonObject): Promise<{ status: number; code: string }> => {
        const r = await fetch(`${emu.url}/beta${path}`, {
          method,
          headers: { authorization: "Bearer t", "content-type": "application/json" },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        const text = await r.text();
        return { status: r.status, code: text ? ((JSON.parse(text) as { error?: { code?: string } }).error?.code ?? "") : "" };
      };
      // Graph's defaults in every seeded tenant.
      expect(await settingsOf(emu.url)).toMatchObject({ secureByDefault: false, deviceComplianceCheckinThresholdDays: 30 });
      expect(await send("POST", "/deviceManagement", { settings: {} })).toEqual({ status: 400, code: "No method match route template" });
      expect(await send("DELETE", "/deviceManagement")).toEqual({ status: 400, code: "No method match route template" });
      expect((await send("PATCH", "/deviceManagement", { settings: { secureByDefault: "yes" } })).status).toBe(400);
      expect((await send("PATCH", "/deviceManagement", { settings: { noSuchSetting: true } })).status).toBe(400);
      expect((await send("PATCH", "/deviceManagement", { settings: { secureByDefault: true } })).status).toBe(204);
      expect(await settingsOf(emu.url)).toMatchObject({ secureByDefault: true, deviceComplianceCheckinThresholdDays: 30 });
      const rule = { displayName: "W", deviceCleanupRulePlatformType: "windows", deviceInactivityBeforeRetirementInDays: 90 };
      expect((await send("POST", "/deviceManagement/managedDeviceCleanupRules", rule)).status).toBe(201);
      expect(await send("POST", "/deviceManagement/managedDeviceCleanupRules", { ...rule, displayName: "W2" })).toEqual({
        status: 500,
        code: "InternalServerError",
      });
      const mac = { ...rule, deviceCleanupRulePlatformType: "macOS", deviceInactivityBeforeRetirementInDays: 10 };
      expect((await send("POST", "/deviceManagement/managedDeviceCleanupRules", mac)).status).toBe(400);
      expect(
        (await send("POST", "/deviceManagement/managedDeviceCleanupRules", { ...rule, deviceCleanupRulePlatformType: "dos" })).status,
      ).toBe(400);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("a stack's singletons the plan no longer holds are left in the tenant, never deleted", async () => {
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const applied = state();
      const ids = await applyState(client, applied);
      const dropped: DesiredState = {
        ...applied,
        objects: applied.objects.filter((o) => o.kind !== "tenantSettings" && o.kind !== "deviceCleanupRule"),
      };
      const read = await readTenant(client, { label: "emulator", desired: dropped.objects, stack: ownershipOf(applied, ids) });
      const set = diffStates(read.view, viewOfDesired(dropped, "plan"), { plan: "p" });
      expect(set.objects.filter((o) => o.action === "delete")).toEqual([]);
      expect(set.unmanaged.filter((u) => u.collection === "/deviceManagement/managedDeviceCleanupRules")).toHaveLength(5);
      expect(set.unmanaged.some((u) => u.collection === "/deviceManagement")).toBe(true);
    } finally {
      await emu.close();
    }
  }, 60_000);
});
