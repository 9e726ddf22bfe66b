// `npm run soak [-- --engine provider|pulumi|both] [--mix NAME,...] [--budget-minutes M] [--step-minutes S]`:
// for each fault mix (mixes.ts), apply plan/ (limited pilot) to an emulated Contoso that already holds objects the
// plan does not own, apply it again (with refresh), then destroy, and count after each step: plan keys with more
// than one object, keys missing after an apply or left after destroy, and objects not the plan's that changed.
// Every count must be 0 and every step must succeed; the exit code says whether they did (0 yes, 1 no).
//
// Bounded: each step stops after --step-minutes (default 12), and no mix starts once --budget-minutes (default 90)
// have passed; a mix not run is reported as such and fails the soak.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { planResources } from "../../providers/program.ts";
import { compile } from "../../src/compile/compile.ts";
import { parseFaults } from "../../src/emulator/faults.ts";
import { startEmulator } from "../../src/emulator/server.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";
import type { Mix } from "./mixes.ts";
import { MIXES } from "./mixes.ts";
import type { EngineStep } from "./pulumi-engine.ts";
import { pulumiSoak } from "./pulumi-engine.ts";
import type { Outs, StepResult } from "./provider-engine.ts";
import { destroy, up } from "./provider-engine.ts";
import { census, fingerprints } from "./tenant-census.ts";
import { startingTenant } from "./starting-tenant.ts";

const { values } = parseArgs({
  options: {
    engine: { type: "string", default: "both" },
    mix: { type: "string" },
    "budget-minutes": { type: "string", default: "90" },
    "step-minutes": { type: "string", default: "12" },
  },
});
const engines = values.engine === "both" ? ["provider", "pulumi"] : [values.engine];
if (!engines.every((e) => e === "provider" || e === "pulumi")) {
  console.error("--engine is provider, pulumi or both");
  process.exit(64);
}
const wanted = values.mix?.split(",").map((s) => s.trim());
const mixes = MIXES.filter((m) => !wanted || wanted.includes(m.name));
if (mixes.length === 0) {
  console.error(`--mix names one of: ${MIXES.map((m) => m.name).join(", ")}`);
  process.exit(64);
}
const budgetMs = Number(values["budget-minutes"]) * 60_000;
const stepMs = Number(values["step-minutes"]) * 60_000;
const started = Date.now();

const checked = checkPlan(readPlanInputs(["plan"]).inputs);
if (!checked.plan) {
  console.error("plan/ does not validate");
  process.exit(1);
}
const state = compile(checked.plan, "limited-pilot");
const resources = planResources(state);

const within = <T>(ms: number, work: Promise<T>, what: string): Promise<T> =>
  Promise.race([
    work,
    new Promise<T>((_, fail) => setTimeout(() => fail(new Error(`${what} did not finish in ${ms / 60_000} min`)), ms).unref()),
  ]);

/** One writer's steps combined with the others': a lost race (name taken, its dependents skipped) is not a failure. */
function combined(results: readonly StepResult[]): StepResult {
  const errors = results.flatMap((r) => r.errors);
  const contended = (e: string): boolean => /which the plan does not own|skipped: a dependency failed/.test(e);
  return {
    ok: results.length === 1 ? results.every((r) => r.ok) : errors.every(contended),
    changed: results.reduce((n, r) => n + r.changed, 0),
    errors: results.length === 1 ? errors : errors.filter((e) => !contended(e)),
  };
}

/** With several writers: resources more than one writer's state holds (two pipelines owning one object). */
function ownership(outs: readonly ReadonlyMap<string, Outs>[]): string[] {
  return resources
    .map((r) => [r.name, outs.filter((o) => o.has(r.name)).length] as const)
    .filter(([, n]) => n > 1)
    .map(([name, n]) => `${name}: in ${n} writers' state`);
}

