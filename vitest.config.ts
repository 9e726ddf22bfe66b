import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Worker threads, not forked processes: no test needs a process of its own (none changes directory or process-wide
    // state a thread cannot), and a thread starts and imports faster (700 tests: 62 s with forks, 52-55 s with threads).
    pool: "threads",
    // Both cores: vitest's default leaves one idle on a 2-core machine (142 s → 83 s here, npm test back near ten minutes).
    maxWorkers: 2,
    // Test files share each worker's modules instead of importing src/ afresh per file: the run is CPU-bound on two
    // cores, and re-importing was a third of its CPU (1,033 tests: 97 s → 65 s, 175 s → 113 s of CPU). What this
    // asks of a test file: leave no process-wide change behind (it restores what it sets in process.env, real
    // timers, a spy on a shared module), and mock nothing with vi.mock (a module another file loaded first stays
    // real); the suite passes with its files in random order (`npx vitest run --sequence.shuffle.files`).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // .ci/run sets INTUNE_PLAN_TEST_REPORT to collect totals from a JSON report next to the usual output.
    ...(process.env["INTUNE_PLAN_TEST_REPORT"]
      ? { reporters: ["default", "json"], outputFile: { json: process.env["INTUNE_PLAN_TEST_REPORT"] } }
      : {}),
  },
});
