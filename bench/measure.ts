// Whole-process measurements for the bench: one child process per sample, timed by wall clock here, with its peak
// resident memory and CPU time read from /usr/bin/time (GNU time, from getrusage: `%M` max RSS in KB, `%U` + `%S`
// user and system seconds). CPU time is what to compare on a loaded machine: wall clock includes waiting for a core.
import type { ChildProcess } from "node:child_process";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";

export interface Sample {
  readonly ms: number;
  /** User + system CPU time of the child. */
  readonly cpuMs: number;
  readonly peakMb: number;
  readonly exit: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command…` to completion; stdout is kept only when `keepStdout` (a plan's compiled state is large). An
 * executable script (the CLI's bin) starts as a user's `intune-plan` does, through its first line, on the Node that
 * runs the bench (its folder goes first on PATH).
 */
export function measure(command: readonly string[], keepStdout = false): Sample {
  const dir = mkdtempSync(join(tmpdir(), "intune-bench-time-"));
  const report = join(dir, "time.txt");
  const started = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "%M %U %S", "-o", report, ...command], {
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ["ignore", keepStdout ? "pipe" : "ignore", "pipe"],
    env: { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env["PATH"] ?? ""}` },
  });
  const ms = Math.round(performance.now() - started);
  const [kb = Number.NaN, user = Number.NaN, system = Number.NaN] = (readFileSync(report, "utf8").trim().split("\n").pop() ?? "")
    .split(" ")
    .map(Number);
  rmSync(dir, { recursive: true, force: true });
  return {
    ms,
    cpuMs: Math.round((user + system) * 1000),
    peakMb: Math.round(kb / 1024),
    exit: run.status ?? -1,
    stdout: run.stdout ?? "",
    stderr: run.stderr ?? "",
  };
}

/**
 * `runs` samples of `command`: the one of median wall time, with the highest peak memory of them all (or the first
 * whose exit `ok` refuses). On a shared
 * virtual machine one sample can be 20 % off either way; a median of a few is the figure a user would see.
 */
export function measureMedian(command: readonly string[], runs: number, ok: (exit: number) => boolean): Sample {
  const samples = Array.from({ length: runs }, () => measure(command)).sort((a, b) => a.ms - b.ms);
  // A run that failed is the answer, so one bad exit among good ones is never hidden behind the median.
  const median = samples.find((s) => !ok(s.exit)) ?? samples[Math.floor((samples.length - 1) / 2)];
  if (!median) throw new Error("measureMedian needs at least one run");
  return { ...median, peakMb: Math.max(...samples.map((s) => s.peakMb)) };
}

/** A running `intune-plan emulator`, and how to stop it (SIGTERM: it folds its journal into the state file). */
export interface EmulatorProcess {
  readonly url: string;
  stop(): Promise<void>;
}

export function startEmulatorProcess(cli: string, stateFile: string, extra: readonly string[] = []): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, "emulator", "--port", "0", "--state", stateFile, "--definitions", "any", ...extra],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url)
        resolve({
          url,
          stop: async () => {
            child.kill("SIGTERM");
            await exited;
          },
        });
    });
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.once("exit", (code) => reject(new Error(`the emulator exited (${String(code)}) before listening:\n${out}`)));
  });
}
