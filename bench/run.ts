// `npm run bench`: validate generated plans of 1k, 10k and 50k objects, each in its own process, and print time
// and peak memory. Target (DESIGN §10): 10k objects in under 2 s and 500 MB.
import { execFileSync } from "node:child_process";

const sizes = (process.argv[2] ?? "1000,10000,50000").split(",").map(Number);
console.log("objects  files   MB   validate ms  peak RSS MB  diagnostics");
for (const n of sizes) {
  const out = execFileSync(process.execPath, [new URL("./validate-one.ts", import.meta.url).pathname, String(n)], { encoding: "utf8" });
  const r = JSON.parse(out) as { objects: number; files: number; megabytes: number; validateMs: number; peakRssMb: number; diagnostics: number };
  console.log(`${String(r.objects).padStart(7)}  ${String(r.files).padStart(5)}  ${r.megabytes.toFixed(1).padStart(5)}  ${String(r.validateMs).padStart(11)}  ${String(r.peakRssMb).padStart(11)}  ${String(r.diagnostics).padStart(11)}`);
}
