// Golden files for every renderer. The change report between the two review fixture revisions is produced by the
// CLI and compared with test/golden/review.json; each renderer then reads that golden JSON (not a fresh diff) and
// must print its golden file byte for byte. UPDATE_GOLDEN=1 rewrites the files; review the git diff.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { VERSION } from "../../src/cli/version.ts";
import type { ChangeReport } from "../../src/diff/change-set.ts";
import { renderJson } from "../../src/render/json.ts";
import { MARKDOWN_MARKER, renderMarkdown } from "../../src/render/markdown.ts";
import { renderSarif } from "../../src/render/sarif.ts";
import { renderText } from "../../src/render/text.ts";
import { capture } from "../helpers/cli.ts";
import { sarifValidator } from "../helpers/sarif.ts";

const GOLDEN = join(import.meta.dirname, "..", "golden");
const REVIEW = "test/fixtures/review";

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env["UPDATE_GOLDEN"]) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

const report = (): ChangeReport => JSON.parse(readFileSync(join(GOLDEN, "review.json"), "utf8")) as ChangeReport;

describe("renderer golden files", () => {
  it("the CLI's JSON change report for the review fixture matches review.json", async () => {
    const io = capture();
    expect(
      await run(
        ["diff", `${REVIEW}/head`, "--base", `${REVIEW}/base`, "--base-phase", "pilot", "--phase", "wave-1", "--format", "json"],
        io,
      ),
    ).toBe(0);
    expect(io.err()).toBe("");
    golden("review.json", io.out());
  });

  it("JSON: the renderer reproduces the golden JSON exactly", () => {
    golden("review.json", renderJson(report()));
  });

  it("terminal text", () => golden("review.txt", renderText(report())));

  it("Markdown PR comment: marker first, risks before changes, secrets by name only", () => {
    const md = renderMarkdown(report());
    golden("review.md", md);
    expect(md.startsWith(MARKDOWN_MARKER)).toBe(true);
    expect(md.indexOf("**Risks**")).toBeLessThan(md.indexOf("<details>"));
    expect(md).not.toMatch(/"secret":/);
  });

  it("SARIF: one result per risk, valid against the SARIF 2.1.0 schema", () => {
    const sarif = renderSarif(report(), VERSION);
    golden("review.sarif.json", sarif.replace(`"version": "${VERSION}"`, '"version": "(version)"'));
    const log = JSON.parse(sarif) as { runs: { results: unknown[] }[] };
    expect(sarifValidator()(log)).toBeNull();
    expect(log.runs[0]?.results).toHaveLength(report().changeSets[0]?.risks.length ?? -1);
  });
});
