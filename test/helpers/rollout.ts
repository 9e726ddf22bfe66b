// Rollout test helpers: an emulator seeded with a simulated pilot, the plan's phase applied to it as `pulumi up`
// would, and the emulator's admin clock.
import { compile } from "../../src/compile/compile.ts";
import type { RolloutSeedName } from "../../src/emulator/rollout-seeds.ts";
import { seedTenant } from "../../src/emulator/seeds.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { startEmulator } from "../../src/emulator/server.ts";
import type { Plan } from "../../src/plan/schema.ts";
import { loadCheckedPlan } from "../../src/cli/load-plan.ts";
import { applyState, fastClient } from "./emulator.ts";

export function referencePlan(): Plan {
  const plan = loadCheckedPlan(["plan"]).plan;
  if (!plan) throw new Error("plan/ does not validate");
  return plan;
}

/** An emulator seeded with `seed`, with `phase` of the reference plan applied. */
export async function pilotTenant(seed: RolloutSeedName, phase = "limited-pilot", plan: Plan = referencePlan()): Promise<RunningEmulator> {
  const emu = await startEmulator({ data: seedTenant(seed) });
  await applyState(fastClient(emu.url), compile(plan, phase));
  return emu;
}

/** Moves the emulator's simulated clock through its admin route; returns the day it now is. */
export async function setDay(emu: RunningEmulator, day: number): Promise<number> {
  const start = emu.tenant.data.rollout?.start ?? "";
  const res = await fetch(`${emu.url}/_emulator/clock`, {
    method: "POST",
    headers: { authorization: "Bearer test", "content-type": "application/json" },
    body: JSON.stringify({ to: new Date(Date.parse(start) + day * 86_400_000).toISOString() }),
  });
  const body = (await res.json()) as { day: number };
  return body.day;
}

export async function graphGet(emu: RunningEmulator, path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.url}${path}`, { headers: { authorization: "Bearer test" } });
  return (await res.json()) as Record<string, unknown>;
}
