// The emulator's simulated rollout (issue 13 item 5): devices enroll and report over days, deterministically by
// seed; the clock moves only when told (admin route); errors rise in pilot-errors; and conflicts come from devices
// that receive two policies setting one setting differently, so they vanish when the overlap does.
import { afterEach, describe, expect, it } from "vitest";
import { seedTenant } from "../../src/emulator/seeds.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { graphGet, pilotTenant, setDay } from "../helpers/rollout.ts";

const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});
const open = async (seed: Parameters<typeof pilotTenant>[0]): Promise<RunningEmulator> => {
  const e = await pilotTenant(seed);
  running.push(e);
  return e;
};

async function overview(emu: RunningEmulator, name: string): Promise<Record<string, number>> {
  for (const collection of ["deviceConfigurations", "deviceCompliancePolicies"]) {
    const list = (await graphGet(emu, `/beta/deviceManagement/${collection}?$select=id,displayName`))["value"] as {
      id: string;
      displayName: string;
    }[];
    const p = list.find((x) => x.displayName === name);
    if (p) return (await graphGet(emu, `/beta/deviceManagement/${collection}/${p.id}/deviceStatusOverview`)) as Record<string, number>;
  }
  throw new Error(`no policy ${name}`);
}

const enrolled = async (emu: RunningEmulator): Promise<number> =>
  ((await graphGet(emu, "/beta/deviceManagement/managedDevices"))["value"] as unknown[]).length;

describe("a rollout simulated over days", () => {
  it("is the same for the same seed, and the seeds differ only where they say", () => {
    expect(JSON.stringify(seedTenant("pilot-healthy").rollout)).toBe(JSON.stringify(seedTenant("pilot-healthy").rollout));
    const healthy = seedTenant("pilot-healthy").rollout;
    expect(healthy?.users).toHaveLength(50);
    expect(healthy?.devices.every((d) => d.enrollsAtHour < 48)).toBe(true);
    expect(seedTenant("pilot-errors").rollout?.failures.perDay).toBeGreaterThan(0);
  });

  it("devices enroll over the first days and report after; the clock moves only through the admin route", async () => {
    const emu = await open("pilot-healthy");
    expect(await setDay(emu, 0)).toBe(0);
    const dayZero = await enrolled(emu);
    const ringAtZero = await overview(emu, "Win - Update ring - Pilot");
    expect(await setDay(emu, 3)).toBe(3);
    expect(await enrolled(emu)).toBe(emu.tenant.data.rollout?.devices.length);
    expect(dayZero).toBeLessThan(10);
    const ring = await overview(emu, "Win - Update ring - Pilot");
    expect(ringAtZero["pendingCount"]).toBe(
      ringAtZero["successCount"] === 0 ? dayZero - (ringAtZero["notApplicableCount"] ?? 0) : ringAtZero["pendingCount"],
    );
    // Every pilot user has a Windows laptop: 50 succeed, the phones are not applicable to a Windows ring.
    expect(ring).toMatchObject({ successCount: 50, errorCount: 0, conflictCount: 0, pendingCount: 0 });
    expect(ring["notApplicableCount"]).toBe((emu.tenant.data.rollout?.devices.length ?? 0) - 50);
    // Reading does not move the clock.
    expect((await graphGet(emu, "/_emulator/clock"))["day"]).toBe(3);
    const refused = await fetch(`${emu.url}/_emulator/clock`, {
      method: "POST",
      headers: { authorization: "Bearer t", "content-type": "application/json" },
      body: JSON.stringify({ to: "2020-01-01" }),
    });
    expect(refused.status).toBe(400);
  });

  it("pilot-errors: failures grow with the days, deterministically", async () => {
    const emu = await open("pilot-errors");
    await setDay(emu, 3);
    const early = await overview(emu, "Win - Always On VPN");
    await setDay(emu, 10);
    const late = await overview(emu, "Win - Always On VPN");
    expect(late["errorCount"]).toBeGreaterThan(early["errorCount"] ?? 0);
    expect(late["errorCount"]).toBeGreaterThan(3);
    await setDay(emu, 3);
    expect(await overview(emu, "Win - Always On VPN")).toEqual(early);
  });

  it("pilot-conflict: devices that receive both update rings report the setting in conflict, on both policies, and only they", async () => {
    const emu = await open("pilot-conflict");
    await setDay(emu, 10);
    expect(await overview(emu, "Win - Update ring - Pilot")).toMatchObject({ conflictCount: 50, successCount: 0 });
    expect(await overview(emu, "Legacy - Windows update ring (2021)")).toMatchObject({ conflictCount: 50 });
    expect(await overview(emu, "Win - Always On VPN")).toMatchObject({ conflictCount: 0, successCount: 50 });
    const rings = (await graphGet(emu, "/beta/deviceManagement/deviceConfigurations?$select=id,displayName"))["value"] as {
      id: string;
      displayName: string;
    }[];
    const pilot = rings.find((r) => r.displayName === "Win - Update ring - Pilot")?.id ?? "";
    const settings = (await graphGet(emu, `/beta/deviceManagement/deviceConfigurations/${pilot}/deviceSettingStateSummaries`))["value"] as {
      settingName: string;
      conflictDeviceCount: number;
    }[];
    expect(settings).toEqual([expect.objectContaining({ settingName: "qualityUpdatesDeferralPeriodInDays", conflictDeviceCount: 50 })]);
    // Take the legacy ring off its group: the same devices now succeed. The conflict was the overlap, not a rate.
    const legacy = rings.find((r) => r.displayName === "Legacy - Windows update ring (2021)")?.id ?? "";
    await fetch(`${emu.url}/beta/deviceManagement/deviceConfigurations/${legacy}/assign`, {
      method: "POST",
      headers: { authorization: "Bearer t", "content-type": "application/json" },
      body: JSON.stringify({ assignments: [] }),
    });
    const after = await overview(emu, "Win - Update ring - Pilot");
    expect(after["conflictCount"]).toBe(0);
    expect((after["successCount"] ?? 0) + (after["errorCount"] ?? 0)).toBe(50);
  });

  it("answers per-device statuses, user overviews and group members as Graph shapes them", async () => {
    const emu = await open("pilot-healthy");
    await setDay(emu, 10);
    const list = (await graphGet(emu, "/beta/deviceManagement/deviceCompliancePolicies?$select=id,displayName"))["value"] as {
      id: string;
      displayName: string;
    }[];
    const win = list.find((p) => p.displayName === "Win - Baseline compliance")?.id ?? "";
    const statuses = await graphGet(emu, `/beta/deviceManagement/deviceCompliancePolicies/${win}/deviceStatuses?$top=20`);
    expect((statuses["value"] as unknown[]).length).toBe(20);
    expect(statuses["@odata.nextLink"]).toContain("skiptoken=");
    expect((await graphGet(emu, `/beta/deviceManagement/deviceCompliancePolicies/${win}/userStatusOverview`))["@odata.type"]).toBe(
      "#microsoft.graph.deviceComplianceUserOverview",
    );
    const groups = (await graphGet(emu, "/v1.0/groups?$select=id,displayName"))["value"] as { id: string; displayName: string }[];
    const pilot = groups.find((g) => g.displayName === "Intune rollout - IT limited pilot")?.id ?? "";
    expect(((await graphGet(emu, `/v1.0/groups/${pilot}/members?$top=999`))["value"] as unknown[]).length).toBe(50);
  });
});
