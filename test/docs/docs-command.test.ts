// `intune-plan docs` end to end through the CLI's run(): files written and listed, the same bytes twice, and a
// plan with a mistake stops with the validator's positioned diagnostic and exit 1, writing nothing.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { capture } from "../helpers/cli.ts";
import { DOCS_FIXTURE } from "./fixture.ts";

const root = mkdtempSync(join(tmpdir(), "intune-plan-docs-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("intune-plan docs", () => {
  it("writes index.md and one file per section, lists them, and writes the same bytes again", async () => {
    writeFileSync(join(root, "plan.yaml"), DOCS_FIXTURE);
    const io = capture(root);
    expect(await run(["docs", join(root, "plan.yaml"), "--out", "md"], io)).toBe(0);
    const written = ["index.md", "phases.md", "groups.md", "scopeTags.md", "roles.md", "filters.md", "compliance.md", "configuration.md"];
    expect(io.out()).toBe(written.map((f) => `${join("md", f)}\n`).join(""));
    expect(readdirSync(join(root, "md")).sort()).toEqual([...written].sort());
    const first = readFileSync(join(root, "md", "configuration.md"), "utf8");
    expect(await run(["docs", join(root, "plan.yaml"), "--out", "md"], capture(root))).toBe(0);
    expect(readFileSync(join(root, "md", "configuration.md"), "utf8")).toBe(first);
  });

  it("--format html writes one index.html", async () => {
    const io = capture(root);
    expect(await run(["docs", join(root, "plan.yaml"), "--out", "html", "--format", "html"], io)).toBe(0);
    expect(io.out()).toBe(`${join("html", "index.html")}\n`);
    expect(readFileSync(join(root, "html", "index.html"), "utf8")).toMatch(/^<!DOCTYPE html>/);
  });

  it("a plan mistake: the validator's diagnostic with file:line:col, exit 1, nothing written", async () => {
    writeFileSync(join(root, "bad.yaml"), DOCS_FIXTURE.replace("exclude: [contractors]", "exclude: [contractor]"));
    const io = capture(root);
    expect(await run(["docs", join(root, "bad.yaml"), "--out", "bad-out"], io)).toBe(1);
    expect(io.err()).toMatch(/bad\.yaml:\d+:\d+/);
    expect(io.err()).toContain("contractor");
    expect(io.out()).toBe("");
    expect(readdirSync(root)).not.toContain("bad-out");
  });

  it("an unknown format is a usage error", async () => {
    const io = capture(root);
    expect(await run(["docs", "--format", "pdf"], io)).toBe(64);
    expect(io.err()).toContain("unknown --format pdf; use markdown or html");
  });
});
