// Windows update profiles (S05) end to end on the emulator, one test per must-show: each type (feature, quality,
// driver) applies and then previews with no change, imports back to the same plan object, and a wrong property or enum
// is refused with a positioned diagnostic (and by the emulator, as Graph would). Also: Graph's own validation in the
// emulator, the read-back of items Graph returns without @odata.type, relaxation risks and the replace an immutable
// property forces.
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { importPlan } from "../../src/graph/import-plan.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import type { JsonObject } from "../../src/graph-model/json.ts";
import { typedItem } from "../../src/kinds/index.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import type { Plan } from "../../src/plan/schema.ts";
import { applyState, emulator, fastClient } from "../helpers/emulator.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const PLAN = `
plan: { name: updates }
phases:
  - { key: pilot, displayName: Pilot, audience: [pilot-devices] }
  - { key: prod, displayName: Production, audience: [prod-devices] }
groups:
  pilot-devices: { displayName: Pilot devices, membership: assigned, members: devices }
  prod-devices: { displayName: Prod devices, membership: assigned, members: devices }
updates:
  feature:
    displayName: Feature 25H2
    type: feature
    settings:
      featureUpdateVersion: "Windows 11, version 25H2"
      rolloutSettings: { offerStartDateTimeInUTC: "2027-07-05T00:00:00Z", offerEndDateTimeInUTC: "2027-10-25T00:00:00Z", offerIntervalInDays: 7 }
      installLatestWindows10OnWindows11IneligibleDevice: true
  quality:
    displayName: Expedite June
    type: quality
    settings: { expeditedUpdateSettings: { qualityUpdateRelease: "2027-06-08T00:00:00Z", daysUntilForcedReboot: 1 } }
    assignment: { rollout: fixed, include: [pilot-devices] }
  driver:
    displayName: Drivers
    type: driver
    settings: { approvalType: automatic, deploymentDeferralInDays: 7 }
