// `node bench/apply-sample.ts DIR PHASE`: one whole-process apply for the bench. Validates and compiles the plan in
// DIR, then drives the provider's own methods (providers/runtime.ts, through the soak's engine stand-in
// test/soak/provider-engine.ts: creates in dependency order, ten at a time) against an empty emulator started in
// this process. Prints one JSON line: resources, requests the emulator served, whether every create succeeded.
import { planResources } from "../providers/program.ts";
import { seedTenant } from "../src/emulator/seeds.ts";
import { startEmulator } from "../src/emulator/server.ts";
import type { Outs } from "../test/soak/provider-engine.ts";
import { up } from "../test/soak/provider-engine.ts";
import { compiledPlan } from "./compiled-plan.ts";

const [dir = "", phase = ""] = process.argv.slice(2);
const resources = planResources(compiledPlan(dir, phase));
const emulator = await startEmulator({ data: seedTenant("empty") });
try {
  const outs = new Map<string, Outs>();
  const result = await up({ config: { endpoint: emulator.url } }, resources, outs, "bench-secret", false);
  process.stdout.write(`${JSON.stringify({ resources: resources.length, requests: emulator.log.length, ok: result.ok, errors: result.errors.slice(0, 3) })}\n`);
} finally {
  await emulator.close();
}
