// `intune-plan status` against the emulator's simulated pilot (issue 13 items 1–3): a healthy pilot's gate fails on
// soak time at day 3 and passes at day 10 (the emulator's clock moved through its admin route); a pilot with rising
// errors is refused with the failing policies named; each format; exit codes; reads stay O(policies / 20 + pages);
// a Graph failure is a typed error with its request id, never a guessed zero.
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import type { StatusReport } from "../../src/rollout/status-report.ts";
import { STATUS_MARKER } from "../../src/render/status-markdown.ts";
import { capture } from "../helpers/cli.ts";
import { graphGet, pilotTenant, setDay } from "../helpers/rollout.ts";

const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});

async function status(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await run(["status", "plan/", "--phase", "limited-pilot", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

async function report(args: readonly string[]): Promise<{ code: number; report: StatusReport; err: string }> {
  const r = await status([...args, "--format", "json"]);
  return { code: r.code, report: JSON.parse(r.out) as StatusReport, err: r.err };
}

const pilot = (r: StatusReport) => r.phases.find((p) => p.phase === "limited-pilot");
const failingOf = (r: StatusReport): string[] => (pilot(r)?.gate?.criteria ?? []).filter((c) => !c.passed).map((c) => c.criterion);

describe("intune-plan status", () => {
  it("a healthy pilot: the gate fails at day 3 on soak time alone (exit 3) and passes at day 10 (exit 0)", async () => {
    const emu = await pilotTenant("pilot-healthy");
    running.push(emu);
    await setDay(emu, 3);
    const early = await report(["--tenant", emu.url]);
    expect(early.code, early.err).toBe(3);
    expect(early.report.verdict).toBe("fails");
    expect(failingOf(early.report)).toEqual(["soakDays"]);
    expect(pilot(early.report)?.gate?.criteria[0]).toMatchObject({ criterion: "soakDays", measured: 3.3, threshold: 10 });
    expect(early.report.asOf).toBe("2027-07-08T08:00:00.000Z");

    await setDay(emu, 10);
    const late = await report(["--tenant", emu.url]);
    expect(late.code, late.err).toBe(0);
    expect(late.report.verdict).toBe("passes");
    expect(pilot(late.report)?.reach).toMatchObject({ audienceUsers: 50, enrolledUsers: 50 });
    // Reads stay O(policies / 20 + pages): 13 policies, all measured: the five policy lists in one $batch, 10 × 3
    // overviews + 1 settings-catalog report + 2 deployment summaries in 2 $batch, groups, members, devices.
    expect(late.report.requests).toBeLessThanOrEqual(6);
    expect(late.err).toMatch(/read the rollout in \d+ requests/);
  });

  it("measures settings-catalog and app-protection policies from the same simulated devices as the overviews", async () => {
    const emu = await pilotTenant("pilot-healthy");
    running.push(emu);
    await setDay(emu, 10);
    const r = await report(["--tenant", emu.url]);
    expect(r.code, r.err).toBe(0);
    const policies = pilot(r.report)?.policies ?? [];
    const of = (address: string) => policies.find((p) => p.address === address);
    // What the tenant's enrolled devices are, read back as Graph lists them (the audience is the whole simulation here).
    const devices = ((await graphGet(emu, "/beta/deviceManagement/managedDevices?$top=999"))["value"] ?? []) as {
      userId: string;
      operatingSystem: string;
    }[];
    const windows = devices.filter((d) => d.operatingSystem === "Windows");
    const iosUsers = new Set(devices.filter((d) => d.operatingSystem === "iOS").map((d) => d.userId));
    const androidUsers = new Set(devices.filter((d) => d.operatingSystem === "Android").map((d) => d.userId));

    const bitlocker = of("configuration.bitlocker");
    expect(bitlocker).toMatchObject({ kind: "settingsCatalogPolicy", state: "measured", users: null, settings: [] });
    if (bitlocker?.state !== "measured") throw new Error("bitlocker not measured");
    const d = bitlocker.devices;
    // Every Windows device reports on it, the rest are not applicable: the same split as the Windows compliance baseline's overview.
    expect(d.reached).toBe(devices.length);
    expect(d.reached - d.notApplicable).toBe(windows.length);
    expect(d.succeeded + d.failed + d.conflict + d.pending).toBe(windows.length);
    const baseline = of("compliance.windows-baseline");
    if (baseline?.state !== "measured") throw new Error("windows baseline not measured");
    expect(d.notApplicable).toBe(baseline.devices.notApplicable);
    expect(d.succeeded).toBeGreaterThan(0.9 * windows.length);

    // App protection targets users: deployed to each audience user with a device of its platform that has checked in.
    const ios = of("appProtection.ios-personal");
    expect(ios).toMatchObject({ kind: "appProtectionPolicy", state: "deployed", deployment: { deployedUsers: iosUsers.size } });
    expect(of("appProtection.android-personal")).toMatchObject({ state: "deployed", deployment: { deployedUsers: androidUsers.size } });
    if (ios?.state !== "deployed") throw new Error("ios app protection not read");
    expect(ios.deployment.apps.map((a) => a.users)).toEqual([iosUsers.size, iosUsers.size]);
    expect(iosUsers.size).toBeGreaterThan(0);
    expect(policies.filter((p) => p.state === "unmeasured")).toEqual([]);

    // The gate counts the settings-catalog policy: it is among the policies the success rate is taken over.
    const text = await status(["--tenant", emu.url]);
    expect(text.out).toMatch(/configuration\.bitlocker\s+\d+\s+\d+/);
    expect(text.out).toMatch(/appProtection\.ios-personal\s+app protection: deployed to \d+ users \(per app: /);
    // One POST of the report per settings-catalog policy, carried in $batch: no report request outside it.
    expect(emu.log.filter((l) => l.path.includes("getConfigurationPolicyDeviceSummaryReport"))).toEqual([]);
  });

  it("a failed settings-catalog report is a typed error with Graph's request id, never zeros", async () => {
    const r = await status(["--faults", "reject=getConfigurationPolicyDeviceSummaryReport"]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/getConfigurationPolicyDeviceSummaryReport.*400/s);
    expect(r.err).toMatch(/request-id [0-9a-f-]{36}/);
  });

  it("--live-since moves the start of the soak: at day 10, live since day 7 is still soaking", async () => {
    const emu = await pilotTenant("pilot-healthy");
    running.push(emu);
    await setDay(emu, 10);
    const r = await report(["--tenant", emu.url, "--live-since", "2027-07-12"]);
    expect(r.code).toBe(3);
    expect(pilot(r.report)?.liveSince).toEqual({ at: "2027-07-12T00:00:00.000Z", source: "option" });
    expect(failingOf(r.report)).toEqual(["soakDays"]);
  });

  it("a pilot with errors above maxErrors is refused, naming every failing policy with its count", async () => {
    const r = await status(["--tenant", "emulator:pilot-errors", "--clock", "+10"]);
    expect(r.code, r.err).toBe(3);
    expect(r.out).toContain("the gate of limited-pilot does not pass");
    expect(r.out).toMatch(/FAIL maxErrors: .*compliance\.windows-baseline 11,.*failed devices: more than 3/);
    expect(r.out).toMatch(/FAIL minSuccessRate: .*configuration\.always-on-vpn 84 %/);
    expect(r.out).toContain(
      'FAIL goal "95% of pilot devices compliant within 10 days of enrollment": compliantDevices 75.5 %, needs at least 95 % (due by day 10: missed)',
    );
  });

  it("a pilot whose devices also get a ring the plan does not own: conflicts on the pilot ring, with the setting", async () => {
    const r = await report(["--tenant", "emulator:pilot-conflict", "--clock", "+10"]);
    expect(r.code).toBe(3);
    expect(failingOf(r.report)).toEqual(["minSuccessRate", "maxConflicts"]);
    const ring = pilot(r.report)?.policies.find((p) => p.address === "configuration.update-ring-pilot");
    expect(ring).toMatchObject({
      state: "measured",
      devices: { conflict: 50 },
      settings: [{ setting: "qualityUpdatesDeferralPeriodInDays", conflictDevices: 50, errorDevices: 0 }],
    });
  });

  it("prints text, Markdown and versioned JSON from one report", async () => {
    const text = await status(["--clock", "+3"]);
    expect(text.code).toBe(3);
    expect(text.out.split("\n")[0]).toBe(
      "contoso on emulator (pilot-healthy), as of 2027-07-08 08:00 UTC: the gate of limited-pilot does not pass",
    );
    expect(text.out).toContain("1. limited-pilot (Limited pilot)  [active]  live since 2027-07-05 (plan start)");
    expect(text.out).toContain("     FAIL soakDays: live 3.3 days (since 2027-07-05), soak needs 10");
    expect(text.out).toContain("2. expanded-pilot (Expanded pilot)  [upcoming]  starts 2027-07-19 (plan start)");
    // Terms and conditions (S19): who of the phase's audience accepted the current version.
    expect(text.out).toMatch(/termsAndConditions\.contoso-aup\s+terms v1: accepted by 50\/50 users \(100 %\)\n/);

    const md = await status(["--clock", "+3", "--format", "markdown"]);
    expect(md.out.split("\n")[0]).toBe(STATUS_MARKER);
    expect(md.out).toContain("The gate of **limited-pilot** ❌ does not pass");
    expect(md.out).toContain("| 1 | Limited pilot | active | 2027-07-05 | 50/50 users, 85 devices | ❌ 1 failing |");
    expect(md.out).toContain("| ❌ | soakDays | live 3.3 days (since 2027-07-05), soak needs 10 |");
    expect(md.out).toContain("| 2 | Expanded pilot | upcoming | 2027-07-19 | – | not started |");
    expect(md.out).toContain("| `termsAndConditions.contoso-aup` | terms v1: accepted by 50/50 users (100 %) | | | | | | |");
    // The picture: the active phase from its go-live to the day read, critical while its gate fails; upcoming phases not drawn.
    expect(md.out).toContain(
      "  section Limited pilot\n  live (50/50 users), gate fails :crit, active, limited-pilot, 2027-07-05, 2027-07-08\n  read 2027-07-08 :milestone, as-of, 2027-07-08, 0d\n```",
    );
    expect(md.out).not.toContain("section Expanded pilot");

    const json = await report(["--clock", "+3"]);
    expect(json.report).toMatchObject({ formatVersion: "1", plan: "contoso", activePhase: "limited-pilot", verdict: "fails" });
    expect(json.report.phases.map((p) => [p.phase, p.state])).toEqual([
      ["limited-pilot", "active"],
      ["expanded-pilot", "upcoming"],
      ["production-1", "upcoming"],
      ["production-2", "upcoming"],
      ["production-3", "upcoming"],
    ]);
  });

  it("a Graph failure ends in a typed error with Graph's request id (exit 1), never a report of zeros", async () => {
    const r = await status(["--faults", "reject=deviceStatusOverview"]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/deviceStatusOverview.*400/s);
    expect(r.err).toMatch(/request-id [0-9a-f-]{36}/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("usage mistakes exit 64 and say which option", async () => {
    expect((await status(["--live-since", "2027-02-30"])).err).toContain("--live-since 2027-02-30 is not a date");
    const url = await status(["--tenant", "http://127.0.0.1:9", "--clock", "+3"]);
    expect(url.code).toBe(64);
    expect(url.err).toContain("--clock sets the clock of an emulator started here");
    expect((await status(["--clock", "+3", "--tenant", "emulator:empty"])).code).toBe(64);
    expect((await status(["--phase", "nope"])).code).toBe(64);
  });

  it("permissions --mode status lists what each figure needs", async () => {
    const io = capture();
    expect(await run(["permissions", "plan/", "--mode", "status"], io)).toBe(0);
    expect(io.out()).toContain("DeviceManagementManagedDevices.Read.All\n      enrolled devices and their compliance state");
    expect(io.out()).toContain("GroupMember.Read.All");
    expect(io.out()).toMatch(/DeviceManagementConfiguration\.Read\.All[^]*settings-catalog policies: devices succeeded/);
    expect(io.out()).toMatch(/DeviceManagementApps\.Read\.All\n\s+app-protection policies by name/);
  });
});
