// Settings-catalog policies made from Intune's templates (endpoint security, security baselines; issue 15 part 4, S24):
// compile writes templateReference and the setting/value template references from the plan folder's
// policy-templates.json; the emulator serves the templates, refuses an unknown templateId or a reference the template
// does not give, and reads templateReference back as Graph does; apply then preview is clean; import round-trips a
// template-based policy; `definitions` writes the templates snapshot; a newer template version is a finding.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { run } from "../../src/cli/main.ts";
import { compile } from "../../src/compile/compile.ts";
import type { JsonObject } from "../../src/compile/desired-state.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { hasChanges } from "../../src/diff/change-set.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { importPlan } from "../../src/graph/import-plan.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import { parseTemplatesSnapshot } from "../../src/graph-model/policy-templates.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import type { Plan } from "../../src/plan/schema.ts";
import { readSourceFiles } from "../../src/cli/source-files.ts";
import { importFiles } from "../../src/file-import/import-files.ts";
import { roundTrip } from "../../src/file-import/round-trip.ts";
import { capture } from "../helpers/cli.ts";
import { applyState, emulator, fastClient } from "../helpers/emulator.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const LAPS = "adc46e5a-f4aa-4ff6-aeff-4f27bc525796_1";
const BITLOCKER = "46ddfc50-d10f-4867-b852-9434254b3bff_1";

const referencePlan = (): Plan => {
  const plan = checkFixture("plan").plan;
  if (!plan) throw new Error("plan/ does not check");
  return plan;
};

const bodyOf = (plan: Plan, address: string): JsonObject => {
  const found = compile(plan, undefined).objects.find((o) => o.address === address);
  if (!found) throw new Error(`no ${address}`);
  return found.body;
};

const instances = (body: JsonObject): JsonObject[] => (body["settings"] as { settingInstance: JsonObject }[]).map((s) => s.settingInstance);

const POLICY = (template: string, settings: string) => `
plan: { name: templates }
groups:
  devices: { displayName: Template devices, membership: assigned, members: devices }
configuration:
  encryption:
    displayName: Win - Encryption from template
    platform: windows
    profile: settingsCatalog
    template: ${template}
    settings:
${settings}
    assignment: { include: [devices] }
`;

describe("compile: template-based settings-catalog policies", () => {
  it("writes templateReference and the template's setting and value references on top-level settings only", () => {
    const body = bodyOf(referencePlan(), "configuration.es-laps");
    expect(body["templateReference"]).toEqual({ templateId: LAPS });
    const [backup, length] = instances(body);
    // The ids of the portal's export (graph-corpus "Win - OIB - ES - Windows LAPS - D - LAPS Configuration").
    expect(backup?.["settingInstanceTemplateReference"]).toEqual({ settingInstanceTemplateId: "a3270f64-e493-499d-8900-90290f61ed8a" });
    expect(backup?.["choiceSettingValue"]).toMatchObject({
      value: "device_vendor_msft_laps_policies_backupdirectory_1",
      settingValueTemplateReference: { settingValueTemplateId: "4d90f03d-e14c-43c4-86da-681da96a2f92", useTemplateDefault: false },
    });
    const child = (backup?.["choiceSettingValue"] as { children: JsonObject[] }).children[0];
    expect(child?.["settingDefinitionId"]).toBe("device_vendor_msft_laps_policies_passwordagedays_aad");
    expect(child).not.toHaveProperty("settingInstanceTemplateReference");
    expect(length?.["simpleSettingValue"]).toMatchObject({
      value: 21,
      settingValueTemplateReference: { settingValueTemplateId: "d08f1266-5345-4f53-8ae1-4c20e6cb5ec9" },
    });
    // A group collection has an instance reference and no value reference (the ASR export).
    const [asr] = instances(bodyOf(referencePlan(), "configuration.es-asr-rules"));
    expect(asr?.["settingInstanceTemplateReference"]).toEqual({ settingInstanceTemplateId: "19600663-e264-4c02-8f55-f2983216d6d7" });
    expect(JSON.stringify(asr?.["groupSettingCollectionValue"])).not.toContain("settingValueTemplateReference");
  });

  it("a plain settings-catalog policy has no templateReference; without the snapshot the settings go without references", () => {
    expect(bodyOf(referencePlan(), "configuration.defender-antivirus")).not.toHaveProperty("templateReference");
    const checked = checkPlan([
      {
        path: "t.yaml",
        bytes: Buffer.from(
          POLICY(
            `{ family: endpointSecurityDiskEncryption, id: ${BITLOCKER} }`,
            "      device_vendor_msft_bitlocker_requiredeviceencryption: device_vendor_msft_bitlocker_requiredeviceencryption_1",
          ),
        ),
      },
    ]);
    if (!checked.plan) throw new Error(JSON.stringify(checked.diagnostics));
    const body = bodyOf(checked.plan, "configuration.encryption");
    expect(body["templateReference"]).toEqual({ templateId: BITLOCKER });
    expect(JSON.stringify(body)).not.toContain("TemplateReference");
  });
});

