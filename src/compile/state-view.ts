// The observed side of the model, next to the desired one (desired-state.ts). What the diff engine compares: a plan revision compiled for a phase, or a tenant as the Graph layer read it.
// Both sides have the same shape; a tenant side additionally says how each object was tied to a plan address, and
// what it knows about who owns them (a Pulumi stack, or nobody said).
import type { DesiredObject, DesiredState, DesiredTarget, JsonObject, Kind } from "./desired-state.ts";

/** One side of a comparison. */
export interface ChangeSide {
  /** What this side is: a plan revision (`main`, `working tree`, a path) or a tenant (`emulator`, a URL). */
  readonly label: string;
  readonly source: "plan" | "tenant";
  readonly phase: string | null;
}

/** A tenant object the plan does not own: listed so reviewers know it is there, never changed. */
export interface UnmanagedObject {
  readonly collection: string;
  readonly odataType: string | null;
  readonly displayName: string;
  readonly id: string;
}

export interface StateObject {
  readonly address: string;
  readonly kind: Kind;
  readonly collection: string;
  readonly odataType: string | null;
  readonly displayName: string;
  readonly body: JsonObject;
  /**
   * Tenant objects only. `state`: the stack owns it (found by the Graph id it recorded). `name`: found by
   * collection, type and name; with a stack, an object the stack does not own; without one, ownership unknown (see
   * OwnershipView). Plan revisions omit it: everything in a plan is owned.
   */
  readonly origin?: "state" | "name";
  readonly id?: string;
  /** Plan revisions only: the plan says to take over a tenant object with this name (`adopt: true`). */
  readonly adopt?: true;
}

export interface StateAssignments {
  readonly address: string;
  readonly of: string;
  readonly targets: readonly DesiredTarget[];
}

/** One Graph object a Pulumi stack owns: a `pulumi-nodejs:dynamic/intune:<Type>` resource of its export. */
export interface OwnedObject {
  /** The plan address the resource was registered under (its Pulumi name). */
  readonly address: string;
  /** The Graph id (the resource's id). */
  readonly id: string;
  readonly kind: Kind;
  /** The collection the object was created in; absent only when the export does not show the resource's outputs. */
  readonly collection?: string;
  /** An earlier `pulumi up` created it but failed after the create (`initErrors`): the next up updates it. */
  readonly partial: boolean;
}

/** What a Pulumi stack owns, from `pulumi stack export`. */
export interface StackOwnership {
  readonly stack: string;
  readonly objects: readonly OwnedObject[];
  /** The addresses of the objects whose assignment sets the stack owns (`…:Assignments` resources). */
  readonly assignmentSets: readonly string[];
}

/**
 * Tenant views only: how the reader tied tenant objects to plan addresses. `stack`: owned objects by their Graph
 * id, every other plan object by name (so a name match is not the stack's); `missing` are owned objects the tenant
 * no longer holds. `unknown`: no stack was given, so every match is by name and may or may not be owned.
 */
export type OwnershipView =
  { readonly source: "stack"; readonly stack: StackOwnership; readonly missing: readonly OwnedObject[] } | { readonly source: "unknown" };

export interface StateView {
  readonly side: ChangeSide;
  readonly objects: readonly StateObject[];
  readonly assignments: readonly StateAssignments[];
  /** Tenant objects that match no plan address: shown, never changed. */
  readonly unmanaged?: readonly UnmanagedObject[];
  /** Tenant views: what is known about who owns the objects (absent: treated as unknown). */
  readonly ownership?: OwnershipView;
}

/**
 * Follow-up actions (POST /targetApps, /setPriority) are state too: the view holds each action's body under the
 * action's name (`targetApps`, `setPriority`), so an app list or a priority change is an ordinary property change.
 */
export function withActions(body: JsonObject, actions: DesiredObject["actions"]): JsonObject {
  return actions.length === 0 ? body : { ...body, ...Object.fromEntries(actions.map((a) => [a.path.replace(/^\//, ""), a.body])) };
}

/** A group's planned members are state too: the view holds their names as `members`, so a change in the list is a property change. */
export function withMembers(body: JsonObject, members: DesiredObject["members"]): JsonObject {
  return members ? { ...body, members: members.names } : body;
}

export function viewOfDesired(state: DesiredState, label: string): StateView {
  return {
    side: { label, source: "plan", phase: state.phase },
    objects: state.objects.map(({ address, kind, collection, odataType, displayName, body, actions, adopt, members }) => ({
      address,
      kind,
      collection,
      odataType,
      displayName,
      body: withMembers(withActions(body, actions), members),
      ...(adopt ? { adopt } : {}),
    })),
    assignments: state.assignments.map(({ address, of, targets }) => ({ address, of, targets })),
  };
}
