// Diagnostics output is bounded by the number of codes, not by the input, and never prints a literal secret
// (issue 10, items 4 and 5). Before: 13 KB of unknown keys on one line printed 24 MB; IP024's excerpt showed the key.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { capDiagnostics, diagnostic, hasErrors, MAX_PER_CODE } from "../../src/diagnostics/diagnostic.ts";
import { formatDiagnosticsText } from "../../src/diagnostics/format-text.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";

const input = (path: string, text: string): { path: string; bytes: Uint8Array } => ({ path, bytes: Buffer.from(text) });
const base = readFileSync(new URL("../fixtures/base/base.yaml", import.meta.url));

describe("bounded diagnostics", () => {
  it("summarises repeated codes after MAX_PER_CODE, keeping the errors' severity", () => {
    const many = Array.from({ length: 500 }, (_, i) => diagnostic("IP010", { path: [], message: `unknown key k${i}` }));
    const capped = capDiagnostics(many);
    expect(capped).toHaveLength(MAX_PER_CODE + 1);
    expect(capped.at(-1)?.message).toBe(`${500 - MAX_PER_CODE} more IP010 (Unknown plan key) not shown; fix the ones above and run again`);
    expect(hasErrors(capped.slice(-1))).toBe(true);
  });

  it("prints a few kilobytes, not megabytes, for 1,200 unknown keys on one 13 KB line", () => {
    const keys = Array.from({ length: 1200 }, (_, i) => `k${i}: ${i}`).join(", ");
    const checked = checkPlan([input("flood.yaml", `groups: { g: { displayName: G, ${keys} } }\n`)]);
    const text = formatDiagnosticsText(checked.diagnostics, checked.sources);
    expect(checked.diagnostics.filter((d) => d.code === "IP010")).toHaveLength(MAX_PER_CODE + 1);
    expect(text.length).toBeLessThan(64 * 1024);
    expect(text).toContain("flood.yaml: error IP010: 1150 more IP010");
    // Each excerpt is a window around its subject, with the caret under it.
    expect(text).toContain("1 | …, k47: 47, k48: 48,");
  });

  it("masks a literal secret in every excerpt that shows its line", () => {
    const wifi =
      "configuration:\n  w: { displayName: W, platform: windows, profile: wifi, settings: { ssid: x, preSharedKey: hunter2-PSK-value, bogusSetting: 1 } }\n";
    const checked = checkPlan([input("base.yaml", base.toString()), input("wifi.yaml", wifi)]);
    const codes = checked.diagnostics.map((d) => d.code);
    expect(codes).toContain("IP024");
    const text = formatDiagnosticsText(checked.diagnostics, checked.sources);
    expect(text).not.toContain("hunter2");
    expect(text).toContain("preSharedKey: *****************");
  });

  it("masks a literal secret on a line whose only diagnostic is not about it (a syntax error there)", () => {
    const broken = "configuration:\n  w: { displayName: W, settings: { preSharedKey: hunter2-PSK-value, ssid: x ] } }\n";
    const checked = checkPlan([input("broken.yaml", broken)]);
    expect(checked.diagnostics.map((d) => d.code)).toContain("IP001");
    const text = formatDiagnosticsText(checked.diagnostics, checked.sources);
    expect(text).toContain("preSharedKey: *****************,");
    expect(text).not.toContain("hunter2");
  });
});
