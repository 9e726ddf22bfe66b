// `npm run bench`: generated plans of 1k, 10k and 50k objects, each in its own process: validate, compile two
// adjacent phases, and diff that promotion; print times and peak memory. Targets (DESIGN §10): validate + compile
// 10k objects in under 2 s and 500 MB; compile + diff 10k under 2 s.
import { execFileSync } from "node:child_process";

interface Sample { objects: number; files: number; megabytes: number; validateMs: number; compileMs: number; diffMs: number; graphObjects: number; assignmentsChanged: number; peakRssMb: number; diagnostics: number }

const sizes = (process.argv[2] ?? "1000,10000,50000").split(",").map(Number);
const col = (v: string | number, w: number): string => String(v).padStart(w);
console.log(`${col("objects", 7)} ${col("files", 5)} ${col("MB", 5)} ${col("validate ms", 11)} ${col("compile ms", 10)} ${col("diff ms", 7)} ${col("compile+diff ms", 15)} ${col("peak RSS MB", 11)} ${col("diagnostics", 11)} ${col("assignments changed", 19)}`);
for (const n of sizes) {
  const r = JSON.parse(execFileSync(process.execPath, [new URL("./sample.ts", import.meta.url).pathname, String(n)], { encoding: "utf8" })) as Sample;
  console.log(`${col(r.objects, 7)} ${col(r.files, 5)} ${col(r.megabytes.toFixed(1), 5)} ${col(r.validateMs, 11)} ${col(r.compileMs, 10)} ${col(r.diffMs, 7)} ${col(r.compileMs + r.diffMs, 15)} ${col(r.peakRssMb, 11)} ${col(r.diagnostics, 11)} ${col(r.assignmentsChanged, 19)}`);
}
console.log("compile ms: both phases of the promotion (phase-0 and phase-1); diff ms: comparing them, risks included.");
