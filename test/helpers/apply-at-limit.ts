// Applies a plan through the provider's own methods, as Pulumi's engine with unbounded parallelism calls them, to an
// in-process Graph that enforces the tenant's throttling limits (throttled-graph.ts), on a fake clock: create, the
// same again (no-op), a promotion to another phase, destroy. For each step: the time it took on that clock, the
// requests it sent, and the minimum (what Graph needs to be told, and the time the limits allow that in).
import type { Clock } from "@sinonjs/fake-timers";
import FakeTimers from "@sinonjs/fake-timers";
import type { PlannedResource } from "../../providers/program.ts";
import type { ProviderState } from "../../providers/runtime.ts";
import { GraphClient } from "../../src/graph/client.ts";
import { RequestBudget, serviceOf } from "../../src/graph/request-budget.ts";
import type { Outs } from "../soak/provider-engine.ts";
import { destroy, up } from "../soak/provider-engine.ts";
import { ORIGIN, throttledGraph } from "./throttled-graph.ts";

export interface StepFigures {
  readonly step: "create" | "no-op" | "promotion" | "destroy";
  /** On the fake clock, from the first request to the last answer. */
  readonly ms: number;
  readonly writes: number;
  readonly reads: number;
  readonly throttled: number;
  readonly minWrites: number;
  readonly minReads: number;
  /** The least time Graph's limits allow the minimum requests in (0 when they fit in one window). */
  readonly minMs: number;
  readonly ok: boolean;
  readonly errors: readonly string[];
}

interface Minimum {
  readonly writes: string[];
  readonly reads: string[];
}

/**
 * What a step must send, as the paths whose service counts them. A create is its POST and each follow-up action, an
 * assignment set with targets one /assign, and two look-ups by name: before the create (never take over an
 * existing object) and after it (a writer racing for the same name; issue 10). A promotion is one /assign per set
 * whose targets change; a destroy one DELETE per object (its assignments go with it).
 */
function minimumOf(step: StepFigures["step"], from: readonly PlannedResource[], to: readonly PlannedResource[]): Minimum {
  const writes: string[] = [];
  const reads: string[] = [];
  const targets = (r: PlannedResource | undefined): string => (r?.resource === "assignments" ? JSON.stringify(r.set.targets) : "");
  const before = new Map(from.map((r) => [r.name, r]));
  for (const r of to) {
    if (step === "create") {
      if (r.resource === "object") {
        writes.push(r.object.collection, ...r.object.actions.map(() => r.object.collection));
        reads.push(r.object.collection, r.object.collection);
      } else if (r.set.targets.length > 0) writes.push(r.collection);
    }
    if (step === "promotion" && r.resource === "assignments" && targets(r) !== targets(before.get(r.name))) writes.push(r.collection);
    if (step === "destroy" && r.resource === "object") writes.push(r.object.collection);
  }
  return { writes, reads };
}

/** Graph's limits per app per tenant (GRAPH-NOTES §10.4), as throttled-graph.ts enforces them. */
const LIMITS = {
  intune: { writes: [100, 20_000], any: [1_000, 20_000] },
  intuneDevices: { writes: [200, 20_000], any: [2_000, 20_000] },
  directory: { writes: [3_000, 150_000], any: [3_500, 10_000] },
} as const;

/** The least time `n` requests take under at most `limit` per `windowMs`: the last can go only when the windows before it have passed. */
const windowsFor = (n: number, [limit, windowMs]: readonly [number, number]): number =>
  n === 0 ? 0 : Math.floor((n - 1) / limit) * windowMs;

function minimumMs(min: Minimum): number {
  let ms = 0;
  for (const service of ["intune", "intuneDevices", "directory"] as const) {
    const writes = min.writes.filter((p) => serviceOf(p) === service).length;
    const all = writes + min.reads.filter((p) => serviceOf(p) === service).length;
    ms = Math.max(ms, windowsFor(writes, LIMITS[service].writes), windowsFor(all, LIMITS[service].any));
  }
  return ms;
}

async function onClock<T>(clock: Clock, work: Promise<T>): Promise<T> {
  let settled = false;
  const watched = work.finally(() => {
    settled = true;
  });
  watched.catch(() => undefined);
  while (!settled) await clock.nextAsync();
  return watched;
}

/** `plan` applied, then promoted to `promoted` (the same plan compiled for another phase), then destroyed. */
export async function applyAtLimit(
  plan: readonly PlannedResource[],
  promoted: readonly PlannedResource[],
  concurrency?: number,
): Promise<StepFigures[]> {
  const clock = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout", "Date"], now: Date.parse("2027-01-04T09:00:00Z") });
  try {
    const graph = throttledGraph();
    const client = new GraphClient({ endpoint: ORIGIN, fetch: graph.fetch, budget: new RequestBudget(), random: () => 0.5 });
    const state: ProviderState = { config: { endpoint: ORIGIN, ...(concurrency ? { concurrency } : {}) }, client };
    const outs = new Map<string, Outs>();
    const figures: StepFigures[] = [];
    const step = async (
      name: StepFigures["step"],
      from: readonly PlannedResource[],
      to: readonly PlannedResource[],
      run: () => Promise<{ ok: boolean; errors: readonly string[] }>,
    ): Promise<void> => {
      // Each step starts with the limits' windows empty, as a run of its own would (the longest window is 150 s).
      await clock.tickAsync(150_000);
      const first = graph.log.length;
      const started = Date.now();
      const result = await onClock(clock, run());
      const log = graph.log.slice(first);
      const min = minimumOf(name, from, to);
      figures.push({
        step: name,
        ms: log.length === 0 ? 0 : Date.now() - started,
        writes: log.filter((l) => l.method !== "GET").length,
        reads: log.filter((l) => l.method === "GET").length,
        throttled: log.filter((l) => l.status === 429).length,
        minWrites: min.writes.length,
        minReads: min.reads.length,
        minMs: minimumMs(min),
        ok: result.ok,
        errors: result.errors.slice(0, 3),
      });
    };
    await step("create", [], plan, () => up(state, plan, outs, "secret-value", false, Infinity));
    await step("no-op", plan, plan, () => up(state, plan, outs, "secret-value", false, Infinity));
    await step("promotion", plan, promoted, () => up(state, promoted, outs, "secret-value", false, Infinity));
    await step("destroy", promoted, promoted, () => destroy(state, promoted, outs, Infinity));
    return figures;
  } finally {
    clock.uninstall();
  }
}
