// Regenerates src/generated/graph-schema.json from the installed @microsoft/microsoft-graph-types-beta.
// Usage: npm run gen:graph-schema            (writes the file)
//        npm run gen:graph-schema -- --check (exits 1 when the committed file is stale)
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PLAN_ROOT_TYPES } from "../src/graph-model/vocabulary.ts";
import { generateGraphSchema } from "./graph-schema-generator.ts";

const require = createRequire(import.meta.url);
const pkgPath = require.resolve("@microsoft/microsoft-graph-types-beta/package.json");
const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string };
const dts = readFileSync(new URL("microsoft-graph.d.ts", `file://${pkgPath}`), "utf8");
const text = generateGraphSchema({ dts, packageVersion: pkg.version, roots: PLAN_ROOT_TYPES });
const target = new URL("../src/generated/graph-schema.json", import.meta.url);

if (process.argv.includes("--check")) {
  const current = readFileSync(target, "utf8");
  if (current !== text) {
    console.error("src/generated/graph-schema.json is stale: run npm run gen:graph-schema");
    process.exitCode = 1;
  } else console.log("graph-schema.json is up to date");
} else {
  writeFileSync(target, text);
  const types = Object.keys((JSON.parse(text) as { types: object }).types).length;
  console.log(`wrote src/generated/graph-schema.json (${types} types, ${text.length} bytes)`);
}
