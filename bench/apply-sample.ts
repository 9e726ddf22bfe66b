// `node bench/apply-sample.ts DIR PHASE URL`: one whole-process apply for the bench. Validates and compiles the plan
// in DIR, then drives the provider's own methods (providers/runtime.ts, through the soak's engine stand-in
// test/soak/provider-engine.ts: creates in dependency order, ten at a time) against the emulator at URL (its own
// process, so this process's memory is the provider's), with the heap limits the provider host sets when the engine
// configures it. Prints one JSON line: resources, plan objects, the requests the provider sent, whether every create
// succeeded.
import { planResources } from "../providers/program.ts";
import type { ProviderState } from "../providers/runtime.ts";
import { limitHeapGrowth } from "../providers/runtime.ts";
import type { Outs } from "../test/soak/provider-engine.ts";
import { up } from "../test/soak/provider-engine.ts";
import { compiledPlan } from "./compiled-plan.ts";

const [dir = "", phase = "", url = ""] = process.argv.slice(2);
limitHeapGrowth();
const resources = planResources(compiledPlan(dir, phase));
const state: ProviderState = { config: { endpoint: url } };
const outs = new Map<string, Outs>();
const result = await up(state, resources, outs, "bench-secret", false);
const objects = resources.filter((r) => r.resource === "object").length;
process.stdout.write(
  `${JSON.stringify({ resources: resources.length, objects, requests: state.client?.stats.requests ?? 0, ok: result.ok, errors: result.errors.slice(0, 3) })}\n`,
);
