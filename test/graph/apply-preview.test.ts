// The Graph layer against the emulator, for every kind in plan/: the adapters' bodies pass Graph's validation,
// apply then preview shows no change, and under injected faults (429 storms, 503s, replication lag, lost
// responses) the same holds with exactly one object per plan key.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { hasChanges } from "../../src/diff/change-set.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { parseFaults } from "../../src/emulator/faults.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import { KINDS } from "../../src/kinds/index.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { applyState, emulator, fastClient } from "../helpers/emulator.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const plan = () => {
  const p = checkFixture("plan").plan;
  if (!p) throw new Error("plan/ does not check");
  return p;
};

describe("apply, then preview, against the emulator", () => {
  it("every kind in plan/ is accepted by the emulator, and a preview afterwards shows no change", async () => {
    const p = plan();
    const state = compile(p, "expanded-pilot");
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const ids = await applyState(client, state);
      expect(ids.size).toBe(state.objects.length);
      expect(new Set(state.objects.map((o) => o.kind)).size).toBe(27);
      const refused = emu.log.filter((l) => l.status >= 400);
      expect(refused).toEqual([]);
      const read = await readTenant(client, { label: "emulator", desired: state.objects, stack: ownershipOf(state, ids) });
      const set = diffStates(read.view, viewOfDesired(state, "plan"), { plan: p.name });
      expect(
        set.objects.filter((o) => o.action !== "no-op").map((o) => `${o.action} ${o.address} ${JSON.stringify(o.properties)}`),
      ).toEqual([]);
      expect(set.assignments.filter((a) => a.action !== "no-op").map((a) => a.address)).toEqual([]);
      expect(hasChanges(set)).toBe(false);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("under 429 storms, 503s, replication lag and lost responses: completes, one object per plan key, no change after", async () => {
    const p = plan();
    const state = compile(p, "limited-pilot");
    const emu = await emulator("empty", parseFaults("throttle=0.25,retry-after=mixed,unavailable=0.1,lag=3,lost=0.15,seed=11"));
    try {
      const client = fastClient(emu.url);
      const ids = await applyState(client, state);
      const read = await readTenant(client, { label: "emulator", desired: state.objects, stack: ownershipOf(state, ids) });
      // Exactly one tenant object per plan object: count by the name it is matched on (a cleanup rule's platform;
      // the singleton is the only object at its path) in the emulator's own store.
      for (const o of state.objects) {
        const info = KINDS[o.kind];
        const named = Object.values(emu.tenant.data.collections[o.collection] ?? {}).filter(
          (e) => info.lifecycle === "singleton" || (e.body[info.nameProperty] ?? e.body["displayName"] ?? e.body["name"]) === o.displayName,
        );
        expect(named.length, o.address).toBe(1);
      }
      expect(emu.log.some((l) => l.status === 429)).toBe(true);
      expect(emu.log.some((l) => l.status === 503)).toBe(true);
      expect(emu.log.filter((l) => l.lost && l.method === "POST" && !l.path.includes("/assign")).length).toBeGreaterThan(0);
      expect(client.stats.retries).toBeGreaterThan(0);
      const set = diffStates(read.view, viewOfDesired(state, "plan"), { plan: p.name });
      expect(hasChanges(set)).toBe(false);
    } finally {
      await emu.close();
    }
  }, 120_000);
});
