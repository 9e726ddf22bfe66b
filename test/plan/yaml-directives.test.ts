// YAML 1.2 §6.8.1: a processor rejects a %YAML directive of a higher major version with an error, reads a higher
// minor version with a warning, and a document may carry at most one %YAML directive (issue 11, item 8).
import { describe, expect, it } from "vitest";
import { parsePlanText } from "../../src/plan/parse.ts";

const BODY = "plan: { name: t }\n";
const shown = (text: string): unknown[] =>
  parsePlanText("p.yaml", text).diagnostics.map((d) => [d.code, d.severity, d.subject?.start.line, d.subject?.start.col, d.message]);

describe("the %YAML directive", () => {
  it("refuses %YAML 2.0 (a major version this parser does not read) with an error at the version", () => {
    expect(shown(`%YAML 2.0\n---\n${BODY}`)).toEqual([
      ["IP006", "error", 1, 7, "%YAML 2.0: this file declares YAML 2, and intune-plan reads YAML 1.2"],
    ]);
    expect(parsePlanText("p.yaml", `%YAML 2.0\n---\n${BODY}`).value).toBeUndefined();
  });

  it("refuses any other major version too, also in a file with anchors (the other parse path)", () => {
    expect(shown(`%YAML 3.1\n---\nx: &a 1\ny: *a\n`).map((d) => (d as unknown[]).slice(0, 4))).toEqual([["IP006", "error", 1, 7]]);
  });

  it("reads %YAML 1.3 with a warning at the version, and keeps the value", () => {
    expect(shown(`%YAML 1.3\n---\n${BODY}`)).toEqual([
      ["IP007", "warning", 1, 7, "%YAML 1.3: this file declares YAML 1.3; intune-plan reads it as YAML 1.2"],
    ]);
    expect(parsePlanText("p.yaml", `%YAML 1.3\n---\n${BODY}`).value).toEqual({ plan: { name: "t" } });
  });

  it("accepts %YAML 1.2 (and 1.1) without a word", () => {
    expect(shown(`%YAML 1.2\n---\n${BODY}`)).toEqual([]);
    expect(shown(`%YAML 1.1\n---\n${BODY}`)).toEqual([]);
  });

  it("refuses a second %YAML directive for the same document, at the second one", () => {
    expect(shown(`%YAML 1.2\n%YAML 1.2\n---\n${BODY}`).map((d) => (d as unknown[]).slice(0, 4))).toEqual([["IP006", "error", 2, 1]]);
  });
});
