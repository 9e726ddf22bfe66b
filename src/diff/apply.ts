// What a tenant (or plan revision) looks like after a change set is applied to it, in canonical form. The diff
// engine's contract, checked by property tests: diffStates(applyChangeSet(base, diffStates(base, head)), head)
// changes nothing. Pure.
import type { Json, JsonObject } from "../compile/desired-state.ts";
import type { ChangeSet, PropertyChange } from "./change-set.ts";
import { canonicalBody } from "./normalisation.ts";
import { isPlainObject } from "../graph-model/json.ts";
import type { StateAssignments, StateObject, StateView } from "../compile/state-view.ts";

function applyProperty(body: JsonObject, change: PropertyChange): JsonObject {
  const [head, ...rest] = change.path;
  if (head === undefined) return isPlainObject(change.after) ? change.after : body;
  const { [head]: current, ...others } = body;
  if (rest.length === 0) return change.after === undefined ? others : { ...others, [head]: change.after };
  const child = applyProperty(isPlainObject(current) ? current : {}, { ...change, path: rest });
  return { ...others, [head]: child as Json };
}

export function applyChangeSet(base: StateView, changes: ChangeSet): StateView {
  const before = new Map(base.objects.map((o) => [o.address, o]));
  const objects: StateObject[] = [];
  for (const c of changes.objects) {
    if (c.action === "delete") continue;
    const old = before.get(c.address);
    const start = c.action === "create" || !old ? {} : canonicalBody(old.kind, old.body);
    const body = c.properties.reduce(applyProperty, start);
    objects.push({
      address: c.address,
      kind: c.kind,
      collection: c.collection,
      odataType: c.odataType,
      displayName: c.displayName,
      body,
      origin: "state",
      ...(c.id ? { id: c.id } : {}),
    });
  }
  const assignments: StateAssignments[] = changes.assignments
    .filter((a) => a.action !== "delete")
    .map((a) => ({ address: a.address, of: a.of, targets: a.after }));
  return { side: { ...base.side, phase: changes.head.phase }, objects, assignments, unmanaged: changes.unmanaged };
}
