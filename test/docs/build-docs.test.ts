// Issue 16 item 2: `intune-plan docs`, the model. Who each object reaches in each phase (groups, estimated users,
// filter, exclusions), what it sets (secrets by reference name only), its scope tags and who administers it.
import { describe, expect, it } from "vitest";
import { buildDocs } from "../../src/docs/build-docs.ts";
import type { DocObject, PlanDocs } from "../../src/docs/docs-model.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";
import { docsFixture } from "./fixture.ts";

const fixture = docsFixture().plan;
if (!fixture) throw new Error("docs fixture does not validate");
const docs = buildDocs(fixture);

function object(d: PlanDocs, address: string): DocObject {
  const found = d.sections.flatMap((s) => s.objects).find((o) => o.address === address);
  if (!found) throw new Error(`no ${address} in the docs`);
  return found;
}

describe("docs model: reach per phase", () => {
  it("a phased policy reaches the pilot's listed users, then adds wave 1's estimate; exclusion and filter in every phase", () => {
    const reach = object(docs, "compliance.win-pin").reach;
    expect(reach?.map((r) => r.phase)).toEqual(["pilot", "wave-1", "wave-2"]);
    const [pilot, wave1, wave2] = reach ?? [];
    expect(pilot).toMatchObject({
      assigned: true,
      groups: [{ address: "groups.pilot-users", estimated: 3, basis: "memberList", via: "pilot" }],
      estimatedUsers: 3,
      estimateComplete: true,
      exclude: [{ address: "groups.contractors", displayName: "Contractors" }],
      filter: { address: "filters.win-corp", mode: "include", platform: "windows10AndLater" },
      added: ["groups.pilot-users"],
    });
    expect(wave1?.groups.map((g) => [g.address, g.estimated, g.basis, g.via])).toEqual([
      ["groups.pilot-users", 3, "memberList", "pilot"],
      ["groups.wave1-users", 40, "estimatedMembers", "wave-1"],
    ]);
    expect(wave1).toMatchObject({ estimatedUsers: 43, estimateComplete: true, added: ["groups.wave1-users"] });
    // Wave 2's group has no estimate of its own: its share of the phase's users (100).
    expect(wave2).toMatchObject({ estimatedUsers: 143, estimateComplete: true, added: ["groups.wave2-users"] });
  });

  it("an object that joins from wave 1 exists unassigned in the pilot", () => {
    const reach = object(docs, "configuration.late-camera").reach ?? [];
    expect(reach.map((r) => [r.phase, r.assigned, r.estimatedUsers])).toEqual([
      ["pilot", false, null],
      ["wave-1", true, 40],
      ["wave-2", true, 140],
    ]);
  });

  it("a fixed device-group profile reaches its devices in every phase, users unknown", () => {
    const reach = object(docs, "configuration.kiosk-wifi").reach ?? [];
    expect(reach.every((r) => r.assigned && r.groups[0]?.address === "groups.kiosks" && r.groups[0].members === "devices")).toBe(true);
    expect(reach.map((r) => r.estimatedUsers)).toEqual([null, null, null]);
    expect(reach.map((r) => r.added)).toEqual([["groups.kiosks"], [], []]);
  });

  it("phases carry their window, the running user total and what becomes assigned in them", () => {
    expect(docs.phases.map((p) => [p.key, p.start, p.end, p.cumulativeUsers])).toEqual([
      ["pilot", "2027-03-01", "2027-03-15", 3],
      ["wave-1", "2027-03-15", "2027-03-29", 43],
      ["wave-2", null, null, 143],
    ]);
    expect(docs.phases[0]?.newlyAssigned).toEqual(["compliance.win-pin", "configuration.kiosk-wifi"]);
    expect(docs.phases[1]?.newlyAssigned).toEqual(["configuration.late-camera"]);
    expect(docs.phases[0]?.gate).toEqual(["soak 7 days"]);
  });
});

