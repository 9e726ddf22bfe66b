// Which tenant object is which plan address (pure: Graph items in, the diff engine's tenant view out). With a
// Pulumi stack, the objects it owns are found by the Graph id it recorded (under their new address when the plan
// says `renamedFrom`), also those the plan no longer has (they become deletes), and every other plan object by
// collection + @odata.type + name: a name match is then an object
// the stack does not own. Without a stack every plan object is matched by name and ownership is unknown. Two name
// candidates are an error, never a guess (DESIGN §6). Without a plan (import) every item gets an address made
// from its name. Tenant objects matched to nothing are listed as unmanaged.
import type { DesiredObject, JsonObject } from "../compile/desired-state.ts";
import type { UnmanagedObject } from "../compile/state-view.ts";
import type { OwnedObject, OwnershipView, StackOwnership, StateAssignments, StateObject, StateView } from "../compile/state-view.ts";
import { compareText } from "../text-order.ts";
import type { KindInfo } from "../kinds/index.ts";
import { nameOf, observedBody, observedTargets } from "./observe.ts";

import { AmbiguousMatchError } from "./tenant-errors.ts";

export { AmbiguousMatchError } from "./tenant-errors.ts";

/** One Graph item as read, with its assignments. */
export interface TenantItem {
  readonly info: KindInfo;
  readonly collection: string;
  readonly item: JsonObject;
  readonly assignments: readonly JsonObject[];
}

export interface MatchOptions {
  readonly label: string;
  /** The plan's objects to match. Without them (import), every item is addressed by its name. */
  readonly desired?: readonly DesiredObject[];
  /** What a Pulumi stack owns (`preview --stack`): those objects are matched by id, never by name. */
  readonly stack?: StackOwnership;
}

export interface TenantMatch {
  readonly view: StateView;
  /** Plan address → tenant id, for every matched object. */
  readonly ids: ReadonlyMap<string, string>;
  /** The Graph items behind the view, by address (import reads them). */
  readonly items: ReadonlyMap<string, TenantItem>;
}

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "unnamed";
const idOf = (t: TenantItem): string => String(t.item["id"]);
const typeOf = (t: TenantItem): string | null => (typeof t.item["@odata.type"] === "string" ? t.item["@odata.type"] : t.info.baseType);

/**
 * Owned objects by the id the stack recorded, in the kind (and collection) it recorded; the rest are missing. An
 * owned address the plan lists in an object's `renamedFrom` is that object's: the program registers the old address
 * as an alias, so Pulumi moves the resource instead of deleting it (unless the stack owns the new address too).
 * The ownership returned uses the plan's addresses.
 */
function matchOwned(
  byId: ReadonlyMap<string, TenantItem>,
  stack: StackOwnership | undefined,
  desired: readonly DesiredObject[],
): { found: Map<string, TenantItem>; missing: OwnedObject[]; stack: StackOwnership | undefined } {
  const found = new Map<string, TenantItem>();
  const missing: OwnedObject[] = [];
  if (!stack) return { found, missing, stack };
  const ownedAddresses = new Set(stack.objects.map((o) => o.address));
  const renamedTo = new Map(
    desired.flatMap((o) => (o.renamedFrom ?? []).filter(() => !ownedAddresses.has(o.address)).map((old) => [old, o.address] as const)),
  );
  const objects = stack.objects.map((o) => ({ ...o, address: renamedTo.get(o.address) ?? o.address }));
  for (const o of objects) {
    const t = byId.get(o.id.toLowerCase());
    if (t && t.info.kind === o.kind && (o.collection === undefined || t.collection === o.collection)) found.set(o.address, t);
    else missing.push(o);
  }
  const assignmentSets = stack.assignmentSets.map((of) => renamedTo.get(of) ?? of);
  return { found, missing, stack: renamedTo.size > 0 ? { ...stack, objects, assignmentSets } : stack };
}

/**
 * Plan objects by collection + name (+ @odata.type). The items are indexed by collection and name once: scanning
 * every item for every plan object made preview of a tenant holding the plan quadratic (issue 12).
 */
