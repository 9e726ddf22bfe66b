// The compiler's output: one DesiredObject per Graph object and one DesiredAssignmentSet per assignable object.
// Plain JSON only. Cross-object references stay symbolic (`{ "$ref": "groups.it-pilot" }`) because ids exist only
// per tenant; the Graph layer resolves them at apply time. Secrets stay `{ "secret": NAME }`.

import type { Kind } from "../kinds/index.ts";
import { KINDS } from "../kinds/index.ts";
export type { Kind };
export { KIND_ORDER } from "../kinds/index.ts";

/**
 * Kinds whose tenant objects the plan never deletes (tenant singletons, device cleanup rules; KINDS lifecycle):
 * leaving the plan leaves the object in the tenant as it is (docs/tenant-singletons.md).
 */
export const neverDeleted = (kind: Kind): boolean => KINDS[kind].lifecycle !== "owned";

import type { Json, JsonObject } from "../graph-model/json.ts";
export type { Json, JsonObject };

/** A symbolic reference to another plan object, resolved to its Graph id per tenant. */
export type Ref = { readonly $ref: string };

export interface DesiredObject {
  /** `<section>.<key>`, unique in the state and stable across phases: the Pulumi resource name. */
  readonly address: string;
  readonly kind: Kind;
  /** Graph collection path relative to the version root, e.g. /deviceManagement/deviceCompliancePolicies. */
  readonly collection: string;
  readonly apiVersion: "beta" | "v1.0";
  /** `#microsoft.graph.*`, or null for collections that are not polymorphic (groups, settings catalog, filters). */
  readonly odataType: string | null;
  /** The name Graph matches on when there is no state (`name` for settings catalog, else displayName). */
  readonly displayName: string;
  readonly body: JsonObject;
  /** Follow-up actions on the created object, in order (targetApps, setPriority). */
  readonly actions: readonly { readonly path: string; readonly body: JsonObject }[];
  readonly dependsOn: readonly string[];
  /** The plan says to take over an existing tenant object with this name (`adopt: true`). */
  readonly adopt?: true;
  /** Addresses this object had before (`renamedFrom`): the same tenant object, kept under its new address. */
  readonly renamedFrom?: readonly string[];
  /**
   * Groups whose plan lists their members (`memberList`): who the plan puts in the group, by userPrincipalName or
   * device name, resolved to ids per tenant. Not part of the body: the group's own write adds them (members/$ref)
   * once it exists, and removes only the ones the plan listed before.
   */
  readonly members?: PlannedMembers;
}

/** An assigned group's planned members: sorted, each name once (compared without regard to case). */
export interface PlannedMembers {
  readonly of: "users" | "devices";
  readonly names: readonly string[];
}

export type TargetKind = "group" | "exclusionGroup" | "allDevices" | "allLicensedUsers";

export interface DesiredTarget {
  readonly kind: TargetKind;
  readonly group?: string;
  readonly filter?: { readonly address: string; readonly mode: "include" | "exclude" };
  /**
   * Properties of the assignment beside its target: a remediation's runRemediationScript and runSchedule
   * (deviceHealthScriptAssignment). Part of the target's identity: a changed schedule replaces the target.
   */
  readonly settings?: JsonObject;
}

export interface DesiredAssignmentSet {
  /** `<object address>#assignments`. */
  readonly address: string;
  readonly of: string;
  /**
   * How Graph takes the set. `/assign`: one POST to the object's assign action with the full list under `bodyKey`.
   * `/assignments` (terms and conditions, GRAPH-NOTES §9.2): assignments are child entities, one POST to the
   * object's assignments collection per target added and one DELETE per target removed.
   */
  /** `/assign`, its type-cast form (app configuration for managed devices, GRAPH-NOTES §8.2), or child `/assignments`. */
  readonly action: "/assign" | "/microsoft.graph.managedDeviceMobileAppConfiguration/assign" | "/assignments";
  readonly bodyKey:
    | "assignments"
    | "enrollmentConfigurationAssignments"
    | "deviceManagementScriptAssignments"
    | "deviceHealthScriptAssignments"
    | "mobileAppAssignments";
  /** Sorted by kind, then group: the set Graph will hold after /assign (order is not preserved by Graph). */
  readonly targets: readonly DesiredTarget[];
  readonly dependsOn: readonly string[];
}

export interface DesiredState {
  readonly formatVersion: "1";
  readonly plan: string;
  /** Active phase key, or null when the plan has no phases. */
  readonly phase: string | null;
  /** Dependency order: groups, tags, filters, roles, then policies, each by address. */
  readonly objects: readonly DesiredObject[];
  readonly assignments: readonly DesiredAssignmentSet[];
}
