// promote / rollback decisions and the record in the stack's history (issue 13 item 4), without the engine:
// next and previous phase, refusing skips, the gate's refusal with its reasons, --force recorded only when it
// overrides something, and go-lives read back from `pulumi stack history --json`.
import { describe, expect, it } from "vitest";
import { loadCheckedPlan } from "../../src/cli/load-plan.ts";
import { run } from "../../src/cli/main.ts";
import type { Plan } from "../../src/plan/schema.ts";
import type { GateVerdict } from "../../src/rollout/gate.ts";
import { firstOf, planLiveSince } from "../../src/rollout/live-since.ts";
import type { PromotionRecord } from "../../src/rollout/promotion.ts";
import {
  actorOf,
  decide,
  goLives,
  livePhase,
  parseStackHistory,
  promotionMessage,
  recordOf,
  rolloutStep,
  stackLiveSince,
  StepError,
} from "../../src/rollout/promotion.ts";
import { liveLine } from "../../src/render/status-text.ts";
import { capture } from "../helpers/cli.ts";

const plan: Plan = (() => {
  const p = loadCheckedPlan(["plan"]).plan;
  if (!p) throw new Error("plan/ does not validate");
  return p;
})();
const phase = (key: string) => {
  const p = plan.phases.find((x) => x.key === key);
  if (!p) throw new Error(key);
  return p;
};
const keys = (ps: readonly { key: string }[]): string[] => ps.map((p) => p.key);

const PASSES: GateVerdict = {
  passes: true,
  criteria: [
    { criterion: "soakDays", passed: true, measured: 11, threshold: 10, direction: "atLeast", policies: [], message: "live 11 days" },
  ],
};
const SOAKING: GateVerdict = {
  passes: false,
  criteria: [
    {
      criterion: "soakDays",
      passed: false,
      measured: 3.3,
      threshold: 10,
      direction: "atLeast",
      policies: [],
      message: "live 3.3 days (since 2027-07-05), soak needs 10",
    },
    {
      criterion: "minSuccessRate",
      passed: true,
      measured: 0.99,
      threshold: 0.95,
      direction: "atLeast",
      policies: [],
      message: "lowest 99 %",
    },
  ],
};

describe("rolloutStep: which phase is next or previous", () => {
  it("promote goes to the next phase; a stack with nothing live starts at the first", () => {
    expect(rolloutStep(plan, "promote", "limited-pilot", undefined)).toMatchObject({
      from: { key: "limited-pilot" },
      to: { key: "expanded-pilot" },
      skipped: [],
    });
    expect(rolloutStep(plan, "promote", undefined, undefined)).toMatchObject({
      from: undefined,
      to: { key: "limited-pilot" },
      skipped: [],
    });
  });

  it("rollback goes to the previous phase", () => {
    expect(rolloutStep(plan, "rollback", "production-1", undefined)).toMatchObject({
      from: { key: "production-1" },
      to: { key: "expanded-pilot" },
      skipped: [],
    });
  });

  it("--to past the next phase names the phases it skips, both ways", () => {
    expect(keys(rolloutStep(plan, "promote", "limited-pilot", "production-2").skipped)).toEqual(["expanded-pilot", "production-1"]);
    expect(keys(rolloutStep(plan, "promote", undefined, "expanded-pilot").skipped)).toEqual(["limited-pilot"]);
    expect(keys(rolloutStep(plan, "rollback", "production-2", "limited-pilot").skipped)).toEqual(["expanded-pilot", "production-1"]);
  });

  it("says why there is no step: past the ends, the wrong direction, an unknown phase", () => {
    expect(() => rolloutStep(plan, "promote", "production-3", undefined)).toThrow(/last phase: there is nothing to promote to/);
    expect(() => rolloutStep(plan, "rollback", "limited-pilot", undefined)).toThrow(/first phase: there is no phase to roll back to/);
    expect(() => rolloutStep(plan, "rollback", undefined, undefined)).toThrow(/nothing is live/);
    expect(() => rolloutStep(plan, "promote", "expanded-pilot", "limited-pilot")).toThrow(/use intune-plan rollback/);
    expect(() => rolloutStep(plan, "rollback", "limited-pilot", "expanded-pilot")).toThrow(/use intune-plan promote/);
    expect(() => rolloutStep(plan, "promote", "limited-pilot", "pilot")).toThrow(StepError);
  });
});

