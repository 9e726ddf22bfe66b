// `intune-plan status` as data: every phase of the plan in rollout order with when it went live, its audience and
// reach, its policies' health and its gate's verdict. The versioned JSON document (`status --format json`,
// docs/json-formats.md) that the text and Markdown views are rendered from. Pure.
import type { DesiredState, Kind } from "../compile/desired-state.ts";
import type { Phase, Plan } from "../plan/schema.ts";
import type { GateVerdict } from "./gate.ts";
import { evaluateGate } from "./gate.ts";
import type { PhaseHealth, PhaseReach, PolicyHealth } from "../compile/observed-health.ts";
import type { LiveSince, LiveSinceSource } from "./live-since.ts";

export interface PhaseStatus {
  readonly phase: string;
  readonly displayName: string;
  /** 1 for the first phase. */
  readonly position: number;
  /** live: before the active phase; active: the one whose gate decides the exit code; upcoming: not read. */
  readonly state: "live" | "active" | "upcoming";
  readonly liveSince: LiveSince | null;
  readonly audience: readonly { readonly group: string; readonly displayName: string }[];
  readonly expectedUsers: number | null;
  /** null for upcoming phases (nothing is read for them). */
  readonly reach: PhaseReach | null;
  readonly policies: readonly PolicyHealth[];
  readonly gate: GateVerdict | null;
}

export interface StatusReport {
  readonly formatVersion: "1";
  readonly plan: string;
  /** Which tenant was read (an emulator, or a tenant id and cloud). */
  readonly tenant: string;
  /** The tenant's clock when it was read (the emulator's simulated one), ISO UTC. */
  readonly asOf: string;
  readonly activePhase: string;
  /** Graph requests the read made (retries included). */
  readonly requests: number;
  /** The active phase's gate: what `status` exits on (0 passes, 3 does not). */
  readonly verdict: "passes" | "fails";
  readonly phases: readonly PhaseStatus[];
}

const POLICY_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  "compliancePolicy",
  "deviceConfiguration",
  "settingsCatalogPolicy",
  "appProtectionPolicy",
  // Terms and conditions: measured by who of the audience accepted the current version (graph/rollout-health.ts).
  "termsAndConditions",
]);

/** The policies whose assignments in `desired` include a group of the phase's audience, in compiled order. */
export function phasePolicies(desired: DesiredState, phase: Phase): DesiredState["objects"] {
  const audience = new Set(phase.audience.map((g) => `groups.${g}`));
  const reaching = new Set(
    desired.assignments
      .filter((a) => a.targets.some((t) => t.kind === "group" && t.group !== undefined && audience.has(t.group)))
      .map((a) => a.of),
  );
  return desired.objects.filter((o) => POLICY_KINDS.has(o.kind) && reaching.has(o.address));
}

/** The active phase: the one asked for, else the last whose start has come by `now`, else the first. */
export function activePhaseOf(plan: Plan, now: string, asked: string | undefined): Phase | undefined {
  if (asked !== undefined) return plan.phases.find((p) => p.key === asked);
  const started = plan.phases.filter((p) => p.start !== undefined && `${p.start}T00:00:00.000Z` <= now);
  return started.at(-1) ?? plan.phases[0];
}

export interface StatusInput {
  readonly plan: Plan;
  readonly active: Phase;
  readonly tenant: string;
  readonly asOf: string;
  readonly requests: number;
  /** Health of the active phase and every phase before it, by phase key. */
  readonly health: ReadonlyMap<string, PhaseHealth>;
  readonly liveSince: LiveSinceSource;
}

export function statusReport(input: StatusInput): StatusReport {
  const { plan, active } = input;
  const activeAt = plan.phases.indexOf(active);
  const phases = plan.phases.map((phase, i): PhaseStatus => {
    const state = i < activeAt ? "live" : i === activeAt ? "active" : "upcoming";
    const health = state === "upcoming" ? undefined : input.health.get(phase.key);
    const liveSince = input.liveSince.liveSince(phase) ?? null;
    return {
      phase: phase.key,
      displayName: phase.displayName,
      position: i + 1,
      state,
      liveSince,
      audience: phase.audience.map((g) => ({ group: `groups.${g}`, displayName: plan.groups[g]?.displayName ?? g })),
      expectedUsers: phase.users ?? null,
      reach: health?.reach ?? null,
      policies: health?.policies ?? [],
      gate: health ? evaluateGate(phase, health, liveSince ?? undefined, input.asOf) : null,
    };
  });
  const verdict = phases[activeAt]?.gate?.passes === true ? "passes" : "fails";
  return {
    formatVersion: "1",
    plan: plan.name,
    tenant: input.tenant,
    asOf: input.asOf,
    activePhase: active.key,
    requests: input.requests,
    verdict,
    phases,
  };
}
