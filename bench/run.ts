// `npm run bench [-- SIZES] [--out FILE] [--apply-max N] [--no-build]`: whole-process costs of every command on
// generated plans (generate-plan.ts) of SIZES objects (comma-separated; default 1000,10000,50000,100000). Each
// sample (up to 10k objects the median of 3) is a fresh `bin/intune-plan.js <command>` on the built CLI (built
// first with `npm run build`), started as an installed `intune-plan` is (through its first line), timed by wall
// clock, with its CPU time and peak RSS from /usr/bin/time:
//   validate  the plan;
//   compile   the plan's last phase (the JSON desired state);
//   diff      two revisions of the plan (`diff HEAD --base BASE`, both folders);
//   preview   the plan against `intune-plan emulator --state FILE` already holding it (seed-tenant.ts);
//   apply     the provider's create for every resource against an empty emulator in its own process
//             (apply-sample.ts, with the heap limits the provider host sets), only up to --apply-max objects
//             (default 10000).
// Prints a table, the growth ratios and the targets (DESIGN §10, issue 12); --out FILE also writes them as JSON.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { countObjects, generatePlanFiles, writePlan } from "./generate-plan.ts";
import type { Sample } from "./measure.ts";
import { measure, measureMedian, startEmulatorProcess } from "./measure.ts";
import type { Command, Figures, SizeResult } from "./report.ts";
import { COMMANDS, report } from "./report.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: "string" }, "apply-max": { type: "string", default: "10000" }, "no-build": { type: "boolean", default: false } },
});
const sizes = (positionals[0] ?? "1000,10000,50000,100000").split(",").map(Number);
const applyMax = Number(values["apply-max"]);
if (sizes.some((n) => !Number.isInteger(n) || n < 100) || !Number.isInteger(applyMax)) {
  console.error("usage: npm run bench -- [1000,10000,...] [--out FILE] [--apply-max N] [--no-build]");
  process.exit(64);
}

const repo = join(import.meta.dirname, "..");
const cli = join(repo, "bin", "intune-plan.js");
const bench = (file: string): string => join(repo, "bench", file);
const PHASE = "phase-5";
const RUNS = 3;
/** Exit codes that mean the command did its job: 0, or for diff and preview also 2 (changes found). */
const CLEAN = (exit: number): boolean => exit === 0;
const CHANGES_OK = (exit: number): boolean => exit === 0 || exit === 2;
if (!values["no-build"]) execFileSync("npm", ["run", "--silent", "build"], { cwd: repo, stdio: "inherit" });

const work = mkdtempSync(join(tmpdir(), "intune-bench-"));
/** One apply sample of the plan in `base` against a fresh empty emulator; a create that failed makes its exit 1. */
async function applySample(base: string): Promise<Sample & { requests?: number }> {
  const state = mkdtempSync(join(work, "apply-"));
  const target = await startEmulatorProcess(cli, join(state, "tenant.json"), ["--seed", "empty"]);
  const apply = measure([process.execPath, bench("apply-sample.ts"), base, PHASE, target.url], true);
  await target.stop();
  rmSync(state, { recursive: true, force: true });
  const line = JSON.parse(apply.stdout.trim().split("\n").pop() ?? "{}") as { requests?: number; ok?: boolean; errors?: string[] };
  return {
    ...apply,
    ...(line.requests === undefined ? {} : { requests: line.requests }),
    exit: line.ok ? apply.exit : 1,
    stderr: `${apply.stderr}${(line.errors ?? []).join("\n")}`,
  };
}

const results: SizeResult[] = [];
try {
  for (const n of sizes) {
    const base = join(work, `${n}-base`);
    const head = join(work, `${n}-head`);
    const files = generatePlanFiles(n);
    writePlan(base, files);
    writePlan(head, generatePlanFiles(n, 1));
    const samples: Partial<Record<Command, Figures>> = {};
    /** Records a sample's figures; a sample whose exit `ok` refuses stops the bench with its output. */
    const step = (name: Command, sample: Sample & { requests?: number }, ok: (exit: number) => boolean): void => {
      if (!ok(sample.exit)) throw new Error(`${name} at ${n} objects exited ${sample.exit}:\n${sample.stderr.slice(-2000)}`);
      const { ms, cpuMs, peakMb, requests } = sample;
      samples[name] = { ms, cpuMs, peakMb, ...(requests === undefined ? {} : { requests }) };
      process.stderr.write(
        `bench: ${n} objects: ${name} ${(sample.ms / 1000).toFixed(2)} s (cpu ${(sample.cpuMs / 1000).toFixed(2)} s), ${sample.peakMb} MB${sample.requests === undefined ? "" : `, ${sample.requests} requests`}\n`,
      );
    };
    // Up to 10k objects a command takes a second or two: the median of RUNS samples; larger plans one each.
    const sample = (command: readonly string[], ok: (exit: number) => boolean): Sample =>
      measureMedian(command, n <= 10_000 ? RUNS : 1, ok);
    step("validate", sample([cli, "validate", base], CLEAN), CLEAN);
    step("compile", sample([cli, "compile", base, "--phase", PHASE, "--format", "json"], CLEAN), CLEAN);
    step("diff", sample([cli, "diff", head, "--base", base, "--phase", PHASE], CHANGES_OK), CHANGES_OK);

    const seed = join(work, `${n}-tenant.json`);
    execFileSync(process.execPath, [bench("seed-file.ts"), base, PHASE, seed], { stdio: "inherit" });
    const emulator = await startEmulatorProcess(cli, seed);
    try {
      const preview = sample([cli, "preview", base, "--tenant", emulator.url, "--phase", PHASE], CHANGES_OK);
      const requests = Number(/read the tenant in (\d+) requests/.exec(preview.stderr)?.[1] ?? Number.NaN);
      step("preview", { ...preview, requests }, CHANGES_OK);
    } finally {
      await emulator.stop();
    }

    if (n <= applyMax) step("apply", await applySample(base), CLEAN);
    results.push({
      objects: countObjects(files),
      requested: n,
      files: files.length,
      bytes: files.reduce((b, f) => b + Buffer.byteLength(f.text), 0),
      samples,
    });
    rmSync(seed, { force: true });
    rmSync(`${seed}.bak`, { force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const { text, json } = report(results, applyMax);
console.log(text);
if (values.out)
  writeFileSync(
    values.out,
    `${JSON.stringify({ ...json, commands: COMMANDS, phase: PHASE, node: process.version, at: new Date().toISOString() }, null, 2)}\n`,
  );
