// Issue 16 item 3: `intune-plan explain`: what reaches a plan group in a phase, what excludes it, and the value
// each setting ends up with; where policies disagree, the verdict of the project's conflict model.
import { describe, expect, it } from "vitest";
import { explainGroup } from "../../src/explain/explain.ts";
import type { ExplainReport } from "../../src/explain/explain-report.ts";
import { findGroup } from "../../src/explain/find-group.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";
import type { Plan } from "../../src/plan/schema.ts";
import { explainFixture } from "./fixture.ts";

const reference = checkPlan(readPlanInputs(["plan"]).inputs).plan;
if (!reference) throw new Error("reference plan does not validate");
const fixture = explainFixture().plan;
if (!fixture) throw new Error("explain fixture does not validate");

const addresses = (r: ExplainReport): string[] => r.objects.map((o) => o.address);
const object = (r: ExplainReport, address: string) => r.objects.find((o) => o.address === address);
const setting = (r: ExplainReport, name: string, appliesTo?: string) =>
  r.settings.find((s) => s.setting === name && (appliesTo === undefined || s.appliesTo === appliesTo));

describe("explain on the reference plan: two groups in two phases", () => {
  it("it-pilot in limited-pilot: its phase's policies, the pilot update ring by include, the fixed allDevices/allUsers objects", () => {
    const r = explainGroup(reference, "it-pilot", "limited-pilot");
    expect(r.phase).toBe("limited-pilot");
    expect(r.group).toMatchObject({ address: "groups.it-pilot", audienceOf: "limited-pilot", members: "users" });
    expect(object(r, "compliance.windows-baseline")?.routes).toEqual([{ kind: "audience", phase: "limited-pilot" }]);
    expect(object(r, "configuration.update-ring-pilot")?.routes).toEqual([{ kind: "include" }]);
    expect(object(r, "configuration.defender-antivirus")).toMatchObject({
      routes: [{ kind: "allDevices" }],
      level: "certain",
      filter: { address: "filters.windows-devices", mode: "include", platform: "windows10AndLater" },
    });
    expect(object(r, "enrollmentRestrictions.block-personal-windows")?.routes).toEqual([{ kind: "allUsers" }]);
    // Device groups' own fixed profiles (sensitive devices, campus Wi-Fi) and the broad ring are not this group's.
    expect(addresses(r)).not.toContain("configuration.update-ring-broad");
    expect(addresses(r)).not.toContain("configuration.windows-sensitive");
    expect(addresses(r)).not.toContain("configuration.charlotte-wifi-windows");
    expect(setting(r, "qualityUpdatesDeferralPeriodInDays")).toMatchObject({
      verdict: "single",
      value: 0,
      from: ["configuration.update-ring-pilot"],
    });
    expect(r.settings.filter((s) => s.verdict !== "single")).toEqual([]);
  });

  it("sales-marketing: only the fixed all-users/all-devices objects before its phase; its policies and the broad ring from production-1", () => {
    const before = explainGroup(reference, "sales-marketing", "limited-pilot");
    expect(addresses(before)).toEqual([
      "configuration.defender-antivirus",
      "enrollmentRestrictions.android-work-profile-only",
      "enrollmentRestrictions.block-personal-macos",
      "enrollmentRestrictions.block-personal-windows",
      "enrollmentRestrictions.ios-app-protection-only",
    ]);
    const r = explainGroup(reference, "sales-marketing", "production-1");
    expect(object(r, "compliance.windows-baseline")).toMatchObject({
      routes: [{ kind: "audience", phase: "production-1" }],
      since: "production-1",
    });
    expect(object(r, "configuration.defender-antivirus")?.since).toBe("limited-pilot");
    // The broad ring reaches the group; its exclusions (the pilot groups) are named, and the pilot ring is not here.
    expect(object(r, "configuration.update-ring-broad")?.excludes).toEqual(["groups.it-pilot", "groups.it-staff", "groups.it-leads"]);
    expect(addresses(r)).not.toContain("configuration.update-ring-pilot");
    expect(setting(r, "qualityUpdatesDeferralPeriodInDays")).toMatchObject({
      verdict: "single",
      value: 7,
      from: ["configuration.update-ring-broad"],
    });
  });

  it("defaults to the last phase, and finds a group by display name", () => {
    expect(explainGroup(reference, "executives", undefined).phase).toBe("production-3");
    expect(findGroup(reference, "Intune rollout - Sales and Marketing")).toEqual({ found: true, key: "sales-marketing" });
    expect(findGroup(reference, "intune rollout - retail")).toEqual({ found: true, key: "retail" });
    const miss = findGroup(reference, "sales-marketng");
    expect(miss.found).toBe(false);
    expect(miss.found ? [] : miss.closest[0]).toBe("sales-marketing");
  });
});

