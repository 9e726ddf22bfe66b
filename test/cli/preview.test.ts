// preview / drift / import as a newcomer and a pipeline run them: against the embedded emulator, with faults
// injected, and failing with a request id and a hint rather than a stack trace.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import type { ChangeReport } from "../../src/diff/change-set.ts";
import { startEmulator } from "../../src/emulator/server.ts";
import { seedTenant } from "../../src/emulator/seeds.ts";
import { NO_FAULTS } from "../../src/emulator/faults.ts";
import { capture } from "../helpers/cli.ts";

const FAULTS = "throttle=0.3,retry-after=fractional,unavailable=0.15,lag=2,lost=0.2,seed=4";

/**
 * Runs `body` with the CLI's retry waits (Retry-After, backoff) shrunk 100× (INTUNE_PLAN_RETRY_SCALE, README
 * "Development"): the same requests, retries and outcomes in a tenth of a second instead of seconds per fault.
 * How long a wait is is the client's tests' subject (test/graph/client.test.ts), not these.
 */
async function withFastRetries<T>(body: () => Promise<T>): Promise<T> {
  process.env["INTUNE_PLAN_RETRY_SCALE"] = "0.01";
  try {
    return await body();
  } finally {
    delete process.env["INTUNE_PLAN_RETRY_SCALE"];
  }
}