describe("decide: the gate and the phase order, and what --force overrides", () => {
  const next = rolloutStep(plan, "promote", "limited-pilot", undefined);
  it("a passing gate proceeds, not forced", () => {
    expect(decide(next, PASSES, false)).toEqual({ proceed: true, forced: false, overridden: [] });
    // --force with nothing to override is not recorded as forced.
    expect(decide(next, PASSES, true)).toEqual({ proceed: true, forced: false, overridden: [] });
  });

  it("a failing gate refuses with every failing criterion, and --force overrides them", () => {
    expect(decide(next, SOAKING, false)).toEqual({
      proceed: false,
      reasons: ["gate of limited-pilot: soakDays: live 3.3 days (since 2027-07-05), soak needs 10"],
    });
    expect(decide(next, SOAKING, true)).toEqual({
      proceed: true,
      forced: true,
      overridden: ["gate of limited-pilot: soakDays: live 3.3 days (since 2027-07-05), soak needs 10"],
    });
  });

  it("a skipped phase is refused even with a passing gate; a rollback needs no gate but may not skip either", () => {
    const skip = rolloutStep(plan, "promote", "limited-pilot", "production-1");
    expect(decide(skip, PASSES, false)).toEqual({
      proceed: false,
      reasons: ["promoting from limited-pilot to production-1 skips expanded-pilot"],
    });
    expect(decide(rolloutStep(plan, "rollback", "production-1", undefined), undefined, false)).toMatchObject({
      proceed: true,
      forced: false,
    });
    expect(decide(rolloutStep(plan, "rollback", "production-1", "limited-pilot"), undefined, false)).toEqual({
      proceed: false,
      reasons: ["rolling back from production-1 to limited-pilot skips expanded-pilot"],
    });
  });

  it("the first go-live needs no gate; a gate that could not be read refuses", () => {
    expect(decide(rolloutStep(plan, "promote", undefined, undefined), undefined, false)).toMatchObject({ proceed: true });
    expect(decide(next, undefined, false)).toMatchObject({ proceed: false, reasons: ["the gate of limited-pilot was not evaluated"] });
  });
});

/** One entry of `pulumi stack history --json` as the file backend prints it (version 0, newest first). */
const update = (phase: string, end: string, record?: PromotionRecord, result = "succeeded") => ({
  version: 0,
  kind: "update",
  startTime: end,
  endTime: end,
  result,
  message: record ? promotionMessage(record) : "plain pulumi up",
  environment: { "exec.kind": "cli", "git.author": "Dana Ops" },
  config: { "intune-plan:phase": { value: phase, secret: false }, "intune-plan:WIFI": { value: "[secret]", secret: true } },
});
const rec = (r: Partial<PromotionRecord> & Pick<PromotionRecord, "phase" | "at">): PromotionRecord => ({
  action: "promote",
  from: null,
  by: "alice",
  forced: false,
  ...r,
});

