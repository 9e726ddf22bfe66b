// `import --from FORMAT`: each format's own small fixtures (test/fixtures/import-from, hand-made, not copied from any
// tool's output) import to a plan that validates, whose objects are the kinds the files hold, whose leftovers are
// reported per file with the reason, whose credentials are secret references listed for the user, and which compiles
// back to the files' bodies modulo what Graph owns (round-trip.ts). Needs nothing outside the repository.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredState } from "../../src/compile/desired-state.ts";
import { readSourceFiles } from "../../src/cli/source-files.ts";
import { run } from "../../src/cli/main.ts";
import type { FileImport } from "../../src/file-import/import-files.ts";
import { importFiles } from "../../src/file-import/import-files.ts";
import { roundTrip } from "../../src/file-import/round-trip.ts";
import type { FileFormat } from "../../src/file-import/source-file.ts";
import { capture } from "../helpers/cli.ts";

const FIXTURES = "test/fixtures/import-from";

function imported(format: FileFormat): { imp: FileImport; desired: DesiredState } {
  const imp = importFiles(format, readSourceFiles(join(FIXTURES, format)), "imported", format);
  expect(imp.checked.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  const plan = imp.checked.plan;
  if (!plan) throw new Error("the imported plan does not check");
  return { imp, desired: compile(plan, undefined) };
}

const kinds = (imp: FileImport): string[] => imp.objects.map((o) => `${o.kind} ${o.address} ← ${o.file}`).sort();
const reasons = (imp: FileImport): string[] => imp.reports.map((r) => `${r.file}: ${r.reason}`);
const unequal = (imp: FileImport, desired: DesiredState): string[] =>
  roundTrip(imp, desired).flatMap((t) => t.differences.map((d) => `${t.address} ${d}`));

describe("import --from portal", () => {
  it("reads settings-catalog exports without @odata.type (BOM or not) and compiles back to their bodies", () => {
    const { imp, desired } = imported("portal");
    expect(kinds(imp)).toEqual([
      "settingsCatalogPolicy configuration.mac-firewall ← mac-firewall.json",
      "settingsCatalogPolicy configuration.win-edge-home-page ← windows-edge.json",
    ]);
    expect(reasons(imp)).toEqual(["README.txt: not a .json file; skipped"]);
    expect(unequal(imp, desired)).toEqual([]);
  });

  it("the round trip sees a setting the plan lost or changed", () => {
    const { imp, desired } = imported("portal");
    const changed: DesiredState = {
      ...desired,
      objects: desired.objects.map((o) =>
        o.address === "configuration.win-edge-home-page" ? { ...o, body: { ...o.body, settings: [], description: "other" } } : o,
      ),
    };
    expect(unequal(imp, changed).map((d) => d.replace(/~.*$|:.*$/, ""))).toEqual([
      "configuration.win-edge-home-page description",
      "configuration.win-edge-home-page settings.device_vendor_msft_policy_config_microsoft_edgev87",
    ]);
  });
});

describe("credentials in settings-catalog exports", () => {
  it("a secret setting's value becomes a { secret: NAME } reference the user is told to set, and is never written", () => {
    const dir = mkdtempSync(join(tmpdir(), "import-secret-"));
    try {
      const credential = "Export-Held-Credential-4711";
      const policy = {
        name: "Win - VPN credential",
        platforms: "windows10",
        technologies: "mdm",
        settings: [
          {
            settingInstance: {
              "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
              settingDefinitionId: "device_vendor_msft_vpnv2_{profilename}_eap_configuration_password",
              simpleSettingValue: {
                "@odata.type": "#microsoft.graph.deviceManagementConfigurationSecretSettingValue",
                value: credential,
                valueState: "notEncrypted",
              },
            },
          },
        ],
      };
      writeFileSync(join(dir, "vpn.json"), JSON.stringify(policy));
      const imp = importFiles("portal", readSourceFiles(dir), "imported", "portal");
      expect(imp.text).not.toContain(credential);
      expect(JSON.stringify(imp.result)).not.toContain(credential);
      expect(imp.secrets.map((s) => `${s.address} ${s.name}`)).toEqual([
        "configuration.win-vpn-credential WIN_VPN_CREDENTIAL_SETTINGS_0_SETTINGINSTANCE_SIMPLESETTINGVALUE_VALUE",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("import --from intunemanagement", () => {
  it("drops the export's annotations, resolves exported groups, reports the rest, and lists the Wi-Fi key as a secret", () => {
    const { imp, desired } = imported("intunemanagement");
    expect(kinds(imp)).toEqual([
      "compliancePolicy compliance.win-compliance-baseline ← CompliancePolicies/Win-Baseline.json",
      "deviceConfiguration configuration.ios-office-wi-fi ← DeviceConfiguration/iOS-Office-WiFi.json",
      "group groups.win-pilot ← Groups/Win-Pilot.json",
    ]);
    expect(reasons(imp)).toEqual([
      'CompliancePolicies/Win-Baseline.json: an assignment to group "Kiosks" (bb000000-0000-4000-8000-0000000000b2), which the export names in MigrationTable.json but does not hold (no Groups/ file); left out',
      "DeviceConfiguration/Health-Monitoring.json: @odata.type windowsHealthMonitoringConfiguration is not a kind the plan manages",
    ]);
    expect(imp.secrets).toEqual([
      {
        name: "IOS_OFFICE_WI_FI_PRESHAREDKEY",
        address: "configuration.ios-office-wi-fi",
        file: "DeviceConfiguration/iOS-Office-WiFi.json",
      },
    ]);
    expect(imp.text).not.toContain("correct-horse-battery-staple");
    expect(imp.text).not.toMatch(/@odata\.(id|context)|#microsoft\.graph\.assign/);
    expect(imp.checked.plan?.compliance["win-compliance-baseline"]?.assignment).toEqual({ rollout: "fixed", include: ["win-pilot"] });
    expect(unequal(imp, desired)).toEqual([]);
  });
});

describe("import --from intunecd", () => {
  it("reads JSON and YAML, resolves names to the backup's objects, makes named groups, and reports what it cannot find", () => {
    const { imp, desired } = imported("intunecd");
    expect(kinds(imp)).toEqual([
      "assignmentFilter filters.corporate-macs ← Filters/Corporate Macs.json",
      "compliancePolicy compliance.win-compliance ← Compliance Policies/Policies/Win - Compliance_windows10CompliancePolicy.json",
      "group groups.it-pilot-users ← Compliance Policies/Policies/Win - Compliance_windows10CompliancePolicy.json",
      "group groups.mac-all-devices ← Settings Catalog/Mac - Screen lock_mdm.yaml",
      "settingsCatalogPolicy configuration.mac-screen-lock ← Settings Catalog/Mac - Screen lock_mdm.yaml",
    ]);
    const plan = imp.checked.plan;
    expect(plan?.configuration["mac-screen-lock"]?.assignment).toEqual({
      rollout: "fixed",
      include: ["mac-all-devices"],
      filter: "corporate-macs",
      filterMode: "include",
    });
    expect(plan?.groups["mac-all-devices"]).toMatchObject({
      membership: "dynamic",
      rule: '(device.deviceOSType -eq "MacMDM")',
      adopt: true,
    });
    expect(plan?.compliance["win-compliance"]?.actions).toEqual([
      { action: "block", graceHours: 0 },
      { action: "notification", graceHours: 24, template: "3e1a0000-0000-4000-8000-000000000009" },
    ]);
    expect(reasons(imp)).toEqual([
      expect.stringContaining('group "IT - Pilot users" is named by an assignment but not in the files'),
      expect.stringContaining('assignment filter "Kiosk devices" is not in the files'),
      expect.stringContaining('notification template "Compliance reminder" is not in the files'),
      expect.stringContaining("no @odata.type"),
      expect.stringContaining('group "Mac - All devices" is named by an assignment but not in the files'),
    ]);
    expect(unequal(imp, desired)).toEqual([]);
  });
});

describe("import --from graph", () => {
  it("unwraps {groups:[…]} and {filters:[…]}, reports unknown properties and non-objects, turns credentials into secrets", () => {
    const { imp, desired } = imported("graph");
    expect(kinds(imp)).toEqual([
      "assignmentFilter filters.android-samsung ← filters.json",
      "compliancePolicy compliance.android-wp-compliance ← android-wp-compliance.json",
      "deviceConfiguration configuration.win-guest-wi-fi ← windows-wifi.json",
      "group groups.android-work-profile-devices ← groups.json",
      "group groups.helpdesk-admins ← groups.json",
    ]);
    expect(reasons(imp)).toEqual([
      "android-wp-compliance.json: localActions: not a property of androidWorkProfileCompliancePolicy in Microsoft's Graph types (beta); left out",
      "assign-request.json: @odata.type deviceCompliancePolicyAssignment is not a kind the plan manages",
    ]);
    expect(imp.secrets.map((s) => s.name)).toEqual(["WIN_GUEST_WI_FI_PRESHAREDKEY"]);
    expect(imp.text).not.toContain("guest-password-2025");
    expect(unequal(imp, desired)).toEqual([]);
  });
});

describe("intune-plan import --from (CLI)", () => {
  let out: string | undefined;
  afterEach(() => {
    if (out) rmSync(out, { recursive: true, force: true });
    out = undefined;
  });
  const cli = async (...args: string[]) => {
    const io = capture();
    const code = await run(["import", ...args], io);
    return { code, out: io.out(), err: io.err() };
  };

  it("writes the plan, lists the secrets and the leftovers, and says the round trip held", async () => {
    out = mkdtempSync(join(tmpdir(), "import-from-"));
    const r = await cli("--from", "graph", join(FIXTURES, "graph"), "--out", out, "--name", "templates");
    expect(r.code).toBe(0);
    expect(r.out).toContain("5 objects imported from 5 files (Graph JSON files)");
    expect(r.out).toContain("pulumi config set --secret WIN_GUEST_WI_FI_PRESHAREDKEY");
    expect(r.out).toContain("round trip: 5 of 5 objects compile back to their file's body");
    expect(r.err).toContain("reported: assign-request.json: @odata.type deviceCompliancePolicyAssignment is not a kind the plan manages");
    expect(readFileSync(join(out, "templates.yaml"), "utf8")).toContain("secret: WIN_GUEST_WI_FI_PRESHAREDKEY");
  });

  it("a folder with nothing recognisable fails with each file's reason and no stack", async () => {
    out = mkdtempSync(join(tmpdir(), "import-from-"));
    const r = await cli("--from", "graph", join(FIXTURES, "bad"), "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nothing in it reads as Graph JSON files \(2 files\)/);
    expect(r.err).toMatch(/broken\.json: not JSON \(/);
    expect(r.err).toContain("notes.md: not a .json file; skipped");
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("usage mistakes exit 64: an unknown format, a missing path, --from with --tenant, a path without --from", async () => {
    expect((await cli("--from", "excel", FIXTURES, "--out", "x")).code).toBe(64);
    const missing = await cli("--from", "graph", join(FIXTURES, "nowhere"), "--out", "x");
    expect([missing.code, missing.err]).toEqual([64, expect.stringContaining("no such file or folder")]);
    expect((await cli("--from", "graph", FIXTURES, "--tenant", "emulator", "--out", "x")).code).toBe(64);
    expect((await cli(FIXTURES, "--out", "x")).code).toBe(64);
    expect((await cli("--from", "graph", "--out", "x")).code).toBe(64);
  });
});
