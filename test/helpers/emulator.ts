// Test helpers for Graph-facing tests: an emulator per test, a fast client (retry waits shrunk), and applying a
// compiled state through the real adapters.
import type { DesiredState } from "../../src/compile/desired-state.ts";
import type { FaultSpec } from "../../src/emulator/faults.ts";
import type { SeedName } from "../../src/emulator/seeds.ts";
import { seedTenant } from "../../src/emulator/seeds.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { startEmulator } from "../../src/emulator/server.ts";
import { assignObject, createObject } from "../../src/graph/apply-object.ts";
import { GraphClient } from "../../src/graph/client.ts";
import { EMULATOR_HEADERS } from "../../src/graph/connect.ts";
import type { WriteContext } from "../../src/graph/apply-object.ts";

/** `settingDefinitions: "any"` for generated plans (bench/), whose settings-catalog ids no catalog has. */
export async function emulator(
  seed: SeedName = "empty",
  faults?: FaultSpec,
  settingDefinitions: "catalog" | "any" = "catalog",
): Promise<RunningEmulator> {
  return startEmulator({ data: seedTenant(seed), settingDefinitions, ...(faults ? { faults } : {}) });
}

export const fastClient = (url: string): GraphClient =>
  new GraphClient({ endpoint: url, headers: EMULATOR_HEADERS, retry: { timeScale: 0.001, maxAttempts: 12 } });

export function writeContext(client: GraphClient, ids: Map<string, string>): WriteContext {
  return {
    client,
    idOf: (address) => {
      const id = ids.get(address);
      if (!id) throw new Error(`no id for ${address}`);
      return id;
    },
    secretOf: (name) => `secret-value-of-${name}`,
  };
}

/** Creates every object of `state` in order and replaces every assignment set, as an apply from empty would. */
export async function applyState(client: GraphClient, state: DesiredState, ids = new Map<string, string>()): Promise<Map<string, string>> {
  const ctx = writeContext(client, ids);
  for (const o of state.objects) if (!ids.has(o.address)) ids.set(o.address, (await createObject(ctx, o)).id);
  const objects = new Map(state.objects.map((o) => [o.address, o]));
  for (const set of state.assignments) {
    const o = objects.get(set.of);
    const id = ids.get(set.of);
    if (o && id) await assignObject(ctx, set, o, id);
  }
  return ids;
}
