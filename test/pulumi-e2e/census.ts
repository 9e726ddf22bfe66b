// What the emulated tenant holds, counted the way a reviewer would check an apply: per plan key, how many tenant
// objects carry its name, and a snapshot of every object in the collections the plan writes to.
import type { DesiredState } from "../../src/index.ts";
import { checkPlan, compile, hasErrors, KINDS, readPlanInputs, tenantSettingsItem } from "../../src/index.ts";
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
    if (out.has(key)) continue;
    // The tenant settings singleton is one object at its path, with the id the plan records for it.
    const info = KINDS[o.kind];
    if (info.lifecycle === "singleton")
      out.set(key, [
        tenantSettingsItem((await ws.graph("GET", `/${o.apiVersion}${info.list}`)) as Parameters<typeof tenantSettingsItem>[0]),
      ]);
    else out.set(key, await ws.list(o.apiVersion, o.collection));
  }
  return out;
}

/**
 * What `pulumi destroy` left wrong, compared with the ids the tenant held before the first `up`: the plan's own
 * collections must hold exactly those again; tenant singletons and cleanup rules are never deleted
 * (docs/tenant-singletons.md), so their collections must still hold what they held before plus the plan's rules.
 */
export async function destroyProblems(ws: Workspace, state: DesiredState, before: Record<string, string[]>): Promise<string[]> {
  const after = idsOf(await snapshot(ws, state));
  const kept = new Set(state.objects.filter((o) => KINDS[o.kind].lifecycle !== "owned").map((o) => `${o.apiVersion}${o.collection}`));
  const problems: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[key] ?? [];
    const a = after[key] ?? [];
    if (!kept.has(key) && JSON.stringify(a) !== JSON.stringify(b))
      problems.push(`${key}: ${JSON.stringify(b)} before, ${JSON.stringify(a)} after`);
    if (kept.has(key)) for (const id of b) if (!a.includes(id)) problems.push(`${key}: ${id} was deleted`);
  }
  const left = await copiesPerKey(ws, state);
  for (const o of state.objects)
    if (KINDS[o.kind].lifecycle !== "owned" && left.get(o.address) !== 1) problems.push(`${o.address}: not kept`);
  return problems;
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
