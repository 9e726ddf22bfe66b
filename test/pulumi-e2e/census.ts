// What the emulated tenant holds, counted the way a reviewer would check an apply: per plan key, how many tenant
// objects carry its name, and a snapshot of every object in the collections the plan writes to.
import type { DesiredState } from "../../src/index.ts";
import { checkPlan, compile, hasErrors, KINDS, readPlanInputs } from "../../src/index.ts";
import type { JsonObject, Workspace } from "./workspace.ts";

/** The workspace's plan compiled for `phase` (undefined: the last); throws when it does not validate. */
export function compiledPlan(ws: Workspace, phase?: string): DesiredState {
  const { inputs, diagnostics } = readPlanInputs([`${ws.dir}/plan`]);
  const checked = checkPlan(inputs, diagnostics);
  if (!checked.plan || hasErrors(checked.diagnostics))
    throw new Error(`the test plan does not validate: ${checked.diagnostics.map((d) => d.message).join("; ")}`);
  return compile(checked.plan, phase);
}

/** Every object in each collection the plan writes to, by collection. */
export async function snapshot(ws: Workspace, state: DesiredState): Promise<Map<string, JsonObject[]>> {
  const out = new Map<string, JsonObject[]>();
  for (const o of state.objects) {
    const key = `${o.apiVersion}${o.collection}`;
    if (!out.has(key)) out.set(key, await ws.list(o.apiVersion, o.collection));
  }
  return out;
}

/** How many tenant objects carry each plan object's name (a correct apply: exactly 1 for every address). */
export async function copiesPerKey(ws: Workspace, state: DesiredState): Promise<Map<string, number>> {
  const tenant = await snapshot(ws, state);
  return new Map(
    state.objects.map((o) => {
      const name = KINDS[o.kind].nameProperty;
      const items = tenant.get(`${o.apiVersion}${o.collection}`) ?? [];
      return [
        o.address,
        items.filter(
          (i) => i[name] === o.displayName && (o.odataType === null || i["@odata.type"] === undefined || i["@odata.type"] === o.odataType),
        ).length,
      ];
    }),
  );
}

/** Addresses whose copy count is not 1, with the count: empty when the tenant holds exactly one per plan key. */
export async function notExactlyOnce(ws: Workspace, state: DesiredState): Promise<string[]> {
  return [...(await copiesPerKey(ws, state))].filter(([, n]) => n !== 1).map(([a, n]) => `${a}: ${n}`);
}

/** Ids per collection, sorted: compared before the first `up` and after `destroy`. */
export function idsOf(tenant: Map<string, JsonObject[]>): Record<string, string[]> {
  return Object.fromEntries([...tenant].map(([k, items]) => [k, items.map((i) => String(i["id"])).sort()]));
}
