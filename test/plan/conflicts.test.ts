// S23: setting conflicts between policies whose targets overlap in the same phase.
import { describe, expect, it } from "vitest";
import { checkPlan } from "../../src/plan/check-plan.ts";

const plan = (policies: string, section = "compliance"): ReturnType<typeof checkPlan> =>
  checkPlan([
    {
      path: "conflict.yaml",
      bytes: Buffer.from(`
plan: { name: t }
phases:
  - { key: pilot, displayName: Pilot, audience: [pilot-users] }
  - { key: prod, displayName: Prod, audience: [prod-users] }
groups:
  pilot-users: { displayName: Pilot, membership: assigned, members: users }
  prod-users: { displayName: Prod, membership: assigned, members: users }
  sales: { displayName: Sales, membership: dynamic, members: users, rule: '(user.department -eq "Sales") -and (user.accountEnabled -eq true)' }
  hr: { displayName: HR, membership: dynamic, members: users, rule: 'user.department -in ["Human Resources", "Payroll"]' }
  it-staff: { displayName: IT, membership: dynamic, members: users, rule: 'user.department -eq "IT"' }
  it-or-sales: { displayName: IT or sales, membership: dynamic, members: users, rule: '(user.department -eq "IT") -or (user.department -eq "Sales")' }
  sales-devices: { displayName: Sales devices, membership: dynamic, members: devices, rule: 'device.deviceCategory -eq "Sales"' }
  clt-devices: { displayName: Charlotte devices, membership: dynamic, members: devices, rule: 'device.displayName -startsWith "CLT-"' }
  red-devices: { displayName: Redmond devices, membership: dynamic, members: devices, rule: 'device.displayName -startsWith "RED-"' }
  clt-lab-devices: { displayName: Charlotte lab devices, membership: dynamic, members: devices, rule: 'device.displayName -startsWith "CLT-LAB"' }
  kiosks: { displayName: Kiosks, membership: assigned, members: devices }
enrollmentCategories: { sales: { displayName: Sales } }
filters:
  win-all: { displayName: Windows, platform: windows10AndLater, rule: '(device.osVersion -startsWith "10.0")' }
  win-corp: { displayName: Corporate Windows, platform: windows10AndLater, rule: 'device.deviceOwnership -eq "Corporate"' }
  win-personal: { displayName: Personal Windows, platform: windows10AndLater, rule: 'device.deviceOwnership -eq "Personal"' }
  awp: { displayName: Work profile, platform: androidWorkProfile, rule: 'device.manufacturer -eq "Samsung"' }
  afw: { displayName: Android Enterprise, platform: androidForWork, rule: 'device.manufacturer -eq "Samsung"' }
${section}:
${policies}`),
    },
  ]);

const codes = (r: ReturnType<typeof checkPlan>): string[] => r.diagnostics.map((d) => d.code);
const found = (r: ReturnType<typeof checkPlan>): string[] => r.diagnostics.map((d) => `${d.code} ${d.severity}: ${d.message}`);