describe("the emulator's templates", () => {
  it("lists templates, one by id, and its setting templates with their definitions", async () => {
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const all = await client.list("/deviceManagement/configurationPolicyTemplates", "beta");
      expect(all.map((t) => t["id"])).toContain("66df8dce-0166-4b82-92f7-1f74e3ca17a3_3");
      const laps = await client.get(`/deviceManagement/configurationPolicyTemplates/${LAPS}`, "beta");
      expect(laps).toMatchObject({
        baseId: "adc46e5a-f4aa-4ff6-aeff-4f27bc525796",
        version: 1,
        templateFamily: "endpointSecurityAccountProtection",
      });
      const settings = await client.list(
        `/deviceManagement/configurationPolicyTemplates/${LAPS}/settingTemplates?$expand=settingDefinitions`,
        "beta",
      );
      const backup = settings.find(
        (s) => (s["settingInstanceTemplate"] as JsonObject)["settingDefinitionId"] === "device_vendor_msft_laps_policies_backupdirectory",
      );
      expect(backup?.["settingInstanceTemplate"]).toMatchObject({
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstanceTemplate",
        settingInstanceTemplateId: "a3270f64-e493-499d-8900-90290f61ed8a",
        choiceSettingValueTemplate: { settingValueTemplateId: "4d90f03d-e14c-43c4-86da-681da96a2f92" },
      });
      expect((backup?.["settingDefinitions"] as JsonObject[])[0]?.["id"]).toBe("device_vendor_msft_laps_policies_backupdirectory");
      await expect(client.get("/deviceManagement/configurationPolicyTemplates/nope_1", "beta")).rejects.toMatchObject({ status: 404 });
    } finally {
      await emu.close();
    }
  });

  it("refuses an unknown templateId, a reference the template does not give and other technologies; reads the reference back in full", async () => {
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const setting = (instanceId: string) => ({
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
        settingInstance: {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
          settingDefinitionId: "device_vendor_msft_bitlocker_requiredeviceencryption",
          settingInstanceTemplateReference: { settingInstanceTemplateId: instanceId },
          choiceSettingValue: { value: "device_vendor_msft_bitlocker_requiredeviceencryption_1", children: [] },
        },
      });
      const policy = (templateId: string, instanceId: string) => ({
        name: `BitLocker ${templateId} ${instanceId}`,
        platforms: "windows10",
        technologies: "mdm",
        templateReference: { templateId },
        settings: [setting(instanceId)],
      });
      const good = "20ec1f6e-0d7a-4b6f-9a4f-9ed33e69ce51";
      await expect(client.create("/deviceManagement/configurationPolicies", policy(`${BITLOCKER}x`, good))).rejects.toMatchObject({
        status: 400,
      });
      await expect(
        client.create("/deviceManagement/configurationPolicies", policy(BITLOCKER, "00000000-0000-0000-0000-000000000001")),
      ).rejects.toMatchObject({
        status: 400,
      });
      await expect(
        client.create("/deviceManagement/configurationPolicies", { ...policy(BITLOCKER, good), technologies: "mdm,microsoftSense" }),
      ).rejects.toMatchObject({ status: 400 });
      const created = await client.create("/deviceManagement/configurationPolicies", policy(BITLOCKER, good));
      const read = await client.get(`/deviceManagement/configurationPolicies/${String(created["id"])}?$expand=settings`, "beta");
      expect(read["templateReference"]).toEqual({
        templateId: BITLOCKER,
        templateFamily: "endpointSecurityDiskEncryption",
        templateDisplayName: "BitLocker",
        templateDisplayVersion: "Version 1",
      });
      expect((read["settings"] as { settingInstance: JsonObject }[])[0]?.settingInstance["settingInstanceTemplateReference"]).toEqual({
        settingInstanceTemplateId: good,
      });
    } finally {
      await emu.close();
    }
  });
});

