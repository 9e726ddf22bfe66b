// Placing a diagnostic (issue 12): a warning in a large file must not re-parse the whole file with the positioned
// (slow) YAML parser. Counted as characters handed to `yaml`'s parseDocument, never timed: placing the same one
// warning in a plan twice and four times as large parses the same amount of text.
import { afterAll, describe, expect, it, vi } from "vitest";
import { generateReviewPlanFiles } from "../../bench/generate-review-plan.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { yamlAst } from "../../src/plan/yaml-ast.ts";

// The plan layer requires `yaml` lazily (yaml-ast.ts), which vi.mock cannot reach: the spy sits on the module object
// every caller gets from yamlAst(), and is removed after this file (test files may share a worker's modules).
const parseDocument = vi.spyOn(yamlAst(), "parseDocument");
const parsed = {
  get characters(): number {
    return parseDocument.mock.calls.reduce((n, [text]) => n + String(text).length, 0);
  },
};
afterAll(() => parseDocument.mockRestore());

/** Two sites: their All devices policies repeat each other, the plan's one warning (IP091), placed in both files. */
function placeOneWarning(objects: number): { characters: number; planCharacters: number } {
  const files = generateReviewPlanFiles(objects, Math.ceil(objects / 20));
  const before = parsed.characters;
  const checked = checkPlan(files.map((f) => ({ path: f.path, bytes: Buffer.from(f.text) })));
  expect(checked.diagnostics.map((d) => `${d.code} ${d.file ?? ""}:${d.subject?.start.line ?? 0}`)).toEqual([
    expect.stringMatching(/^IP091 review\/site-1\.yaml:\d+$/),
  ]);
  expect(checked.diagnostics[0]?.related?.[0]?.subject).toBeDefined();
  return { characters: parsed.characters - before, planCharacters: files.reduce((n, f) => n + f.text.length, 0) };
}

describe("diagnostic placement at scale (place.ts)", () => {
  it("one warning parses the objects it names with positions, not the files that hold them", () => {
    const small = placeOneWarning(400);
    const large = placeOneWarning(1600);
    // The positioned parser did run: a count of nothing would pass the bounds below whatever placement does.
    expect(small.characters).toBeGreaterThan(0);
    expect(large.characters, `positioned parse: ${small.characters} then ${large.characters} characters`).toBeLessThanOrEqual(
      small.characters * 1.1,
    );
    expect(large.characters).toBeLessThan(large.planCharacters / 50);
  });
});
