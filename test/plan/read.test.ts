// Plan paths that are not plain files in the plan folder: none may hang the reader, flood memory or have its
// content echoed (issue 10, item 4). Each case here hung or leaked before the reader checked fstat and real paths.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnosticsText } from "../../src/diagnostics/format-text.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";

const fresh = (): string => mkdtempSync(join(tmpdir(), "intune-plan-read-"));

describe("readPlanInputs", () => {
  it("refuses a FIFO named *.yaml without opening it for a blocking read", () => {
    const dir = fresh();
    execFileSync("mkfifo", [join(dir, "pipe.yaml")]);
    const { inputs, diagnostics } = readPlanInputs([dir]);
    expect(inputs).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([["IP002", expect.stringContaining("is not a regular file")]]);
  });

  it("refuses /dev/zero by its type, not by reading it", () => {
    const { inputs, diagnostics } = readPlanInputs(["/dev/zero"]);
    expect(inputs).toEqual([]);
    expect(diagnostics[0]?.code).toBe("IP002");
  });

  it("refuses a symlink that resolves outside the plan folder and never echoes its content", () => {
    const outside = fresh();
    writeFileSync(join(outside, "secret.yaml"), "phases: TOP-SECRET-CONTENT\n");
    const dir = fresh();
    symlinkSync(join(outside, "secret.yaml"), join(dir, "leak.yaml"));
    const { inputs, diagnostics } = readPlanInputs([dir]);
    expect(inputs).toEqual([]);
    expect(diagnostics[0]?.message).toContain("outside its plan folder");
    const checked = checkPlan(inputs, diagnostics);
    expect(formatDiagnosticsText(checked.diagnostics, checked.sources)).not.toContain("TOP-SECRET");
  });

  it("still reads a symlink that stays inside the plan folder", () => {
    const dir = fresh();
    mkdirSync(join(dir, "shared"));
    writeFileSync(join(dir, "shared", "a.yaml"), "plan: { name: a }\n");
    symlinkSync(join(dir, "shared", "a.yaml"), join(dir, "a.yaml"));
    const { inputs, diagnostics } = readPlanInputs([dir]);
    expect(diagnostics).toEqual([]);
    expect(Buffer.from(inputs[0]?.bytes ?? []).toString()).toBe("plan: { name: a }\n");
  });
});
