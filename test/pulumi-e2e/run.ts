// The real-engine suite's entry (`npm run test:pulumi`, part of `npm test`): gets a Pulumi CLI (building it from
// Pulumi's Go modules the first time on a machine, see scripts/pulumi-cli.sh), then runs test/pulumi-e2e/*.e2e.ts
// with Node's test runner, two files at a time (each drives its own project copy, stack, backend and emulator, so
// they share nothing; most of their time is spent waiting on the engine). Plain Node, outside
// vitest's module transform, because Pulumi serializes the provider's source text.
//
// INTUNE_PLAN_E2E_REPORT=FILE  writes {"passed": N, "failed": N} there (.ci/run adds it to vitest's totals).
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "node:test";
import { spec } from "node:test/reporters";

const here = import.meta.dirname;
const root = join(here, "..", "..");
let cliDir: string;
try {
  cliDir = execFileSync("bash", [join(root, "scripts", "pulumi-cli.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
} catch {
  console.error("test:pulumi: the Pulumi CLI could not be built or found (see the lines above)");
  if (process.env["INTUNE_PLAN_E2E_REPORT"]) writeFileSync(process.env["INTUNE_PLAN_E2E_REPORT"], JSON.stringify({ passed: 0, failed: 1 }));
  process.exit(1);
}
process.env["INTUNE_PLAN_PULUMI_CLI_DIR"] = cliDir;
console.log(`test:pulumi: the real Pulumi engine from ${cliDir}`);

const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".e2e.ts") && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort()
  .map((f) => join(here, f));
let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 2, timeout: 1_200_000 });
stream.on("test:pass", (t) => {
  if (t.details.type !== "suite" && t.nesting === 0) passed++;
});
stream.on("test:fail", (t) => {
  if (t.details.type !== "suite" && t.nesting === 0) failed++;
});
stream.compose(spec).pipe(process.stdout);
stream.on("end", () => {
  if (files.length === 0) failed++;
  console.log(`test:pulumi: ${passed} passed, ${failed} failed`);
  if (process.env["INTUNE_PLAN_E2E_REPORT"]) writeFileSync(process.env["INTUNE_PLAN_E2E_REPORT"], JSON.stringify({ passed, failed }));
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
});
