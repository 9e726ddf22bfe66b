// What a rollout owner reads from the tenant for a phase: per policy, the devices and users it reached and how they
// report; for the phase, who enrolled and how compliant their devices are. Plain data, filled by the Graph layer
// (src/graph/rollout-health.ts) and judged by the rollout gate (src/rollout/gate.ts); no I/O here.
import type { Kind } from "./desired-state.ts";

/** Graph's six outcomes for one policy, as device or user counts. `reached` is their sum. */
export interface Outcomes {
  readonly reached: number;
  readonly succeeded: number;
  /** Errors, and non-compliant devices for compliance policies (Graph's errorCount + failedCount). */
  readonly failed: number;
  readonly conflict: number;
  readonly pending: number;
  readonly notApplicable: number;
}

/** A setting Graph reports in conflict or error on some devices (deviceSettingStateSummaries). */
export interface SettingTrouble {
  readonly setting: string;
  readonly conflictDevices: number;
  readonly errorDevices: number;
}

/** An app-protection policy's deployment (Graph's managedAppPolicyDeploymentSummary): users, as MAM targets users. */
export interface Deployment {
  /** Users the policy has been deployed to (configurationDeployedUserCount). */
  readonly deployedUsers: number;
  /** Per target app (bundle or package id): users the policy applies to there (configurationAppliedUserCount). */
  readonly apps: readonly { readonly app: string; readonly users: number }[];
}

export type PolicyHealth =
  | {
      readonly address: string;
      readonly displayName: string;
      readonly kind: Kind;
      readonly state: "measured";
      readonly id: string;
      /**
       * `users` is null where Graph reports devices only (settings catalog: the device summary report has no user
       * counts).
       */
      readonly devices: Outcomes;
      readonly users: Outcomes | null;
      readonly settings: readonly SettingTrouble[];
    }
  /** App protection: Graph has users deployed, not device outcomes; the gate's device criteria do not apply. */
  | {
      readonly address: string;
      readonly displayName: string;
      readonly kind: Kind;
      readonly state: "deployed";
      readonly id: string;
      readonly deployment: Deployment;
    }
  /**
   * Terms and conditions: who of the phase's audience accepted the version the tenant holds now (Graph's
   * acceptanceStatuses, GRAPH-NOTES §9.2). Users who accepted an older version must accept again.
   */
  | {
      readonly address: string;
      readonly displayName: string;
      readonly kind: Kind;
      readonly state: "accepted";
      readonly id: string;
      readonly acceptance: Acceptance;
    }
  /** The tenant holds no object with the policy's name: the phase is not (fully) applied. */
  | { readonly address: string; readonly displayName: string; readonly kind: Kind; readonly state: "missing" }
  /** Graph has no per-policy figures for this kind (enrollment restrictions and the like). */
  | { readonly address: string; readonly displayName: string; readonly kind: Kind; readonly state: "unmeasured"; readonly why: string };

/** A terms-and-conditions policy's acceptance among a phase's audience. */
export interface Acceptance {
  /** The terms' current version (Graph `version`). */
  readonly version: number;
  /** Users in the phase's audience groups. */
  readonly audienceUsers: number;
  /** Of them, those who accepted the current version. */
  readonly acceptedCurrent: number;
  /** Of them, those whose last acceptance is of an older version (they are asked again). */
  readonly acceptedOlder: number;
}

/** Enrollment and compliance of the phase's audience, from its groups' members and the tenant's managed devices. */
export interface PhaseReach {
  /** Users in the audience groups (Graph group members). */
  readonly audienceUsers: number;
  /** Audience users with at least one enrolled device. */
  readonly enrolledUsers: number;
  /** Enrolled devices of audience users. */
  readonly enrolledDevices: number;
  /** Those devices by Graph complianceState (compliant, noncompliant, conflict, error, inGracePeriod, unknown, …). */
  readonly compliance: Readonly<Record<string, number>>;
}

export interface PhaseHealth {
  readonly phase: string;
  readonly policies: readonly PolicyHealth[];
  readonly reach: PhaseReach;
}

/** succeeded ÷ (reached − not applicable); undefined when no device the policy applies to has reported or waits. */
export function successRate(o: Outcomes): number | undefined {
  const applicable = o.reached - o.notApplicable;
  return applicable > 0 ? o.succeeded / applicable : undefined;
}

export const measured = (policies: readonly PolicyHealth[]): Extract<PolicyHealth, { state: "measured" }>[] =>
  policies.filter((p): p is Extract<PolicyHealth, { state: "measured" }> => p.state === "measured");
