// Reads a tenant into the diff engine's view, in O(collections + pages) requests: one list per collection with
// $expand where Graph supports it, plus settings-catalog assignments through $batch (20 per request, N5). Plan
// objects are matched by recorded id, else by collection + @odata.type + name; two candidates are an error,
// never a guess (DESIGN §6). Tenant objects the plan does not match are listed as unmanaged.
import type { DesiredObject, JsonObject, Kind } from "../compile/desired-state.ts";
import type { UnmanagedObject } from "../diff/change-set.ts";
import type { StateAssignments, StateObject, StateView } from "../diff/state-view.ts";
import { compareText } from "../text-order.ts";
import type { GraphClient } from "./client.ts";
import { GraphRequestError } from "./errors.ts";
import type { KindInfo } from "./kinds.ts";
import { collectionsOf, KINDS } from "./kinds.ts";
import { nameOf, observedBody, observedTargets } from "./observe.ts";

export class AmbiguousMatchError extends Error {
  readonly address: string;
  readonly ids: readonly string[];
  constructor(address: string, name: string, ids: readonly string[]) {
    super(`${address}: ${ids.length} tenant objects are named "${name}" (${ids.join(", ")}); intune-plan will not guess. Rename or delete the extra ones, or record the right id in state.`);
    this.address = address;
    this.ids = ids;
  }
}

export interface ReadOptions {
  readonly label: string;
  /** The plan's objects to match. Without them (import), every object Graph does not own is read, addressed by name. */
  readonly desired?: readonly DesiredObject[];
  /** Recorded ids (Pulumi state): plan address → tenant id. */
  readonly stateIds?: ReadonlyMap<string, string>;
  /** Kinds to read when there is no plan; default all. */
  readonly kinds?: readonly Kind[];
}

export interface TenantItem {
  readonly info: KindInfo;
  readonly collection: string;
  readonly item: JsonObject;
  readonly assignments: readonly JsonObject[];
}

export interface TenantRead {
  readonly view: StateView;
  /** Plan address → tenant id, for every matched object. */
  readonly ids: ReadonlyMap<string, string>;
  /** The Graph items behind the view, by address (import reads them). */
  readonly items: ReadonlyMap<string, TenantItem>;
  /** Requests this read made (retries included). */
  readonly requests: number;
}

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "unnamed";

async function readItems(client: GraphClient, kinds: readonly Kind[]): Promise<TenantItem[]> {
  const out: TenantItem[] = [];
  for (const kind of kinds) {
    const info = KINDS[kind];
    for (const { collection, list } of collectionsOf(kind)) {
      const items = (await client.list(list, info.version)).filter((i) => !info.builtIn(i));
      let assignments: (readonly JsonObject[])[] = items.map((i) => (Array.isArray(i["assignments"]) ? (i["assignments"] as JsonObject[]) : []));
      if (info.assignmentsByBatch) {
        const replies = await client.batchGet(items.map((i) => `${collection}/${String(i["id"])}/assignments`), info.version);
        assignments = replies.map((r) => {
          if (r instanceof GraphRequestError) throw r;
          return Array.isArray(r["value"]) ? (r["value"] as JsonObject[]) : [];
        });
      }
      items.forEach((item, i) => out.push({ info, collection, item, assignments: assignments[i] ?? [] }));
    }
  }
  return out;
}

/** The kinds a plan needs read: its own, plus those its references point into. */
function kindsFor(desired: readonly DesiredObject[]): Kind[] {
  const kinds = new Set<Kind>(desired.map((o) => o.kind));
  for (const k of ["group", "scopeTag", "assignmentFilter"] as const) kinds.add(k);
  if (kinds.has("roleAssignment")) kinds.add("roleDefinition");
  return [...kinds];
}

export async function readTenant(client: GraphClient, options: ReadOptions): Promise<TenantRead> {
  const before = client.stats.requests;
  const kinds = options.desired ? kindsFor(options.desired) : (options.kinds ?? (Object.keys(KINDS) as Kind[]));
  const items = await readItems(client, kinds);
  const byId = new Map(items.map((t) => [String(t.item["id"]).toLowerCase(), t]));
  const matched = new Map<string, TenantItem>();
  const taken = new Set<TenantItem>();
  const origin = new Map<string, "state" | "name">();

  if (options.desired) {
    for (const o of options.desired) {
      const recorded = options.stateIds?.get(o.address);
      if (recorded !== undefined) {
        const t = byId.get(recorded.toLowerCase());
        if (t && t.collection === o.collection) { matched.set(o.address, t); taken.add(t); origin.set(o.address, "state"); }
        continue;
      }
      const candidates = items.filter((t) => !taken.has(t) && t.collection === o.collection && nameOf(t.info, t.item) === o.displayName && (o.odataType === null || (t.item["@odata.type"] ?? t.info.baseType) === o.odataType));
      if (candidates.length > 1) throw new AmbiguousMatchError(o.address, o.displayName, candidates.map((t) => String(t.item["id"])));
      const [only] = candidates;
      if (only) { matched.set(o.address, only); taken.add(only); origin.set(o.address, "name"); }
    }
  } else {
    const used = new Set<string>();
    for (const t of items) {
      const base = `${t.info.section}.${slug(nameOf(t.info, t.item))}`;
      let address = base;
      for (let n = 2; used.has(address); n++) address = `${base}-${n}`;
      used.add(address);
      matched.set(address, t);
      taken.add(t);
      origin.set(address, "name");
    }
  }

  const addressById = new Map([...matched].map(([address, t]) => [String(t.item["id"]).toLowerCase(), address]));
  const addressOf = (id: string): string | undefined => addressById.get(id.toLowerCase());
  const objects: StateObject[] = [];
  const assignments: StateAssignments[] = [];
  for (const [address, t] of matched) {
    const id = String(t.item["id"]);
    objects.push({
      address, kind: t.info.kind, collection: t.collection,
      odataType: typeof t.item["@odata.type"] === "string" ? t.item["@odata.type"] : t.info.baseType,
      displayName: nameOf(t.info, t.item), body: observedBody(t.info, t.item, addressOf, client.endpoint),
      origin: origin.get(address) ?? "name", id,
    });
    if (t.info.assignable) assignments.push({ address: `${address}#assignments`, of: address, targets: observedTargets(t.assignments, addressOf) });
  }
  // Groups are left out: every tenant holds many the plan never references.
  const unmanaged: UnmanagedObject[] = items.filter((t) => !taken.has(t) && t.info.kind !== "group").map((t) => ({
    collection: t.collection, odataType: typeof t.item["@odata.type"] === "string" ? t.item["@odata.type"] : null, displayName: nameOf(t.info, t.item), id: String(t.item["id"]),
  })).sort((a, b) => compareText(a.collection, b.collection) || compareText(a.displayName, b.displayName));
  return {
    view: { side: { label: options.label, source: "tenant", phase: null }, objects, assignments, unmanaged },
    ids: new Map([...matched].map(([a, t]) => [a, String(t.item["id"])])),
    items: matched,
    requests: client.stats.requests - before,
  };
}
