// A tenant that already holds a compiled plan's objects and assignments, built without HTTP: the requests an apply
// would send (compile --requests) are answered by the emulator's own router in this process, so the result is
// exactly what an apply through Graph leaves, at a fraction of the cost. Used as the `--state` seed for preview.
import type { DesiredState } from "../src/compile/desired-state.ts";
import { resolveRefs } from "../src/compile/refs.ts";
import { plannedRequests } from "../src/compile/requests.ts";
import type { JsonValue } from "../src/emulator/graph-types.ts";
import { route } from "../src/emulator/routes.ts";
import { seedTenant } from "../src/emulator/seeds.ts";
import type { TenantData } from "../src/emulator/store.ts";
import { EmulatedTenant } from "../src/emulator/tenant.ts";

const ORIGIN = "http://127.0.0.1:1";

export function tenantHolding(state: DesiredState): TenantData {
  const data = seedTenant("empty");
  const tenant = new EmulatedTenant(data);
  // Generated plans use made-up settings-catalog ids that no catalog has.
  tenant.settingDefinitions = "any";
  const ids = new Map<string, string>();
  const idOf = (address: string): string => {
    const id = ids.get(address);
    if (id === undefined) throw new Error(`seed: ${address} is used before it is created`);
    return id;
  };
  for (const r of plannedRequests(state, ORIGIN)) {
    const url = r.url.slice(ORIGIN.length).replace(/\{id:([^}]+)\}/g, (_, a: string) => idOf(a));
    const version = url.startsWith("/v1.0/") ? "v1.0" : "beta";
    const body = resolveRefs(r.body, idOf) as JsonValue;
    const res = route(tenant, { method: r.method, url: url.slice(version.length + 1), version, body }, ORIGIN);
    if (res.status >= 300) throw new Error(`seed: ${r.method} ${url} answered ${res.status}`);
    const created = typeof res.body === "object" ? res.body["id"] : undefined;
    if (!ids.has(r.address) && typeof created === "string") ids.set(r.address, created);
  }
  tenant.takeWrites();
  return data;
}