`;

function check(text: string): ReturnType<typeof checkPlan> {
  return checkPlan([{ path: "updates.yaml", bytes: Buffer.from(text) }]);
}
function planOf(text: string): Plan {
  const checked = check(text);
  if (!checked.plan) throw new Error(JSON.stringify(checked.diagnostics));
  return checked.plan;
}

describe("Windows update profiles", () => {
  it("each type applies to its own collection, and a preview afterwards shows no change", async () => {
    const plan = planOf(PLAN);
    const state = compile(plan, "pilot");
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const ids = await applyState(client, state);
      expect(emu.log.filter((l) => l.status >= 400)).toEqual([]);
      for (const [type, collection] of [
        ["feature", "/deviceManagement/windowsFeatureUpdateProfiles"],
        ["quality", "/deviceManagement/windowsQualityUpdateProfiles"],
        ["driver", "/deviceManagement/windowsDriverUpdateProfiles"],
      ] as const) {
        const stored = Object.values(emu.tenant.data.collections[collection] ?? {});
        expect(
          stored.map((e) => e.body["displayName"]),
          type,
        ).toEqual([state.objects.find((o) => o.address === `updates.${type}`)?.displayName]);
        // Phased feature and driver profiles reach the pilot's devices in phase pilot; the expedite is fixed on the pilot.
        expect(stored[0]?.assignments.length, type).toBe(1);
      }
      // Server-owned facts exist in the tenant and still do not show as changes.
      const feature = Object.values(emu.tenant.data.collections["/deviceManagement/windowsFeatureUpdateProfiles"] ?? {})[0];
      expect(feature?.body["endOfSupportDate"]).toBe("2028-10-10T00:00:00Z");
      const read = await readTenant(client, { label: "emulator", desired: state.objects, stack: ownershipOf(state, ids) });
      const set = diffStates(read.view, viewOfDesired(state, "plan"), { plan: plan.name });
      expect(
        set.objects.filter((o) => o.action !== "no-op").map((o) => `${o.action} ${o.address} ${JSON.stringify(o.properties)}`),
      ).toEqual([]);
      expect(set.assignments.filter((a) => a.action !== "no-op").map((a) => a.address)).toEqual([]);
      // Promotion to prod changes only the phased profiles' assignments.
      const prod = diffStates(read.view, viewOfDesired(compile(plan, "prod"), "plan"), { plan: plan.name });
      expect(prod.objects.filter((o) => o.action !== "no-op")).toEqual([]);
      expect(prod.assignments.filter((a) => a.action !== "no-op").map((a) => a.address)).toEqual([
        "updates.driver#assignments",
        "updates.feature#assignments",
      ]);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("each type imports back to the plan object it was applied from", async () => {
    const plan = planOf(PLAN);
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      await applyState(client, compile(plan, undefined));
      const { plan: imported, notes } = importPlan(await readTenant(client, { label: "emulator" }), "imported");
      expect(notes).toEqual([]);
      const updates = imported["updates"] as Record<string, Record<string, unknown>>;
      const byName = Object.fromEntries(Object.values(updates).map((u) => [u["displayName"], u]));
      for (const [key, u] of Object.entries(plan.updates)) {
        const back = byName[u.displayName];
        expect(back, key).toMatchObject({ type: u.type, settings: u.settings, adopt: true });
      }
      // The imported file validates and compiles to the same bodies.
      const again = check(stringify(imported));
      expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const bodies = (p: Plan): unknown[] =>
        compile(p, undefined)
          .objects.filter((o) => o.kind === "updateProfile")
          .map((o) => [o.collection, o.body])
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      expect(bodies(again.plan as Plan)).toEqual(bodies(plan));
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("a wrong property or enum is refused with a positioned diagnostic, per type", () => {
    const bad = PLAN.replace("daysUntilForcedReboot: 1", "daysUntilForcedRebot: 1")
      .replace("approvalType: automatic", "approvalType: automatik")
      .replace('"Windows 11, version 25H2"', '"Windows 11, version 25H1"');
    const found = check(bad).diagnostics.map((d) => `${d.code} ${d.subject?.start.line ?? 0}:${d.subject?.start.col ?? 0} ${d.message}`);
    expect(found).toEqual([
      'IP160 14:29 "Windows 11, version 25H1" is not a feature update Intune offers; did you mean "Windows 11, version 25H2"?',
      "IP020 20:90 expeditedWindowsQualityUpdateSettings has no property daysUntilForcedRebot",
      'IP022 25:31 approvalType does not accept "automatik"; allowed: manual, automatic',
    ]);
  });

  it("the emulator refuses what Graph refuses: unknown releases, days out of range, a changed approval type", async () => {
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const post = (collection: string, body: JsonObject) =>
        client.create(collection, body, "beta").then(
          () => 201,
          (e: { status?: number }) => e.status,
        );
      expect(await post("/deviceManagement/windowsFeatureUpdateProfiles", { displayName: "F", featureUpdateVersion: "Windows 12" })).toBe(
        400,
      );
      expect(await post("/deviceManagement/windowsFeatureUpdateProfiles", { displayName: "F" })).toBe(400);
      expect(
        await post("/deviceManagement/windowsFeatureUpdateProfiles", {
          displayName: "F",
          featureUpdateVersion: "Windows 11, version 24H2",
          rolloutSettings: { offerIntervalInDays: 15 },
        }),
      ).toBe(400);
      expect(
        await post("/deviceManagement/windowsQualityUpdateProfiles", {
          displayName: "Q",
          expeditedUpdateSettings: { qualityUpdateRelease: "2027-06-08T00:00:00Z", daysUntilForcedReboot: 3 },
        }),
      ).toBe(400);
      expect(await post("/deviceManagement/windowsDriverUpdateProfiles", { displayName: "D", approvalType: "sometimes" })).toBe(400);
      expect(
        await post("/deviceManagement/windowsDriverUpdateProfiles", {
          displayName: "D",
          approvalType: "automatic",
          endOfSupportDate: "x",
          deploymentDeferralInDays: 31,
        }),
      ).toBe(400);
      const driver = await client.create(
        "/deviceManagement/windowsDriverUpdateProfiles",
        { displayName: "D", approvalType: "manual" },
        "beta",
      );
      const patched = await client
        .patch(`/deviceManagement/windowsDriverUpdateProfiles/${String(driver["id"])}`, { approvalType: "automatic" }, "beta")
        .then(
          () => 200,
          (e: { status?: number }) => e.status,
        );
      expect(patched).toBe(400);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("items Graph returns without @odata.type take it from their collection", () => {
    expect(typedItem("/deviceManagement/windowsQualityUpdateProfiles", { id: "1" })).toEqual({
      id: "1",
      "@odata.type": "#microsoft.graph.windowsQualityUpdateProfile",
    });
    expect(typedItem("/deviceManagement/deviceCategories", { id: "1" })).toEqual({ id: "1" });
  });

  it("an older release, a longer driver deferral and a changed approval type show in review", () => {
    const base = compile(planOf(PLAN), "pilot");
    const head = compile(
      planOf(
        PLAN.replace('"Windows 11, version 25H2"', '"Windows 11, version 24H2"').replace(
          "approvalType: automatic, deploymentDeferralInDays: 7",
          "approvalType: manual",
        ),
      ),
      "pilot",
    );
    const set = diffStates(viewOfDesired(base, "base"), viewOfDesired(head, "head"), { plan: "updates" });
    expect(set.objects.filter((o) => o.action !== "no-op").map((o) => `${o.action} ${o.address}`)).toEqual([
      "replace updates.driver",
      "update updates.feature",
    ]);
    expect(set.risks.filter((r) => r.code === "relaxed-setting").map((r) => `${r.address ?? ""} ${JSON.stringify(r.path)}`)).toEqual([
      'updates.feature ["featureUpdateVersion"]',
    ]);
  });
});
