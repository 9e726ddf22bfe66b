// The emulator knows the settings-catalog definitions it accepts (src/emulator/setting-definitions.ts): it serves them
// from configurationSettings / complianceSettings (paged, by id) and refuses a policy whose settings name an unknown
// definition, an option the definition does not have, a value of the wrong type, or a child the parent does not take,
// with Graph's 400 and Intune error body. The message wording is UNCONFIRMED (see catalog-settings.ts).
import { afterEach, describe, expect, it } from "vitest";
import { seedTenant } from "../../src/emulator/seeds.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { startEmulator } from "../../src/emulator/server.ts";

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

type Body = { value?: Record<string, unknown>[]; "@odata.nextLink"?: string; error?: { code: string; message: string } } & Record<
  string,
  unknown
>;

async function call(emu: RunningEmulator, method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> {
  const res = await fetch(path.startsWith("http") ? path : `${emu.url}${path}`, {
    method,
    headers: { authorization: "Bearer test", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Body };
}

const NS = "#microsoft.graph.deviceManagementConfiguration";
const choice = (id: string, value: string, children: unknown[] = []) => ({
  "@odata.type": `${NS}Setting`,
  settingInstance: {
    "@odata.type": `${NS}ChoiceSettingInstance`,
    settingDefinitionId: id,
    choiceSettingValue: { "@odata.type": `${NS}ChoiceSettingValue`, value, children },
  },
});
const policy = (settings: unknown[]) => ({ name: "Catalog", platforms: "windows10", technologies: "mdm", settings });
const CAMERA = "device_vendor_msft_policy_config_camera_allowcamera";
const graphMessage = (body: Body): string => (JSON.parse(body.error?.message ?? "{}") as { Message?: string }).Message ?? "";

describe("the emulator's settings catalog", () => {
  it("serves its definitions in Graph's shape, paged with @odata.nextLink, and one by id", async () => {
    const emu = (running = await startEmulator({ data: seedTenant("empty") }));
    const first = await call(emu, "GET", "/beta/deviceManagement/configurationSettings?$top=5");
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(5);
    let next = first.body["@odata.nextLink"];
    let count = 5;
    while (next) {
      const page = await call(emu, "GET", next);
      count += page.body.value?.length ?? 0;
      next = page.body["@odata.nextLink"];
    }
    expect(count).toBeGreaterThan(10);
    const camera = await call(emu, "GET", `/beta/deviceManagement/configurationSettings/${CAMERA}`);
    expect(camera.body).toMatchObject({
      "@odata.type": `${NS}ChoiceSettingDefinition`,
      id: CAMERA,
      displayName: "Allow Camera",
      applicability: { platform: "windows10" },
      options: [{ itemId: `${CAMERA}_0` }, { itemId: `${CAMERA}_1` }],
    });
    // Compliance settings live in their own collection.
    expect((await call(emu, "GET", "/beta/deviceManagement/configurationSettings/linux_deviceencryption_required")).status).toBe(404);
    expect((await call(emu, "GET", "/beta/deviceManagement/complianceSettings/linux_deviceencryption_required")).status).toBe(200);
  });

  it("refuses an unknown definition, an unknown option, a wrong instance type and a foreign child with a 400", async () => {
    const emu = (running = await startEmulator({ data: seedTenant("empty") }));
    const post = (settings: unknown[]) => call(emu, "POST", "/beta/deviceManagement/configurationPolicies", policy(settings));
    const unknown = await post([choice(`${CAMERA}x`, `${CAMERA}x_1`)]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.code).toBe("BadRequest");
    expect(graphMessage(unknown.body)).toContain(`Setting definition '${CAMERA}x' was not found.`);
    const option = await post([choice(CAMERA, `${CAMERA}_2`)]);
    expect(option.status).toBe(400);
    expect(graphMessage(option.body)).toContain(`Invalid value '${CAMERA}_2' for setting '${CAMERA}'.`);
    const type = await post([
      {
        settingInstance: {
          "@odata.type": `${NS}SimpleSettingInstance`,
          settingDefinitionId: CAMERA,
          simpleSettingValue: { "@odata.type": `${NS}IntegerSettingValue`, value: 1 },
        },
      },
    ]);
    expect(type.status).toBe(400);
    const range = await post([
      {
        settingInstance: {
          "@odata.type": `${NS}SimpleSettingInstance`,
          settingDefinitionId: "device_vendor_msft_policy_config_defender_avgcpuloadfactor",
          simpleSettingValue: { "@odata.type": `${NS}IntegerSettingValue`, value: 101 },
        },
      },
    ]);
    expect(range.status).toBe(400);
    // allowstandarduserencryption is a child of allowwarningforotherdiskencryption_0, not of _1.
    const warn = "device_vendor_msft_bitlocker_allowwarningforotherdiskencryption";
    const child = choice(
      "device_vendor_msft_bitlocker_allowstandarduserencryption",
      "device_vendor_msft_bitlocker_allowstandarduserencryption_1",
    );
    expect((await post([choice(warn, `${warn}_1`, [child.settingInstance])])).status).toBe(400);
    const ok = await post([choice(warn, `${warn}_0`, [child.settingInstance]), choice(CAMERA, `${CAMERA}_1`)]);
    expect(ok.status).toBe(201);
    // A PUT is checked as a create is.
    const id = String(ok.body["id"]);
    expect(
      (await call(emu, "PUT", `/beta/deviceManagement/configurationPolicies/${id}`, policy([choice(CAMERA, `${CAMERA}_7`)]))).status,
    ).toBe(400);
  });

  it("takes made-up ids only when told to (settingDefinitions: any, for generated load-test plans)", async () => {
    const emu = (running = await startEmulator({ data: seedTenant("empty"), settingDefinitions: "any" }));
    const made = await call(
      emu,
      "POST",
      "/beta/deviceManagement/configurationPolicies",
      policy([choice("device_vendor_msft_bench_1", "device_vendor_msft_bench_1_1")]),
    );
    expect(made.status).toBe(201);
  });
});
