// DESIGN §2: the emulator is an independent implementation of Graph's wire behaviour. Its import graph must not
// reach the compiler, the validator, the diff engine or the Graph client; it may read the generated schema.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..");
const EMULATOR = join(ROOT, "src", "emulator");

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1] ?? "").filter((s) => s.startsWith("."));
}

/** Every project file reachable from the emulator's sources through relative imports. */
function reachable(): Set<string> {
  const seen = new Set<string>();
  const queue = readdirSync(EMULATOR)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(EMULATOR, f));
  while (queue.length > 0) {
    const file = queue.pop() ?? "";
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith(".ts")) queue.push(...importsOf(file).map((s) => resolve(dirname(file), s)));
  }
  return seen;
}

describe("the emulator's independence", () => {
  it("imports nothing from the compiler, validator, plan model, diff engine or Graph client", () => {
    const outside = [...reachable()].map((f) => relative(ROOT, f)).filter((f) => !f.startsWith("src/emulator/"));
    expect(outside).toEqual(["src/generated/graph-schema.json"]);
  });

  it("the check sees real imports (it would catch one)", () => {
    expect(importsOf(join(ROOT, "src", "graph", "tenant-reader.ts"))).toContain("../compile/desired-state.ts");
  });
});
