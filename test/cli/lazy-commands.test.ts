// Each command loads only what it uses (issue 12): the command table imports a command's module when that command
// runs. Checked by listing the modules a whole CLI run loads (test/helpers/loaded-modules.ts), not by timing it.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const entry = new URL("../../src/cli/main.ts", import.meta.url).href;
const script = new URL("../helpers/loaded-modules.ts", import.meta.url).pathname;
const plan = new URL("../../plan", import.meta.url).pathname;

function modulesLoadedBy(...argv: string[]): { code: number; loaded: string[] } {
  return JSON.parse(execFileSync(process.execPath, [script, entry, ...argv], { encoding: "utf8" })) as { code: number; loaded: string[] };
}

/** Modules no plan-only command needs: the Graph SDK, sign-in, the emulator, the tenant reader and Pulumi. */
const TENANT_SIDE = [
  /node_modules\/@microsoft\/microsoft-graph-client\//,
  /node_modules\/@azure\//,
  /node_modules\/@pulumi\//,
  /\/src\/emulator\//,
  /\/src\/graph\/(client|connect|credentials|tenant-reader|tenant-match|apply-object)\.ts$/,
];
const tenantSide = (loaded: readonly string[]): string[] => loaded.filter((u) => TENANT_SIDE.some((re) => re.test(u)));

describe("commands load their dependencies only when they run", () => {
  it("validate loads no Graph SDK, @azure/identity, emulator, tenant reader nor diff engine", () => {
    const { code, loaded } = modulesLoadedBy("validate", plan);
    expect(code).toBe(0);
    expect(tenantSide(loaded)).toEqual([]);
    expect(loaded.filter((u) => /\/src\/(diff|render)\//.test(u))).toEqual([]);
  });

  it("explain --group loads no Graph SDK, @azure/identity nor emulator (only --user / --device read a tenant)", () => {
    const { code, loaded } = modulesLoadedBy("explain", plan, "--group", "it-pilot");
    expect(code).toBe(0);
    expect(tenantSide(loaded)).toEqual([]);
  });

  it("compile (and compile --requests) loads no Graph SDK, @azure/identity nor emulator", () => {
    for (const args of [
      ["compile", plan],
      ["compile", plan, "--requests", "--tenant", "usgov"],
    ]) {
      const { code, loaded } = modulesLoadedBy(...args);
      expect(code, args.join(" ")).toBe(0);
      expect(tenantSide(loaded), args.join(" ")).toEqual([]);
    }
  });
});
