// Placing a diagnostic through a parsed slice of the file (entry-slices.ts) gives exactly the position the whole
// file's positioned AST gives, for every path into the fixtures and into hand-written files of awkward shapes.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { load } from "js-yaml";
import type { PlanPath } from "../../src/diagnostics/diagnostic.ts";
import { locate, locateInDocument } from "../../src/plan/place.ts";
import { checkFixture, FIXTURES, fixtureFiles } from "../helpers/fixtures.ts";

/** Every path into `value`, at most `depth` segments deep. */
function pathsOf(value: unknown, depth: number, prefix: PlanPath = []): PlanPath[] {
  if (depth === 0 || typeof value !== "object" || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, depth - 1, [...prefix, k])]);
}

/** Compares both ways of placing each path, on fresh copies of the file (so no parse is cached between them). */
function expectSamePlaces(file: string, text: string, paths: readonly PlanPath[]): void {
  for (const path of paths) {
    for (const atKey of [false, true]) {
      expect(locate({ path: file, text }, path, atKey), `${file} ${path.join(".")} atKey=${String(atKey)}`).toEqual(
        locateInDocument({ path: file, text }, path, atKey),
      );
    }
  }
}

const AWKWARD = `---
# yaml-language-server: $schema=../schema/plan.schema.json
plan: { name: awkward }   # flow section
groups:
  # a comment before the first group
  "quoted-key": { displayName: Quoted, membership: assigned, members: users }
  'single': { displayName: Single, membership: assigned, members: users }

  plain:
    displayName: "Plain # not a comment"
    rule: >
      folded text
      over lines
# a comment at column 0 inside the section
  after-comment:
    displayName: After
configuration:
  compact:
    displayName: Compact
    assignment:
      include:
      - plain
      - single
    settings:
      device_vendor_msft_x: [a, b]
phases:
- key: one
  audience: [plain]
- key: two
  audience:
  - single
`;

describe("diagnostic placement through entry slices (place.ts, entry-slices.ts)", () => {
  it.each(readdirSync(join(FIXTURES, "invalid")).sort())("%s: every diagnostic is placed where the whole-file parse places it", (name) => {
    const checked = checkFixture(join(FIXTURES, "invalid", name));
    for (const d of checked.diagnostics) {
      const text = d.file === undefined ? undefined : checked.sources.get(d.file)?.text;
      if (d.file === undefined || text === undefined) continue;
      expectSamePlaces(d.file, text, [d.path]);
    }
    for (const file of fixtureFiles(join(FIXTURES, "invalid", name))) {
      const text = readFileSync(file, "utf8");
      let value: unknown;
      try {
        value = load(text);
      } catch {
        continue;
      }
      expectSamePlaces(file, text, pathsOf(value, 4));
    }
  });

  it("every path of a file with comments, quoted keys, compact sequences, flow sections and CRLF line ends", () => {
    const paths = pathsOf(load(AWKWARD), 5);
    expect(paths.length).toBeGreaterThan(30);
    expectSamePlaces("awkward.yaml", AWKWARD, paths);
    expectSamePlaces("awkward-crlf.yaml", AWKWARD.replace(/\n/g, "\r\n"), paths);
    expectSamePlaces("missing.yaml", AWKWARD, [["groups", "nope"], ["nope"], ["configuration", "compact", "nope", "x"], ["phases", 7]]);
  });
});
