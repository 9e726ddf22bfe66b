// What a tenant holds after each soak step, read from the emulator's own data (never through the faults): how many
// objects carry each plan key's name, and whether any object the plan does not own changed or went away.
import type { DesiredState } from "../../src/compile/desired-state.ts";
import { KINDS } from "../../src/kinds/index.ts";
import type { TenantData } from "../../src/emulator/store.ts";

/** Every entity of the tenant by `collection/id`, as a comparable string (its body, assignments, apps, links). */
export function fingerprints(data: TenantData): Map<string, string> {
  const out = new Map<string, string>();
  for (const [collection, items] of Object.entries(data.collections)) {
    for (const [id, { hiddenFor: _lag, ...entity }] of Object.entries(items)) out.set(`${collection}/${id}`, JSON.stringify(entity));
  }
  return out;
}

/** Plan addresses with their number of tenant objects carrying the address's name (and @odata.type). */
export function copiesPerKey(data: TenantData, state: DesiredState): Map<string, number> {
  return new Map(
    state.objects.map((o) => {
      const name = KINDS[o.kind].nameProperty;
      const items = Object.values(data.collections[o.collection] ?? {});
      return [
        o.address,
        items.filter(
          ({ body }) =>
            body[name] === o.displayName &&
            (o.odataType === null || body["@odata.type"] === undefined || body["@odata.type"] === o.odataType),
        ).length,
      ];
    }),
  );
}

export interface Census {
  /** Plan keys with more than one tenant object. */
  readonly duplicates: number;
  /**
   * After an apply: plan keys with no tenant object. After a destroy: plan keys whose object is still there. After
   * racing applies (`race`): not counted, since writers that lost a name cannot create what depends on it.
   */
  readonly missingOrLeft: number;
  /** Objects that existed before the first apply (not the plan's) that changed or are gone. */
  readonly unmanagedTouched: number;
  readonly detail: readonly string[];
}

export function census(
  data: TenantData,
  state: DesiredState,
  unmanaged: ReadonlyMap<string, string>,
  after: "apply" | "race" | "destroy",
): Census {
  const detail: string[] = [];
  let duplicates = 0;
  let missingOrLeft = 0;
  for (const [address, n] of copiesPerKey(data, state)) {
    if (n > 1) {
      duplicates++;
      detail.push(`${address}: ${n} copies`);
    }
    if (after === "apply" ? n === 0 : after === "destroy" && n > 0) {
      missingOrLeft++;
      detail.push(`${address}: ${after === "apply" ? "missing" : "left behind"}`);
    }
  }
  const now = fingerprints(data);
  let unmanagedTouched = 0;
  for (const [key, print] of unmanaged) {
    if (now.get(key) !== print) {
      unmanagedTouched++;
      detail.push(`${key}: ${now.has(key) ? "changed" : "deleted"} (not the plan's)`);
    }
  }
  return { duplicates, missingOrLeft, unmanagedTouched, detail };
}
