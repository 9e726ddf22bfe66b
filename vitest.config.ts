import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    // Both cores: vitest's default leaves one idle on a 2-core machine (142 s → 83 s here, npm test back near ten minutes).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // .ci/run sets INTUNE_PLAN_TEST_REPORT to collect totals from a JSON report next to the usual output.
    ...(process.env["INTUNE_PLAN_TEST_REPORT"]
      ? { reporters: ["default", "json"], outputFile: { json: process.env["INTUNE_PLAN_TEST_REPORT"] } }
      : {}),
  },
});
