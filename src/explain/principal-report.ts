// What `intune-plan explain --user U` / `--device D` answers, as its versioned JSON document (`--format json`): for
// one user or device of a tenant in one phase, the plan groups it is in (read from the tenant), every plan object
// that reaches it and through which of its groups or virtual targets, the objects an exclusion of one of its groups
// takes away, and the value each setting ends up with (as the group explain decides it, explain-report.ts). Text and
// Markdown are views of this document.
import type { OverlapLevel } from "../plan/reach.ts";
import type { VirtualTarget } from "../plan/targets.ts";
import type { ExplainedSetting, ReachedObject, Route } from "./explain-report.ts";

export type PrincipalKind = "user" | "device";

/** The user or Entra device as the tenant has it (graph/principal.ts reads it). */
export interface Principal {
  readonly kind: PrincipalKind;
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string | null;
  readonly deviceId: string | null;
}

/** A tenant group the principal is a member of (directly or through nested groups). */
export interface TenantGroup {
  readonly id: string;
  readonly displayName: string;
}

/** A plan group the principal is a member of in the tenant. */
export interface PrincipalGroup {
  readonly address: string;
  readonly key: string;
  readonly displayName: string;
  readonly membership: "assigned" | "dynamic";
  readonly members: "users" | "devices";
  /** The tenant group's id (the one tenant-match.ts matched to the plan group). */
  readonly tenantId: string;
  /** The phase whose audience holds the group, if any. */
  readonly audienceOf: string | null;
}

/** One way an object reaches the principal: through one of its plan groups, or through a virtual target (group null). */
export interface PrincipalRoute {
  readonly group: string | null;
  readonly routes: readonly Route[];
}

export interface PrincipalObject extends ReachedObject {
  /** Every group of the principal (and virtual target) that brings the object in. */
  readonly via: readonly PrincipalRoute[];
}

/** An object that would reach the principal but whose assignment excludes one of its groups. */
export interface PrincipalExcluded {
  readonly address: string;
  readonly displayName: string;
  /** The principal's groups the assignment excludes. */
  readonly excludedBy: readonly string[];
  readonly wouldReachVia: readonly PrincipalRoute[];
  /** Set when the exclusion and every inclusion are of different kinds (user vs device): Intune may not apply it. */
  readonly caveat: string | null;
}

export interface PrincipalExplainReport {
  readonly formatVersion: "1";
  readonly plan: string;
  /** The active phase (default: the last), or null when the plan has no phases. */
  readonly phase: string | null;
  /** Which tenant was read (the connection's label). */
  readonly tenant: string;
  readonly principal: Principal;
  /** The plan groups the principal is a member of, by address. */
  readonly groups: readonly PrincipalGroup[];
  /** How many of the principal's tenant groups are not plan groups (they reach nothing the plan assigns). */
  readonly otherTenantGroups: number;
  /** Plan groups the tenant does not have (yet): nobody is a member of them. */
  readonly planGroupsNotInTenant: readonly string[];
  /** The virtual targets that count for this principal, and how. */
  readonly virtual: readonly { readonly target: VirtualTarget; readonly level: Exclude<OverlapLevel, "none">; readonly reason: string }[];
  readonly objects: readonly PrincipalObject[];
  readonly excluded: readonly PrincipalExcluded[];
  readonly settings: readonly ExplainedSetting[];
}
