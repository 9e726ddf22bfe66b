// Apps (S17, kinds/mobile-app.ts): the adapter's bodies and their read-back, assignments with intents, the emulator's
// refusals as Graph's, and references that apply adopts and never writes.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { diffStates } from "../../src/diff/diff.ts";
import type { JsonObject } from "../../src/graph-model/json.ts";
import { createObject } from "../../src/graph/apply-object.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import { AppReferenceError } from "../../src/graph/tenant-errors.ts";
import { mobileApp } from "../../src/kinds/mobile-app.ts";
import { KINDS } from "../../src/kinds/index.ts";
import type { App, Plan } from "../../src/plan/schema.ts";
import { emulator, fastClient, applyState, writeContext } from "../helpers/emulator.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { compileContext, importContext } from "../helpers/kind-contexts.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const plan = (): Plan => {
  const p = checkFixture("plan").plan;
  if (!p) throw new Error("plan/ does not check");
  return p;
};

const office: App = {
  displayName: "Microsoft 365 Apps for Windows",
  type: "microsoft365",
  publisher: "Microsoft",
  settings: { productIds: ["o365ProPlusRetail"], excludedApps: { teams: true }, updateChannel: "current" },
};

describe("the app adapter", () => {
  it("a Microsoft 365 suite compiles to an officeSuiteApp with every excludedApps flag, and reads back as the same plan object", () => {
    const shape = mobileApp.toGraph(office, compileContext, "m365");
    expect(shape.odataType).toBe("#microsoft.graph.officeSuiteApp");
    const excluded = shape.body["excludedApps"] as JsonObject;
    expect(Object.keys(excluded)).toHaveLength(15);
    expect(excluded["teams"]).toBe(true);
    expect(excluded["word"]).toBe(false);
    // Graph's echo: the type on the item and on the complex value, Intune's computed properties beside them.
    const echo: JsonObject = {
      "@odata.type": "#microsoft.graph.officeSuiteApp",
      ...shape.body,
      excludedApps: { "@odata.type": "microsoft.graph.excludedApps", ...excluded },
      publishingState: "published",
    };
    const observed = mobileApp.observe?.(echo, echo, { refOr: (id) => id, endpoint: "" }) ?? echo;
    expect(observed["excludedApps"]).toEqual(excluded);
    // Import drops Graph's computed properties before the adapter (import-plan.ts settingsOf, SERVER_OWNED).
    const { publishingState: _computed, ...settable } = observed;
    const back = mobileApp.toPlan(echo, settable, importContext([])) as JsonObject;
    expect(back["type"]).toBe("microsoft365");
    expect(back["publisher"]).toBe("Microsoft");
    expect(mobileApp.toGraph(back as unknown as App, compileContext, "m365").body).toEqual(shape.body);
  });

  it("a reference compiles to its name and identity only, and imports as the same reference", () => {
    const shuttle: App = {
      displayName: "Contoso Shuttle",
      type: "iosLob",
      settings: { bundleId: "com.contoso.shuttle", versionNumber: "3.2" },
    };
    const shape = mobileApp.toGraph(shuttle, compileContext, "shuttle");
    expect(shape).toEqual({
      odataType: "#microsoft.graph.iosLobApp",
      body: { displayName: "Contoso Shuttle", bundleId: "com.contoso.shuttle", versionNumber: "3.2" },
    });
    // The tenant's app holds its content facts too; the plan takes only the identity.
    const item: JsonObject = {
      "@odata.type": "#microsoft.graph.iosLobApp",
      ...shape.body,
      fileName: "ContosoShuttle.ipa",
      size: 1234,
      committedContentVersion: "1",
    };
    expect(mobileApp.toPlan(item, item, importContext([]))).toEqual(shuttle);
  });

  it("an app type the plan does not speak is left out of an import, with a note", () => {
    const notes: string[] = [];
    const vpp = { "@odata.type": "#microsoft.graph.iosVppApp", displayName: "Bought in bulk" };
    expect(mobileApp.toPlan(vpp, vpp, importContext(notes))).toBeUndefined();
    expect(notes[0]).toContain("iosVppApp");
    // Neither apps kind matches it in the tenant either.
    expect(KINDS.mobileApp.builtIn(vpp)).toBe(true);
    expect(KINDS.mobileAppReference.builtIn(vpp)).toBe(true);
    expect(KINDS.mobileAppReference.builtIn({ "@odata.type": "#microsoft.graph.androidManagedStoreApp" })).toBe(false);
  });
});

describe("app assignments", () => {
  it("every target carries its intent (exclusions and `also` too), and app settings carry their type", () => {
    const state = compile(plan(), "production-3");
    const m365 = state.assignments.find((a) => a.of === "apps.microsoft-365");
    expect(m365?.bodyKey).toBe("mobileAppAssignments");
    const intents = new Set(m365?.targets.map((t) => `${t.kind}:${String(t.settings?.["intent"])}`));
    expect(intents).toContain("group:required");
    expect(m365?.targets.find((t) => t.group === "groups.pos-devices")?.settings).toEqual({ intent: "uninstall" });
    const teams = state.assignments.find((a) => a.of === "apps.teams-ios");
    expect(teams?.targets[0]?.settings).toEqual({
      intent: "required",
      settings: { "@odata.type": "#microsoft.graph.iosStoreAppAssignmentSettings", uninstallOnDeviceRemoval: true, isRemovable: false },
    });
    const intranet = state.assignments.find((a) => a.of === "apps.intranet");
    expect(intranet?.targets.every((t) => t.settings?.["intent"] === "available")).toBe(true);
  });
});

