// Reports of very large change sets (issue 12): a report of hundreds of thousands of lines never builds one call
// with every line as an argument (text preview of a 50k-object plan died with "Maximum call stack size exceeded").
import { describe, expect, it } from "vitest";
import { diffStates } from "../../src/diff/diff.ts";
import type { StateView } from "../../src/compile/state-view.ts";
import { renderText } from "../../src/render/text.ts";

function policies(n: number, label: string, properties: number): StateView {
  const objects = Array.from({ length: n }, (_, i) => ({
    address: `configuration.p${i}`,
    kind: "settingsCatalogPolicy" as const,
    collection: "/deviceManagement/configurationPolicies",
    odataType: null,
    displayName: `P${i}`,
    body: Object.fromEntries(Array.from({ length: properties }, (_, k) => [`setting${k}`, `value ${i}`])),
  }));
  return {
    side: { label, source: "plan", phase: null },
    objects,
    assignments: objects.map((o) => ({ address: `${o.address}#assignments`, of: o.address, targets: [] })),
  };
}

describe("reports at scale", () => {
  it("a text report of 40,000 created objects (240,000 lines) renders instead of overflowing the stack", () => {
    const n = 40_000;
    const set = diffStates(policies(0, "base", 0), policies(n, "head", 5), { plan: "scale" });
    const text = renderText({ formatVersion: "1", changeSets: [set] });
    expect(text.split("\n").length).toBeGreaterThan(6 * n);
  });
});
