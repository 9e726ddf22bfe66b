// Regenerates src/generated/graph-descriptions.json from the installed @microsoft/microsoft-graph-types-beta, for
// the entity types of src/generated/graph-schema.json (regenerate that first when the package changes).
// Usage: node scripts/gen-graph-descriptions.ts            (writes the file)
//        node scripts/gen-graph-descriptions.ts --check    (exits 1 when the committed file is stale)
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { generateGraphDescriptions } from "./graph-descriptions-generator.ts";

const require = createRequire(import.meta.url);
const pkgPath = require.resolve("@microsoft/microsoft-graph-types-beta/package.json");
const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string };
const dts = readFileSync(new URL("microsoft-graph.d.ts", `file://${pkgPath}`), "utf8");
const schema = JSON.parse(readFileSync(new URL("../src/generated/graph-schema.json", import.meta.url), "utf8")) as {
  types: Record<string, { kind: string }>;
};
const types = Object.entries(schema.types).flatMap(([name, t]) => (t.kind === "entity" ? [name] : []));
const text = generateGraphDescriptions({ dts, packageVersion: pkg.version, types });
const target = new URL("../src/generated/graph-descriptions.json", import.meta.url);

if (process.argv.includes("--check")) {
  if (readFileSync(target, "utf8") !== text) {
    console.error("src/generated/graph-descriptions.json is stale: run node scripts/gen-graph-descriptions.ts");
    process.exitCode = 1;
  } else console.log("graph-descriptions.json is up to date");
} else {
  writeFileSync(target, text);
  console.log(`wrote src/generated/graph-descriptions.json (${types.length} types, ${text.length} bytes)`);
}
