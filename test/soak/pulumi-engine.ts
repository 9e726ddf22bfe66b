// The soak through the real Pulumi CLI: one fresh project and stack per mix (test/pulumi-e2e/workspace.ts), the
// emulator as a child process with the mix's faults, and the tenant read from the emulator's state file between
// steps (the emulator is stopped for that, so the census never goes through the faults).
import { join } from "node:path";
import type { DesiredState } from "../../src/compile/desired-state.ts";
import { loadTenant, saveTenant } from "../../src/emulator/store.ts";
import { nameOf, REPO, typeOf, Workspace } from "../pulumi-e2e/workspace.ts";
import type { Mix } from "./mixes.ts";
import type { Census } from "./tenant-census.ts";
import { census, fingerprints } from "./tenant-census.ts";
import { startingTenant } from "./starting-tenant.ts";

export interface EngineStep {
  readonly name: string;
  readonly ok: boolean;
  readonly changed: number;
  readonly seconds: number;
  readonly errors: readonly string[];
  readonly census: Census;
}

const SECRET = "soak-Wifi-Passphrase-41d7";
const STEPS = [
  { name: "apply", args: ["up", "--yes", "--skip-preview"], after: "apply" },
  { name: "second apply", args: ["up", "--yes", "--skip-preview", "--refresh"], after: "apply" },
  { name: "destroy", args: ["destroy", "--yes", "--skip-preview"], after: "destroy" },
] as const;

/** The stack's resource names (its state), for the one-owner check when several stacks race. */
async function owned(ws: Workspace, stack: string): Promise<Set<string>> {
  const { resources } = await ws.exportStack(stack);
  return new Set(resources.filter((r) => typeOf(r.urn).startsWith("pulumi-nodejs:dynamic/intune:")).map((r) => nameOf(r.urn)));
}

/** Resources (by name) of the compiled plan that more than one stack holds (two pipelines owning one object). */
function ownedTwice(state: DesiredState, owners: readonly Set<string>[]): string[] {
  const names = [...state.objects.map((o) => o.address), ...state.assignments.map((a) => a.address)];
  return names
    .map((n) => [n, owners.filter((o) => o.has(n)).length] as const)
    .filter(([, k]) => k > 1)
    .map(([n, k]) => `${n}: in ${k} stacks`);
}

export async function pulumiSoak(state: DesiredState, mix: Mix, stepTimeoutMs: number, onStep: (step: EngineStep) => void): Promise<void> {
  const ws = await Workspace.create(join(REPO, "plan"), "soak", { phase: "limited-pilot" }, { CHARLOTTE_WIFI_PSK: SECRET });
  const file = join(ws.dir, "tenant.json");
  const stacks = ["soak", ...Array.from({ length: (mix.writers ?? 1) - 1 }, (_, i) => `soak-${i + 2}`)];
  try {
    // Further pipelines: stacks of the same project, same settings, same tenant.
    for (const stack of stacks.slice(1)) {
      await ws.pulumiOk(["stack", "init", stack]);
      await ws.pulumiOk(["config", "set", "intune-plan:graphEndpoint", ws.endpoint, "--stack", stack]);
      await ws.pulumiOk(["config", "set", "intune-plan:phase", "limited-pilot", "--stack", stack]);
      await ws.pulumiOk(["config", "set", "--secret", "CHARLOTTE_WIFI_PSK", SECRET, "--stack", stack]);
    }
    saveTenant(startingTenant(state), file);
    const unmanaged = fingerprints(loadTenant(file));
    for (const step of STEPS) {
      await ws.startEmulator(mix.faults ? { faults: mix.faults } : {});
      const started = Date.now();
      const runs = await Promise.all(
        stacks.map((stack) =>
          ws
            .pulumi([...step.args, "--stack", stack], stepTimeoutMs)
            .catch((e: unknown) => ({ code: -1, output: e instanceof Error ? e.message : String(e) })),
        ),
      );
      const seconds = Math.round((Date.now() - started) / 1000);
      await ws.stopEmulator();
      let changed = 0;
      for (const stack of stacks) {
        changed += Object.entries((await ws.lastUpdate(stack)).resourceChanges)
          .filter(([k]) => k !== "same")
          .reduce((n, [, v]) => n + v, 0);
      }
      // With several stacks, a stack that lost a race fails its up (name taken): what counts is that no resource is
      // in two stacks, and that every stack's destroy succeeds.
      const owners = stacks.length > 1 ? ownedTwice(state, await Promise.all(stacks.map((s) => owned(ws, s)))) : [];
      const failed = runs.filter((r) => r.code !== 0);
      const ok = owners.length === 0 && (stacks.length === 1 || step.name === "destroy" ? failed.length === 0 : true);
      const errors = [
        ...owners,
        ...(ok ? [] : failed.flatMap((r) => r.output.split("\n").filter((l) => /error|failed|did not finish/i.test(l)))),
      ].slice(0, 8);
      const result: EngineStep = {
        name: step.name,
        ok,
        changed,
        seconds,
        errors,
        census: census(loadTenant(file), state, unmanaged, stacks.length > 1 && step.after === "apply" ? "race" : step.after),
      };
      onStep(result);
      if (!result.ok) break;
    }
    if (ws.transcript.includes(SECRET))
      onStep({
        name: "secret check",
        ok: false,
        changed: 0,
        seconds: 0,
        errors: ["the Wi-Fi key appeared in pulumi's output"],
        census: { duplicates: 0, missingOrLeft: 0, unmanagedTouched: 0, detail: [] },
      });
  } finally {
    await ws.dispose();
  }
}