describe("docs model: settings, scope tags and owners", () => {
  it("settings under their Graph names; the Wi-Fi key by its secret reference only", () => {
    const wifi = object(docs, "configuration.kiosk-wifi");
    expect(wifi.odataType).toBe("windowsWifiConfiguration");
    expect(wifi.settings.find((s) => s.setting === "preSharedKey")).toEqual({
      setting: "preSharedKey",
      portalName: null,
      appliesTo: "windowsWifiConfiguration",
      description: "This is the pre-shared key for WPA Personal Wi-Fi network.",
      value: "«secret KIOSK_WIFI_PSK»",
      secret: "KIOSK_WIFI_PSK",
    });
    // Microsoft's descriptions, found on the type (windows10CompliancePolicy) from the published typings.
    expect(object(docs, "compliance.win-pin").settings.map((s) => [s.setting, s.value, s.description])).toEqual([
      ["passwordRequired", "true", "Require a password to unlock Windows device."],
      ["passwordMinimumLength", "8", "The minimum password length."],
    ]);
  });

  it("a tagged object is administered by the role with its tag; an untagged one by the role without tags", () => {
    const wifi = object(docs, "configuration.kiosk-wifi");
    expect(wifi.scopeTags).toEqual([{ address: "scopeTags.site", displayName: "Site" }]);
    expect(wifi.owners.map((o) => [o.address, o.via, o.role])).toEqual([
      ["roles.site-it", "scope tag site", "Policy and Profile manager (built-in)"],
    ]);
    expect(object(docs, "compliance.win-pin").owners.map((o) => [o.address, o.via])).toEqual([["roles.helpdesk-all", "Default scope tag"]]);
  });

  it("a group's administrators are the role assignments whose scope holds it", () => {
    expect(object(docs, "groups.kiosks").owners.map((o) => [o.address, o.via])).toEqual([["roles.site-it", "scope group kiosks"]]);
    expect(object(docs, "groups.pilot-users").owners.map((o) => [o.address, o.via])).toEqual([["roles.helpdesk-all", "scope allUsers"]]);
    expect(object(docs, "groups.pilot-users").reach).toBeNull();
  });
});

describe("docs model on the reference plan", () => {
  const read = readPlanInputs(["plan"]);
  const checked = checkPlan(read.inputs, read.diagnostics, { definitions: read.definitions });
  const plan = checked.plan;
  if (!plan) throw new Error("reference plan does not validate");
  const ref = buildDocs(plan, checked.definitions);

  it("every assignable object has one reach entry per phase, and the last phase reaches the plan's users", () => {
    const assignable = ref.sections.flatMap((s) => s.objects).filter((o) => o.reach !== null);
    expect(assignable.length).toBeGreaterThan(10);
    for (const o of assignable) expect(o.reach?.map((r) => r.phase)).toEqual(plan.phases.map((p) => p.key));
    expect(ref.phases.at(-1)?.cumulativeUsers).toBe(plan.phases.reduce((n, p) => n + (p.users ?? 0), 0));
  });

  it("settings-catalog settings carry the portal's name and option from plan/setting-definitions.json; without it, none", () => {
    const name = (d: PlanDocs): (string | null)[] =>
      object(d, "configuration.bitlocker")
        .settings.filter((s) => s.setting === "device_vendor_msft_bitlocker_requiredeviceencryption")
        .map((s) => s.portalName);
    expect(name(ref)).toEqual(["Require Device Encryption: Enabled"]);
    expect(name(buildDocs(plan))).toEqual([null]);
  });

  it("a template-based policy names its template: from plan/policy-templates.json by name and version, else by family and id", () => {
    const withTemplates = checkPlan(read.inputs, read.diagnostics, { definitions: read.definitions, templates: read.templates }).plan;
    if (!withTemplates) throw new Error("reference plan does not validate");
    const template = (d: PlanDocs): string | undefined =>
      object(d, "configuration.es-laps").facts.find((f) => f.label === "template")?.value;
    expect(template(buildDocs(withTemplates))).toBe(
      "Local admin password solution (Windows LAPS), Version 1 (adc46e5a-f4aa-4ff6-aeff-4f27bc525796_1)",
    );
    expect(template(ref)).toBe("endpointSecurityAccountProtection (adc46e5a-f4aa-4ff6-aeff-4f27bc525796_1)");
  });

  it("the campus Wi-Fi key shows as its reference name", () => {
    expect(object(ref, "configuration.charlotte-wifi-windows").settings.find((s) => s.setting === "preSharedKey")?.value).toBe(
      "«secret CHARLOTTE_WIFI_PSK»",
    );
  });
});
