// The soak through the real Pulumi CLI: one fresh project and stack per mix (test/pulumi-e2e/workspace.ts), the
// emulator as a child process with the mix's faults, and the tenant read from the emulator's state file between
// steps (the emulator is stopped for that, so the census never goes through the faults).
import { join } from "node:path";
import type { DesiredState } from "../../src/compile/desired-state.ts";
import { loadTenant, saveTenant } from "../../src/emulator/store.ts";
import { REPO, Workspace } from "../pulumi-e2e/workspace.ts";
import type { Census } from "./tenant-census.ts";
import { census, fingerprints } from "./tenant-census.ts";
import { startingTenant } from "./starting-tenant.ts";

export interface EngineStep { readonly name: string; readonly ok: boolean; readonly changed: number; readonly seconds: number; readonly errors: readonly string[]; readonly census: Census }

const SECRET = "soak-Wifi-Passphrase-41d7";
const STEPS = [
  { name: "apply", args: ["up", "--yes", "--skip-preview"], after: "apply" },
  { name: "second apply", args: ["up", "--yes", "--skip-preview", "--refresh"], after: "apply" },
  { name: "destroy", args: ["destroy", "--yes", "--skip-preview"], after: "destroy" },
] as const;

export async function pulumiSoak(state: DesiredState, faults: string, stepTimeoutMs: number, onStep: (step: EngineStep) => void): Promise<void> {
  const ws = await Workspace.create(join(REPO, "plan"), "soak", { phase: "limited-pilot" }, { CHARLOTTE_WIFI_PSK: SECRET });
  const file = join(ws.dir, "tenant.json");
  try {
    saveTenant(startingTenant(state), file);
    const unmanaged = fingerprints(loadTenant(file));
    for (const step of STEPS) {
      await ws.startEmulator(faults ? { faults } : {});
      const started = Date.now();
      const run = await ws.pulumi(step.args, stepTimeoutMs).catch((e: unknown) => ({ code: -1, output: e instanceof Error ? e.message : String(e) }));
      const seconds = Math.round((Date.now() - started) / 1000);
      await ws.stopEmulator();
      const counts = run.code === -1 ? {} : (await ws.lastUpdate()).resourceChanges;
      const changed = Object.entries(counts).filter(([k]) => k !== "same").reduce((n, [, v]) => n + v, 0);
      const errors = run.code === 0 ? [] : run.output.split("\n").filter((l) => /error|failed|did not finish/i.test(l)).slice(0, 8);
      const result: EngineStep = { name: step.name, ok: run.code === 0, changed, seconds, errors, census: census(loadTenant(file), state, unmanaged, step.after) };
      onStep(result);
      if (!result.ok) break;
    }
    if (ws.transcript.includes(SECRET)) onStep({ name: "secret check", ok: false, changed: 0, seconds: 0, errors: ["the Wi-Fi key appeared in pulumi's output"], census: { duplicates: 0, missingOrLeft: 0, unmanagedTouched: 0, detail: [] } });
  } finally {
    await ws.dispose();
  }
}
