// S23: setting conflicts between policies whose targets overlap in the same phase.
import { describe, expect, it } from "vitest";
import { checkPlan } from "../../src/plan/check-plan.ts";

const plan = (policies: string): ReturnType<typeof checkPlan> => checkPlan([{ path: "conflict.yaml", bytes: Buffer.from(`
plan: { name: t }
phases:
  - { key: pilot, displayName: Pilot, audience: [pilot-users] }
  - { key: prod, displayName: Prod, audience: [prod-users] }
groups:
  pilot-users: { displayName: Pilot, membership: assigned, members: users }
  prod-users: { displayName: Prod, membership: assigned, members: users }
compliance:
${policies}`) }]);

const codes = (r: ReturnType<typeof checkPlan>): string[] => r.diagnostics.map((d) => d.code);

describe("setting conflict detection", () => {
  it("reports two policies that set one setting differently for the same group in the same phase", () => {
    // GIVEN two Windows compliance policies, both phased from the first phase
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }] }
  b: { displayName: B, platform: windows, settings: { passwordMinimumLength: 4 }, actions: [{ action: block }] }`);
    // THEN exactly one conflict, at b's setting, naming a, the group and the phase
    expect(codes(r)).toEqual(["IP090"]);
    const d = r.diagnostics[0];
    expect(d?.message).toBe("passwordMinimumLength = 4 conflicts with compliance.a (6) for group pilot-users in phase pilot");
    expect(d?.subject?.start.line).toBe(12);
    expect(d?.related?.[0]?.subject?.start.line).toBe(11);
  });

  it("stays silent when the targets never overlap in one phase", () => {
    // b is fixed to prod-users, a to pilot-users: no phase puts one group under both
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }], assignment: { rollout: fixed, include: [pilot-users] } }
  b: { displayName: B, platform: windows, settings: { passwordMinimumLength: 4 }, actions: [{ action: block }], assignment: { rollout: fixed, include: [prod-users] } }`);
    expect(codes(r)).toEqual([]);
  });

  it("stays silent when the values agree (only a redundancy warning)", () => {
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }] }
  b: { displayName: B, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }] }`);
    expect(codes(r)).toEqual(["IP091"]);
    expect(r.diagnostics[0]?.severity).toBe("warning");
  });

  it("does not compare settings of different @odata.types (an iOS and a Windows policy)", () => {
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { osMinimumVersion: "10.0.19045" }, actions: [{ action: block }] }
  b: { displayName: B, platform: iOS, settings: { osMinimumVersion: "17.0" }, actions: [{ action: block }] }`);
    expect(codes(r)).toEqual([]);
  });

  it("finds the conflict only in the phase where a later-starting policy joins", () => {
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }] }
  b: { displayName: B, platform: windows, settings: { passwordMinimumLength: 8 }, actions: [{ action: block }], assignment: { from: prod } }`);
    expect(r.diagnostics.map((d) => d.message)).toEqual(["passwordMinimumLength = 8 conflicts with compliance.a (6) for group prod-users in phase prod"]);
  });

  it("treats an excluded group as not targeted", () => {
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }], assignment: { rollout: fixed, include: [allUsers], exclude: [pilot-users] } }
  b: { displayName: B, platform: windows, settings: { passwordMinimumLength: 4 }, actions: [{ action: block }], assignment: { rollout: fixed, include: [pilot-users] } }`);
    expect(codes(r)).toEqual([]);
  });

  it("lets a virtual All users target overlap every user group", () => {
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }], assignment: { rollout: fixed, include: [allUsers] } }
  b: { displayName: B, platform: windows, settings: { passwordMinimumLength: 4 }, actions: [{ action: block }], assignment: { rollout: fixed, include: [prod-users] } }`);
    expect(codes(r)).toEqual(["IP090"]);
  });
});
