// Issue 16 item 3, the tenant side: `explain --user` / `--device` explains the union of the principal's plan groups
// and the virtual targets, minus exclusions (an exclusion wins over an inclusion in Intune). The pure part: the
// tenant's answers come in as data here; test/cli/explain-principal.test.ts reads them from the emulator.
import { describe, expect, it } from "vitest";
import { explainPrincipal, principalPlanGroups, principalReach } from "../../src/explain/principal-explain.ts";
import type { PrincipalFacts } from "../../src/explain/principal-explain.ts";
import type { Principal, PrincipalExplainReport } from "../../src/explain/principal-report.ts";
import { renderPrincipalMarkdown, renderPrincipalText } from "../../src/explain/render-principal.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { assignableObjects } from "../../src/plan/targets.ts";

const FIXTURE = `
plan: { name: principal-fixture }
phases:
  - { key: pilot, displayName: Pilot, audience: [pilot-users] }
  - { key: prod, displayName: Production, audience: [prod-users] }
groups:
  pilot-users: { displayName: Pilot users, membership: assigned, members: users }
  prod-users: { displayName: Production users, membership: assigned, members: users }
  contractors: { displayName: Contractors, membership: assigned, members: users }
  kiosks: { displayName: Kiosk devices, membership: assigned, members: devices }
filters:
  win-corp: { displayName: Corporate Windows, platform: windows10AndLater, rule: 'device.deviceOwnership -eq "Corporate"' }
compliance:
  baseline:
    displayName: Win - PIN 8
    platform: windows
    settings: { passwordRequired: true, passwordMinimumLength: 8 }
    actions: [{ action: block }]
  corporate-pin:
    displayName: Win - PIN 6 on corporate devices
    platform: windows
    settings: { passwordRequired: true, passwordMinimumLength: 6 }
    actions: [{ action: block }]
    assignment: { rollout: fixed, include: [prod-users], filter: win-corp }
configuration:
  no-screenshots:
    displayName: Win - No screenshots
    platform: windows
    profile: deviceRestrictions
    settings: { screenCaptureBlocked: true }
    assignment: { rollout: fixed, include: [allUsers], exclude: [contractors] }
  pilot-camera:
    displayName: Win - Camera off for the pilot
    platform: windows
    profile: deviceRestrictions
    settings: { cameraBlocked: true }
    assignment: { rollout: fixed, include: [pilot-users], exclude: [contractors] }
  kiosk-lockdown:
    displayName: Win - Kiosk lockdown
    platform: windows
    profile: deviceRestrictions
    settings: { bluetoothBlocked: true }
    assignment: { rollout: fixed, include: [kiosks] }
  every-device:
    displayName: Win - Every device
    platform: windows
    profile: deviceRestrictions
    settings: { storageBlockRemovableStorage: true }
    assignment: { rollout: fixed, include: [allDevices], exclude: [contractors] }
`;

