// One collection's look-up structures, kept beside its id → entity record so that a list page, a `$filter` by
// name and a get by id cost O(page) / O(matches) / O(1) instead of a pass over the whole tenant. Derived data only:
// built from the record on first use and kept current by the tenant's writes, never persisted.
import type { StoredEntity } from "./store.ts";

/** The list order Graph shows (and the emulator's pages follow): creation time, then id, as presented. */
const orderKey = (e: StoredEntity): string => String(e.body["createdDateTime"] ?? null);
const idKey = (e: StoredEntity): string => String(e.body["id"] ?? null);

function compare(a: StoredEntity, b: StoredEntity): number {
  return orderKey(a).localeCompare(orderKey(b)) || idKey(a).localeCompare(idKey(b));
}

export class CollectionIndex {
  /** Ids in list order. Invariant: exactly the keys of the record, sorted by `compare`. */
  private readonly order: string[];
  /** Lower-cased name → ids carrying it (Graph's `eq` on strings ignores case). */
  private readonly byName = new Map<string, Set<string>>();
  /** id → the lower-cased name it is filed under, so a rename or a delete finds its old entry. */
  private readonly nameOf = new Map<string, string>();

  private readonly record: Readonly<Record<string, StoredEntity>>;
  private readonly nameProperty: string;

  /** `record` is the collection itself (read, never written here); `nameProperty` is its displayName or name. */
  constructor(record: Readonly<Record<string, StoredEntity>>, nameProperty: string) {
    this.record = record;
    this.nameProperty = nameProperty;
    this.order = Object.keys(record).sort((a, b) => compare(this.entity(a), this.entity(b)));
    for (const id of this.order) this.file(id);
  }

  private entity(id: string): StoredEntity {
    const e = Object.hasOwn(this.record, id) ? this.record[id] : undefined;
    if (!e) throw new Error(`collection index out of step: no entity ${id}`);
    return e;
  }

  private file(id: string): void {
    const name = this.record[id]?.body[this.nameProperty];
    if (typeof name !== "string") return;
    const key = name.toLowerCase();
    this.nameOf.set(id, key);
    let ids = this.byName.get(key);
    if (!ids) {
      ids = new Set();
      this.byName.set(key, ids);
    }
    ids.add(id);
  }

  private unfile(id: string): void {
    const key = this.nameOf.get(id);
    if (key === undefined) return;
    this.nameOf.delete(id);
    const ids = this.byName.get(key);
    ids?.delete(id);
    if (ids?.size === 0) this.byName.delete(key);
  }

  /** Where `e` sits (or would sit) in the order: binary search, O(log n) comparisons. */
  private position(e: StoredEntity): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.entity(this.order[mid] ?? ""), e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The entity `id` was added, changed or removed in the record: its name and place follow. */
  changed(id: string, wasPresent: boolean): void {
    this.unfile(id);
    const now = Object.hasOwn(this.record, id) ? this.record[id] : undefined;
    if (wasPresent) {
      // Creation time and id never change after a create, so a present entity keeps its place; only a delete moves.
      if (!now) {
        const at = this.order.indexOf(id);
        if (at >= 0) this.order.splice(at, 1);
      }
    } else if (now) {
      this.order.splice(this.position(now), 0, id);
    }
    if (now) this.file(id);
  }

  get size(): number {
    return this.order.length;
  }

  /** The id at list position `at`, or undefined past the end. */
  at(at: number): string | undefined {
    return this.order[at];
  }

  /** The ids whose name equals `name` (ignoring case), in list order. */
  named(name: string): string[] {
    const ids = this.byName.get(name.toLowerCase());
    if (!ids) return [];
    return [...ids].sort((a, b) => compare(this.entity(a), this.entity(b)));
  }
}
