// One benchmark sample in a fresh process: generate, then time checkPlan; print JSON (ms, peak RSS, counts).
import { checkPlan } from "../src/plan/check-plan.ts";
import { generatePlanFiles } from "./generate-plan.ts";

const objects = Number(process.argv[2] ?? "1000");
const files = generatePlanFiles(objects);
const bytes = files.reduce((n, f) => n + f.text.length, 0);
const inputs = files.map((f) => ({ path: f.path, bytes: Buffer.from(f.text) }));
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const checked = checkPlan(inputs);
const ms = performance.now() - started;
const plan = checked.plan;
const count = plan ? Object.keys(plan.groups).length + Object.keys(plan.compliance).length + Object.keys(plan.configuration).length + Object.keys(plan.appProtection).length + plan.phases.length : 0;
process.stdout.write(`${JSON.stringify({ objects: count, files: files.length, megabytes: bytes / 1e6, validateMs: Math.round(ms), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rssBeforeMb: Math.round(rssBefore / 1e6), diagnostics: checked.diagnostics.length })}\n`);