async function providerSoak(mix: Mix, onStep: (step: EngineStep) => void): Promise<void> {
  const data = startingTenant(state);
  const unmanaged = fingerprints(data);
  const emu = await startEmulator({ data, faults: parseFaults(mix.faults) });
  try {
    const writers = Array.from({ length: mix.writers ?? 1 }, () => ({
      provider: { config: { endpoint: emu.url } },
      outs: new Map<string, Outs>(),
    }));
    const steps: [string, "apply" | "destroy", (w: (typeof writers)[number]) => Promise<StepResult>][] = [
      ["apply", "apply", (w) => up(w.provider, resources, w.outs, "soak-psk", false)],
      ["second apply", "apply", (w) => up(w.provider, resources, w.outs, "soak-psk", true)],
      ["destroy", "destroy", (w) => destroy(w.provider, resources, w.outs)],
    ];
    for (const [name, after, step] of steps) {
      const t = Date.now();
      const r = await within(stepMs, Promise.all(writers.map(step)).then(combined), name).catch((e: unknown): StepResult => ({
        ok: false,
        changed: 0,
        errors: [e instanceof Error ? e.message : String(e)],
      }));
      // Racing writers: no resource in two writers' state, ever; what a loser could not create is not missing.
      const owners = ownership(writers.map((w) => w.outs));
      onStep({
        name,
        ok: r.ok && owners.length === 0,
        changed: r.changed,
        seconds: Math.round((Date.now() - t) / 1000),
        errors: [...owners, ...r.errors].slice(0, 8),
        census: census(emu.tenant.data, state, unmanaged, writers.length > 1 && after === "apply" ? "race" : after),
      });
      if (!r.ok) break;
    }
    onStep({
      name: "requests",
      ok: true,
      changed: emu.log.length,
      seconds: 0,
      errors: [],
      census: { duplicates: 0, missingOrLeft: 0, unmanagedTouched: 0, detail: [] },
    });
  } finally {
    await emu.close();
  }
}

if (engines.includes("pulumi")) {
  try {
    process.env["INTUNE_PLAN_PULUMI_CLI_DIR"] = execFileSync("bash", [join(import.meta.dirname, "..", "..", "scripts", "pulumi-cli.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }).trim();
  } catch {
    console.error("soak: the Pulumi CLI could not be built or found (see above); run with --engine provider");
    process.exit(1);
  }
}

const pad = (s: string | number, n: number): string => String(s).padEnd(n);
console.log(
  `soak: plan/ limited-pilot, ${state.objects.length} objects + ${state.assignments.length} assignment sets = ${resources.length} resources, on a tenant holding ${fingerprints(startingTenant(state)).size} objects not the plan's; ${mixes.length} mixes × ${engines.join(", ")}`,
);
console.log(
  `${pad("engine", 9)}${pad("mix", 20)}${pad("step", 13)}${pad("result", 8)}${pad("changed", 8)}${pad("seconds", 8)}${pad("dup", 4)}${pad("miss/left", 10)}unmanaged touched`,
);
let bad = 0;
for (const engine of engines) {
  for (const mix of mixes) {
    if (Date.now() - started > budgetMs) {
      console.log(`${pad(engine, 9)}${pad(mix.name, 20)}not run: the ${values["budget-minutes"]}-minute budget is spent`);
      bad++;
      continue;
    }
    const onStep = (s: EngineStep): void => {
      if (s.name === "requests") {
        console.log(`${pad(engine, 9)}${pad(mix.name, 20)}(${s.changed} requests served)`);
        return;
      }
      const clean = s.ok && s.census.duplicates + s.census.missingOrLeft + s.census.unmanagedTouched === 0;
      if (!clean) bad++;
      console.log(
        `${pad(engine, 9)}${pad(mix.name, 20)}${pad(s.name, 13)}${pad(s.ok ? "ok" : "FAILED", 8)}${pad(s.changed, 8)}${pad(s.seconds, 8)}${pad(s.census.duplicates, 4)}${pad(s.census.missingOrLeft, 10)}${s.census.unmanagedTouched}`,
      );
      for (const line of [...s.errors, ...s.census.detail].slice(0, 10)) console.log(`    ${line}`);
    };
    try {
      await (engine === "provider" ? providerSoak(mix, onStep) : pulumiSoak(state, mix, stepMs, onStep));
    } catch (e) {
      bad++;
      console.log(`${pad(engine, 9)}${pad(mix.name, 20)}FAILED to run: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
    }
  }
}
console.log(
  `soak: ${bad === 0 ? "every step succeeded; duplicates, missing/left and unmanaged touched are 0 everywhere" : `${bad} step(s) failed or left a nonzero count`} (${Math.round((Date.now() - started) / 60_000)} min)`,
);
process.exitCode = bad === 0 ? 0 : 1;
