// Settings outside the range Microsoft documents (IP026): ranges come from the doc comments of Microsoft's typings,
// corrected by setting-ranges.ts where Microsoft's product documentation says otherwise.
import { describe, expect, it } from "vitest";
import { documentedRange } from "../../scripts/graph-schema-generator.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";

const configuration = (settings: string): ReturnType<typeof checkPlan> =>
  checkPlan([
    {
      path: "ranges.yaml",
      bytes: Buffer.from(`
plan: { name: t }
configuration:
  p:
    displayName: P
    platform: windows
    profile: updateRing
    settings: ${settings}
    assignment: { rollout: fixed, include: [allDevices] }
`),
    },
  ]);

describe("documented setting ranges", () => {
  it("reads the wordings Microsoft's typings use, across a block comment's line break", () => {
    expect(documentedRange("// Minimum length of passcode. Valid values 4 to 14")).toEqual([4, 14]);
    expect(documentedRange("/**\n     * Maximum number of retries. Valid values 1 to\n     * 65535\n     */")).toEqual([1, 65535]);
    expect(documentedRange("// Valid values range from 0-100")).toEqual([0, 100]);
    expect(documentedRange("/** Defer Quality Updates by these many days with valid range from 0 to 30 days. */")).toEqual([0, 30]);
    expect(documentedRange("// Valid values -1 means no limit")).toBeUndefined();
  });

  it("refuses a quality-update deferral beyond the documented 30 days, naming the range", () => {
    const r = configuration("{ qualityUpdatesDeferralPeriodInDays: 45 }");
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["IP026", "qualityUpdatesDeferralPeriodInDays = 45 is outside the range Microsoft documents for it (0 to 30)"],
    ]);
  });

  it("accepts a 60-day feature-update deferral: the typings' 0 to 30 is wrong, the Update CSP allows 365", () => {
    expect(configuration("{ featureUpdatesDeferralPeriodInDays: 60 }").diagnostics).toEqual([]);
    expect(configuration("{ featureUpdatesDeferralPeriodInDays: 400 }").diagnostics.map((d) => d.code)).toEqual(["IP026"]);
  });
});
