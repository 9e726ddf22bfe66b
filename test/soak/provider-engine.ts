// The soak through the provider's own methods (providers/runtime.ts), called as Pulumi's engine calls them: create
// in dependency order, `refresh` (read) then diff and update, delete in reverse order (an object's assignments go
// with it: deletedWith); ten at a time unless told otherwise.
import type { PlannedResource } from "../../providers/program.ts";
import type { Inputs, ProviderState } from "../../providers/runtime.ts";
import { create, diff, read, remove, update } from "../../providers/runtime.ts";
import type { DagItem } from "./dag.ts";
import { reversed, runDag } from "./dag.ts";

export type Outs = Inputs & { graphId: string };

export interface StepResult {
  readonly ok: boolean;
  /** Resources created, updated or deleted by the step. */
  readonly changed: number;
  readonly errors: readonly string[];
}

/** Pulumi's `--parallel`; the Automation API's default is unbounded (Infinity). */
const PARALLEL = 10;

function inputsOf(r: PlannedResource, outs: ReadonlyMap<string, Outs>, secret: string): Inputs {
  const ids = Object.fromEntries(r.refs.map((a) => [a, outs.get(a)?.graphId ?? ""]));
  return r.resource === "object"
    ? { resource: "object", object: r.object, ids, secretValues: Object.fromEntries(r.secrets.map((n) => [n, secret])) }
    : { resource: "assignments", set: r.set, collection: r.collection, apiVersion: r.apiVersion, ids };
}

const graphOf = (resources: readonly PlannedResource[]): DagItem[] => resources.map((r) => ({ name: r.name, deps: r.refs }));

function result(outcome: { done: number; failed: ReadonlyMap<string, string> }, changed: number): StepResult {
  return { ok: outcome.failed.size === 0, changed, errors: [...outcome.failed].map(([n, m]) => `${n}: ${m}`) };
}

/** `pulumi up` from the state in `outs`: creates what has no state yet; with `refresh`, reads each first and updates what differs. */
export async function up(
  state: ProviderState,
  resources: readonly PlannedResource[],
  outs: Map<string, Outs>,
  secret: string,
  refresh: boolean,
  parallel = PARALLEL,
): Promise<StepResult> {
  const byName = new Map(resources.map((r) => [r.name, r]));
  let changed = 0;
  const outcome = await runDag(graphOf(resources), parallel, async (name) => {
    const r = byName.get(name);
    if (!r) return;
    const news = inputsOf(r, outs, secret);
    let old = outs.get(name);
    if (old && refresh) {
      const seen = await read(state, old.graphId, old);
      old = seen.id && seen.props ? { ...(seen.props as Outs), graphId: seen.id } : undefined;
      if (!old) outs.delete(name);
    }
    if (!old) {
      outs.set(name, (await create(state, news)).outs);
      changed++;
      return;
    }
    if (diff(old, news).changes) {
      outs.set(name, (await update(state, old.graphId, news, old)).outs);
      changed++;
    }
  });
  return result(outcome, changed);
}

/** `pulumi destroy`: deletes every resource in `outs`, dependents first. */
export async function destroy(
  state: ProviderState,
  resources: readonly PlannedResource[],
  outs: Map<string, Outs>,
  parallel = PARALLEL,
): Promise<StepResult> {
  let changed = 0;
  const outcome = await runDag(reversed(graphOf(resources)), parallel, async (name) => {
    const old = outs.get(name);
    if (!old) return;
    // deletedWith: the engine does not delete an object's assignments when it deletes the object too.
    if (!(old.resource === "assignments" && outs.has(old.set.of))) await remove(state, old.graphId, old);
    outs.delete(name);
    changed++;
  });
  return result(outcome, changed);
}