describe("the record in the stack's history", () => {
  it("round-trips through the update message, readable in pulumi stack history", () => {
    const r = rec({
      phase: "expanded-pilot",
      from: "limited-pilot",
      at: "2027-07-08T08:00:00.000Z",
      forced: true,
      reason: 'CAB-1234 [urgent] #intune-plan-rollout {"a": 1} #intune-plan-rollout ',
    });
    expect(promotionMessage(r)).toMatch(/^Promote to expanded-pilot from limited-pilot by alice, forced: CAB-1234/);
    expect(recordOf(promotionMessage(r))).toEqual(r);
    expect(recordOf("Promote to x #intune-plan-rollout {not json")).toBeUndefined();
    expect(recordOf("a commit message")).toBeUndefined();
  });

  // Newest first, as Pulumi lists them: a first go-live, a forced promotion, a failed promotion, a rollback.
  const history = JSON.stringify([
    update(
      "limited-pilot",
      "2026-12-04T10:00:00.000Z",
      rec({ action: "rollback", phase: "limited-pilot", from: "expanded-pilot", at: "2027-07-12T08:00:00.000Z" }),
    ),
    update(
      "production-1",
      "2026-12-03T12:00:00.000Z",
      rec({ phase: "production-1", from: "expanded-pilot", at: "2027-07-11T08:00:00.000Z" }),
      "failed",
    ),
    update(
      "expanded-pilot",
      "2026-12-02T10:00:00.000Z",
      rec({ phase: "expanded-pilot", from: "limited-pilot", at: "2027-07-08T08:00:00.000Z", forced: true, reason: "CAB-1234" }),
    ),
    update("limited-pilot", "2026-12-01T10:00:00.000Z", rec({ phase: "limited-pilot", at: "2027-07-05T08:00:00.000Z" })),
  ]);
  const updates = parseStackHistory(history);

  it("only succeeded updates are go-lives, oldest first; the live phase is the last one's", () => {
    expect(goLives(updates).map((g) => [g.phase, g.at, g.action])).toEqual([
      ["limited-pilot", "2027-07-05T08:00:00.000Z", "promote"],
      ["expanded-pilot", "2027-07-08T08:00:00.000Z", "promote"],
      ["limited-pilot", "2027-07-12T08:00:00.000Z", "rollback"],
    ]);
    expect(livePhase(updates)).toBe("limited-pilot");
    expect(parseStackHistory("null")).toEqual([]);
  });

  it("a phase stays live while the stack is at it or later; a phase rolled back from is not live", () => {
    const source = stackLiveSince(plan, updates);
    expect(source.liveSince(phase("limited-pilot"))).toEqual({
      at: "2027-07-05T08:00:00.000Z",
      source: "stack",
      by: "alice",
      action: "promote",
      forced: false,
    });
    expect(source.liveSince(phase("expanded-pilot"))).toBeUndefined();
    const before = stackLiveSince(plan, updates.slice(0, 3));
    expect(before.liveSince(phase("expanded-pilot"))).toEqual({
      at: "2027-07-08T08:00:00.000Z",
      source: "stack",
      by: "alice",
      action: "promote",
      forced: true,
      reason: "CAB-1234",
    });
    // The stack comes first; the plan's start answers for what the stack does not know.
    expect(firstOf(source, planLiveSince()).liveSince(phase("expanded-pilot"))).toEqual({ at: "2027-07-19T00:00:00.000Z", source: "plan" });
  });

  it("a plain pulumi up that changed the phase counts from its end, by pulumi up", () => {
    const plain = parseStackHistory(
      JSON.stringify([update("expanded-pilot", "2026-12-02T10:00:00Z"), update("limited-pilot", "2026-12-01T10:00:00Z")]),
    );
    expect(stackLiveSince(plan, plain).liveSince(phase("expanded-pilot"))).toEqual({
      at: "2026-12-02T10:00:00.000Z",
      source: "stack",
      by: "pulumi up (Dana Ops)",
    });
  });

  it("status shows who promoted and why", () => {
    const base = {
      phase: "expanded-pilot",
      displayName: "Expanded pilot",
      position: 2,
      state: "active",
      audience: [],
      expectedUsers: 210,
      reach: null,
      policies: [],
      gate: null,
    } as const;
    expect(
      liveLine({
        ...base,
        liveSince: { at: "2027-07-08T08:00:00.000Z", source: "stack", by: "alice", action: "promote", forced: true, reason: "CAB-1234" },
      }),
    ).toBe("live since 2027-07-08 (stack: promoted by alice, forced: CAB-1234)");
    expect(liveLine({ ...base, liveSince: { at: "2026-12-02T10:00:00.000Z", source: "stack", by: "pulumi up (Dana Ops)" } })).toBe(
      "live since 2026-12-02 (stack: pulumi up (Dana Ops))",
    );
  });
});

describe("actorOf", () => {
  it("names the GitHub Actions actor and run, else the user", () => {
    expect(actorOf({ GITHUB_ACTOR: "octocat", GITHUB_WORKFLOW: "promote phase", GITHUB_RUN_ID: "42" })).toBe(
      "octocat (GitHub Actions promote phase run 42)",
    );
    expect(actorOf({ USER: "dana" })).toBe("dana");
    expect(actorOf({}, "root")).toBe("root");
  });
});

describe("promote and rollback on the command line, before any pulumi command", () => {
  it("refuses a missing --stack and --force without --reason as usage (exit 64)", async () => {
    for (const args of [
      ["promote"],
      ["rollback", "--yes"],
      ["promote", "--stack", "s", "--force"],
      ["rollback", "--stack", "s", "--force", "--reason", " "],
    ]) {
      const io = capture();
      expect(await run(args, io), args.join(" ")).toBe(64);
      expect(io.err()).toMatch(/needs --stack NAME|--force needs --reason/);
    }
  });
});
