// App configuration for managed apps (S02, GRAPH-NOTES §8.2): the adapter round-trips, the emulator serves the
// portal's calls (deep-insert create with an A_ id, PATCH, targetApps, the customSettings PATCH that replaces the list,
// changeSettings, /assign), apply then preview shows no change, and a changed plan is brought over with one PATCH and
// targetApps, after which preview is clean again.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { hasChanges } from "../../src/diff/change-set.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { updateObject } from "../../src/graph/apply-object.ts";
import { GraphRequestError } from "../../src/graph/errors.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import type { JsonObject } from "../../src/graph-model/json.ts";
import { managedAppConfiguration } from "../../src/kinds/managed-app-configuration.ts";
import type { AppConfigurationPolicy, Plan } from "../../src/plan/schema.ts";
import { applyState, emulator, fastClient, writeContext } from "../helpers/emulator.ts";
import { compileContext, importContext } from "../helpers/kind-contexts.ts";
import { planOf } from "../helpers/plan.ts";
import { requiredLicenses } from "../../src/reports/licenses.ts";
import { requiredPermissions } from "../../src/reports/permissions.ts";
import { KINDS } from "../../src/kinds/index.ts";
import { validatePlan } from "../../src/plan/validate/index.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const COLLECTION = "/deviceAppManagement/targetedManagedAppConfigurations";

const outlook: AppConfigurationPolicy = {
  displayName: "iOS - Configure Outlook",
  description: "Focused Inbox on",
  platform: "iOS",
  apps: ["outlook", "com.contoso.shuttle"],
  customSettings: { "com.microsoft.outlook.Mail.FocusedInbox": "true", "com.microsoft.intune.useEdge": "true" },
};

const plan = (policy: AppConfigurationPolicy): Plan =>
  planOf({
    phases: [
      { key: "pilot", displayName: "Pilot", audience: ["pilot-users"] },
      { key: "broad", displayName: "Broad", audience: ["broad-users"] },
    ],
    groups: {
      "pilot-users": { displayName: "Pilot users", membership: "assigned", members: "users" },
      "broad-users": { displayName: "Broad users", membership: "assigned", members: "users" },
    },
    scopeTags: { hq: { displayName: "HQ" } },
    filters: {
      "ios-apps": {
        displayName: "Unmanaged iOS (apps)",
        platform: "iOSMobileApplicationManagement",
        management: "apps",
        rule: '(app.deviceManagementType -eq "Unmanaged")',
      },
    },
    appConfiguration: { outlook: { ...policy, scopeTags: ["hq"], assignment: { filter: "ios-apps" } } },
  });

const back = (v: JsonObject): JsonObject => JSON.parse(JSON.stringify(v)) as JsonObject;

