// Generated files are reproducible: the Graph schema from Microsoft's published typings, and the plan JSON Schema
// from the zod schema. Regenerating must give the committed bytes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { generateGraphSchema } from "../../scripts/graph-schema-generator.ts";
import { PLAN_ROOT_TYPES } from "../../src/graph-model/vocabulary.ts";
import { planJsonSchema } from "../../src/plan/json-schema.ts";
import { readdirSync } from "node:fs";

const require = createRequire(import.meta.url);

describe("generated files", () => {
  it("src/generated/graph-schema.json regenerates byte for byte from @microsoft/microsoft-graph-types-beta", () => {
    const pkgPath = require.resolve("@microsoft/microsoft-graph-types-beta/package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string };
    const dts = readFileSync(pkgPath.replace(/package\.json$/, "microsoft-graph.d.ts"), "utf8");
    const generated = generateGraphSchema({ dts, packageVersion: pkg.version, roots: PLAN_ROOT_TYPES });
    expect(generated).toBe(readFileSync(new URL("../../src/generated/graph-schema.json", import.meta.url), "utf8"));
  });

  it("the generated schema covers every @odata.type the plan can produce, with enum members", () => {
    const schema = JSON.parse(readFileSync(new URL("../../src/generated/graph-schema.json", import.meta.url), "utf8")) as {
      types: Record<string, { kind: string; members?: string[] }>;
    };
    for (const root of PLAN_ROOT_TYPES) expect(schema.types[root], root).toBeDefined();
    expect(schema.types["deviceThreatProtectionLevel"]?.members).toEqual(["unavailable", "secured", "low", "medium", "high", "notSet"]);
  });

  it("schema/plan.schema.json is the current JSON Schema, and every reference plan file points editors at it", () => {
    expect(readFileSync(new URL("../../schema/plan.schema.json", import.meta.url), "utf8")).toBe(planJsonSchema());
    for (const f of readdirSync(new URL("../../plan/", import.meta.url)).filter((n) => n.endsWith(".yaml"))) {
      expect(readFileSync(new URL(`../../plan/${f}`, import.meta.url), "utf8").split("\n")[0], f).toBe(
        "# yaml-language-server: $schema=../schema/plan.schema.json",
      );
    }
  });
});
