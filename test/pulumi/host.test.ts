// Layer 2: the provider through @pulumi/pulumi's dynamic-provider host over gRPC, as the engine drives it
// (host-scenario.ts, run in plain Node), through a rollout of plan/ against the emulator.
import { beforeAll, describe, expect, it } from "vitest";
import { runPlainNode } from "../helpers/plain-node.ts";

interface Report {
  rollout: {
    version: string; providerChars: number; serializeMs: number; resources: number; firstUpMs: number; planObjects: number; objectsAfterFirst: number;
    preview: Record<string, number>; writesAfterPreview: number; first: Record<string, number>; second: Record<string, number>; promote: Record<string, number>;
    back: Record<string, number>; destroy: Record<string, number>; promotedTargets: number; backTargets: number; leftAfterDestroy: string[]; seeded: string[];
    secretOutputMarked: boolean; clearTextHits: Record<string, boolean>;
  };
  lossy: { lostReplies: number; errors: string[]; rerun: Record<string, number>; onePerKey: boolean; objects: number; duplicates: string[] };
}

let report: Report;
beforeAll(async () => { report = await runPlainNode<Report>("test/pulumi/host-scenario.ts"); }, 240_000);

describe("the provider in Pulumi's provider host, driven over gRPC", () => {
  it("preview creates nothing; up at the first phase creates every object and assignment set", () => {
    const r = report.rollout;
    expect(r.version).toBe("3.270.0");
    expect(r.preview).toEqual({ "create:objects": r.planObjects, "create:assignments": r.resources - r.planObjects });
    expect(r.writesAfterPreview).toBe(0);
    expect(r.first).toEqual(r.preview);
    expect(r.objectsAfterFirst).toBe(r.planObjects);
  });

  it("a second pass changes nothing; promotion changes only assignment resources; going back removes them again", () => {
    const r = report.rollout;
    expect(r.second).toEqual({ "same:objects": r.planObjects, "same:assignments": r.resources - r.planObjects });
    expect(Object.keys(r.promote).filter((k) => !k.startsWith("same:"))).toEqual(["update:assignments"]);
    expect(r.back).toEqual(r.promote);
    expect(r.promotedTargets).toBeGreaterThan(r.backTargets);
  });

  it("destroy leaves only the emulator's seeded objects", () => {
    expect(report.rollout.destroy).toEqual({ "delete:assignments": report.rollout.resources - report.rollout.planObjects, "delete:objects": report.rollout.planObjects });
    expect(report.rollout.leftAfterDestroy).toEqual(report.rollout.seeded);
  });

  it("with lost responses during create, a re-run ends with exactly one object per plan key", () => {
    expect(report.lossy.lostReplies).toBeGreaterThan(0);
    expect(report.lossy.onePerKey).toBe(true);
    expect(report.lossy.duplicates).toEqual([]);
    expect(Object.keys(report.lossy.rerun).every((k) => k.startsWith("same:"))).toBe(true);
  });

  it("no secret value appears in clear text: outputs, the serialized provider, or the host's logs", () => {
    expect(report.rollout.secretOutputMarked).toBe(true);
    expect(report.rollout.clearTextHits).toEqual({ providerText: false, maskedOutputs: false, hostLog: false });
    expect(report.rollout.providerChars).toBeLessThan(6000);
  });
});
