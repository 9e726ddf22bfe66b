// `npm run bench:apply [-- SIZES]`: the apply at the tenant's throttling limit (issue 12 item 3), on a fake clock
// against an in-process Graph that enforces Intune's and Entra's limits (test/helpers/apply-at-limit.ts), for
// generated plans of SIZES objects (default 1000,10000): for create, no-op, promotion and destroy, the requests per
// plan object against the minimum, 429s, and the time against the least time the limits allow.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planResources } from "../providers/program.ts";
import { applyAtLimit } from "../test/helpers/apply-at-limit.ts";
import { compiledPlan } from "./compiled-plan.ts";
import { generatePlanFiles, writePlan } from "./generate-plan.ts";

const sizes = (process.argv[2] ?? "1000,10000").split(",").map(Number);
const rows: string[][] = [["objects", "step", "writes/object", "min", "reads/object", "min", "429s", "time", "least time", "ratio"]];
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), "apply-at-limit-"));
  try {
    writePlan(dir, generatePlanFiles(n));
    const plan = planResources(compiledPlan(dir, "phase-2"));
    const objects = plan.filter((r) => r.resource === "object").length;
    const figures = await applyAtLimit(plan, planResources(compiledPlan(dir, "phase-3")));
    for (const f of figures) {
      if (!f.ok) {
        console.error(`${f.step} at ${n} objects failed: ${f.errors.join("; ")}`);
        process.exitCode = 1;
      }
      const per = (x: number): string => (x / objects).toFixed(3);
      rows.push([
        String(objects),
        f.step,
        per(f.writes),
        per(f.minWrites),
        per(f.reads),
        per(f.minReads),
        String(f.throttled),
        `${(f.ms / 1000).toFixed(1)} s`,
        `${(f.minMs / 1000).toFixed(1)} s`,
        f.minMs > 0 ? `${(f.ms / f.minMs).toFixed(3)}×` : "-",
      ]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
for (const r of rows) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  "));
