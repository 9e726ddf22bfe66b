// `validate --format sarif` output is valid SARIF 2.1.0: checked against the official JSON schema (as shipped by
// the schemastore package), for a plan with findings of many codes, with and without positions.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnosticsSarif } from "../../src/diagnostics/format-sarif.ts";
import { checkFixture, FIXTURES } from "../helpers/fixtures.ts";
import { run } from "../../src/cli/main.ts";
import { capture } from "../helpers/cli.ts";
import { sarifValidator } from "../helpers/sarif.ts";

describe("SARIF output", () => {
  it("validates against the SARIF 2.1.0 JSON schema, with rules, locations and related locations", () => {
    const validate = sarifValidator();
    const diagnostics = [
      "conflict-all-devices-user-group.yaml",
      "graph-unknown-property.yaml",
      "folder-duplicate-key",
      "yaml-syntax.yaml",
    ].flatMap((f) => checkFixture(join(FIXTURES, "invalid", f)).diagnostics);
    const log = JSON.parse(formatDiagnosticsSarif(diagnostics, { toolVersion: "0.1.0" })) as {
      runs: { results: { ruleId: string; relatedLocations?: unknown[] }[]; tool: { driver: { rules: { id: string }[] } } }[];
    };
    expect(validate(log)).toBeNull();
    const run0 = log.runs[0];
    expect(run0?.results.map((r) => r.ruleId).sort()).toEqual(["IP001", "IP020", "IP030", "IP090"]);
    expect(run0?.tool.driver.rules.map((r) => r.id)).toEqual(["IP001", "IP020", "IP030", "IP090"]);
    expect(run0?.results.find((r) => r.ruleId === "IP090")?.relatedLocations).toHaveLength(1);
  });

  it("the CLI prints SARIF on stdout and exits 1 when the plan has errors", async () => {
    const validate = sarifValidator();
    const io = capture();
    const code = await run(["validate", join(FIXTURES, "invalid", "folder-phase-dates"), "--format", "sarif"], io);
    expect(code).toBe(1);
    expect(validate(JSON.parse(io.out()))).toBeNull();
  });

  it("a clean plan is an empty but valid SARIF run", () => {
    const validate = sarifValidator();
    const log = JSON.parse(formatDiagnosticsSarif([], { toolVersion: "0.1.0" })) as unknown;
    expect(validate(log)).toBeNull();
  });
});