describe("template-based policies against the emulator", () => {
  it("apply, then preview: no change; import gives template: { family, id } and round-trips", async () => {
    const plan = referencePlan();
    const state = compile(plan, "expanded-pilot");
    const ours = state.objects.filter((o) => o.body["templateReference"] !== undefined);
    expect(ours.map((o) => o.address).sort()).toEqual([
      "configuration.es-antivirus",
      "configuration.es-asr-rules",
      "configuration.es-disk-encryption",
      "configuration.es-firewall",
      "configuration.es-laps",
      "configuration.es-windows-hello",
      "configuration.windows-security-baseline",
    ]);
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const ids = await applyState(client, state);
      expect(emu.log.filter((l) => l.status >= 400)).toEqual([]);
      const read = await readTenant(client, { label: "emulator", desired: state.objects, stack: ownershipOf(state, ids) });
      const set = diffStates(read.view, viewOfDesired(state, "plan"), { plan: plan.name });
      expect(set.objects.filter((o) => o.action !== "no-op").map((o) => o.address)).toEqual([]);
      expect(hasChanges(set)).toBe(false);

      // Import: the tenant's template-based policies become plan policies naming their template.
      const tenant = await readTenant(client, { label: "emulator" });
      const imported = importPlan(tenant, "imported");
      const configuration = imported.plan["configuration"] as Record<string, JsonObject>;
      const laps = Object.values(configuration).find((p) => p["displayName"] === "Win - ES - Windows LAPS");
      expect(laps?.["template"]).toEqual({ family: "endpointSecurityAccountProtection", id: LAPS });
      expect(JSON.stringify(laps?.["settings"])).not.toContain("TemplateReference");
      // Checked with the reference plan's templates snapshot, compiled, and compared with the tenant: no change.
      const scripts = new Map(imported.files.map((f) => [f.path, f.text]));
      const input = {
        path: "imported.yaml",
        bytes: Buffer.from(stringify(imported.plan)),
        readScript: (relative: string) => {
          const text = scripts.get(relative);
          return text === undefined ? { missing: relative } : { text };
        },
      };
      const checked = checkPlan([input], [], {
        templates: [{ path: "plan/policy-templates.json", bytes: readFileSync("plan/policy-templates.json") }],
      });
      expect(checked.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
      if (!checked.plan) throw new Error("the imported plan does not check");
      const desired = compile(checked.plan, undefined);
      const importedLaps = desired.objects.find((o) => o.displayName === "Win - ES - Windows LAPS");
      expect(JSON.stringify(importedLaps?.body)).toContain("a3270f64-e493-499d-8900-90290f61ed8a");
      const again = await readTenant(client, { label: "emulator", desired: desired.objects });
      const trip = diffStates(again.view, viewOfDesired(desired, "imported"), { plan: "imported" });
      expect(trip.objects.filter((o) => o.action !== "no-op" && o.action !== "adopt").map((o) => `${o.action} ${o.address}`)).toEqual([]);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("import --tenant writes the templates the imported policies name beside the plan, and the plan compiles with their references", async () => {
    const plan = referencePlan();
    const state = compile(plan, undefined);
    const emu = await emulator("empty");
    try {
      await applyState(fastClient(emu.url), state);
      const out = mkdtempSync(join(tmpdir(), "intune-plan-es-tenant-import-"));
      const io = capture();
      expect(await run(["import", "--tenant", emu.url, "--out", out], io)).toBe(0);
      expect(io.out()).toContain(`${join(out, "policy-templates.json")}: 7 policy templates from`);
      const checked = capture();
      expect(await run(["compile", out, "--format", "json"], checked)).toBe(0);
      expect(checked.out()).toContain("a3270f64-e493-499d-8900-90290f61ed8a");
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("a policy moved to another template version is replaced, not updated in place", () => {
    const plan = referencePlan();
    const before = compile(plan, undefined);
    const moved: Plan = {
      ...plan,
      configuration: {
        ...plan.configuration,
        "windows-security-baseline": {
          ...(plan.configuration["windows-security-baseline"] as Plan["configuration"][string]),
          template: { family: "baseline", id: "66df8dce-0166-4b82-92f7-1f74e3ca17a3_3" },
        },
      },
    };
    const set = diffStates(viewOfDesired(before, "main"), viewOfDesired(compile(moved, undefined), "head"), { plan: plan.name });
    const changed = set.objects.filter((o) => o.action !== "no-op");
    expect(changed.map((o) => `${o.action} ${o.address}`)).toEqual(["replace configuration.windows-security-baseline"]);
  });
});

describe("intune-plan definitions: the templates snapshot", () => {
  it("writes the templates the plan names, with newer versions, identical to the shipped snapshot but for its source", async () => {
    const dir = mkdtempSync(join(tmpdir(), "intune-plan-templates-"));
    cpSync("plan", dir, { recursive: true });
    const io = capture();
    expect(await run(["definitions", dir, "--tenant", "emulator:empty"], io)).toBe(0);
    expect(io.out()).toContain(`${join(dir, "policy-templates.json")}: 7 policy templates from emulator (empty)\n`);
    const fresh = parseTemplatesSnapshot(readFileSync(join(dir, "policy-templates.json"), "utf8"));
    const shipped = parseTemplatesSnapshot(readFileSync("plan/policy-templates.json", "utf8"));
    if (!("snapshot" in fresh) || !("snapshot" in shipped)) throw new Error("unreadable snapshot");
    expect(fresh.snapshot.templates).toEqual(shipped.snapshot.templates);
    // On the newest versions, preview finds no outdated template.
    const previewed = capture();
    await run(["preview", dir, "--tenant", "emulator:empty"], previewed);
    expect(previewed.out()).not.toContain("template-outdated");
    // The plan is on the newest baseline: the older one is not read.
    expect(Object.keys(fresh.snapshot.templates)).not.toContain("66df8dce-0166-4b82-92f7-1f74e3ca17a3_3");
  });

  it("a plan on an older template version: the newer one is snapshotted for its version only, and validate warns (IP254)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "intune-plan-templates-"));
    cpSync("plan", dir, { recursive: true });
    const file = join(dir, "endpoint-security.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("66df8dce-0166-4b82-92f7-1f74e3ca17a3_4", "66df8dce-0166-4b82-92f7-1f74e3ca17a3_3"),
    );
    expect(await run(["definitions", dir, "--tenant", "emulator:empty"], capture())).toBe(0);
    const fresh = parseTemplatesSnapshot(readFileSync(join(dir, "policy-templates.json"), "utf8"));
    if (!("snapshot" in fresh)) throw new Error(fresh.problem);
    expect(fresh.snapshot.templates["66df8dce-0166-4b82-92f7-1f74e3ca17a3_3"]?.settings).toBeDefined();
    expect(fresh.snapshot.templates["66df8dce-0166-4b82-92f7-1f74e3ca17a3_4"]).toMatchObject({
      version: 4,
      displayVersion: "Version 24H2",
    });
    expect(fresh.snapshot.templates["66df8dce-0166-4b82-92f7-1f74e3ca17a3_4"]).not.toHaveProperty("settings");
    // preview asks the tenant, and diff the head's snapshot: a low template-outdated risk in the report.
    const previewed = capture();
    await run(["preview", dir, "--tenant", "emulator:empty", "--format", "json"], previewed);
    const risk = {
      code: "template-outdated",
      severity: "low",
      address: "configuration.windows-security-baseline",
      message:
        "made from Security Baseline for Windows 10 and later Version 23H2 (66df8dce-0166-4b82-92f7-1f74e3ca17a3_3); a newer version exists: Version 24H2 (66df8dce-0166-4b82-92f7-1f74e3ca17a3_4)",
    };
    const report = JSON.parse(previewed.out()) as { changeSets: { risks: unknown[]; summary: { risks: { low: number } } }[] };
    expect(report.changeSets[0]?.risks).toContainEqual(expect.objectContaining(risk));
    const diffed = capture();
    await run(["diff", "--base", "plan", "--head", dir, "--format", "json"], diffed);
    const diffReport = JSON.parse(diffed.out()) as typeof report;
    expect(diffReport.changeSets[0]?.risks).toContainEqual(expect.objectContaining(risk));
    expect(diffReport.changeSets[0]?.summary.risks.low).toBe(
      diffReport.changeSets[0]?.risks.filter((r) => (r as { severity: string }).severity === "low").length,
    );
    const io = capture();
    expect(await run(["validate", dir], io)).toBe(0);
    expect(io.out()).toContain(
      "warning IP254: Security Baseline for Windows 10 and later (Version 23H2) has a newer version: Version 24H2 (66df8dce-0166-4b82-92f7-1f74e3ca17a3_4); the plan records version 3",
    );
  });

  it("an unreadable templates snapshot is IP255 at its file", () => {
    const checked = checkPlan([{ path: "p.yaml", bytes: Buffer.from("plan: { name: p }\n") }], [], {
      templates: [{ path: "policy-templates.json", bytes: Buffer.from('{"format":"intune-plan/policy-templates","version":2}') }],
    });
    expect(checked.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      "IP255 policy-templates.json: version 2 is not supported (this intune-plan reads version 1)",
    ]);
  });
});

describe("import --from portal: a template-based export", () => {
  it("imports with its template (no longer left out) and compiles back to the file's body", async () => {
    // Hand-made in the shape of the portal's exports of endpoint-security policies (graph-corpus settings-catalog/oib
    // "Win - OIB - ES - …"): the template reference in full, references on the top-level instance and its value.
    const dir = mkdtempSync(join(tmpdir(), "intune-plan-es-import-"));
    const policy = {
      name: "Win - BitLocker from the portal",
      description: "",
      platforms: "windows10",
      technologies: "mdm",
      roleScopeTagIds: ["0"],
      templateReference: {
        templateId: BITLOCKER,
        templateFamily: "endpointSecurityDiskEncryption",
        templateDisplayName: "BitLocker",
        templateDisplayVersion: "Version 1",
      },
      settings: [
        {
          id: "0",
          settingInstance: {
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
            settingDefinitionId: "device_vendor_msft_bitlocker_requiredeviceencryption",
            settingInstanceTemplateReference: { settingInstanceTemplateId: "20ec1f6e-0d7a-4b6f-9a4f-9ed33e69ce51" },
            choiceSettingValue: {
              value: "device_vendor_msft_bitlocker_requiredeviceencryption_1",
              settingValueTemplateReference: { settingValueTemplateId: "86da5fa5-67cf-48d1-8215-8787a9900ae6", useTemplateDefault: false },
              children: [],
            },
          },
        },
      ],
    };
    writeFileSync(join(dir, "bitlocker.json"), JSON.stringify(policy));
    const imp = importFiles("portal", readSourceFiles(dir), "imported", "portal");
    expect(imp.reports).toEqual([]);
    const plan = imp.checked.plan;
    if (!plan) throw new Error(JSON.stringify(imp.checked.diagnostics));
    const [only] = Object.values(plan.configuration);
    expect(only?.template).toEqual({ family: "endpointSecurityDiskEncryption", id: BITLOCKER });
    expect(roundTrip(imp, compile(plan, undefined)).flatMap((t) => t.differences)).toEqual([]);
    // The CLI says where the templates' snapshot comes from (files hold no template).
    const out = mkdtempSync(join(tmpdir(), "intune-plan-es-import-out-"));
    const io = capture();
    expect(await run(["import", dir, "--from", "portal", "--out", out], io)).toBe(0);
    expect(io.err()).toContain(`note: 1 policy is made from Intune templates; run intune-plan definitions ${out} --tenant <tenant>`);
  });
});