describe("setting conflict detection", () => {
  it("reports two configuration profiles that set one setting differently for the same group in the same phase", () => {
    // GIVEN two Windows device-restriction profiles, both phased from the first phase
    const r = plan(
      `
  a: { displayName: A, platform: windows, profile: deviceRestrictions, settings: { passwordMinimumLength: 6 } }
  b: { displayName: B, platform: windows, profile: deviceRestrictions, settings: { passwordMinimumLength: 4 } }`,
      "configuration",
    );
    // THEN exactly one conflict, at b's setting, naming a, the group and the phase
    expect(codes(r)).toEqual(["IP090"]);
    const d = r.diagnostics[0];
    expect(d?.severity).toBe("error");
    expect(d?.message).toBe("passwordMinimumLength = 4 conflicts with configuration.a (6) for group pilot-users in phase pilot");
    expect(d?.subject?.start.line).toBe(28);
    expect(d?.related?.[0]?.subject?.start.line).toBe(27);
  });

  it("reports two compliance policies that disagree as the most restrictive value Intune applies, a warning (IP261)", () => {
    // Intune: "the most restrictive compliance policy setting applies" (plan/setting-resolution.ts)
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }] }
  b: { displayName: B, platform: windows, settings: { passwordMinimumLength: 4 }, actions: [{ action: block }] }`);
    expect(found(r)).toEqual([
      "IP261 warning: passwordMinimumLength = 4 (compliance.b) and 6 (compliance.a) both apply to group pilot-users in phase pilot: Intune applies the most restrictive, 6 (compliance.a)",
    ]);
    expect(r.diagnostics[0]?.subject?.start.line).toBe(28);
    expect(r.diagnostics[0]?.related?.[0]?.subject?.start.line).toBe(27);
  });

  it("stays silent when the targets never overlap in one phase", () => {
    // b is fixed to sales, a to hr: dynamic groups whose rules exclude each other, so no user is in both
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }], assignment: { rollout: fixed, include: [hr] } }
  b: { displayName: B, platform: windows, settings: { passwordMinimumLength: 4 }, actions: [{ action: block }], assignment: { rollout: fixed, include: [sales] } }`);
    expect(codes(r)).toEqual([]);
  });

  it("stays silent when the values agree (only a redundancy warning)", () => {
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }] }
  b: { displayName: B, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }] }`);
    expect(codes(r)).toEqual(["IP091"]);
    expect(r.diagnostics[0]?.severity).toBe("warning");
  });

  it("does not compare settings of different @odata.types (an iOS and a Windows policy)", () => {
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { osMinimumVersion: "10.0.19045" }, actions: [{ action: block }] }
  b: { displayName: B, platform: iOS, settings: { osMinimumVersion: "17.0" }, actions: [{ action: block }] }`);
    expect(codes(r)).toEqual([]);
  });

  it("finds the disagreement only in the phase where a later-starting policy joins", () => {
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }] }
  b: { displayName: B, platform: windows, settings: { passwordMinimumLength: 8 }, actions: [{ action: block }], assignment: { from: prod } }`);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "passwordMinimumLength = 8 (compliance.b) and 6 (compliance.a) both apply to group prod-users in phase prod: Intune applies the most restrictive, 8 (compliance.b)",
    ]);
  });

  it("treats an excluded group as not targeted", () => {
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }], assignment: { rollout: fixed, include: [allUsers], exclude: [pilot-users] } }
  b: { displayName: B, platform: windows, settings: { passwordMinimumLength: 4 }, actions: [{ action: block }], assignment: { rollout: fixed, include: [pilot-users] } }`);
    expect(codes(r)).toEqual([]);
  });

  it("lets a virtual All users target overlap every user group", () => {
    const r = plan(`
  a: { displayName: A, platform: windows, settings: { passwordMinimumLength: 6 }, actions: [{ action: block }], assignment: { rollout: fixed, include: [allUsers] } }
  b: { displayName: B, platform: windows, settings: { passwordMinimumLength: 4 }, actions: [{ action: block }], assignment: { rollout: fixed, include: [prod-users] } }`);
    expect(codes(r)).toEqual(["IP261"]);
  });
});

// What each target reaches: users, devices, all users, all devices, filters and exclusions (issue 11, item 2). The
// pairs are configuration profiles: their disagreements are conflicts (IP090), an error when certain, a warning when
// possible (compliance policies' are IP261 warnings either way).
const fixed = (include: string, extra = ""): string => `assignment: { rollout: fixed, include: [${include}]${extra} }`;
const pair = (a: string, b: string, platform = "windows"): ReturnType<typeof checkPlan> =>
  plan(
    `
  a: { displayName: A, platform: ${platform}, profile: deviceRestrictions, settings: { passwordMinimumLength: 6 }, ${a} }
  b: { displayName: B, platform: ${platform}, profile: deviceRestrictions, settings: { passwordMinimumLength: 4 }, ${b} }`,
    "configuration",
  );

