// The gate, evaluated as a pure function (issue 13 item 2): each criterion the plan gives, with the figure measured,
// the threshold and the policies behind a failure; a policy the tenant lacks closes the gate; unmeasured kinds and
// policies without applicable devices neither pass nor fail a per-policy criterion.
import { describe, expect, it } from "vitest";
import { evaluateGate } from "../../src/rollout/gate.ts";
import { usersNeeded } from "../../src/plan/users-needed.ts";
import type { Outcomes, PhaseHealth, PolicyHealth } from "../../src/compile/observed-health.ts";
import { firstOf, planLiveSince } from "../../src/rollout/live-since.ts";
import type { Phase } from "../../src/plan/schema.ts";

const outcomes = (succeeded: number, failed = 0, conflict = 0, pending = 0, notApplicable = 0): Outcomes => ({
  reached: succeeded + failed + conflict + pending + notApplicable,
  succeeded,
  failed,
  conflict,
  pending,
  notApplicable,
});
const policy = (address: string, devices: Outcomes): PolicyHealth => ({
  address,
  displayName: address,
  kind: "deviceConfiguration",
  state: "measured",
  id: address,
  devices,
  users: devices,
  settings: [],
});

const PHASE: Phase = {
  key: "pilot",
  displayName: "Pilot",
  audience: ["it"],
  start: "2027-07-05",
  users: 50,
  gate: { soakDays: 10, minSuccessRate: 0.95, maxErrors: 3, maxConflicts: 0, sizeTolerance: 0.1 },
  goals: ["people are happy", { text: "95% compliant within 10 days", metric: "compliantDevices", atLeast: 0.95, withinDays: 10 }],
};

const healthy = (
  policies: PolicyHealth[] = [policy("configuration.ring", outcomes(50, 1, 0, 0, 30)), policy("compliance.win", outcomes(49, 1))],
): PhaseHealth => ({
  phase: "pilot",
  policies,
  reach: { audienceUsers: 50, enrolledUsers: 48, enrolledDevices: 80, compliance: { compliant: 78, noncompliant: 2 } },
});

const live = planLiveSince().liveSince(PHASE);
const failing = (v: ReturnType<typeof evaluateGate>): string[] => v.criteria.filter((c) => !c.passed).map((c) => c.criterion);

describe("evaluateGate", () => {
  it("a healthy phase fails on soak time alone at day 3 and passes at day 10", () => {
    const early = evaluateGate(PHASE, healthy(), live, "2027-07-08T00:00:00.000Z");
    expect(early.passes).toBe(false);
    expect(failing(early)).toEqual(["soakDays"]);
    expect(early.criteria[0]).toMatchObject({
      criterion: "soakDays",
      measured: 3,
      threshold: 10,
      message: "live 3 days (since 2027-07-05), soak needs 10",
    });
    expect(evaluateGate(PHASE, healthy(), live, "2027-07-15T00:00:00.000Z").passes).toBe(true);
  });

  it("names each policy over maxErrors with its count, and the lowest success rate", () => {
    const verdict = evaluateGate(
      PHASE,
      healthy([policy("configuration.vpn", outcomes(40, 8)), policy("configuration.ring", outcomes(50, 2))]),
      live,
      "2027-07-20T00:00:00.000Z",
    );
    const errors = verdict.criteria.find((c) => c.criterion === "maxErrors");
    expect(errors).toMatchObject({
      passed: false,
      measured: 8,
      threshold: 3,
      policies: ["configuration.vpn"],
      message: "configuration.vpn 8 failed devices: more than 3",
    });
    expect(verdict.criteria.find((c) => c.criterion === "minSuccessRate")).toMatchObject({
      passed: false,
      policies: ["configuration.vpn"],
      measured: 40 / 48,
    });
  });

  it("conflicts, size and measurable goals: measured against their thresholds; free-text goals are not evaluated", () => {
    const h = healthy([policy("configuration.ring", outcomes(0, 0, 50, 0, 30))]);
    const verdict = evaluateGate(
      PHASE,
      { ...h, reach: { audienceUsers: 50, enrolledUsers: 40, enrolledDevices: 80, compliance: { compliant: 60, noncompliant: 20 } } },
      live,
      "2027-07-20T00:00:00.000Z",
    );
    expect(failing(verdict)).toEqual(["minSuccessRate", "maxConflicts", "sizeTolerance", "goal"]);
    expect(verdict.criteria.find((c) => c.criterion === "sizeTolerance")).toMatchObject({ measured: 40, threshold: 45 });
    expect(verdict.criteria.find((c) => c.criterion === "goal")).toMatchObject({
      goal: "95% compliant within 10 days",
      measured: 0.75,
      threshold: 0.95,
      message: "compliantDevices 75 %, needs at least 95 % (due by day 10: missed)",
    });
  });

  it("a policy the tenant does not hold closes the gate; unmeasured kinds and policies with no applicable device do not count", () => {
    const policies: PolicyHealth[] = [
      policy("compliance.win", outcomes(50)),
      policy("compliance.macos", outcomes(0, 0, 0, 0, 80)),
      { address: "configuration.bitlocker", displayName: "b", kind: "settingsCatalogPolicy", state: "unmeasured", why: "no overview" },
      { address: "configuration.vpn", displayName: "v", kind: "deviceConfiguration", state: "missing" },
    ];
    const verdict = evaluateGate(PHASE, healthy(policies), live, "2027-07-20T00:00:00.000Z");
    expect(failing(verdict)).toEqual(["applied"]);
    expect(verdict.criteria[0]).toMatchObject({
      policies: ["configuration.vpn"],
      message: "1 of the phase's 4 policies are not in the tenant",
    });
  });

  it("soak counts from --live-since when given, from a later source (stack state) ahead of the plan, and not before go-live", () => {
    const option = planLiveSince({ phase: "pilot", date: "2027-07-12" });
    expect(failing(evaluateGate(PHASE, healthy(), option.liveSince(PHASE), "2027-07-15T00:00:00.000Z"))).toEqual(["soakDays"]);
    const stack = firstOf({ liveSince: () => ({ at: "2027-07-01T00:00:00.000Z", source: "stack" }) }, planLiveSince());
    expect(stack.liveSince(PHASE)).toEqual({ at: "2027-07-01T00:00:00.000Z", source: "stack" });
    const before = evaluateGate(PHASE, healthy(), live, "2027-07-01T00:00:00.000Z");
    expect(before.criteria[0]).toMatchObject({
      criterion: "soakDays",
      passed: false,
      measured: null,
      message: "pilot goes live 2027-07-05, not yet",
    });
  });

  it("a phase whose plan gives no criteria passes once its policies are in the tenant", () => {
    expect(evaluateGate({ key: "p", displayName: "P", audience: ["a"] }, healthy(), undefined, "2027-07-20T00:00:00.000Z")).toEqual({
      passes: true,
      criteria: [],
    });
  });
});

describe("sizeTolerance in whole users", () => {
  it("rounds the share up without floating-point noise: 10 users at 0.7 need 3, not 4", () => {
    expect([usersNeeded(10, 0.7), usersNeeded(50, 0.1), usersNeeded(210, 0.05), usersNeeded(3, 0.5), usersNeeded(50, 1)]).toEqual([
      3, 45, 200, 2, 0,
    ]);
  });
});
