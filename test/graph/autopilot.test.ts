// Autopilot deployment profiles and the enrollment status page against the emulator: profile assignments are child
// entities written by the one child-assignment writer terms and conditions use (only changed targets; its lost-reply
// check is in child-assignments.test.ts), an assigned profile is not deletable until its assignments
// are cleared, the default status page stays Graph's, and each kind sees only its own objects in the shared
// enrollment collection.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredAssignmentSet, DesiredObject, DesiredState, JsonObject } from "../../src/compile/desired-state.ts";
import { assignObject, clearChildAssignments, deleteObject } from "../../src/graph/apply-object.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import { GraphRequestError } from "../../src/graph/errors.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { applyState, emulator, fastClient, writeContext } from "../helpers/emulator.ts";

const plan = () => {
  const p = checkFixture("plan").plan;
  if (!p) throw new Error("plan/ does not check");
  return p;
};

const EXEC = "autopilot.executive-pre-provisioned";

function setOf(state: DesiredState, address: string): DesiredAssignmentSet {
  const set = state.assignments.find((a) => a.of === address);
  if (!set) throw new Error(`no assignment set for ${address}`);
  return set;
}

function objectOf(state: DesiredState, address: string): DesiredObject {
  const obj = state.objects.find((o) => o.address === address);
  if (!obj) throw new Error(`no object ${address}`);
  return obj;
}

describe("Autopilot profiles and enrollment status pages on the emulator", () => {
  it("compile writes profile assignments as child entities and status pages with /assign, like restrictions", () => {
    const state = compile(plan(), "production-3");
    expect(setOf(state, EXEC)).toMatchObject({ action: "/assignments" });
    expect(setOf(state, "enrollmentStatusPages.required-apps-first")).toMatchObject({
      action: "/assign",
      bodyKey: "enrollmentConfigurationAssignments",
    });
    // Device groups only: a phased profile takes its include groups from its first phase, never a phase audience.
    expect(setOf(state, EXEC).targets.map((t) => t.group)).toEqual(["groups.autopilot-executive-devices"]);
    expect(setOf(compile(plan(), "production-2"), EXEC).targets).toEqual([]);
  });

  it("promotion adds the newly reached device group with one POST; removing it costs one DELETE; an assigned profile is deleted only once cleared", async () => {
    const before = compile(plan(), "production-2");
    const after = compile(plan(), "production-3");
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const ids = await applyState(client, before);
      const set = setOf(after, EXEC);
      const obj = objectOf(after, EXEC);
      const id = ids.get(EXEC) ?? "";
      const ctx = writeContext(client, ids);
      const writes = () => emu.log.filter((l) => l.method !== "GET" && l.path.includes(id)).map((l) => `${l.method} ${l.status}`);

      emu.log.length = 0;
      await assignObject(ctx, set, obj, id);
      expect(writes()).toEqual(["POST 201"]);

      emu.log.length = 0;
      await assignObject(ctx, set, obj, id);
      expect(writes()).toEqual([]);

      await expect(deleteObject(client, obj, id)).rejects.toBeInstanceOf(GraphRequestError);

      emu.log.length = 0;
      await assignObject(ctx, { ...set, targets: [] }, obj, id);
      expect(writes()).toEqual(["DELETE 204"]);

      // What the provider's delete does for a profile (providers/runtime.ts): clear, then delete.
      await assignObject(ctx, set, obj, id);
      emu.log.length = 0;
      await clearChildAssignments(ctx, obj, id);
      await deleteObject(client, obj, id);
      expect(writes()).toEqual(["DELETE 204", "DELETE 204"]);
    } finally {
      await emu.close();
    }
  });

  it("the tenant reader keeps the status page apart from restrictions and never reads the default page", async () => {
    const p = plan();
    const state = compile(p, "limited-pilot");
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      await applyState(client, state);
      const read = await readTenant(client, { label: "emulator", kinds: ["enrollmentStatusPage", "enrollmentRestriction"] });
      const byKind = (k: string): string[] =>
        [...read.items].filter(([, t]) => t.info.kind === k).map(([, t]) => String(t.item["displayName"]));
      expect(byKind("enrollmentStatusPage")).toEqual(["Windows - wait for required apps"]);
      expect(byKind("enrollmentRestriction").length).toBe(Object.keys(p.enrollmentRestrictions).length);
      expect([...read.items].some(([, t]) => String(t.item["id"]).includes("_Default"))).toBe(false);
    } finally {
      await emu.close();
    }
  });

  it("the emulator refuses what Graph refuses: an unknown property, a wrong enum, no concrete @odata.type", async () => {
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const path = "/deviceManagement/windowsAutopilotDeploymentProfiles";
      const good: JsonObject = { "@odata.type": "#microsoft.graph.azureADWindowsAutopilotDeploymentProfile", displayName: "AP" };
      const status = (body: JsonObject): Promise<number> =>
        client.create(path, body).then(
          () => 201,
          (e: unknown) => (e instanceof GraphRequestError ? e.status : -1),
        );
      expect(await status({ ...good, enableWhiteGloves: true })).toBe(400);
      expect(await status({ ...good, outOfBoxExperienceSettings: { userType: "poweruser" } })).toBe(400);
      expect(await status({ displayName: "AP" })).toBe(400);
      expect(await status({ ...good, displayName: "AP2", outOfBoxExperienceSettings: { userType: "standard" } })).toBe(201);
    } finally {
      await emu.close();
    }
  });
});
