// The emulator's wire behaviour, over real HTTP, against GRAPH-NOTES: what a client of Graph must cope with.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseFaults } from "../../src/emulator/faults.ts";
import { seedTenant } from "../../src/emulator/seeds.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { startEmulator } from "../../src/emulator/server.ts";
import { loadTenant } from "../../src/emulator/store.ts";

type Body = Record<string, unknown> & {
  value?: Record<string, unknown>[];
  error?: { code: string; message: string; innerError: Record<string, string> };
};
let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(options: Partial<Parameters<typeof startEmulator>[0]> = {}): Promise<RunningEmulator> {
  running = await startEmulator({ data: seedTenant("empty"), ...options });
  return running;
}

async function call(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Body; headers: Headers }> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { authorization: "Bearer test", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : { text }) as Body,
    headers: res.headers,
  };
}

const compliance = (displayName: string, actions: unknown[] = [{ actionType: "block", gracePeriodHours: 0 }]) => ({
  "@odata.type": "#microsoft.graph.iosCompliancePolicy",
  displayName,
  passcodeRequired: true,
  scheduledActionsForRule: [{ ruleName: "PasswordRequired", scheduledActionConfigurations: actions }],
});
const group = (displayName: string) => ({
  displayName,
  mailEnabled: false,
  mailNickname: displayName.toLowerCase().replace(/\W+/g, "-"),
  securityEnabled: true,
});

