// Issue 10 item 6: the emulator is a safe server. Ids from URLs and bodies never reach Object.prototype; only a
// request with a bearer token, addressed to the loopback host and carrying JSON, is served.
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { seedTenant } from "../../src/emulator/seeds.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { startEmulator } from "../../src/emulator/server.ts";
import { connectGraph } from "../../src/graph/connect.ts";

type ErrorBody = { error?: { code: string; message: string; innerError: Record<string, string> } };
let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(): Promise<RunningEmulator> {
  running = await startEmulator({ data: seedTenant("legacy-contoso") });
  return running;
}

/** A well-behaved client's request: a bearer token, JSON in. */
async function call(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: ErrorBody & Record<string, unknown> }> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { authorization: "Bearer test", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as ErrorBody & Record<string, unknown> };
}

const PROTO_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"];

describe("the emulator's store is prototype-free", () => {
  it("an id of __proto__, constructor or toString is 404 with Graph's error body on every verb, and pollutes nothing", async () => {
    const emu = await start();
    for (const id of PROTO_NAMES) {
      for (const [method, body] of [
        ["GET", undefined],
        ["PATCH", { displayName: "polluted" }],
        ["DELETE", undefined],
      ] as const) {
        const intune = await call(emu, method, `/beta/deviceManagement/deviceCategories/${id}`, body);
        expect([id, method, intune.status, intune.body.error?.code]).toEqual([id, method, 404, "ResourceNotFound"]);
        expect(intune.body.error?.innerError["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
        const directory = await call(emu, method, `/v1.0/groups/${id}`, body);
        expect([id, method, directory.status, directory.body.error?.code]).toEqual([id, method, 404, "Request_ResourceNotFound"]);
      }
      for (const action of ["assign", "assignments", "deviceStatusOverview"]) {
        const r = await call(
          emu,
          action === "assign" ? "POST" : "GET",
          `/beta/deviceManagement/deviceCompliancePolicies/${id}/${action}`,
          action === "assign" ? { assignments: [] } : undefined,
        );
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
    const compliance = await call(emu, "POST", "/beta/deviceManagement/deviceCompliancePolicies", {
      "@odata.type": "#microsoft.graph.iosCompliancePolicy",
      displayName: "p",
      scheduledActionsForRule: [{ ruleName: "PasswordRequired", scheduledActionConfigurations: [{ actionType: "block" }] }],
    });
    const path = `/beta/deviceManagement/deviceCompliancePolicies/${String(compliance.body["id"])}/assign`;
    for (const name of PROTO_NAMES) {
      const filtered = await call(emu, "POST", path, {
        assignments: [
          {
            target: {
              "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
              deviceAndAppManagementAssignmentFilterId: name,
              deviceAndAppManagementAssignmentFilterType: "include",
            },
          },
        ],
      });
      expect([name, filtered.status]).toEqual([name, 400]);
      const bound = await call(emu, "POST", "/beta/deviceManagement/roleAssignments", {
        displayName: "r",
        members: [],
        scopeType: "allDevices",
        "roleDefinition@odata.bind": `https://graph.microsoft.com/beta/deviceManagement/roleDefinitions('${name}')`,
      });
      expect([name, bound.status]).toEqual([name, 400]);
      const typed = await call(emu, "POST", "/beta/deviceManagement/deviceConfigurations", {
        "@odata.type": `#microsoft.graph.${name}`,
        displayName: "x",
      });
      expect([name, typed.status]).toEqual([name, 400]);
    }
  });

  it("a tenant whose data carries a __proto__ key (a saved state file) keeps it as data", async () => {
    const data = seedTenant("empty");
    const parsed = JSON.parse(
      `{"__proto__": {"body": {"id": "__proto__", "displayName": "odd"}, "assignments": [], "apps": []}}`,
    ) as Record<string, never>;
    (data.collections as Record<string, unknown>)["/deviceManagement/deviceCategories"] = parsed;
    running = await startEmulator({ data });
    const read = await call(running, "GET", "/beta/deviceManagement/deviceCategories/__proto__");
    expect([read.status, read.body["displayName"]]).toEqual([200, "odd"]);
    expect(({} as Record<string, unknown>)["body"]).toBeUndefined();
  });
});

describe("the emulator answers only what Graph would, and only its own clients", () => {
  it("a request without a bearer token is 401 with Graph's InvalidAuthenticationToken body and changes nothing", async () => {
    const emu = await start();
    const before = JSON.stringify(emu.tenant.data);
    for (const authorization of [undefined, "", "Bearer", "Bearer   ", "Basic dXNlcjpwYXNz", "token"]) {
      const res = await fetch(`${emu.url}/beta/deviceManagement/deviceCategories`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization === undefined ? {} : { authorization }) },
        body: JSON.stringify({ displayName: "unsigned" }),
      });
      const body = (await res.json()) as ErrorBody;
      expect([authorization, res.status, body.error?.code]).toEqual([authorization, 401, "InvalidAuthenticationToken"]);
      expect(body.error?.innerError["request-id"]).toBe(res.headers.get("request-id"));
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    }
    const get = await fetch(`${emu.url}/v1.0/groups`);
    expect([get.status, ((await get.json()) as ErrorBody).error?.message]).toEqual([401, "Access token is empty."]);
    expect(JSON.stringify(emu.tenant.data)).toBe(before);
    expect((await call(emu, "GET", "/v1.0/groups")).status).toBe(200);
  });

  it("a foreign Host (DNS rebinding) is refused with 421; 127.0.0.1, localhost and [::1] on its port are served", async () => {
    const emu = await start();
    const port = new URL(emu.url).port;
    const raw = (host: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path: "/v1.0/groups", headers: { host, authorization: "Bearer test" } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
    for (const host of [
      "evil.example",
      `evil.example:${port}`,
      "127.0.0.1",
      `127.0.0.1:1`,
      `127.0.0.1.evil.example:${port}`,
      `localhost.:${port}`,
    ])
      expect([host, await raw(host)]).toEqual([host, 421]);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`])
      expect([host, await raw(host)]).toEqual([host, 200]);
  });

  it("a cross-site form post (urlencoded, multipart, text/plain) is refused with 415 and writes nothing", async () => {
    const emu = await start();
    const before = JSON.stringify(emu.tenant.data);
    const path = `${emu.url}/beta/deviceManagement/deviceCategories`;
    const form = new FormData();
    form.set("displayName", "from a web page");
    for (const body of [new URLSearchParams({ displayName: "from a web page" }), form, JSON.stringify({ displayName: "text/plain" })]) {
      const res = await fetch(path, { method: "POST", headers: { authorization: "Bearer test" }, body });
      expect([res.headers.get("content-type")?.split(";")[0], res.status, ((await res.json()) as ErrorBody).error?.code]).toEqual([
        "application/json",
        415,
        "UnsupportedMediaType",
      ]);
    }
    // Even with a token, a JSON body is accepted only as JSON; a body-less DELETE needs no content type.
    const ok = await fetch(path, {
      method: "POST",
      headers: { authorization: "Bearer test", "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ displayName: "json" }),
    });
    expect(ok.status).toBe(201);
    const id = String(((await ok.json()) as Record<string, unknown>)["id"]);
    expect(JSON.stringify(emu.tenant.data)).not.toBe(before);
    expect((await fetch(`${path}/${id}`, { method: "DELETE", headers: { authorization: "Bearer test" } })).status).toBe(204);
    expect(JSON.stringify(emu.tenant.data)).not.toContain("from a web page");
  });

  it("the project's own client reaches it: connectGraph sends the emulator's token", async () => {
    const emu = await start();
    const tags = await connectGraph({ endpoint: emu.url }, {}).list("/deviceManagement/roleScopeTags");
    expect(tags.map((t) => t["displayName"])).toEqual(["Default", "Charlotte"]);
  });
});
