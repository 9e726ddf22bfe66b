// One benchmark sample in a fresh process: generate a plan, then time validation (checkPlan), compile of two
// adjacent phases, and the diff of that promotion; print JSON (ms, peak RSS, counts).
import { compile } from "../src/compile/compile.ts";
import { audienceOf } from "../src/diff/audience.ts";
import { diffStates } from "../src/diff/diff.ts";
import { viewOfDesired } from "../src/diff/state-view.ts";
import { checkPlan } from "../src/plan/check-plan.ts";
import { generatePlanFiles } from "./generate-plan.ts";

const objects = Number(process.argv[2] ?? "1000");
const files = generatePlanFiles(objects);
const bytes = files.reduce((n, f) => n + f.text.length, 0);
const inputs = files.map((f) => ({ path: f.path, bytes: Buffer.from(f.text) }));
const time = <T>(f: () => T): [T, number] => { const t = performance.now(); const v = f(); return [v, Math.round(performance.now() - t)]; };

const [checked, validateMs] = time(() => checkPlan(inputs));
const plan = checked.plan;
if (!plan) throw new Error("generated plan does not check");
const [states, compileMs] = time(() => [compile(plan, "phase-0"), compile(plan, "phase-1")] as const);
const [changes, diffMs] = time(() => diffStates(viewOfDesired(states[0], "phase-0"), viewOfDesired(states[1], "phase-1"), { plan: plan.name, audience: audienceOf(plan), phases: plan.phases.map((p) => p.key) }));
const count = Object.keys(plan.groups).length + Object.keys(plan.compliance).length + Object.keys(plan.configuration).length + Object.keys(plan.appProtection).length + plan.phases.length;
process.stdout.write(`${JSON.stringify({
  objects: count, files: files.length, megabytes: bytes / 1e6, validateMs, compileMs, diffMs,
  graphObjects: states[1].objects.length, assignmentsChanged: changes.summary.assignmentsChanged,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), diagnostics: checked.diagnostics.length,
})}\n`);