function matchByName(
  items: readonly TenantItem[],
  desired: readonly DesiredObject[],
  skip: ReadonlySet<string>,
  taken: Set<TenantItem>,
): Map<string, TenantItem> {
  const found = new Map<string, TenantItem>();
  const byName = new Map<string, TenantItem[]>();
  for (const t of items) {
    const key = `${t.collection}\n${nameOf(t.info, t.item)}`;
    const list = byName.get(key);
    if (list) list.push(t);
    else byName.set(key, [t]);
  }
  for (const o of desired) {
    if (skip.has(o.address)) continue;
    const named = byName.get(`${o.collection}\n${o.displayName}`) ?? [];
    const candidates = named.filter((t) => !taken.has(t) && (o.odataType === null || typeOf(t) === o.odataType));
    if (candidates.length > 1) throw new AmbiguousMatchError(o.address, o.displayName, candidates.map(idOf));
    const [only] = candidates;
    if (only) {
      found.set(o.address, only);
      taken.add(only);
    }
  }
  return found;
}

function addressByName(items: readonly TenantItem[]): Map<string, TenantItem> {
  const found = new Map<string, TenantItem>();
  for (const t of items) {
    // Tenant singletons have the addresses the plan gives them: the settings' part, a cleanup rule's platform.
    const fixed =
      t.info.kind === "tenantSettings" ? "compliance" : t.info.kind === "deviceCleanupRule" ? nameOf(t.info, t.item) : undefined;
    const base = `${t.info.section}.${fixed ?? slug(nameOf(t.info, t.item))}`;
    let address = base;
    for (let n = 2; found.has(address); n++) address = `${base}-${n}`;
    found.set(address, t);
  }
  return found;
}

/** `endpoint` builds the bind URLs of built-in roles (see observedBody). */
export function matchTenant(items: readonly TenantItem[], options: MatchOptions, endpoint: string): TenantMatch {
  const matched = new Map<string, TenantItem>();
  const origin = new Map<string, "state" | "name">();
  let ownership: OwnershipView = { source: "unknown" };
  const inPlan = new Set(options.desired?.map((o) => o.address));
  if (options.desired) {
    const owned = matchOwned(new Map(items.map((t) => [idOf(t).toLowerCase(), t])), options.stack, options.desired);
    // An owned object the plan dropped stays a name candidate: a plan object that takes its name meets it at apply.
    const taken = new Set([...owned.found].filter(([address]) => inPlan.has(address)).map(([, t]) => t));
    const named = matchByName(items, options.desired, new Set(owned.found.keys()), taken);
    for (const [address, t] of owned.found) {
      matched.set(address, t);
      origin.set(address, "state");
    }
    for (const [address, t] of named) {
      matched.set(address, t);
      origin.set(address, "name");
    }
    if (owned.stack) ownership = { source: "stack", stack: owned.stack, missing: owned.missing };
  } else {
    for (const [address, t] of addressByName(items)) {
      matched.set(address, t);
      origin.set(address, "name");
    }
  }

  // References resolve to plan addresses; where an object is both a dropped owned address and a plan object's name
  // match, the plan's address wins.
  const addressById = new Map<string, string>();
  for (const [address, t] of matched)
    if (!addressById.has(idOf(t).toLowerCase()) || inPlan.has(address)) addressById.set(idOf(t).toLowerCase(), address);
  const addressOf = (id: string): string | undefined => addressById.get(id.toLowerCase());
  const objects: StateObject[] = [];
  const assignments: StateAssignments[] = [];
  for (const [address, t] of matched) {
    objects.push({
      address,
      kind: t.info.kind,
      collection: t.collection,
      odataType: typeOf(t),
      displayName: nameOf(t.info, t.item),
      body: observedBody(t.info, t.item, addressOf, endpoint),
      origin: origin.get(address) ?? "name",
      id: idOf(t),
    });
    if (t.info.assignable)
      assignments.push({ address: `${address}#assignments`, of: address, targets: observedTargets(t.assignments, addressOf) });
  }
  // Groups are left out: every tenant holds many the plan never references.
  const used = new Set(matched.values());
  const unmanaged: UnmanagedObject[] = items
    .filter((t) => !used.has(t) && t.info.kind !== "group")
    .map((t) => ({
      collection: t.collection,
      odataType: typeof t.item["@odata.type"] === "string" ? t.item["@odata.type"] : null,
      displayName: nameOf(t.info, t.item),
      id: idOf(t),
    }))
    .sort((a, b) => compareText(a.collection, b.collection) || compareText(a.displayName, b.displayName));
  return {
    view: { side: { label: options.label, source: "tenant", phase: null }, objects, assignments, unmanaged, ownership },
    ids: new Map([...matched].map(([a, t]) => [a, idOf(t)])),
    items: matched,
  };
}
