import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // .ci/run sets INTUNE_PLAN_TEST_REPORT to collect totals from a JSON report next to the usual output.
    ...(process.env["INTUNE_PLAN_TEST_REPORT"]
      ? { reporters: ["default", "json"], outputFile: { json: process.env["INTUNE_PLAN_TEST_REPORT"] } }
      : {}),
  },
});
