// What the diff engine compares: a plan revision compiled for a phase, or a tenant as the Graph layer read it.
// Both sides have the same shape; a tenant side additionally says how each object was tied to a plan address.
import type { DesiredObject, DesiredState, DesiredTarget, JsonObject, Kind } from "../compile/desired-state.ts";
import type { ChangeSide, UnmanagedObject } from "./change-set.ts";

export interface StateObject {
  readonly address: string;
  readonly kind: Kind;
  readonly collection: string;
  readonly odataType: string | null;
  readonly displayName: string;
  readonly body: JsonObject;
  /**
   * Tenant objects only. `state`: the plan owns it (its id is recorded). `name`: found by collection, type and
   * name but not yet owned, so an apply adopts it. Plan revisions omit it: everything in a plan is owned.
   */
  readonly origin?: "state" | "name";
  readonly id?: string;
}

export interface StateAssignments {
  readonly address: string;
  readonly of: string;
  readonly targets: readonly DesiredTarget[];
}

export interface StateView {
  readonly side: ChangeSide;
  readonly objects: readonly StateObject[];
  readonly assignments: readonly StateAssignments[];
  /** Tenant objects that match no plan address: shown, never changed. */
  readonly unmanaged?: readonly UnmanagedObject[];
}

/**
 * Follow-up actions (POST /targetApps, /setPriority) are state too: the view holds each action's body under the
 * action's name (`targetApps`, `setPriority`), so an app list or a priority change is an ordinary property change.
 */
export function withActions(body: JsonObject, actions: DesiredObject["actions"]): JsonObject {
  return actions.length === 0 ? body : { ...body, ...Object.fromEntries(actions.map((a) => [a.path.replace(/^\//, ""), a.body])) };
}

export function viewOfDesired(state: DesiredState, label: string): StateView {
  return {
    side: { label, source: "plan", phase: state.phase },
    objects: state.objects.map(({ address, kind, collection, odataType, displayName, body, actions }) => ({ address, kind, collection, odataType, displayName, body: withActions(body, actions) })),
    assignments: state.assignments.map(({ address, of, targets }) => ({ address, of, targets })),
  };
}
