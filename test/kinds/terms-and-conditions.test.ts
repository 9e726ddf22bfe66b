// Terms and conditions (S19): the adapter round-trips, the assignment set is written through the child collection
// (GRAPH-NOTES §9.2) with only the targets that changed, and a phase promotion changes only the assignments.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { hasChanges } from "../../src/diff/change-set.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import { acceptanceAmong } from "../../src/graph/rollout-health.ts";
import { acceptanceLine } from "../../src/render/status-text.ts";
import { compileContext, importContext } from "../helpers/kind-contexts.ts";
import { termsAndConditions } from "../../src/kinds/terms-and-conditions.ts";
import type { Plan } from "../../src/plan/schema.ts";
import { applyState, emulator, fastClient } from "../helpers/emulator.ts";
import { planOf } from "../helpers/plan.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const terms = {
  displayName: "Acceptable use",
  description: "AUP",
  title: "Acceptable use policy",
  body: "Use company devices responsibly.",
  acceptanceStatement: "I accept.",
};

const plan = (): Plan =>
  planOf({
    phases: [
      { key: "pilot", displayName: "Pilot", audience: ["pilot-users"] },
      { key: "broad", displayName: "Broad", audience: ["broad-users"] },
    ],
    groups: {
      "pilot-users": { displayName: "Pilot users", membership: "assigned", members: "users" },
      "broad-users": { displayName: "Broad users", membership: "assigned", members: "users" },
      helpdesk: { displayName: "Helpdesk", membership: "assigned", members: "users" },
    },
    termsAndConditions: { aup: { ...terms, assignment: { rollout: "phased", include: ["helpdesk"] } } },
  });

describe("terms and conditions", () => {
  it("compile to Graph's properties and read back as the plan object", () => {
    const shape = termsAndConditions.toGraph(terms, compileContext, "aup");
    expect(shape.odataType).toBe("#microsoft.graph.termsAndConditions");
    expect(shape.body).toEqual({
      displayName: "Acceptable use",
      description: "AUP",
      title: "Acceptable use policy",
      bodyText: "Use company devices responsibly.",
      acceptanceStatement: "I accept.",
    });
    expect(termsAndConditions.toPlan({}, shape.body, importContext([]))).toEqual(terms);
  });

  it("a changed text is a risk in preview: Graph keeps the version, so users who accepted are not asked again", () => {
    const before = plan();
    const after = { ...before, termsAndConditions: { aup: { ...terms, body: "New terms." } } };
    const set = diffStates(viewOfDesired(compile(before, "broad"), "base"), viewOfDesired(compile(after, "broad"), "head"), { plan: "t" });
    const risk = set.risks.find((r) => r.code === "terms-changed");
    expect(risk).toMatchObject({ severity: "medium", address: "termsAndConditions.aup" });
    expect(risk?.message).toContain("bodyText of Acceptable use changes");
    const same = diffStates(viewOfDesired(compile(before, "broad"), "base"), viewOfDesired(compile(before, "broad"), "head"), {
      plan: "t",
    });
    expect(same.risks.filter((r) => r.code === "terms-changed")).toEqual([]);
  });

  it("status counts who of the phase's audience accepted the current version, and who must accept again", () => {
    const byUser = new Map([
      ["ada@contoso.com", 2],
      ["bob@contoso.com", 1],
      ["eve@contoso.com", 2],
    ]);
    const a = acceptanceAmong(2, byUser, new Set(["ada@contoso.com", "bob@contoso.com", "carl@contoso.com"]));
    expect(a).toEqual({ version: 2, audienceUsers: 3, acceptedCurrent: 1, acceptedOlder: 1 });
    expect(acceptanceLine(a)).toBe("terms v2: accepted by 1/3 users (33.3 %), 1 must accept again");
    expect(acceptanceLine(acceptanceAmong(1, new Map(), new Set()))).toBe("terms v1: accepted by 0/0 users (-)");
  });

  it("compile --requests lists one POST per target on the assignments collection, never /assign", () => {
    const state = compile(plan(), "broad");
    const set = state.assignments.find((a) => a.of === "termsAndConditions.aup");
    expect(set?.action).toBe("/assignments");
    expect(set?.targets.map((t) => t.group)).toEqual(["groups.broad-users", "groups.helpdesk", "groups.pilot-users"]);
  });

  it("on the emulator: apply then preview shows no change, and a promotion POSTs only the new audience's assignment", async () => {
    const p = plan();
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const pilot = compile(p, "pilot");
      const ids = await applyState(client, pilot);
      const read = async (state: typeof pilot) =>
        diffStates(
          (await readTenant(client, { label: "emulator", desired: state.objects, stack: ownershipOf(state, ids) })).view,
          viewOfDesired(state, "plan"),
          { plan: p.name },
        );
      expect(hasChanges(await read(pilot))).toBe(false);
      const broad = compile(p, "broad");
      const promotion = await read(broad);
      expect(promotion.objects.filter((o) => o.action !== "no-op")).toEqual([]);
      expect(promotion.assignments.filter((a) => a.action !== "no-op").map((a) => a.address)).toEqual([
        "termsAndConditions.aup#assignments",
      ]);
      const before = emu.log.length;
      await applyState(client, broad, ids);
      const writes = emu.log.slice(before).filter((l) => l.method !== "GET");
      const termsId = ids.get("termsAndConditions.aup") ?? "";
      expect(writes.map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual([
        `POST /beta/deviceManagement/termsAndConditions/${termsId}/assignments 201`,
      ]);
      expect(hasChanges(await read(broad))).toBe(false);
      // Back to the pilot: only the broad audience's assignment is deleted.
      const back = emu.log.length;
      await applyState(client, pilot, ids);
      const removed = emu.log.slice(back).filter((l) => l.method !== "GET");
      expect(removed.map((l) => `${l.method} ${l.status}`)).toEqual(["DELETE 204"]);
      expect(removed[0]?.path).toMatch(
        new RegExp(`/termsAndConditions/${termsId}/assignments/${termsId}_${ids.get("groups.broad-users") ?? "x"}$`),
      );
      expect(hasChanges(await read(pilot))).toBe(false);
    } finally {
      await emu.close();
    }
  }, 60_000);
});
