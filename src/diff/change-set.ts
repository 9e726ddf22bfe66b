// The change set: what an apply would change, in one versioned JSON form that every renderer reads (terminal,
// Markdown, JSON, SARIF), so people and machines always see the same thing. Documented in docs/change-set.md;
// a breaking change to this shape bumps formatVersion.
import type { ChangeSide, UnmanagedObject } from "../compile/state-view.ts";
export type { ChangeSide, UnmanagedObject };
import type { DesiredTarget, Json, Kind } from "../compile/desired-state.ts";

export type ObjectAction = "create" | "update" | "replace" | "delete" | "adopt" | "no-op";
export type AssignmentAction = "create" | "update" | "delete" | "no-op";

/** One property that differs, at a path in the canonical body. A missing before/after means "not set". */
export interface PropertyChange {
  readonly path: readonly string[];
  readonly before?: Json;
  readonly after?: Json;
  /** Graph cannot update this property in place: the object is replaced (deleted and created again). */
  readonly forcesReplace?: true;
}

export interface ObjectChange {
  readonly address: string;
  readonly kind: Kind;
  readonly collection: string;
  readonly odataType: string | null;
  readonly displayName: string;
  readonly action: ObjectAction;
  /** The tenant's id, when the base is a tenant and the object exists there. */
  readonly id?: string;
  /** Every differing property (create: every property of the new body; delete: none). */
  readonly properties: readonly PropertyChange[];
  /**
   * Tenant bases, objects the tenant holds: found by the Graph id a Pulumi stack recorded (`id`), or by collection,
   * `@odata.type` and name (`name`: with a stack, an object the stack does not own; without one, ownership unknown).
   */
  readonly matchedBy?: "id" | "name";
  /**
   * A kind that holds its targets in its body (Conditional Access): whom it applies to before and after the change,
   * as assignment targets, so that it reaches new people the way an assignment set does. Absent for other kinds.
   */
  readonly bodyTargets?: { readonly before: readonly DesiredTarget[]; readonly after: readonly DesiredTarget[] };
}

export interface AssignmentChange {
  /** `<object address>#assignments`. */
  readonly address: string;
  readonly of: string;
  readonly action: AssignmentAction;
  readonly added: readonly DesiredTarget[];
  readonly removed: readonly DesiredTarget[];
  /** The complete target list after the change (what /assign sends; Graph replaces, never merges). */
  readonly after: readonly DesiredTarget[];
}

export type RiskCode =
  | "deletion"
  | "replacement"
  | "widened-assignment"
  | "relaxed-setting"
  | "phase-skipped"
  | "phase-rolled-back"
  | "narrowed-assignment"
  | "terms-changed"
  | "access-lockout"
  | "access-enforced"
  | "app-reference"
  | "template-outdated";
export type RiskSeverity = "high" | "medium" | "low";

/** A group an apply newly reaches, with the users it is estimated to hold. */
export interface ReachedGroup {
  /** A plan group address, or `allLicensedUsers` / `allDevices`. */
  readonly group: string;
  readonly displayName: string;
  /** null when the plan gives no basis for an estimate. */
  readonly estimatedUsers: number | null;
  /**
   * Where the figure comes from: the group's user members in the tenant (with any the plan lists that it lacks),
   * the group's planned members (`memberList`, exact), its `estimatedMembers`, its phase's `users`, or the sum of
   * every phase.
   */
  readonly basis: "tenant" | "memberList" | "estimatedMembers" | "phase" | "allPhases" | "unknown";
  /** Assignment sets (by object address) that newly reach it. */
  readonly reachedBy: readonly string[];
  /**
   * Another newly reached group that already holds these users (`allLicensedUsers` holds every user group), so
   * they are not added to `estimatedNewUsers` again. Absent: the group's users count in that total.
   */
  readonly within?: string;
  /**
   * Of this group's planned members, how many an earlier newly reached group already lists (the same person in two
   * rings): they are not added to `estimatedNewUsers` again. Absent when none.
   */
  readonly alreadyCounted?: number;
}

export interface Risk {
  readonly code: RiskCode;
  readonly severity: RiskSeverity;
  readonly message: string;
  /** The object the risk is about; absent for change-set-wide risks (phase skipped). */
  readonly address?: string;
  /** relaxed-setting: the property and its values. */
  readonly path?: readonly string[];
  readonly before?: Json;
  readonly after?: Json;
  /** widened-assignment: the groups newly reached. */
  readonly groups?: readonly string[];
  /** Where the object is declared in the head plan, when the caller knows (the CLI does). */
  readonly location?: { readonly file: string; readonly line: number; readonly column: number };
}

/** Tenant bases only: where the report's idea of ownership comes from. */
export type Ownership =
  | { readonly source: "stack"; readonly stack: string; readonly objects: number; readonly assignmentSets: number }
  /** No stack was given: objects are matched by name, and whether a stack owns them is not known. */
  | { readonly source: "unknown"; readonly matchedByName: number };

export type FindingCode = "name-taken" | "renamed-key" | "missing-from-tenant" | "partially-created";

/**
 * Something about ownership that an apply would run into (tenant bases with a stack). `error`: `pulumi up` would
 * fail or do harm, and preview exits 1; `warning`: the stack and the tenant disagree, and the message says what
 * each preview shows.
 */
export interface OwnershipFinding {
  readonly code: FindingCode;
  readonly severity: "error" | "warning";
  readonly address: string;
  /** The Graph id involved: the tenant object that holds the name, or the owned object. */
  readonly id: string;
  readonly message: string;
  /** The fix, in full sentences. */
  readonly hint: string;
}

export interface ChangeSummary {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly adopt: number;
  readonly unchanged: number;
  readonly assignmentsChanged: number;
  readonly assignmentsUnchanged: number;
  readonly risks: { readonly high: number; readonly medium: number; readonly low: number };
  readonly newlyReached: readonly ReachedGroup[];
  /** Sum of the known estimates of newlyReached, except groups `within` another; groups without an estimate add nothing. */
  readonly estimatedNewUsers: number;
}

export interface ChangeSet {
  readonly plan: string;
  readonly base: ChangeSide;
  readonly head: ChangeSide;
  /** Tenant bases only. */
  readonly ownership?: Ownership;
  readonly summary: ChangeSummary;
  /** Tenant bases only: errors first, then by address and code. */
  readonly findings?: readonly OwnershipFinding[];
  /** Highest severity first, then by code and address. */
  readonly risks: readonly Risk[];
  /** In compile order (kind, then address), no-ops included so the set is complete. */
  readonly objects: readonly ObjectChange[];
  readonly assignments: readonly AssignmentChange[];
  readonly unmanaged: readonly UnmanagedObject[];
}

/** The document every renderer reads: one change set per compared phase. */
export interface ChangeReport {
  readonly formatVersion: "1";
  readonly changeSets: readonly ChangeSet[];
}

export const hasChanges = (set: ChangeSet): boolean =>
  set.objects.some((o) => o.action !== "no-op") || set.assignments.some((a) => a.action !== "no-op");

/** An apply of this set would fail or do harm (a name taken, an adoption the same run deletes). */
export const hasErrorFindings = (set: ChangeSet): boolean => (set.findings ?? []).some((f) => f.severity === "error");