describe("explain on a fixture with exclusions and disagreeing policies", () => {
  const plan: Plan = fixture;

  it("respects an exclusion: the excluded group is listed as excluded, not reached; other users still get the object", () => {
    const contractors = explainGroup(plan, "contractors", "prod");
    expect(contractors.excluded).toEqual([
      { address: "configuration.no-screenshots", displayName: "Win - No screenshots", routes: [{ kind: "allUsers" }] },
    ]);
    expect(addresses(contractors)).not.toContain("configuration.no-screenshots");
    expect(setting(contractors, "screenCaptureBlocked")).toBeUndefined();
    const pilot = explainGroup(plan, "pilot-users", "pilot");
    expect(object(pilot, "configuration.no-screenshots")?.excludes).toEqual(["groups.contractors"]);
    expect(setting(pilot, "screenCaptureBlocked")).toMatchObject({ verdict: "single", value: true });
  });

  it("explains a compliance disagreement as Intune resolves it: the most restrictive value, and the validator's IP261", () => {
    const r = explainGroup(plan, "pilot-users", "pilot");
    expect(addresses(r)).toEqual([
      "compliance.corporate-os",
      "compliance.corporate-pin",
      "compliance.personal-os",
      "compliance.strict-pin",
      "configuration.no-screenshots",
      "enrollmentRestrictions.allow-personal-pilot",
      "enrollmentRestrictions.block-personal",
    ]);
    const pin = setting(r, "passwordMinimumLength");
    expect(pin).toMatchObject({
      verdict: "most-restrictive",
      value: 8,
      from: ["compliance.strict-pin"],
      sources: [
        { object: "compliance.corporate-pin", value: 6 },
        { object: "compliance.strict-pin", value: 8 },
      ],
      intuneApplies: { value: 8, from: ["compliance.strict-pin"] },
    });
    expect(pin?.rule).toContain("most restrictive");
    expect(pin?.rule).toContain("only devices matching filter win-corp get compliance.corporate-pin");
    expect(pin?.findings).toEqual([expect.objectContaining({ code: "IP261", severity: "warning" })]);
    expect(setting(r, "passwordRequired")).toMatchObject({
      verdict: "agreed",
      value: true,
      from: ["compliance.corporate-pin", "compliance.strict-pin"],
    });
    // Filters that never match one device: each value on its own devices, no conflict.
    expect(setting(r, "osMinimumVersion", "windows10CompliancePolicy")).toMatchObject({ verdict: "disjoint", value: null, findings: [] });
  });

  it("lets the enrollment restriction with the lowest priority number decide, even for a field only it sets", () => {
    const r = explainGroup(plan, "pilot-users", "pilot");
    expect(setting(r, "personalDevices")).toMatchObject({
      verdict: "priority",
      value: "block",
      from: ["enrollmentRestrictions.block-personal"],
    });
    expect(setting(r, "osMinimumVersion", "enrollment restriction (windows)")).toMatchObject({ verdict: "priority", value: "10.0.19045" });
    // prod-users get only the allUsers restriction: its values apply as they are.
    expect(setting(explainGroup(plan, "prod-users", "prod"), "personalDevices")).toMatchObject({ verdict: "single", value: "block" });
  });

  it("explains a device-configuration disagreement that appears only when the later phase reaches the group", () => {
    expect(setting(explainGroup(plan, "prod-users", "pilot"), "cameraBlocked")).toMatchObject({ verdict: "single", value: false });
    const r = explainGroup(plan, "prod-users", "prod");
    const camera = setting(r, "cameraBlocked");
    expect(camera).toMatchObject({ verdict: "may-conflict", value: null, intuneApplies: null });
    expect(camera?.rule).toContain("neither value applies reliably");
    expect(camera?.findings.map((f) => f.code)).toEqual(["IP090"]);
  });
});

describe("explain on every group of the reference plan in every phase", () => {
  it("never counts an object both reached and excluded, never reaches before the phase, and takes settings only from reached objects", () => {
    const order = reference.phases.map((p) => p.key);
    for (const group of Object.keys(reference.groups)) {
      for (const phase of order) {
        const r = explainGroup(reference, group, phase);
        const reached = new Set(addresses(r));
        expect(
          r.excluded.filter((e) => reached.has(e.address)),
          `${group} ${phase}`,
        ).toEqual([]);
        for (const o of r.objects)
          expect(order.indexOf(o.since ?? ""), `${o.address} for ${group} in ${phase}`).toBeLessThanOrEqual(order.indexOf(phase));
        for (const s of r.settings)
          for (const src of s.sources) expect(reached.has(src.object), `${s.setting} from ${src.object}`).toBe(true);
        // The reference plan validates without warnings: nothing in it may disagree for any group.
        expect(
          r.settings.filter((s) => s.verdict === "conflict" || s.verdict === "may-conflict"),
          `${group} ${phase}`,
        ).toEqual([]);
      }
    }
  });
});
