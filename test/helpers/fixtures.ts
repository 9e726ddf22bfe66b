// Fixture helpers: load a plan fixture (a file validated with the shared base, or a folder on its own) and read
// the `# expect: CODE[, CODE]` markers written on the offending lines (Terraform's testdata style).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { CheckedPlan } from "../../src/plan/check-plan.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import type { PlanInput } from "../../src/plan/read.ts";
import { readScriptFile } from "../../src/plan/read.ts";

export const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;
const BASE = join(FIXTURES, "base", "base.yaml");

const input = (path: string): PlanInput => {
  const from = relative(process.cwd(), path);
  return { path: from, bytes: readFileSync(path), readScript: (rel) => readScriptFile(from, rel) };
};

export function fixtureFiles(fixture: string): string[] {
  return statSync(fixture).isDirectory()
    ? readdirSync(fixture)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
        .map((f) => join(fixture, f))
    : [fixture];
}

/**
 * A folder fixture is checked with its own setting-definitions.json and policy-templates.json when it has them (a file
 * fixture never is).
 */
export function checkFixture(fixture: string): CheckedPlan {
  const files = fixtureFiles(fixture);
  const folder = statSync(fixture).isDirectory();
  const withBase = folder ? files : [BASE, ...files];
  const snapshot = join(fixture, "setting-definitions.json");
  const definitions = folder && existsSync(snapshot) ? [{ path: relative(process.cwd(), snapshot), bytes: readFileSync(snapshot) }] : [];
  const templateFile = join(fixture, "policy-templates.json");
  const templates =
    folder && existsSync(templateFile) ? [{ path: relative(process.cwd(), templateFile), bytes: readFileSync(templateFile) }] : [];
  return checkPlan(withBase.map(input), [], { definitions, templates });
}

/** "file:line" → sorted codes, from markers. */
export function expectedMarkers(fixture: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of fixtureFiles(fixture)) {
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        const m = /#\s*expect:\s*([A-Z0-9, ]+)\s*$/.exec(line);
        if (m?.[1])
          out.set(
            `${relative(process.cwd(), file)}:${i + 1}`,
            m[1]
              .split(",")
              .map((c) => c.trim())
              .filter(Boolean)
              .sort(),
          );
      });
  }
  return out;
}

/** "file:line" → sorted codes, from diagnostics. */
export function actualMarkers(checked: CheckedPlan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of checked.diagnostics) {
    const key = d.subject ? `${d.subject.file}:${d.subject.start.line}` : `${d.file ?? "<plan>"}:0`;
    out.set(key, [...(out.get(key) ?? []), d.code].sort());
  }
  return out;
}