describe("app configuration for managed apps", () => {
  it("compiles to a targetedManagedAppConfiguration with its custom settings, the apps as targetApps, and reads back", () => {
    const shape = managedAppConfiguration.toGraph(outlook, compileContext, "outlook");
    expect(shape.odataType).toBe("#microsoft.graph.targetedManagedAppConfiguration");
    expect(shape.body).toEqual({
      displayName: "iOS - Configure Outlook",
      description: "Focused Inbox on",
      customSettings: [
        { name: "com.microsoft.outlook.Mail.FocusedInbox", value: "true" },
        { name: "com.microsoft.intune.useEdge", value: "true" },
      ],
    });
    expect(shape.actions).toEqual([
      {
        path: "/targetApps",
        body: {
          appGroupType: "selectedPublicApps",
          apps: [
            { mobileAppIdentifier: { "@odata.type": "#microsoft.graph.iosMobileAppIdentifier", bundleId: "com.microsoft.Office.Outlook" } },
            { mobileAppIdentifier: { "@odata.type": "#microsoft.graph.iosMobileAppIdentifier", bundleId: "com.contoso.shuttle" } },
          ],
        },
      },
    ]);
    const read = { ...back(shape.body), targetApps: back(shape.actions?.[0]?.body ?? {}) };
    expect(managedAppConfiguration.toPlan({}, read, importContext([]))).toEqual(outlook);
  });

  it("numbers and booleans are sent as text; an Android policy names package ids", () => {
    const shape = managedAppConfiguration.toGraph(
      { displayName: "A", platform: "android", apps: ["teams"], customSettings: { a: true, b: 3 } },
      compileContext,
      "a",
    );
    expect(shape.body["customSettings"]).toEqual([
      { name: "a", value: "true" },
      { name: "b", value: "3" },
    ]);
    expect(JSON.stringify(shape.actions)).toContain('"packageId":"com.microsoft.teams"');
  });

  it("import leaves out what the plan cannot say, and says why", () => {
    const notes: string[] = [];
    const ctx = importContext(notes);
    const ident = (type: string, id: string): JsonObject => ({
      mobileAppIdentifier: {
        "@odata.type": `#microsoft.graph.${type}MobileAppIdentifier`,
        [type === "ios" ? "bundleId" : "packageId"]: id,
      },
    });
    const mixed = {
      displayName: "M",
      targetApps: { appGroupType: "selectedPublicApps", apps: [ident("ios", "a.b"), ident("android", "c.d")] },
    };
    expect(managedAppConfiguration.toPlan({}, mixed, ctx)).toBeUndefined();
    const all = { displayName: "All", targetApps: { appGroupType: "allMicrosoftApps", apps: [] } };
    expect(managedAppConfiguration.toPlan({}, all, ctx)).toBeUndefined();
    const withCatalog = {
      displayName: "E",
      customSettings: [],
      targetApps: { appGroupType: "selectedPublicApps", apps: [ident("ios", "a.b")] },
    };
    expect(managedAppConfiguration.toPlan({ settings: [{ settingInstance: {} }] }, withCatalog, ctx)).toEqual({
      displayName: "E",
      platform: "iOS",
      apps: ["a.b"],
    });
    expect(notes).toEqual([
      expect.stringContaining("more than one platform"),
      expect.stringContaining("app group allMicrosoftApps"),
      expect.stringContaining("settings-catalog settings"),
    ]);
  });

  it("the emulator serves the portal's create (deep insert) and split update, and refuses malformed bodies", async () => {
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const group = await client.create(
        "/groups",
        { displayName: "G", mailEnabled: false, mailNickname: "g", securityEnabled: true },
        "v1.0",
      );
      // GRAPH-NOTES §8.2: the portal's create sends apps, assignments, custom settings and settings inline.
      const created = await client.create(
        COLLECTION,
        {
          displayName: "test",
          description: "test",
          apps: [],
          assignments: [{ target: { groupId: String(group["id"]), "@odata.type": "#microsoft.graph.groupAssignmentTarget" } }],
          roleScopeTagIds: ["0"],
          customSettings: [{ name: "com.microsoft.intune.mam.managedbrowser.homepage", value: "http://thing" }],
          appGroupType: "allApps",
          targetedAppManagementLevels: "unspecified",
        },
        "beta",
      );
      const id = String(created["id"]);
      expect(id).toMatch(/^A_[0-9a-f-]{36}$/);
      expect(created).toMatchObject({ appGroupType: "allApps", isAssigned: true, deployedAppCount: 0 });
      expect(created["version"]).toMatch(/^"[0-9a-f-]+"$/);
      // (1) PATCH name, (2) targetApps, (3) PATCH customSettings (replaces the list), (4) changeSettings, then /assign.
      const path = `${COLLECTION}/${id}`;
      await client.patch(path, { displayName: "renamed", "@odata.type": "#microsoft.graph.targetedManagedAppConfiguration" }, "beta");
      await client.action(
        `${path}/targetApps`,
        {
          apps: [{ mobileAppIdentifier: { "@odata.type": "#microsoft.graph.iosMobileAppIdentifier", bundleId: "com.microsoft.msedge" } }],
          appGroupType: "selectedPublicApps",
        },
        "beta",
      );
      await client.patch(path, { customSettings: [{ name: "com.microsoft.intune.useEdge", value: "true" }] }, "beta");
      const setting = {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
        settingInstance: {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
          settingDefinitionId: "com.microsoft.edge.mamedgeappconfigsettings.enablemediarouter",
        },
      };
      await client.action(`${path}/changeSettings`, { settings: [setting] }, "beta");
      await client.action(`${path}/assign`, { assignments: [] }, "beta");
      const statuses = emu.log.filter((l) => l.method !== "GET" && l.path.includes(id)).map((l) => `${l.method} ${l.status}`);
      expect(statuses).toEqual(["PATCH 204", "POST 204", "PATCH 204", "POST 204", "POST 204"]);
      const read = await client.get<JsonObject>(`${path}?$expand=apps,assignments,settings`, "beta");
      expect(read).toMatchObject({
        displayName: "renamed",
        description: "test",
        appGroupType: "selectedPublicApps",
        deployedAppCount: 1,
        isAssigned: false,
        customSettings: [{ name: "com.microsoft.intune.useEdge", value: "true" }],
        assignments: [],
        settings: [{ id: "0", settingInstance: { settingDefinitionId: "com.microsoft.edge.mamedgeappconfigsettings.enablemediarouter" } }],
      });
      expect(read["apps"]).toEqual([
        expect.objectContaining({ mobileAppIdentifier: expect.objectContaining({ bundleId: "com.microsoft.msedge" }) }),
      ]);
      // Graph's types: a keyValuePair has name and value; a wrong property or type is refused (400).
      const refused = async (p: Promise<unknown>): Promise<number | undefined> =>
        p.then(
          () => undefined,
          (e: unknown) => (e instanceof GraphRequestError ? e.status : -1),
        );
      expect(await refused(client.patch(path, { customSettings: [{ nmae: "x", value: "y" }] }, "beta"))).toBe(400);
      expect(await refused(client.patch(path, { appGroupType: "someApps" }, "beta"))).toBe(400);
      expect(await refused(client.action(`${path}/changeSettings`, { value: [] }, "beta"))).toBe(400);
      expect(await refused(client.action(`${path}/targetApps`, { apps: [{ mobileAppIdentifier: {} }] }, "beta"))).toBe(400);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("apply then preview shows no change; a changed plan is one PATCH and targetApps, and then no change again", async () => {
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const before = compile(plan(outlook), "pilot");
      const ids = await applyState(client, before);
      const id = ids.get("appConfiguration.outlook") ?? "";
      expect(id).toMatch(/^A_/);
      const preview = async (state: typeof before) =>
        diffStates(
          (await readTenant(client, { label: "emulator", desired: state.objects, stack: ownershipOf(state, ids) })).view,
          viewOfDesired(state, "plan"),
          { plan: "t" },
        );
      expect(hasChanges(await preview(before))).toBe(false);
      const held = await client.get<JsonObject>(`${COLLECTION}/${id}/assignments`, "beta");
      expect(JSON.stringify(held)).toContain(`"deviceAndAppManagementAssignmentFilterType":"include"`);

      // One setting removed, one changed, Teams added: the PATCH replaces the whole customSettings list (§8.2).
      const changed: AppConfigurationPolicy = {
        ...outlook,
        apps: ["outlook", "teams"],
        customSettings: { "com.microsoft.outlook.Mail.FocusedInbox": "false" },
      };
      const after = compile(plan(changed), "pilot");
      const set = await preview(after);
      expect(set.objects.filter((o) => o.action !== "no-op").map((o) => `${o.action} ${o.address}`)).toEqual([
        "update appConfiguration.outlook",
      ]);
      const obj = after.objects.find((o) => o.address === "appConfiguration.outlook");
      if (!obj) throw new Error("no object");
      const from = emu.log.length;
      await updateObject(writeContext(client, ids), obj, id);
      expect(emu.log.slice(from).map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual([
        `PATCH /beta${COLLECTION}/${id} 204`,
        `POST /beta${COLLECTION}/${id}/targetApps 204`,
      ]);
      expect(hasChanges(await preview(after))).toBe(false);
      const now = await client.get<JsonObject>(`${COLLECTION}/${id}`, "beta");
      expect(now["customSettings"]).toEqual([{ name: "com.microsoft.outlook.Mail.FocusedInbox", value: "false" }]);
      // A promotion changes only the assignment set.
      const promotion = await preview(compile(plan(changed), "broad"));
      expect(promotion.objects.filter((o) => o.action !== "no-op")).toEqual([]);
      expect(promotion.assignments.filter((a) => a.action !== "no-op").map((a) => a.address)).toEqual([
        "appConfiguration.outlook#assignments",
      ]);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("needs DeviceManagementApps.ReadWrite.All to apply (.Read.All to preview) and an Intune licence; Pulumi type ManagedAppConfiguration", () => {
    const p = planOf({ appConfiguration: { outlook } });
    expect(requiredPermissions(p, "apply")).toContainEqual({
      permission: "DeviceManagementApps.ReadWrite.All",
      sections: ["appConfiguration"],
    });
    expect(requiredPermissions(p, "preview")).toContainEqual({
      permission: "DeviceManagementApps.Read.All",
      sections: ["appConfiguration"],
    });
    expect(requiredLicenses(p).map((n) => [n.license, n.objects])).toEqual([["Microsoft Intune Plan 1", ["appConfiguration.outlook"]]]);
    expect(KINDS.managedAppConfiguration.token).toBe("ManagedAppConfiguration");
  });

  it("two policies that send one custom setting to one app with different values for the same users conflict (IP090)", () => {
    const base = plan(outlook);
    const other: AppConfigurationPolicy = {
      displayName: "iOS - Outlook, other",
      platform: "iOS",
      apps: ["teams", "outlook"],
      customSettings: { "com.microsoft.outlook.Mail.FocusedInbox": "false", "com.microsoft.intune.useEdge": "true" },
    };
    const conflicting = {
      ...base,
      appConfiguration: { ...base.appConfiguration, other: { ...other, assignment: { filter: "ios-apps" } } },
    };
    const found = validatePlan(conflicting).filter((d) => d.code === "IP090");
    expect(found.map((d) => d.path.join("."))).toEqual(["appConfiguration.other.customSettings.com.microsoft.outlook.Mail.FocusedInbox"]);
    expect(found[0]?.message).toContain("com.microsoft.Office.Outlook");
    // The same value, or the setting sent to another app only, is no conflict.
    const agreeing = {
      ...base,
      appConfiguration: {
        ...base.appConfiguration,
        other: { ...other, apps: ["teams"], assignment: { filter: "ios-apps" } },
      },
    };
    expect(validatePlan(agreeing).filter((d) => d.code === "IP090")).toEqual([]);
  });
});
