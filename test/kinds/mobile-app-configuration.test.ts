// App configuration for managed devices (GRAPH-NOTES §8.2): the configured apps are the plan's apps.<key>, compiled as
// references that resolve to the app's id when written and read back as references; the assign action carries the
// type cast; apply then preview shows no change, an edit is one PATCH, and the import reads the apps back as keys.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import { plannedRequests } from "../../src/compile/requests.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { hasChanges } from "../../src/diff/change-set.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { updateObject } from "../../src/graph/apply-object.ts";
import { GraphRequestError } from "../../src/graph/errors.ts";
import { importPlan } from "../../src/graph/import-plan.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import type { JsonObject } from "../../src/graph-model/json.ts";
import { mobileAppConfiguration } from "../../src/kinds/mobile-app-configuration.ts";
import { KINDS } from "../../src/kinds/index.ts";
import { validatePlan } from "../../src/plan/validate/index.ts";
import type { DeviceAppConfigurationPolicy, Plan } from "../../src/plan/schema.ts";
import { requiredPermissions } from "../../src/reports/permissions.ts";
import { applyState, emulator, fastClient, writeContext } from "../helpers/emulator.ts";
import { compileContext, importContext } from "../helpers/kind-contexts.ts";
import { planOf } from "../helpers/plan.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const COLLECTION = "/deviceAppManagement/mobileAppConfigurations";

const outlookIos: DeviceAppConfigurationPolicy = {
  displayName: "iOS - Outlook account setup",
  platform: "iOS",
  apps: ["outlook-ios"],
  settings: {
    settings: [
      { appConfigKey: "com.microsoft.outlook.EmailProfile.EmailAddress", appConfigKeyType: "stringType", appConfigKeyValue: "{{mail}}" },
      { appConfigKey: "com.microsoft.outlook.Mail.FocusedInbox", appConfigKeyType: "booleanType", appConfigKeyValue: "true" },
    ],
  },
};

const plan = (config: DeviceAppConfigurationPolicy): Plan =>
  planOf({
    phases: [
      { key: "pilot", displayName: "Pilot", audience: ["pilot-users"] },
      { key: "broad", displayName: "Broad", audience: ["broad-users"] },
    ],
    groups: {
      "pilot-users": { displayName: "Pilot users", membership: "assigned", members: "users" },
      "broad-users": { displayName: "Broad users", membership: "assigned", members: "users" },
    },
    filters: { iphones: { displayName: "iPhones", platform: "iOS", rule: '(device.model -startsWith "iPhone")' } },
    apps: {
      "outlook-ios": {
        displayName: "Microsoft Outlook for iOS",
        type: "iosStore",
        settings: {
          bundleId: "com.microsoft.Office.Outlook",
          appStoreUrl: "https://apps.apple.com/us/app/microsoft-outlook/id951937596",
          applicableDeviceType: { iPad: true, iPhoneAndIPod: true },
          minimumSupportedOperatingSystem: { v16_0: true },
        },
        assignment: { rollout: "fixed", intent: "required", include: ["pilot-users"] },
      },
      "teams-android": {
        displayName: "Microsoft Teams",
        type: "managedGooglePlay",
        settings: { packageId: "com.microsoft.teams" },
        assignment: { rollout: "fixed", intent: "required", include: ["pilot-users"] },
      },
    },
    deviceAppConfiguration: { "outlook-ios": { ...config, assignment: { filter: "iphones" } } },
  });