describe("apps on the emulator", () => {
  async function post(url: string, path: string, body: JsonObject): Promise<{ status: number; body: JsonObject }> {
    const r = await fetch(`${url}/beta${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer emulator" },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (r.status === 204 ? {} : await r.json()) as JsonObject };
  }

  it("refuses an unknown @odata.type, a property the type lacks, a missing required property, and a synced type; takes a valid app", async () => {
    const emu = await emulator("empty");
    try {
      const apps = "/deviceAppManagement/mobileApps";
      expect((await post(emu.url, apps, { "@odata.type": "#microsoft.graph.notAnApp", displayName: "x" })).status).toBe(400);
      expect((await post(emu.url, apps, { displayName: "no type" })).status).toBe(400);
      const noProducts = await post(emu.url, apps, { "@odata.type": "#microsoft.graph.officeSuiteApp", displayName: "Office" });
      expect(noProducts.status).toBe(400);
      expect(JSON.stringify(noProducts.body)).toContain("productIds");
      const wrongProperty = await post(emu.url, apps, {
        "@odata.type": "#microsoft.graph.webApp",
        displayName: "Link",
        appUrl: "https://x",
        packageIdentifier: "x",
      });
      expect(wrongProperty.status).toBe(400);
      const synced = await post(emu.url, apps, {
        "@odata.type": "#microsoft.graph.androidManagedStoreApp",
        displayName: "Play",
        packageId: "com.x",
      });
      expect(synced.status).toBe(400);
      const winget = await post(emu.url, apps, {
        "@odata.type": "#microsoft.graph.winGetApp",
        displayName: "Company Portal",
        packageIdentifier: "9WZDNCRFJ3PZ",
        installExperience: { runAsAccount: "user" },
      });
      expect(winget.status).toBe(201);
      expect(winget.body["publishingState"]).toBe("published");
      const id = String(winget.body["id"]);
      // Assignments: the intent is required and must be one of Graph's; settings are checked against their type.
      const target = { "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" };
      expect((await post(emu.url, `${apps}/${id}/assign`, { mobileAppAssignments: [{ target }] })).status).toBe(400);
      expect((await post(emu.url, `${apps}/${id}/assign`, { mobileAppAssignments: [{ target, intent: "install" }] })).status).toBe(400);
      const badSettings = { "@odata.type": "#microsoft.graph.winGetAppAssignmentSettings", notASetting: true };
      expect(
        (await post(emu.url, `${apps}/${id}/assign`, { mobileAppAssignments: [{ target, intent: "required", settings: badSettings }] }))
          .status,
      ).toBe(400);
      expect((await post(emu.url, `${apps}/${id}/assign`, { mobileAppAssignments: [{ target, intent: "available" }] })).status).toBe(204);
      const read = await fetch(`${emu.url}/beta${apps}/${id}/assignments`, { headers: { authorization: "Bearer emulator" } });
      const value = ((await read.json()) as { value: JsonObject[] }).value;
      expect(value.map((a) => a["intent"])).toEqual(["available"]);
    } finally {
      await emu.close();
    }
  });

  it("apply never POSTs or PATCHes a referenced app; the references read back unchanged, and the intents as planned", async () => {
    const p = plan();
    const state = compile(p, "production-3");
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const ids = await applyState(client, state);
      const references = state.objects.filter((o) => o.kind === "mobileAppReference");
      expect(references.map((o) => o.address).sort()).toEqual([
        "apps.excel-android",
        "apps.sharepoint-android",
        "apps.shuttle",
        "apps.teams-android",
      ]);
      const referenceIds = references.map((o) => ids.get(o.address) ?? "");
      const writes = emu.log.filter((l) => l.method !== "GET" && l.path.includes("mobileApps"));
      for (const id of referenceIds) {
        expect(writes.filter((l) => l.path.includes(id)).map((l) => `${l.method} ${l.path.split("/").at(-1) ?? ""}`)).toEqual([
          "POST assign",
        ]);
      }
      // Only the apps the plan makes are created.
      expect(writes.filter((l) => l.method === "POST" && l.path.endsWith("/mobileApps"))).toHaveLength(5);
      const read = await readTenant(client, { label: "emulator", desired: state.objects, stack: ownershipOf(state, ids) });
      const set = diffStates(read.view, viewOfDesired(state, "plan"), { plan: p.name });
      expect(set.objects.filter((o) => o.kind.startsWith("mobileApp") && o.action !== "no-op")).toEqual([]);
      expect(set.assignments.filter((a) => a.of.startsWith("apps.") && a.action !== "no-op")).toEqual([]);
      const pos = read.view.assignments.find((a) => a.of === "apps.microsoft-365")?.targets.find((t) => t.group === "groups.pos-devices");
      expect(pos?.settings).toEqual({ intent: "uninstall" });
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("a referenced app the tenant does not have is an error naming it, and nothing is created", async () => {
    const state = compile(plan(), "production-3");
    const missing = state.objects.find((o) => o.address === "apps.shuttle");
    if (!missing) throw new Error("no shuttle");
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const renamed = { ...missing, displayName: "Contoso Shuttle (old)" };
      await expect(createObject(writeContext(client, new Map()), renamed)).rejects.toThrow(AppReferenceError);
      await expect(createObject(writeContext(client, new Map()), renamed)).rejects.toThrow(/never creates it/);
      expect(emu.log.filter((l) => l.method === "POST")).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});