describe("target overlap model", () => {
  it("reports allDevices against a user-group policy as a certain conflict: the users' devices get both", () => {
    expect(found(pair(fixed("allDevices"), fixed("prod-users")))).toEqual([
      "IP090 error: passwordMinimumLength = 4 conflicts with configuration.a (6) for allDevices (configuration.a) and group prod-users (configuration.b) in phase pilot (allDevices includes the devices of group prod-users's users)",
    ]);
  });

  it("reports allDevices with a filter against a user group as a possible conflict naming the filter", () => {
    expect(found(pair(fixed("allDevices", ", filter: win-all"), fixed("prod-users")))).toEqual([
      "IP090 warning: passwordMinimumLength = 4 may conflict with configuration.a (6) for allDevices (configuration.a) and group prod-users (configuration.b) in phase pilot (allDevices includes the devices of group prod-users's users; only devices matching filter win-all get configuration.a)",
    ]);
  });

  it("reports allDevices against a device group, and allUsers against allDevices, as certain", () => {
    expect(codes(pair(fixed("allDevices"), fixed("kiosks"))).map(String)).toEqual(["IP090"]);
    expect(pair(fixed("allDevices"), fixed("kiosks")).diagnostics[0]?.severity).toBe("error");
    expect(pair(fixed("allUsers"), fixed("allDevices")).diagnostics.map((d) => d.severity)).toEqual(["error"]);
  });

  it("reports allUsers against a device group as possible: devices without a signed-in user get only one", () => {
    expect(found(pair(fixed("allUsers"), fixed("kiosks")))).toEqual([
      "IP090 warning: passwordMinimumLength = 4 may conflict with configuration.a (6) for allUsers (configuration.a) and group kiosks (configuration.b) in phase pilot (devices in group kiosks that have a signed-in user get both)",
    ]);
  });

  it("warns about a device-category group against a user group: the users' devices may be in the category", () => {
    expect(found(pair(fixed("sales-devices"), fixed("sales")))).toEqual([
      "IP090 warning: passwordMinimumLength = 4 may conflict with configuration.a (6) for group sales-devices (configuration.a) and group sales (configuration.b) in phase pilot (devices in group sales-devices may belong to users in group sales)",
    ]);
  });

  it("warns about an assigned group against another group of its kind: it may hold a subset of it", () => {
    expect(found(pair(fixed("pilot-users"), fixed("it-staff")))).toEqual([
      "IP090 warning: passwordMinimumLength = 4 may conflict with configuration.a (6) for group pilot-users (configuration.a) and group it-staff (configuration.b) in phase pilot (groups pilot-users and it-staff may share members: pilot-users is an assigned group)",
    ]);
  });

  it("warns about dynamic groups whose rules do not exclude each other, and stays silent when they do", () => {
    expect(found(pair(fixed("it-or-sales"), fixed("sales")))).toEqual([
      "IP090 warning: passwordMinimumLength = 4 may conflict with configuration.a (6) for group it-or-sales (configuration.a) and group sales (configuration.b) in phase pilot (groups it-or-sales and sales may share members: their rules do not exclude each other)",
    ]);
    expect(codes(pair(fixed("it-staff"), fixed("hr")))).toEqual([]);
    expect(codes(pair(fixed("clt-devices"), fixed("red-devices")))).toEqual([]);
    expect(codes(pair(fixed("clt-devices"), fixed("clt-lab-devices")))).toEqual(["IP090"]);
  });

  it("stays silent when an exclusion removes the other target entirely", () => {
    expect(codes(pair(fixed("allDevices", ", exclude: [kiosks]"), fixed("kiosks")))).toEqual([]);
    expect(codes(pair(fixed("sales"), fixed("sales-devices", ", exclude: [sales]")))).toEqual(["IP064"]);
  });

  it("stays silent when the assignment filters exclude each other: other platforms, contradicting rules", () => {
    expect(codes(pair(fixed("allDevices", ", filter: win-corp"), fixed("allDevices", ", filter: win-personal")))).toEqual([]);
    expect(codes(pair(fixed("allDevices", ", filter: awp"), fixed("allDevices", ", filter: afw"), "androidWorkProfile"))).toEqual([]);
    expect(codes(pair(fixed("allDevices", ", filter: win-corp"), fixed("allDevices", ", filter: win-corp, filterMode: exclude")))).toEqual(
      [],
    );
  });

  it("keeps the strongest overlap of a policy pair across phases and targets, reported once", () => {
    // a reaches pilot-users and prod-users (possible against sales), and allUsers in prod (certain)
    const r = pair("assignment: { include: [sales] }", fixed("allUsers"));
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["IP090", "error"]]);
  });
});
