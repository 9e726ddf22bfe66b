// `validate --format sarif` output is valid SARIF 2.1.0: checked against the official JSON schema (as shipped by
// the schemastore package), for a plan with findings of many codes, with and without positions.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { formatDiagnosticsSarif } from "../../src/diagnostics/format-sarif.ts";
import { checkFixture, FIXTURES } from "../helpers/fixtures.ts";
import { run } from "../../src/cli/main.ts";
import { capture } from "../helpers/cli.ts";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("schemastore/schemas/json/sarif-2.1.0.json"), "utf8")) as object;

function validator(): (data: unknown) => boolean {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv.compile(schema) as (data: unknown) => boolean;
}

describe("SARIF output", () => {
  it("validates against the SARIF 2.1.0 JSON schema, with rules, locations and related locations", () => {
    const validate = validator();
    const diagnostics = ["conflict-same-phase.yaml", "graph-unknown-property.yaml", "folder-duplicate-key", "yaml-syntax.yaml"]
      .flatMap((f) => checkFixture(join(FIXTURES, "invalid", f)).diagnostics);
    const log = JSON.parse(formatDiagnosticsSarif(diagnostics, { toolVersion: "0.1.0" })) as { runs: { results: { ruleId: string; relatedLocations?: unknown[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const ok = validate(log);
    expect((validate as unknown as { errors?: unknown }).errors ?? null).toBeNull();
    expect(ok).toBe(true);
    const run0 = log.runs[0];
    expect(run0?.results.map((r) => r.ruleId).sort()).toEqual(["IP001", "IP020", "IP030", "IP090"]);
    expect(run0?.tool.driver.rules.map((r) => r.id)).toEqual(["IP001", "IP020", "IP030", "IP090"]);
    expect(run0?.results.find((r) => r.ruleId === "IP090")?.relatedLocations).toHaveLength(1);
  });

  it("the CLI prints SARIF on stdout and exits 1 when the plan has errors", async () => {
    const validate = validator();
    const io = capture();
    const code = await run(["validate", join(FIXTURES, "invalid", "folder-phase-dates"), "--format", "sarif"], io);
    expect(code).toBe(1);
    expect(validate(JSON.parse(io.out()))).toBe(true);
  });

  it("a clean plan is an empty but valid SARIF run", () => {
    const validate = validator();
    const log = JSON.parse(formatDiagnosticsSarif([], { toolVersion: "0.1.0" })) as unknown;
    expect(validate(log)).toBe(true);
  });
});