const checked = checkPlan([{ path: "principal.yaml", bytes: Buffer.from(FIXTURE) }]);
const plan = checked.plan;
if (!plan) throw new Error(`principal fixture does not validate: ${checked.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);

/** The tenant's ids of the plan groups (as tenant-match.ts would match them); kiosks' id in upper case on purpose. */
const PLAN_IDS = new Map([
  ["groups.pilot-users", "00000000-0000-4000-8000-000000000001"],
  ["groups.prod-users", "00000000-0000-4000-8000-000000000002"],
  ["groups.contractors", "00000000-0000-4000-8000-000000000003"],
  ["groups.kiosks", "00000000-0000-4000-8000-00000000000A"],
]);
const tenantGroup = (address: string, displayName: string) => ({ id: PLAN_IDS.get(address) ?? "", displayName });
const OTHER = { id: "99999999-0000-4000-8000-000000000009", displayName: "Legacy - All staff" };
const USER: Principal = { kind: "user", id: "u-1", displayName: "Megan", userPrincipalName: "megan@contoso.example", deviceId: null };
const DEVICE: Principal = { kind: "device", id: "d-1", displayName: "KIOSK-01", userPrincipalName: null, deviceId: "dd-1" };

function facts(principal: Principal, ...memberOf: { id: string; displayName: string }[]): PrincipalFacts {
  return { tenant: "test tenant", principal, memberOf, planGroupIds: PLAN_IDS };
}
const object = (r: PrincipalExplainReport, address: string) => r.objects.find((o) => o.address === address);
const excluded = (r: PrincipalExplainReport, address: string) => r.excluded.find((o) => o.address === address);

describe("which plan groups a principal is in", () => {
  it("maps the principal's tenant groups to plan groups by the matched tenant id (any case); other tenant groups are counted, not mapped", () => {
    expect(
      principalPlanGroups(
        plan,
        [tenantGroup("groups.prod-users", "x"), { id: "00000000-0000-4000-8000-00000000000a", displayName: "y" }, OTHER],
        PLAN_IDS,
      ),
    ).toEqual(["kiosks", "prod-users"]);
    const r = explainPrincipal(plan, facts(USER, tenantGroup("groups.pilot-users", "Pilot users"), OTHER), "pilot");
    expect(r.groups.map((g) => g.address)).toEqual(["groups.pilot-users"]);
    expect(r.groups[0]).toMatchObject({ tenantId: PLAN_IDS.get("groups.pilot-users"), audienceOf: "pilot", members: "users" });
    expect(r.otherTenantGroups).toBe(1);
  });

  it("lists the plan groups the tenant does not have", () => {
    const partial = new Map([...PLAN_IDS].filter(([a]) => a !== "groups.contractors"));
    const r = explainPrincipal(plan, { ...facts(USER), planGroupIds: partial }, "pilot");
    expect(r.planGroupsNotInTenant).toEqual(["groups.contractors"]);
    expect(renderPrincipalText(r, false)).toContain("Not in this tenant (yet), so nobody is in them: 1 plan group (groups.contractors)\n");
  });
});

describe("the union of a user's groups", () => {
  it("names every group that brings an object in: a phased policy through both audiences, with the phase it first arrived in", () => {
    const r = explainPrincipal(
      plan,
      facts(USER, tenantGroup("groups.pilot-users", "Pilot users"), tenantGroup("groups.prod-users", "Production users")),
      "prod",
    );
    expect(object(r, "compliance.baseline")).toMatchObject({
      via: [
        { group: "groups.pilot-users", routes: [{ kind: "audience", phase: "pilot" }] },
        { group: "groups.prod-users", routes: [{ kind: "audience", phase: "prod" }] },
      ],
      level: "certain",
      since: "pilot",
    });
    expect(object(r, "configuration.pilot-camera")?.via).toEqual([{ group: "groups.pilot-users", routes: [{ kind: "include" }] }]);
    expect(object(r, "configuration.no-screenshots")).toMatchObject({
      via: [{ group: null, routes: [{ kind: "allUsers" }] }],
      level: "certain",
    });
    // A device group's object does not reach a user who is in no device group.
    expect(object(r, "configuration.kiosk-lockdown")).toBeUndefined();
    // Two compliance policies set the PIN length; the corporate one only on corporate devices: Intune enforces the
    // most restrictive (the conflict rules of the intune-conflicts merge).
    const pin = r.settings.find((s) => s.setting === "passwordMinimumLength");
    expect(pin).toMatchObject({ verdict: "most-restrictive", intuneApplies: { value: 8, from: ["compliance.baseline"] } });
  });

  it("in the pilot phase a prod-only policy does not reach the same user yet", () => {
    const r = explainPrincipal(plan, facts(USER, tenantGroup("groups.prod-users", "Production users")), "pilot");
    expect(object(r, "compliance.baseline")).toBeUndefined();
    expect(object(r, "compliance.corporate-pin")?.via).toEqual([{ group: "groups.prod-users", routes: [{ kind: "include" }] }]);
  });

  it("an exclusion of one of the user's groups wins over an inclusion through another of its groups or All users", () => {
    const r = explainPrincipal(
      plan,
      facts(USER, tenantGroup("groups.pilot-users", "Pilot users"), tenantGroup("groups.contractors", "Contractors")),
      "pilot",
    );
    expect(object(r, "configuration.pilot-camera")).toBeUndefined();
    expect(excluded(r, "configuration.pilot-camera")).toEqual({
      address: "configuration.pilot-camera",
      displayName: "Win - Camera off for the pilot",
      excludedBy: ["groups.contractors"],
      wouldReachVia: [{ group: "groups.pilot-users", routes: [{ kind: "include" }] }],
      caveat: null,
    });
    expect(excluded(r, "configuration.no-screenshots")).toMatchObject({ excludedBy: ["groups.contractors"], caveat: null });
    // Its settings are not the user's: the camera setting comes from nowhere.
    expect(r.settings.find((s) => s.setting === "cameraBlocked")).toBeUndefined();
    expect(r.settings.find((s) => s.setting === "screenCaptureBlocked")).toBeUndefined();
    // The same objects reach a pilot user who is not a contractor.
    const other = explainPrincipal(plan, facts(USER, tenantGroup("groups.pilot-users", "Pilot users")), "pilot");
    expect(object(other, "configuration.pilot-camera")).toBeDefined();
    expect(other.settings.find((s) => s.setting === "cameraBlocked")).toMatchObject({ verdict: "single", value: true });
  });

  it("an exclusion of a user group from an assignment that reaches the user only through devices carries Learn's caveat", () => {
    const r = explainPrincipal(plan, facts(USER, tenantGroup("groups.contractors", "Contractors")), "pilot");
    expect(excluded(r, "configuration.every-device")?.caveat).toMatch(
      /of user groups .* only through device targets: Intune does not evaluate user-to-device/,
    );
  });

  it("a user in no plan group is reached by the virtual targets only", () => {
    const r = explainPrincipal(plan, facts(USER, OTHER), "prod");
    expect(r.groups).toEqual([]);
    expect(r.objects.map((o) => o.address)).toEqual(["configuration.every-device", "configuration.no-screenshots"]);
    expect(renderPrincipalText(r, false)).toContain(
      "In no plan group (and 1 tenant group the plan does not manage): only the virtual targets below can reach this user.\n",
    );
  });
});

describe("a device", () => {
  it("gets its device groups' objects and All devices for certain, All users only possibly (while a user is signed in)", () => {
    const r = explainPrincipal(plan, facts(DEVICE, tenantGroup("groups.kiosks", "Kiosk devices")), undefined);
    expect(r.phase).toBe("prod");
    expect(object(r, "configuration.kiosk-lockdown")).toMatchObject({
      via: [{ group: "groups.kiosks", routes: [{ kind: "include" }] }],
      level: "certain",
    });
    expect(object(r, "configuration.every-device")?.level).toBe("certain");
    expect(object(r, "configuration.no-screenshots")).toMatchObject({
      level: "possible",
      reasons: ["allUsers reaches this device only while a licensed user is signed in to it"],
    });
    // User groups' objects do not reach a device that is in no user group.
    expect(object(r, "compliance.baseline")).toBeUndefined();
  });

  it("principalReach is undefined for an object that reaches none of the principal's groups", () => {
    const kiosk = assignableObjects(plan).find((o) => o.key === "kiosk-lockdown");
    if (!kiosk) throw new Error("no kiosk-lockdown");
    expect(principalReach(plan, kiosk, "user", ["pilot-users"], 1)).toBeUndefined();
    expect(principalReach(plan, kiosk, "device", ["kiosks"], 1)?.via).toEqual([{ group: "groups.kiosks", routes: [{ kind: "include" }] }]);
  });
});

describe("the views", () => {
  it("text and Markdown name the principal, its groups, how each object arrives and what is excluded", () => {
    const r = explainPrincipal(
      plan,
      facts(USER, tenantGroup("groups.pilot-users", "Pilot users"), tenantGroup("groups.contractors", "Contractors")),
      "pilot",
    );
    const text = renderPrincipalText(r, false);
    expect(text.split("\n")[0]).toBe('principal-fixture: user "Megan" <megan@contoso.example> (u-1) in test tenant, phase pilot');
    expect(text).toContain('  groups.pilot-users  "Pilot users" (assigned, users; audience of phase pilot)\n');
    expect(text).toContain('  compliance.baseline  "Win - PIN 8"\n      via groups.pilot-users (audience of phase pilot); since pilot\n');
    expect(text).toContain(
      'Excluded (an exclusion wins over an inclusion in Intune):\n  configuration.every-device  "Win - Every device"\n      excluded by groups.contractors; would reach it via allDevices\n      caveat: the exclusion is of user groups',
    );
    expect(text).toContain(
      '  configuration.no-screenshots  "Win - No screenshots"\n      excluded by groups.contractors; would reach it via allUsers\n',
    );
    const md = renderPrincipalMarkdown(r, false);
    expect(md).toContain("# Explain: Megan");
    expect(md).toContain(
      "| `configuration.pilot-camera` | Win - Camera off for the pilot | groups.contractors | groups.pilot-users (assignment include) |",
    );
  });
});
