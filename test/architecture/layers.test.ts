// The layering (DESIGN §2, ../shared/KINDS-REDESIGN.md): which top-level part of src/ may import which. Every
// relative import between two parts must be an edge of ALLOWED; anything else fails with the file and the import.
// The crossings the kinds redesign (issue 14) removed are not edges here, so none can come back. The Pulumi provider
// reaches the product through src/index.ts only.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..");

/** Part → the parts it may import. A part is a folder of src/ (or a file at its root), or `providers`. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  "text-order.ts": [],
  "mermaid-text.ts": [],
  "canonical-json.ts": ["text-order.ts"],
  generated: [],
  diagnostics: ["text-order.ts"],
  // Microsoft's data and our vocabulary for it, below the plan language: Graph's schema, the @odata.type tables,
  // JSON helpers, secret references, the server-owned properties.
  "graph-model": ["diagnostics", "generated"],
  plan: ["diagnostics", "graph-model", "canonical-json.ts", "text-order.ts"],
  // One row of facts per kind (kinds/index.ts); the adapters move here kind by kind (issue 14 step 5).
  kinds: ["graph-model", "plan"],
  "scrub.ts": ["graph-model"],
  compile: ["graph-model", "kinds", "plan", "text-order.ts"],
  rollout: ["compile", "plan"],
  // What a plan needs around it: licences, Graph permissions, the rollout calendar.
  reports: ["kinds", "plan", "mermaid-text.ts", "text-order.ts"],
  diff: ["compile", "graph-model", "plan", "canonical-json.ts", "text-order.ts"],
  explain: ["compile", "diff", "graph-model", "plan", "diagnostics", "canonical-json.ts", "text-order.ts"],
  render: ["compile", "diff", "rollout", "canonical-json.ts", "mermaid-text.ts"],
  // The plan as documentation (`intune-plan docs`): reads what the compiler, diff, explain and reports decide.
  docs: ["compile", "diff", "explain", "generated", "graph-model", "plan", "reports"],
  graph: ["compile", "graph-model", "kinds", "text-order.ts"],
  recover: ["compile", "graph", "kinds", "plan"],
  // `import --from FORMAT`: community tools' files read as tenant items, mapped by graph/import-plan.ts.
  "file-import": ["compile", "diff", "graph", "graph-model", "kinds", "plan", "text-order.ts"],
  emulator: ["generated"],
  cli: [
    "compile",
    "diagnostics",
    "diff",
    "docs",
    "emulator",
    "explain",
    "file-import",
    "graph",
    "plan",
    "recover",
    "render",
    "reports",
    "rollout",
    "scrub.ts",
  ],
  // The provider's door; recover: the bound a create may take a lost run's objects over by (recover/adopt-since.ts).
  "index.ts": ["compile", "diagnostics", "diff", "graph", "graph-model", "kinds", "plan", "recover", "reports", "scrub.ts"],
  providers: ["index.ts"],
};

/** The relative imports and re-exports of a source file (type-only ones too: they are dependencies of the shape). */
function importsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1] ?? "").filter((s) => s.startsWith("."));
}

function partOf(file: string): string {
  const [top, second] = relative(ROOT, file).split(sep);
  return top === "providers" ? "providers" : (second ?? "");
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
}

/** Every import from one part into another that ALLOWED does not list, as "file → import (part → part)". */
function crossings(
  files: readonly { path: string; text: string }[],
  allowed: Readonly<Record<string, readonly string[]>> = ALLOWED,
): string[] {
  const out: string[] = [];
  for (const f of files) {
    const from = partOf(f.path);
    for (const spec of importsOf(f.text)) {
      const to = partOf(resolve(dirname(f.path), spec));
      if (to === from || allowed[from]?.includes(to)) continue;
      out.push(`${relative(ROOT, f.path)} → ${spec} (${from} → ${to})`);
    }
  }
  return out;
}

const project = (): { path: string; text: string }[] =>
  [...sources(join(ROOT, "src")), ...sources(join(ROOT, "providers"))].map((path) => ({ path, text: readFileSync(path, "utf8") }));

describe("layering of src/ and providers/", () => {
  it("every import between parts is an allowed edge", () => {
    expect(crossings(project())).toEqual([]);
  });

  it("every part is in the table, and every edge the table allows is still used (a removed crossing stays removed)", () => {
    const used = new Map<string, Set<string>>();
    for (const f of project()) {
      const from = partOf(f.path);
      if (!used.has(from)) used.set(from, new Set());
      for (const spec of importsOf(f.text)) {
        const to = partOf(resolve(dirname(f.path), spec));
        if (to !== from) used.get(from)?.add(to);
      }
    }
    expect([...used.keys()].filter((p) => !(p in ALLOWED))).toEqual([]);
    const stale = Object.entries(ALLOWED).flatMap(([from, tos]) =>
      tos.filter((to) => !used.get(from)?.has(to)).map((to) => `${from} → ${to}`),
    );
    expect(stale).toEqual([]);
  });

  it("catches a wrong import: the plan importing the CLI, the provider importing the Graph client directly", () => {
    const planFile = join(ROOT, "src", "plan", "schema.ts");
    const provider = join(ROOT, "providers", "provider.ts");
    expect(
      crossings([
        { path: planFile, text: 'import { run } from "../cli/main.ts";\n' },
        { path: provider, text: 'import type { GraphClient } from "../src/graph/client.ts";\n' },
      ]),
    ).toEqual(["src/plan/schema.ts → ../cli/main.ts (plan → cli)", "providers/provider.ts → ../src/graph/client.ts (providers → graph)"]);
  });
});
