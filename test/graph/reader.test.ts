// Preview reads a tenant in O(collections + pages) requests: the count depends on how many pages the lists take
// (and settings-catalog assignment batches of 20), never on one request per object.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { generatePlanFiles } from "../../bench/generate-plan.ts";
import { applyState, emulator, fastClient } from "../helpers/emulator.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

async function readCount(objects: number): Promise<{ requests: number; objects: number; catalog: number }> {
  const plan = checkPlan(generatePlanFiles(objects).map((f) => ({ path: f.path, bytes: Buffer.from(f.text) }))).plan;
  if (!plan) throw new Error("generated plan does not check");
  const state = compile(plan, "phase-0");
  const emu = await emulator("empty", undefined, "any");
  try {
    const client = fastClient(emu.url);
    const ids = await applyState(client, state);
    const read = await readTenant(client, { label: "emulator", desired: state.objects, stack: ownershipOf(state, ids) });
    expect(read.view.objects).toHaveLength(state.objects.length);
    return {
      requests: read.requests,
      objects: state.objects.length,
      catalog: state.objects.filter((o) => o.kind === "settingsCatalogPolicy").length,
    };
  } finally {
    await emu.close();
  }
}

describe("tenant reader", () => {
  it("request count grows with pages, not with objects", async () => {
    const small = await readCount(60);
    const large = await readCount(240);
    expect(large.objects).toBeGreaterThan(3 * small.objects);
    // Collections read: groups, scope tags, filters, compliance, configuration, catalog, iOS + Android MAM, and the
    // notification templates compliance actions may name.
    const collections = 9;
    const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
    expect(small.requests).toBe(collections + pages(small.catalog, 20));
    // 240 objects: groups fill 1 page of 999; catalog assignments take one $batch per 20 policies.
    expect(large.requests).toBe(collections + pages(large.catalog, 20));
    expect(large.requests - small.requests).toBeLessThan(large.objects - small.objects);
  }, 120_000);
});
