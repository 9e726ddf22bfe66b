// The provider host limits its own heap growth (providers/heap-growth.ts): V8 must honour the flags set after start,
// or a 10k apply peaks near 600 MB again. Each run is its own process, as the host is.
import { describe, expect, it } from "vitest";
import { runPlainNode } from "../helpers/plain-node.ts";

interface Spaces {
  youngMb: number;
  oldMb: number;
}

const WORKLOAD = "test/pulumi/heap-growth-workload.ts";

describe("limitHeapGrowth", () => {
  it("keeps the young generation small and the whole heap well under what Node's defaults let it reach", async () => {
    const [defaults, limited] = await Promise.all([runPlainNode<Spaces>(WORKLOAD), runPlainNode<Spaces>(WORKLOAD, ["limited"])]);
    expect(defaults.youngMb).toBeGreaterThanOrEqual(64);
    expect(limited.youngMb).toBeLessThanOrEqual(32);
    expect(limited.youngMb + limited.oldMb).toBeLessThan(0.75 * (defaults.youngMb + defaults.oldMb));
  });
});