describe("intune-plan preview, drift and import", () => {
  it("npm start's preview: plan/ against the legacy Contoso tenant, with the request count, risks and unmanaged objects", async () => {
    const io = capture();
    expect(
      await run(["preview", "plan/", "--tenant", "emulator:legacy-contoso", "--phase", "limited-pilot", "--detailed-exitcode"], io),
    ).toBe(2);
    // 29 reads of the tenant (a list per collection, the tenant settings singleton and a $batch of script items among
    // them; the enrollment configurations are listed once for restrictions and once for status pages), and one listing
    // of the members of the IT pilot group, which it holds and the phase newly reaches. Apps: the mobileApps list, read
    // once for the apps the plan makes and once for those it references, and a $batch of their assignments; the four
    // referenced apps every emulated tenant holds (emulator/seeds.ts appsMadeElsewhere) are found by name.
    expect(io.err()).toMatch(/read the tenant in 33 requests \(0 retried\); 12 plan objects found, 2 not managed by the plan/);
    const out = io.out();
    expect(out).toContain("contoso: emulator (legacy-contoso) → plan/ (limited-pilot)");
    expect(out).toContain("HIGH   relaxed-setting     compliance.windows-baseline: passwordMinimumLength: minimum length lowered (8 → 6)");
    // The IT pilot group lists one member: counted in the singular, as a reviewer reads it.
    expect(out).toContain("now reaches Intune rollout - IT limited pilot (~1 user)");
    expect(out).not.toContain("~1 users");
    // Without --stack nobody knows who owns a name match: it is compared and marked, never called an adoption.
    expect(io.err()).toContain("ownership unknown: no --stack given, so 12 plan objects were matched to tenant objects by name");
    expect(out).toContain('~ compliance.windows-baseline  (update; matched by name, ownership unknown)  "Win - Baseline compliance"');
    expect(out).not.toContain("(adopt)");
    // Tenant singletons (docs/tenant-singletons.md): the tenant's settings are an update, never a create; the Windows
    // cleanup rule made by hand is found by its platform and updated; a platform without a rule gets one; the
    // tenant's rule for a platform the plan does not manage is left alone.
    expect(out).toContain(
      '~ tenantSettings.compliance  (update; matched by name, ownership unknown)  "Tenant compliance settings"\n      secureByDefault: false → true\n',
    );
    expect(out).toContain(
      '~ deviceCleanup.windows  (update; matched by name, ownership unknown)  "windows"\n      deviceInactivityBeforeRetirementInDays: 180 → 90\n',
    );
    expect(out).toContain('+ deviceCleanup.ios  (create)  "ios"');
    expect(out).toContain(
      'Not managed by the plan (left alone): 2\n    /deviceManagement/deviceConfigurations  "Legacy - Windows restrictions (2019)"',
    );
    expect(out).toMatch(/\n {4}\/deviceManagement\/managedDeviceCleanupRules {2}"androidDeviceAdministrator" {2}[0-9a-f-]{36}\n/);
  });

  it("with throttling, 503s, replication lag and lost responses injected, preview gives the same report", async () => {
    const calm = capture();
    await run(["preview", "plan/", "--phase", "limited-pilot", "--format", "json"], calm);
    const stormy = capture();
    expect(
      await withFastRetries(() => run(["preview", "plan/", "--phase", "limited-pilot", "--format", "json", "--faults", FAULTS], stormy)),
    ).toBe(0);
    expect(stormy.err()).toMatch(/read the tenant in \d+ requests \([1-9]\d* retried\)/);
    const strip = (r: ChangeReport) =>
      JSON.stringify(
        r.changeSets.map((s) => ({
          ...s,
          objects: s.objects.map(({ id: _id, ...o }) => o),
          unmanaged: s.unmanaged.map(({ id: _id, ...u }) => u),
        })),
      );
    expect(strip(JSON.parse(stormy.out()) as ChangeReport)).toBe(strip(JSON.parse(calm.out()) as ChangeReport));
  });

  it("drift shows only what differs on objects both sides have", async () => {
    const io = capture();
    expect(await run(["drift", "plan/", "--phase", "limited-pilot", "--format", "json"], io)).toBe(0);
    const set = (JSON.parse(io.out()) as ChangeReport).changeSets[0];
    expect(set?.objects.filter((o) => o.action !== "no-op" && o.properties.length > 0).map((o) => o.address)).toEqual([
      "compliance.windows-baseline",
      "tenantSettings.compliance",
      "deviceCleanup.windows",
    ]);
    expect(set?.objects.some((o) => o.action === "create")).toBe(false);
  });

  it("import writes a plan that validates, also under faults, and never overwrites", async () => {
    const out = mkdtempSync(join(tmpdir(), "import-"));
    const io = capture();
    expect(await withFastRetries(() => run(["import", "--out", out, "--faults", FAULTS], io))).toBe(0);
    // 9, the tenant's compliance settings and its two cleanup rules.
    expect(io.out()).toMatch(/imported\.yaml: 16 objects imported from emulator \(legacy-contoso\)/);
    const validate = capture();
    expect(await run(["validate", join(out, "imported.yaml")], validate)).toBe(0);
    const imported = readFileSync(join(out, "imported.yaml"), "utf8");
    expect(imported).toContain("passwordMinimumLength: 8");
    expect(imported).toContain("tenantSettings:\n  compliance:\n    markNoPolicyNonCompliant: false\n    validityDays: 30\n");
    expect(imported).toContain("deviceCleanup:\n  windows:\n    inactiveDays: 180\n    displayName: Retire stale Windows PCs\n");
    const again = capture();
    expect(await run(["import", "--out", out], again)).toBe(64);
    expect(again.err()).toContain("does not overwrite");
  });

  it("a tenant that keeps failing is reported with the request id and a hint, no stack trace", async () => {
    const emu = await startEmulator({ data: seedTenant("empty"), faults: { ...NO_FAULTS, unavailable: 1 } });
    try {
      const io = capture();
      const code = await withFastRetries(() => run(["preview", "plan/", "--tenant", emu.url], io));
      expect(code).toBe(1);
      expect(io.err()).toMatch(
        /intune-plan: GET \/v1\.0\/groups: 503 ServiceUnavailable: .* \(request-id [0-9a-f-]{36}\)\n {2}hint: Graph failed on its side after every retry/,
      );
      expect(io.err()).not.toMatch(/\n\s+at /);
      expect(emu.log).toHaveLength(10); // the client's ten attempts, then the error
    } finally {
      await emu.close();
    }
  }, 90_000);

  it("usage mistakes exit 64 with a message", async () => {
    for (const [args, message] of [
      [["preview", "plan/", "--tenant", "emulator:nowhere"], "unknown emulator seed nowhere"],
      [["preview", "plan/", "--tenant", "https://example.com"], "is not emulator[:seed]"],
      [["preview", "plan/", "--faults", "throttle=2"], "must be a probability"],
      [["import"], "import needs --out DIR"],
    ] as const) {
      const io = capture();
      expect(await run([...args], io), args.join(" ")).toBe(64);
      expect(io.err()).toContain(message);
    }
  });
});
