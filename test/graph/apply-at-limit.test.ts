// Apply at the tenant's throttling limit (issue 12 item 3): against a Graph that enforces Intune's and Entra's limits
// on a fake clock, with the engine's parallelism unbounded, an apply sends exactly the minimum requests, earns no
// 429, and takes at most 1.1× the least time the limits allow.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledPlan } from "../../bench/compiled-plan.ts";
import { generatePlanFiles, writePlan } from "../../bench/generate-plan.ts";
import type { PlannedResource } from "../../providers/program.ts";
import { planResources } from "../../providers/program.ts";
import type { StepFigures } from "../helpers/apply-at-limit.ts";
import { applyAtLimit } from "../helpers/apply-at-limit.ts";

let dir = "";
let plan: PlannedResource[] = [];
let promoted: PlannedResource[] = [];
let figures: StepFigures[] = [];
const of = (step: StepFigures["step"]): StepFigures => {
  const f = figures.find((x) => x.step === step);
  if (!f) throw new Error(`no ${step} step`);
  return f;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "apply-at-limit-"));
  writePlan(dir, generatePlanFiles(600));
  plan = planResources(compiledPlan(dir, "phase-2"));
  promoted = planResources(compiledPlan(dir, "phase-3"));
  figures = await applyAtLimit(plan, promoted);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("apply at the throttling limit", () => {
  it("every step succeeds without a single 429", () => {
    for (const f of figures) {
      expect(f.errors, f.step).toEqual([]);
      expect(f.throttled, f.step).toBe(0);
    }
  });

  it("a create sends the minimum: its POST, its follow-up actions, /assign for a set with targets, a look-up before and after", () => {
    const f = of("create");
    expect(f.minWrites).toBeGreaterThan(500);
    expect([f.writes, f.reads]).toEqual([f.minWrites, f.minReads]);
  });

  it("a create takes at most 1.1× the least time Intune's write limit allows", () => {
    const f = of("create");
    expect(f.minMs).toBeGreaterThanOrEqual(100_000);
    expect(f.ms / f.minMs).toBeLessThanOrEqual(1.1);
  });

  it("the same plan again sends nothing; a promotion one /assign per set whose targets change", () => {
    expect([of("no-op").writes, of("no-op").reads]).toEqual([0, 0]);
    const p = of("promotion");
    expect(p.minWrites).toBeGreaterThan(0);
    expect([p.writes, p.reads]).toEqual([p.minWrites, 0]);
  });

  it("a destroy deletes each object once and does not empty its assignments first", () => {
    const f = of("destroy");
    expect([f.writes, f.reads]).toEqual([f.minWrites, 0]);
    expect(f.ms / Math.max(f.minMs, 1)).toBeLessThanOrEqual(1.1);
  });
});
