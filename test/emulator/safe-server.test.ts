// Issue 10 item 6: the emulator is a safe server. Ids from URLs and bodies never reach Object.prototype.
import { afterEach, describe, expect, it } from "vitest";
import { seedTenant } from "../../src/emulator/seeds.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { startEmulator } from "../../src/emulator/server.ts";

type ErrorBody = { error?: { code: string; message: string; innerError: Record<string, string> } };
let running: RunningEmulator | undefined;
afterEach(async () => { await running?.close(); running = undefined; });

async function start(): Promise<RunningEmulator> {
  running = await startEmulator({ data: seedTenant("legacy-contoso") });
  return running;
}

/** A well-behaved client's request: a bearer token, JSON in. */
async function call(emu: RunningEmulator, method: string, path: string, body?: unknown): Promise<{ status: number; body: ErrorBody & Record<string, unknown> }> {
  const res = await fetch(`${emu.url}${path}`, { method, headers: { authorization: "Bearer test", ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as ErrorBody & Record<string, unknown> };
}

const PROTO_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"];

describe("the emulator's store is prototype-free", () => {
  it("an id of __proto__, constructor or toString is 404 with Graph's error body on every verb, and pollutes nothing", async () => {
    const emu = await start();
    for (const id of PROTO_NAMES) {
      for (const [method, body] of [["GET", undefined], ["PATCH", { displayName: "polluted" }], ["DELETE", undefined]] as const) {
        const intune = await call(emu, method, `/beta/deviceManagement/deviceCategories/${id}`, body);
        expect([id, method, intune.status, intune.body.error?.code]).toEqual([id, method, 404, "ResourceNotFound"]);
        expect(intune.body.error?.innerError["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
        const directory = await call(emu, method, `/v1.0/groups/${id}`, body);
        expect([id, method, directory.status, directory.body.error?.code]).toEqual([id, method, 404, "Request_ResourceNotFound"]);
      }
      for (const action of ["assign", "assignments", "deviceStatusOverview"]) {
        const r = await call(emu, action === "assign" ? "POST" : "GET", `/beta/deviceManagement/deviceCompliancePolicies/${id}/${action}`, action === "assign" ? { assignments: [] } : undefined);
        expect([id, action, r.status]).toEqual([id, action, 404]);
      }
    }
    // Nothing leaked onto Object.prototype, and a bad request is still refused (before the fix it got 200).
    expect(Object.hasOwn(Object.prototype, "body") || Object.hasOwn(Object.prototype, "displayName")).toBe(false);
    expect(({} as Record<string, unknown>)["body"]).toBeUndefined();
    const bad = await call(emu, "POST", "/beta/deviceManagement/deviceCategories", { displayName: "c", notAProperty: 1 });
    expect(bad.status).toBe(400);
  });

  it("references by id (filters, role definitions, group ids) never resolve to an inherited member", async () => {
    const emu = await start();
    const policy = await call(emu, "POST", "/beta/deviceManagement/deviceCategories", { displayName: "c" });
    expect(policy.status).toBe(201);
    const compliance = await call(emu, "POST", "/beta/deviceManagement/deviceCompliancePolicies", { "@odata.type": "#microsoft.graph.iosCompliancePolicy", displayName: "p", scheduledActionsForRule: [{ ruleName: "PasswordRequired", scheduledActionConfigurations: [{ actionType: "block" }] }] });
    const path = `/beta/deviceManagement/deviceCompliancePolicies/${String(compliance.body["id"])}/assign`;
    for (const name of PROTO_NAMES) {
      const filtered = await call(emu, "POST", path, { assignments: [{ target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget", deviceAndAppManagementAssignmentFilterId: name, deviceAndAppManagementAssignmentFilterType: "include" } }] });
      expect([name, filtered.status]).toEqual([name, 400]);
      const bound = await call(emu, "POST", "/beta/deviceManagement/roleAssignments", { displayName: "r", members: [], scopeType: "allDevices", "roleDefinition@odata.bind": `https://graph.microsoft.com/beta/deviceManagement/roleDefinitions('${name}')` });
      expect([name, bound.status]).toEqual([name, 400]);
      const typed = await call(emu, "POST", "/beta/deviceManagement/deviceConfigurations", { "@odata.type": `#microsoft.graph.${name}`, displayName: "x" });
      expect([name, typed.status]).toEqual([name, 400]);
    }
  });

  it("a tenant whose data carries a __proto__ key (a saved state file) keeps it as data", async () => {
    const data = seedTenant("empty");
    const parsed = JSON.parse(`{"__proto__": {"body": {"id": "__proto__", "displayName": "odd"}, "assignments": [], "apps": []}}`) as Record<string, never>;
    (data.collections as Record<string, unknown>)["/deviceManagement/deviceCategories"] = parsed;
    running = await startEmulator({ data });
    const read = await call(running, "GET", "/beta/deviceManagement/deviceCategories/__proto__");
    expect([read.status, read.body["displayName"]]).toEqual([200, "odd"]);
    expect(({} as Record<string, unknown>)["body"]).toBeUndefined();
  });
});