describe("the emulator speaks Graph", () => {
  it("refuses unknown properties and wrong enum values with Graph's 400 error body (Intune-wrapped message, request id)", async () => {
    const emu = await start();
    const unknown = await call(emu, "POST", "/beta/deviceManagement/deviceCompliancePolicies", {
      ...compliance("x"),
      passcodeMinimumLenght: 6,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.code).toBe("BadRequest");
    expect(JSON.parse(unknown.body.error?.message ?? "{}").Message).toContain(
      "The property 'passcodeMinimumLenght' does not exist on type 'microsoft.graph.iosCompliancePolicy'",
    );
    expect(unknown.body.error?.innerError["request-id"]).toBe(unknown.headers.get("request-id"));
    const badEnum = await call(emu, "POST", "/beta/deviceManagement/deviceCompliancePolicies", {
      ...compliance("x"),
      passcodeRequiredType: "sometimes",
    });
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.error?.message).toContain("Requested value 'sometimes' was not found.");
    const groupError = await call(emu, "POST", "/v1.0/groups", { ...group("g"), nickname: "x" });
    expect(groupError.body.error?.code).toBe("Request_BadRequest");
  });

  it("compliance needs exactly one block action; groups need their four required fields", async () => {
    const emu = await start();
    expect(
      (await call(emu, "POST", "/beta/deviceManagement/deviceCompliancePolicies", compliance("none", []))).body.error?.message,
    ).toContain("one and only one block scheduled action");
    expect(
      (
        await call(
          emu,
          "POST",
          "/beta/deviceManagement/deviceCompliancePolicies",
          compliance("two", [{ actionType: "block" }, { actionType: "block" }]),
        )
      ).status,
    ).toBe(400);
    expect((await call(emu, "POST", "/beta/deviceManagement/deviceCompliancePolicies", compliance("one"))).status).toBe(201);
    for (const missing of ["displayName", "mailEnabled", "mailNickname", "securityEnabled"]) {
      const { [missing]: _gone, ...body } = group("g") as Record<string, unknown>;
      expect((await call(emu, "POST", "/v1.0/groups", body)).status, missing).toBe(400);
    }
  });

  it("assigns server ids in Graph's formats and answers with @odata.context; read-only fields are Graph's", async () => {
    const emu = await start();
    const tag = await call(emu, "POST", "/beta/deviceManagement/roleScopeTags", { displayName: "Seattle" });
    expect(tag.body["id"]).toBe("1");
    const mam = await call(emu, "POST", "/beta/deviceAppManagement/iosManagedAppProtections", {
      "@odata.type": "#microsoft.graph.iosManagedAppProtection",
      displayName: "p",
    });
    expect(String(mam.body["id"])).toMatch(/^T_[0-9a-f-]{36}$/);
    expect(String(mam.body["version"])).toMatch(/^".*"$/);
    const g = await call(emu, "POST", "/v1.0/groups", { ...group("g"), id: "00000000-0000-0000-0000-000000000001" });
    expect(g.status).toBe(201);
    expect(String(g.body["id"])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(g.body["@odata.context"]).toBe(`${emu.url}/v1.0/$metadata#groups/$entity`);
    expect(g.body["isAssignableToRole"]).toBeNull();
    const policy = await call(emu, "POST", "/beta/deviceManagement/deviceCompliancePolicies", compliance("p"));
    expect(policy.body["roleScopeTagIds"]).toEqual(["0"]);
    expect(policy.body["scheduledActionsForRule"]).toBeUndefined();
  });

  it("$select, $filter on displayName, $top paging with @odata.nextLink", async () => {
    const emu = await start();
    for (let i = 0; i < 5; i++) await call(emu, "POST", "/v1.0/groups", group(`Team ${i}`));
    const first = await call(emu, "GET", "/v1.0/groups?$top=2&$select=displayName");
    expect(first.body.value?.map((g) => Object.keys(g).sort())).toEqual([
      ["displayName", "id"],
      ["displayName", "id"],
    ]);
    const pages = [first.body.value ?? []];
    let next = first.body["@odata.nextLink"] as string | undefined;
    while (next) {
      const page = await call(emu, "GET", next.slice(emu.url.length));
      pages.push(page.body.value ?? []);
      next = page.body["@odata.nextLink"] as string | undefined;
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const filtered = await call(emu, "GET", `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Team 3'")}`);
    expect(filtered.body.value?.map((g) => g["displayName"])).toEqual(["Team 3"]);
  });

  it("$expand=assignments where Graph supports it; not on a settings-catalog item (N5); no route for scheduledActionsForRule", async () => {
    const emu = await start();
    const g = await call(emu, "POST", "/v1.0/groups", group("g"));
    const policy = await call(emu, "POST", "/beta/deviceManagement/deviceCompliancePolicies", compliance("p"));
    const assign = await call(emu, "POST", `/beta/deviceManagement/deviceCompliancePolicies/${String(policy.body["id"])}/assign`, {
      assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: g.body["id"] } }],
    });
    expect(assign.status).toBe(200);
    expect(assign.body.value?.[0]).toMatchObject({
      id: `${String(policy.body["id"])}_${String(g.body["id"])}`,
      source: "direct",
      target: { deviceAndAppManagementAssignmentFilterType: "none", deviceAndAppManagementAssignmentFilterId: null },
    });
    const expanded = await call(
      emu,
      "GET",
      `/beta/deviceManagement/deviceCompliancePolicies/${String(policy.body["id"])}?$expand=assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)`,
    );
    expect((expanded.body["assignments"] as unknown[]).length).toBe(1);
    expect(expanded.body["scheduledActionsForRule"]).toMatchObject([
      {
        ruleName: "PasswordRequired",
        scheduledActionConfigurations: [{ actionType: "block", notificationTemplateId: "00000000-0000-0000-0000-000000000000" }],
      },
    ]);
    expect(
      (await call(emu, "GET", `/beta/deviceManagement/deviceCompliancePolicies/${String(policy.body["id"])}/scheduledActionsForRule`)).body
        .error?.code,
    ).toBe("No method match route template");
    const catalog = await call(emu, "POST", "/beta/deviceManagement/configurationPolicies", {
      name: "c",
      platforms: "windows10",
      technologies: "mdm",
      settings: [],
    });
    const cid = String(catalog.body["id"]);
    await call(emu, "POST", `/beta/deviceManagement/configurationPolicies/${cid}/assign`, {
      assignments: [{ target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }],
    });
    expect((await call(emu, "GET", `/beta/deviceManagement/configurationPolicies/${cid}?$expand=assignments`)).body["assignments"]).toEqual(
      [],
    );
    expect((await call(emu, "GET", `/beta/deviceManagement/configurationPolicies('${cid}')/assignments`)).body.value?.[0]?.["id"]).toBe(
      `${cid}_adadadad-808e-44e2-905a-0b7873a8a531`,
    );
  });

  it("/assign replaces the whole list and refuses group ids that are not valid groups", async () => {
    const emu = await start();
    const policy = await call(emu, "POST", "/beta/deviceManagement/deviceCompliancePolicies", compliance("p"));
    const path = `/beta/deviceManagement/deviceCompliancePolicies/${String(policy.body["id"])}`;
    const bad = await call(emu, "POST", `${path}/assign`, {
      assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "not-a-guid" } }],
    });
    expect(bad.body.error?.message).toContain("Invalid GroupId : not-a-guid provided, a valid AADGroupId is expected.");
    await call(emu, "POST", `${path}/assign`, {
      assignments: [{ target: { "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" } }],
    });
    await call(emu, "POST", `${path}/assign`, { assignments: [] });
    expect((await call(emu, "GET", `${path}/assignments`)).body.value).toEqual([]);
  });

  it("$batch: up to 20, answers by id, 424 for a failed dependency", async () => {
    const emu = await start();
    const reply = await call(emu, "POST", "/beta/$batch", {
      requests: [
        { id: "1", method: "GET", url: "/deviceManagement/roleScopeTags" },
        { id: "2", method: "GET", url: "deviceManagement/nothing" },
        { id: "3", method: "GET", url: "/deviceManagement/roleScopeTags", dependsOn: ["2"] },
      ],
    });
    const byId = new Map((reply.body["responses"] as { id: string; status: number }[]).map((r) => [r.id, r.status]));
    expect(Object.fromEntries(byId)).toEqual({ 1: 200, 2: 400, 3: 424 });
    const tooMany = await call(emu, "POST", "/beta/$batch", {
      requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "/deviceManagement/roleScopeTags" })),
    });
    expect(tooMany.status).toBe(400);
  });

  it("deployment status per policy from simulated devices, as Graph reports it", async () => {
    const emu = await start();
    const g = await call(emu, "POST", "/v1.0/groups", group("g"));
    emu.tenant.data.members[String(g.body["id"])] = 200;
    const policy = await call(emu, "POST", "/beta/deviceManagement/deviceCompliancePolicies", compliance("p"));
    const path = `/beta/deviceManagement/deviceCompliancePolicies/${String(policy.body["id"])}`;
    await call(emu, "POST", `${path}/assign`, {
      assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: g.body["id"] } }],
    });
    const overview = (await call(emu, "GET", `${path}/deviceStatusOverview`)).body;
    expect(overview).toMatchObject({
      "@odata.type": "#microsoft.graph.deviceComplianceDeviceOverview",
      successCount: 168,
      errorCount: 8,
      conflictCount: 4,
      pendingCount: 20,
    });
    expect((await call(emu, "GET", `/v1.0/groups/${String(g.body["id"])}/members/$count`)).body["text"]).toBe("200");
  });

  it("faults: 429 with Retry-After (integer, fractional or missing), 503, replication lag, lost responses", async () => {
    const emu = await start({ faults: parseFaults("throttle=1,retry-after=mixed,seed=5") });
    const forms = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const r = await call(emu, "GET", "/beta/deviceManagement/roleScopeTags");
      expect(r.status).toBe(429);
      expect(r.body.error?.code).toBe("TooManyRequests");
      const after = r.headers.get("retry-after");
      forms.add(after === null ? "missing" : after.includes(".") ? "fractional" : "integer");
    }
    expect(forms).toEqual(new Set(["missing", "fractional", "integer"]));
    await emu.close();

    const lagging = await start({ faults: parseFaults("lag=2") });
    const g = await call(lagging, "POST", "/v1.0/groups", group("fresh"));
    expect((await call(lagging, "GET", `/v1.0/groups/${String(g.body["id"])}`)).body.error?.code).toBe("Request_ResourceNotFound");
    expect((await call(lagging, "GET", `/v1.0/groups/${String(g.body["id"])}`)).status).toBe(200);
    await lagging.close();

    const lossy = await start({ faults: parseFaults("lost=1") });
    await expect(
      fetch(`${lossy.url}/v1.0/groups`, {
        method: "POST",
        headers: { authorization: "Bearer test", "content-type": "application/json" },
        body: JSON.stringify(group("lost")),
      }),
    ).rejects.toThrow();
    expect(Object.values(lossy.tenant.data.collections["/groups"] ?? {}).map((e) => e.body["displayName"])).toEqual(["lost"]);
  });

  it("persists its state to a file and starts again from it", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "emulator-")), "tenant.json");
    const emu = await start({ stateFile: file });
    await call(emu, "POST", "/beta/deviceManagement/roleScopeTags", { displayName: "Kept" });
    await emu.close();
    const again = await start({ data: loadTenant(file) });
    expect((await call(again, "GET", "/beta/deviceManagement/roleScopeTags")).body.value?.map((t) => t["displayName"])).toEqual([
      "Default",
      "Kept",
    ]);
  });
});
