// The rollout's static checks (issue 13 item 7): soak against the schedule (IP120), platform waves (IP121, IP122),
// gates that never pass or never fail (IP123, IP124). The fixtures show each finding; these tests pin the edges
// where a check must stay quiet, and that each check's work grows linearly with phases and policies.
import { describe, expect, it } from "vitest";
import type { CompliancePolicy, Phase, Plan } from "../../src/plan/schema.ts";
import { checkGateContradictions } from "../../src/plan/validate/gate-contradictions.ts";
import { checkPlatformWaves } from "../../src/plan/validate/platform-waves.ts";
import { checkSoakSchedule } from "../../src/plan/validate/soak-schedule.ts";
import { COMPLIANCE_PLATFORMS } from "../../src/graph-model/vocabulary.ts";
import { planOf } from "../helpers/plan.ts";
import { countWork, growth } from "../helpers/work-counter.ts";

const PLATFORMS = new Set<string>([...COMPLIANCE_PLATFORMS, "android", "androidForWork"]);

const plan = (phases: Phase[], compliance: Record<string, CompliancePolicy> = {}): Plan => planOf({ phases, compliance });
const phase = (key: string, extra: Partial<Phase> = {}): Phase => ({ key, displayName: key, audience: [key], ...extra });
const policy = (platform: CompliancePolicy["platform"], assignment?: CompliancePolicy["assignment"]): CompliancePolicy => ({
  displayName: platform,
  platform,
  actions: [{ action: "block" }],
  ...(assignment ? { assignment } : {}),
});
const codes = (p: Plan): string[] =>
  [...checkSoakSchedule(p), ...checkPlatformWaves(p, PLATFORMS), ...checkGateContradictions(p)].map((d) => d.code);

describe("soak against the schedule (IP120)", () => {
  it("a next start exactly soakDays later is on time; a day earlier is not", () => {
    const at = (next: string) => plan([phase("a", { start: "2027-01-30", gate: { soakDays: 3 } }), phase("b", { start: next })]);
    expect(codes(at("2027-02-02"))).toEqual([]);
    expect(checkSoakSchedule(at("2027-02-01"))[0]?.message).toBe(
      "b starts 2027-02-01, 2 days after a (2027-01-30), but a's gate soaks 3 days: it cannot pass before 2027-02-02",
    );
  });

  it("leaves phases out of order to IP050, and undated phases alone", () => {
    expect(codes(plan([phase("a", { start: "2027-03-01", gate: { soakDays: 7 } }), phase("b", { start: "2027-02-01" })]))).toEqual([]);
    expect(codes(plan([phase("a", { gate: { soakDays: 7 } }), phase("b", { start: "2027-02-01" })]))).toEqual([]);
  });
});

describe("platform waves (IP121, IP122)", () => {
  it("a later phase without platforms, or an explicit include, still assigns the policy", () => {
    const waves = [phase("ios", { platforms: ["iOS"] }), phase("android", { platforms: ["android", "androidWorkProfile"] })];
    expect(codes(plan([phase("ios", { platforms: ["iOS"] }), phase("all")], { i: policy("iOS"), w: policy("windows") }))).toEqual([]);
    expect(
      codes(plan(waves, { i: policy("iOS"), a: policy("androidWorkProfile"), w: policy("windows", { include: ["allDevices"] }) })),
    ).toEqual([]);
    expect(codes(plan(waves, { i: policy("iOS"), a: policy("androidWorkProfile"), w: policy("windows", { rollout: "fixed" }) }))).toEqual(
      [],
    );
  });

  it("a wave before its platform's policies start assigns nothing", () => {
    const p = plan([phase("ios", { platforms: ["iOS"] }), phase("later")], { i: policy("iOS", { from: "later" }) });
    expect(codes(p)).toEqual(["IP121"]);
  });

  it("unknown platform names are IP013's, not a wave finding", () => {
    expect(codes(plan([phase("x", { platforms: ["iPhone"] })], { i: policy("iOS") }))).toEqual(["IP122"]);
  });
});

describe("gates (IP123, IP124)", () => {
  it("consistent bounds and implied duplicates are fine", () => {
    const p = plan([
      phase("a", {
        users: 10,
        gate: { minSuccessRate: 0.95, maxErrors: 0, sizeTolerance: 0.1 },
        goals: [
          { text: "rate", metric: "successRate", atLeast: 0.97 },
          { text: "rate cap", metric: "successRate", atMost: 1 },
          { text: "errors", metric: "errors", atMost: 0 },
          { text: "enrolled", metric: "enrolledUsers", atMost: 0.9 },
        ],
      }),
    ]);
    expect(codes(p)).toEqual([]);
  });

  it("two goals on one metric that exclude each other", () => {
    const p = plan([
      phase("a", {
        goals: [
          { text: "low", metric: "pendingDevices", atMost: 2 },
          { text: "high", metric: "pendingDevices", atLeast: 3 },
        ],
      }),
    ]);
    expect(checkGateContradictions(p).map((d) => [d.code, d.path.join(".")])).toEqual([["IP123", "phases.0.goals.1.atLeast"]]);
  });
});

describe("each check is linear in phases and policies", () => {
  const SIZES = [200, 400, 800];
  // Worst case: every phase and every policy is reported (messages built), and every gate has goals to compare.
  const big = (n: number): Plan => {
    const phases = Array.from({ length: n }, (_, i) =>
      phase(`p${i}`, {
        start: `2027-01-${String((i % 28) + 1).padStart(2, "0")}`,
        platforms: ["android"],
        users: 0,
        gate: { soakDays: 30, minSuccessRate: 1, maxErrors: 2, sizeTolerance: 1 },
        goals: [
          { text: "t", metric: "errors", atLeast: 1 },
          { text: "u", metric: "enrolledUsers", atLeast: 0.5 },
        ],
      }),
    );
    const compliance = Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, policy(i % 2 ? "androidWorkProfile" : "windows")]));
    return plan(phases, compliance);
  };
  it.each([
    ["soak schedule", (p: Plan) => checkSoakSchedule(p)],
    ["platform waves", (p: Plan) => checkPlatformWaves(p, PLATFORMS)],
    ["gate contradictions", (p: Plan) => checkGateContradictions(p)],
  ] as const)("%s", (_, check) => {
    const { ratio, counts } = growth(SIZES, (n) => {
      const p = big(n);
      const { result, work } = countWork(() => check(p));
      expect(result.length).toBeGreaterThan(0);
      return work;
    });
    expect(ratio, `work at ${SIZES.join("/")}: ${counts.join("/")}`).toBeLessThan(1.5);
  });
});
