// `node bench/apply-sample.ts DIR PHASE URL`: one whole-process apply for the bench. Validates and compiles the plan
// in DIR, then drives the provider's own methods (providers/runtime.ts, through the soak's engine stand-in
// test/soak/provider-engine.ts: creates in dependency order, ten at a time) against the emulator at URL (its own
// process, so this process's memory is the provider's). The heap limits are set where the provider host sets them:
// once the provider's runtime has loaded, before anything else (registering and compiling the plan are the program's
// work in a real run, in another process). Prints one JSON line: resources, plan objects, the requests the provider
// sent, whether every create succeeded.
import type { ProviderState } from "../providers/runtime.ts";
import { limitHeapGrowth } from "../providers/runtime.ts";
import type { Outs } from "../test/soak/provider-engine.ts";

const [dir = "", phase = "", url = ""] = process.argv.slice(2);
limitHeapGrowth();
const { planResources } = await import("../providers/program.ts");
const { up } = await import("../test/soak/provider-engine.ts");
const { compiledPlan } = await import("./compiled-plan.ts");
const resources = planResources(compiledPlan(dir, phase));
const state: ProviderState = { config: { endpoint: url } };
const outs = new Map<string, Outs>();
const result = await up(state, resources, outs, "bench-secret", false);
const objects = resources.filter((r) => r.resource === "object").length;
process.stdout.write(
  `${JSON.stringify({ resources: resources.length, objects, requests: state.client?.stats.requests ?? 0, ok: result.ok, errors: result.errors.slice(0, 3) })}\n`,
);
