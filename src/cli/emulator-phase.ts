// For `status` against an emulator started in this process with a pilot-* seed: that tenant holds the simulated
// devices but none of the plan's objects, so the plan's active phase is applied to it first, as `pulumi up` would
// (create every object, then replace every assignment set), through the same Graph adapters. Only ever against an
// in-process emulator, which ends with the command; secrets get a placeholder, never a real value.
import type { DesiredState } from "../compile/desired-state.ts";
import type { WriteContext } from "../graph/apply-object.ts";
import { assignObject, createObject } from "../graph/apply-object.ts";
import type { GraphClient } from "../graph/client.ts";

export async function applyToEmulator(client: GraphClient, desired: DesiredState): Promise<void> {
  const ids = new Map<string, string>();
  const ctx: WriteContext = {
    client,
    idOf: (address) => {
      const id = ids.get(address);
      if (id === undefined) throw new Error(`${address} was not created before an object that refers to it`);
      return id;
    },
    secretOf: (name) => `emulator-placeholder-for-${name}`,
  };
  for (const o of desired.objects) ids.set(o.address, (await createObject(ctx, o)).id);
  const objects = new Map(desired.objects.map((o) => [o.address, o]));
  for (const set of desired.assignments) {
    const o = objects.get(set.of);
    const id = ids.get(set.of);
    if (o && id) await assignObject(ctx, set, o, id);
  }
}