describe("app configuration for managed devices", () => {
  it("compiles the apps as references to apps.<key>, the platform's type and its Graph settings, and reads back", () => {
    const shape = mobileAppConfiguration.toGraph(outlookIos, compileContext, "outlook-ios");
    expect(shape.odataType).toBe("#microsoft.graph.iosMobileAppConfiguration");
    expect(shape.body["targetedMobileApps"]).toEqual([{ $ref: "apps.outlook-ios" }]);
    const notes: string[] = [];
    const read = JSON.parse(JSON.stringify({ "@odata.type": shape.odataType, ...shape.body })) as JsonObject;
    expect(mobileAppConfiguration.toPlan({}, read, importContext(notes))).toEqual(outlookIos);
    const android = mobileAppConfiguration.toGraph(
      { displayName: "Teams", platform: "androidForWork", apps: ["teams-android"], settings: { packageId: "com.microsoft.teams" } },
      compileContext,
      "t",
    );
    expect(android.odataType).toBe("#microsoft.graph.androidManagedStoreAppConfiguration");
  });

  it("the assign request has the type cast, and the state depends on the app it configures", () => {
    const state = compile(plan(outlookIos), "pilot");
    const set = state.assignments.find((a) => a.of === "deviceAppConfiguration.outlook-ios");
    expect(set?.action).toBe("/microsoft.graph.managedDeviceMobileAppConfiguration/assign");
    expect(state.objects.find((o) => o.address === "deviceAppConfiguration.outlook-ios")?.dependsOn).toContain("apps.outlook-ios");
    expect(plannedRequests(state, "https://graph.microsoft.com").map((r) => `${r.method} ${r.url}`)).toContain(
      `POST https://graph.microsoft.com/beta${COLLECTION}/{id:deviceAppConfiguration.outlook-ios}/microsoft.graph.managedDeviceMobileAppConfiguration/assign`,
    );
    expect(KINDS.mobileAppConfiguration.order).toBeGreaterThan(KINDS.mobileAppReference.order);
    expect(requiredPermissions(plan(outlookIos), "apply")).toContainEqual({
      permission: "DeviceManagementApps.ReadWrite.All",
      sections: ["apps", "deviceAppConfiguration"],
    });
  });

  it("validation: a dangling app key, an app of another platform, a plan field as a setting, a wrong Graph property or enum", () => {
    const bad = plan({
      ...outlookIos,
      apps: ["outlook-ios", "teams-android", "nothing"],
      settings: {
        targetedMobileApps: ["x"],
        settings: [{ appConfigKey: "k", appConfigKeyType: "textType", appConfigKeyValue: "v" }],
        encodedXml: "",
      },
    });
    const found = validatePlan(bad).map((d) => `${d.code} ${d.path.join(".")}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "IP032 deviceAppConfiguration.outlook-ios.apps.2",
        "IP241 deviceAppConfiguration.outlook-ios.apps.1",
        "IP242 deviceAppConfiguration.outlook-ios.settings.targetedMobileApps",
        "IP022 deviceAppConfiguration.outlook-ios.settings.settings.0.appConfigKeyType",
        "IP020 deviceAppConfiguration.outlook-ios.settings.encodedXml",
      ]),
    );
    expect(validatePlan(plan(outlookIos))).toEqual([]);
  });

  it("on the emulator: apply then preview shows no change; an edit is one PATCH; the plain /assign is no route", async () => {
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const p = plan(outlookIos);
      const state = compile(p, "pilot");
      // The managed Google Play app is a reference (made in Google Play, synced by Intune): every emulated tenant holds
      // it already (emulator/seeds.ts appsMadeElsewhere), and apply adopts it by name.
      const ids = new Map<string, string>();
      await applyState(client, state, ids);
      const id = ids.get("deviceAppConfiguration.outlook-ios") ?? "";
      const held = await client.get<JsonObject>(`${COLLECTION}/${id}`, "beta");
      expect(held["targetedMobileApps"]).toEqual([ids.get("apps.outlook-ios")]);
      const preview = async (s: typeof state) =>
        diffStates(
          (await readTenant(client, { label: "emulator", desired: s.objects, stack: ownershipOf(s, ids) })).view,
          viewOfDesired(s, "plan"),
          { plan: "t" },
        );
      const first = await preview(state);
      expect(
        first.objects.filter((o) => o.action !== "no-op").map((o) => `${o.action} ${o.address} ${JSON.stringify(o.properties)}`),
      ).toEqual([]);
      expect(hasChanges(first)).toBe(false);
      const assigned = await client.get<JsonObject>(`${COLLECTION}/${id}/assignments`, "beta");
      expect(JSON.stringify(assigned)).toContain('"deviceAndAppManagementAssignmentFilterType":"include"');

      const edited: DeviceAppConfigurationPolicy = {
        ...outlookIos,
        settings: {
          settings: [
            { appConfigKey: "com.microsoft.outlook.Mail.FocusedInbox", appConfigKeyType: "booleanType", appConfigKeyValue: "false" },
          ],
        },
      };
      const after = compile(plan(edited), "pilot");
      expect((await preview(after)).objects.filter((o) => o.action !== "no-op").map((o) => `${o.action} ${o.address}`)).toEqual([
        "update deviceAppConfiguration.outlook-ios",
      ]);
      const obj = after.objects.find((o) => o.address === "deviceAppConfiguration.outlook-ios");
      if (!obj) throw new Error("no object");
      const from = emu.log.length;
      await updateObject(writeContext(client, ids), obj, id);
      expect(emu.log.slice(from).map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual([`PATCH /beta${COLLECTION}/${id} 204`]);
      expect(hasChanges(await preview(after))).toBe(false);

      // Import: the configuration comes back with its apps as the plan's keys, its settings and its filter.
      const { plan: imported } = importPlan(await readTenant(client, { label: "emulator" }), "imported");
      const back = Object.values((imported["deviceAppConfiguration"] ?? {}) as Record<string, JsonObject>);
      expect(back).toHaveLength(1);
      expect(back[0]).toMatchObject({
        displayName: edited.displayName,
        platform: "iOS",
        settings: edited.settings,
        assignment: { filter: "iphones" },
      });
      const appKey = (back[0]?.["apps"] as string[] | undefined)?.[0] ?? "";
      expect((imported["apps"] as Record<string, JsonObject>)[appKey]).toMatchObject({ displayName: "Microsoft Outlook for iOS" });

      // Graph routes the assign by its type cast (ICD AppConfiguration.py); a configuration names existing apps.
      const status = async (p: Promise<unknown>): Promise<number | undefined> =>
        p.then(
          () => undefined,
          (e: unknown) => (e instanceof GraphRequestError ? e.status : -1),
        );
      expect(await status(client.action(`${COLLECTION}/${id}/assign`, { assignments: [] }, "beta"))).toBe(400);
      expect(
        await status(client.patch(`${COLLECTION}/${id}`, { targetedMobileApps: ["00000000-0000-0000-0000-00000000dead"] }, "beta")),
      ).toBe(400);
      const android = await client.create(
        COLLECTION,
        {
          "@odata.type": "#microsoft.graph.androidManagedStoreAppConfiguration",
          displayName: "Teams",
          targetedMobileApps: [ids.get("apps.teams-android") ?? ""],
          packageId: "com.microsoft.teams",
          profileApplicability: "androidWorkProfile",
        },
        "beta",
      );
      expect(android).toMatchObject({ version: 1, connectedAppsEnabled: false });
      expect(await status(client.patch(`${COLLECTION}/${String(android["id"])}`, { profileApplicability: "everywhere" }, "beta"))).toBe(
        400,
      );
    } finally {
      await emu.close();
    }
  }, 60_000);
});
