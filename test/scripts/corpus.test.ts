// The corpus scripts run against ../shared only when it exists, so nothing else would notice them rotting (they
// once posted without a bearer token and every body came back 401). Here they run on a miniature corpus of the
// same layout, as plain processes, and must report what its files hold.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..", "..");
const mini = resolve(root, "test", "fixtures", "corpus-mini");

async function run(script: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script, mini], { cwd: root });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, out: failed.stdout ?? "" };
  }
}

describe("corpus scripts on a miniature corpus", () => {
  it("corpus posts every body and refuses only by Graph's rules", async () => {
    const { code, out } = await run("scripts/corpus-check.ts");
    // A template the emulator does not hold is taken, as Graph takes the templates its catalogue holds and the
    // emulator's does not (real exports name a dozen).
    expect(out).toContain("8 corpus bodies posted to the emulator: 6 accepted, 2 refused");
    expect(out).not.toContain("template-the-emulator-lacks");
    expect(out).toContain("'localActions' does not exist on type 'microsoft.graph.androidWorkProfileCompliancePolicy'");
    expect(out).toContain("'#microsoft.graph.windowsHealthMonitoringConfiguration' could not be resolved");
    expect(code).toBe(0);
  });

  it("corpus:import imports each format, validates and round-trips", async () => {
    const { code, out } = await run("scripts/corpus-import.ts");
    expect(out).toMatch(/== --from portal: 2 files[\s\S]*?plan validates: yes\n {3}round trip: 2 equal, 0 differing/);
    expect(out).toMatch(/== --from intunemanagement: 2 files[\s\S]*?round trip: 1 equal, 0 differing/);
    expect(out).toContain("@odata.type windowsHealthMonitoringConfiguration is not a kind the plan manages");
    expect(out).toMatch(/== --from graph: 2 files[\s\S]*?objects recognised: 3 \(compliancePolicy 1, group 2\)/);
    expect(code).toBe(0);
  });
});
