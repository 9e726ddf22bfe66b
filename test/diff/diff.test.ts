// The diff engine on the reference plan and on hand-made tenant states: promotion is assignment-only with the
// right audience and users, Graph's echo of what we sent is no change (GRAPH-NOTES §11), and nothing the plan does
// not own is ever deleted.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { Json, JsonObject } from "../../src/compile/desired-state.ts";
import { audienceOf } from "../../src/diff/audience.ts";
import type { ChangeSet } from "../../src/diff/change-set.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { relaxation } from "../../src/diff/relaxation.ts";
import type { StateObject, StateView } from "../../src/compile/state-view.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import type { Plan } from "../../src/plan/schema.ts";
import { checkFixture } from "../helpers/fixtures.ts";

const plan = (): Plan => {
  const checked = checkFixture("plan");
  if (!checked.plan) throw new Error("plan/ does not check");
  return checked.plan;
};

const options = (p: Plan) => ({ plan: p.name, audience: audienceOf(p), phases: p.phases.map((x) => x.key) });

function asTenant(view: StateView, body: (o: StateObject) => JsonObject = (o) => o.body): StateView {
  return {
    side: { label: "tenant", source: "tenant", phase: null },
    objects: view.objects.map((o, i) => ({
      ...o,
      body: body(o),
      origin: "state",
      id: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`,
    })),
    assignments: view.assignments,
  };
}

const changed = (set: ChangeSet) => ({
  objects: set.objects.filter((o) => o.action !== "no-op").map((o) => `${o.action} ${o.address}`),
  assignments: set.assignments.filter((a) => a.action !== "no-op").map((a) => a.address),
});

describe("promotion of plan/ from phase to phase", () => {
  const p = plan();
  const pairs = p.phases.slice(1).map((next, i) => [p.phases[i]?.key ?? "", next] as const);

  // Autopilot profiles target devices, not the phase audiences: their device groups join at their `from` phase.
  const deviceGroupsFrom = (phase: string): string[] =>
    Object.values(p.autopilot)
      .filter((a) => a.assignment?.from === phase)
      .flatMap((a) => (a.assignment?.include ?? []).map((g) => `groups.${g}`));

  // Conditional Access holds its users in its body: a promotion updates the policy (its users, and its state from the
  // phase it is enforced from, which is an access-enforced risk), and changes nothing else but assignments.
  const inBody = Object.keys(p.conditionalAccess).map((k) => `update conditionalAccess.${k}`);
  const enforcedAt = new Set(Object.values(p.conditionalAccess).map((c) => c.enforceFrom));

  // A policy enforced from the next phase newly refuses the earlier phases' audiences too: report-only refused no one.
  const enforcedEarlier = (i: number, next: string): string[] =>
    enforcedAt.has(next) ? p.phases.slice(0, i + 1).flatMap((ph) => ph.audience.map((g) => `groups.${g}`)) : [];
  const usersEarlier = (i: number, next: string): number =>
    enforcedAt.has(next) ? p.phases.slice(0, i + 1).reduce((sum, ph) => sum + (ph.users ?? 0), 0) : 0;

  it.each(pairs.map(([from, next], i) => [from, next, i] as const))(
    "%s → next: only assignment changes, newly reaching exactly the next audience with its users",
    (from, next, i) => {
      const set = diffStates(viewOfDesired(compile(p, from), "plan"), viewOfDesired(compile(p, next.key), "plan"), options(p));
      expect(changed(set).objects).toEqual(inBody);
      expect(set.summary.assignmentsChanged).toBeGreaterThan(0);
      expect(new Set(set.risks.map((r) => r.code))).toEqual(
        new Set(["widened-assignment", ...(enforcedAt.has(next.key) ? ["access-enforced"] : [])]),
      );
      const devices = deviceGroupsFrom(next.key);
      expect(set.summary.newlyReached.map((g) => g.group).sort()).toEqual(
        [...next.audience.map((g) => `groups.${g}`), ...devices, ...enforcedEarlier(i, next.key)].sort(),
      );
      expect(set.summary.newlyReached.filter((g) => !devices.includes(g.group)).every((g) => g.basis === "phase")).toBe(true);
      expect(set.summary.estimatedNewUsers).toBe((next.users ?? 0) + usersEarlier(i, next.key));
      for (const a of set.assignments) expect(a.removed).toEqual([]);
    },
  );

  it("skipping a phase is a high risk naming the skipped phase; going back narrows and says so", () => {
    const first = viewOfDesired(compile(p, "limited-pilot"), "plan");
    const third = viewOfDesired(compile(p, "production-1"), "plan");
    const skip = diffStates(first, third, options(p));
    expect(skip.risks[0]).toMatchObject({ code: "phase-skipped", severity: "high" });
    expect(skip.risks[0]?.message).toContain("skips expanded-pilot");
    const back = diffStates(third, first, options(p));
    expect(back.risks.map((r) => r.code)).toContain("phase-rolled-back");
    expect(back.risks.filter((r) => r.code === "narrowed-assignment").length).toBeGreaterThan(0);
    expect(back.summary.newlyReached).toEqual([]);
  });
});

// What Graph sends back for a body we wrote (GRAPH-NOTES §11): server fields, ids, defaults, reordered sets,
// other spellings of the same value. Each rewrite names its row.
function graphEcho(o: StateObject): JsonObject {
  const reverseSets = (v: Json): Json => (Array.isArray(v) ? [...(v as Json[])].reverse() : v);
  const out: Record<string, Json> = {
    "@odata.context": "https://graph.microsoft.com/beta/$metadata#entity", // N2
    id: "11111111-2222-3333-4444-555555555555",
    createdDateTime: "2026-01-01T00:00:00Z",
    lastModifiedDateTime: "2026-01-02T00:00:00.0000000Z",
    version: 3, // N2
    someDefaultedFlag: false,
    someDefaultedString: null,
    someServerList: [], // N11 (properties the plan never set)
  };
  for (const [k, v] of Object.entries(o.body)) out[k] = reverseSets(v);
  if (!("roleScopeTagIds" in o.body) && o.kind !== "group" && o.kind !== "scopeTag" && o.kind !== "assignmentFilter")
    out["roleScopeTagIds"] = ["0"]; // N1
  if (o.kind === "assignmentFilter" && !("roleScopeTags" in o.body)) out["roleScopeTags"] = ["0"]; // N1 (filters)
  if (o.kind === "group") Object.assign(out, { isAssignableToRole: null, visibility: null, description: o.body["description"] ?? null }); // N14
  // The singleton's settings the plan does not state come back too (kinds/tenant-settings.ts).
  if (o.kind === "tenantSettings")
    Object.assign(out, { id: "deviceManagementSettings", enhancedJailBreak: false, derivedCredentialUrl: null });
  if (o.kind === "roleDefinition") Object.assign(out, { isBuiltIn: false, permissions: o.body["rolePermissions"] ?? [] }); // N9
  if (o.kind === "compliancePolicy") {
    const rules = (o.body["scheduledActionsForRule"] ?? []) as JsonObject[];
    out["scheduledActionsForRule"] = rules.map((r, i) => ({
      id: `rule-${i}`,
      ruleName: null, // N6
      scheduledActionConfigurations: ((r["scheduledActionConfigurations"] ?? []) as JsonObject[]).map((c, j) => ({
        ...c,
        id: `action-${j}`,
        notificationTemplateId:
          c["notificationTemplateId"] === "" ? "00000000-0000-0000-0000-000000000000" : (c["notificationTemplateId"] ?? null),
      })),
    }));
  }
  if (o.kind === "settingsCatalogPolicy") {
    const settings = (o.body["settings"] ?? []) as JsonObject[];
    out["settings"] = settings
      .map((s, i) => {
        const inst = s["settingInstance"] as JsonObject;
        const choice = inst["choiceSettingValue"] as JsonObject | undefined;
        // N7: ids, null template references, no @odata.type on non-polymorphic values
        const { "@odata.type": _dropped, ...value } = choice ?? {};
        return {
          id: String(i),
          settingInstance: {
            ...inst,
            // A template-based policy's references come back as written; the others as null.
            settingInstanceTemplateReference: inst["settingInstanceTemplateReference"] ?? null,
            ...(choice
              ? { choiceSettingValue: { ...value, settingValueTemplateReference: value["settingValueTemplateReference"] ?? null } }
              : {}),
          },
        };
      })
      .reverse();
    // A template's family, name and version are filled in by Graph (read-only).
    const template = o.body["templateReference"] as JsonObject | undefined;
    out["templateReference"] = template
      ? { ...template, templateFamily: "endpointSecurityAntivirus", templateDisplayName: "Template", templateDisplayVersion: "Version 1" }
      : { templateId: "", templateFamily: "none", templateDisplayName: null, templateDisplayVersion: null };
    out["technologies"] = String(o.body["technologies"]).split(",").reverse().join(","); // N10
    out["settingCount"] = settings.length; // N2
  }
  if (o.kind === "appProtectionPolicy") {
    for (const [k, v] of Object.entries(o.body)) if (v === "P90D") out[k] = "PT2160H"; // N12
  }
  // Apps: Intune's publication state, upload state and relationship counts (N2, server-owned.ts); an Office update
  // channel in another case (N10).
  if (o.kind === "mobileApp" || o.kind === "mobileAppReference") {
    Object.assign(out, { publishingState: "published", uploadState: 1, isAssigned: true, dependentAppCount: 0, supersedingAppCount: 0 });
    Object.assign(out, { supersededAppCount: 0, size: 0, manifestHash: "ab12" });
    if (typeof o.body["updateChannel"] === "string") out["updateChannel"] = o.body["updateChannel"].toUpperCase();
  }
  if (o.kind === "notificationTemplate") {
    // Messages in another order with their ids; the default's locale as defaultLocale; branding flags reordered (N10).
    const messages = (o.body["localizedNotificationMessages"] ?? []) as JsonObject[];
    out["localizedNotificationMessages"] = messages.map((m) => ({ id: `t_${String(m["locale"])}`, ...m })).reverse();
    out["defaultLocale"] = messages.find((m) => m["isDefault"] === true)?.["locale"] ?? null;
    out["brandingOptions"] = String(o.body["brandingOptions"]).split(",").reverse().join(",");
  }
  if (o.kind === "roleAssignment" && typeof o.body["scopeType"] === "string")
    out["scopeType"] = o.body["scopeType"].charAt(0).toUpperCase() + o.body["scopeType"].slice(1); // N10
  return out;
}

describe("desired × tenant: Graph's echo of what was sent is no change", () => {
  const p = plan();
  const desired = viewOfDesired(compile(p, "production-3"), "plan");

  it("every kind in plan/ compares equal to its Graph echo", () => {
    const kinds = new Set(desired.objects.map((o) => o.kind));
    expect(kinds.size).toBe(27);
    const set = diffStates(asTenant(desired, graphEcho), desired, options(p));
    expect(changed(set)).toEqual({ objects: [], assignments: [] });
    expect(set.risks).toEqual([]);
  });

  it("a real difference on the tenant is still an update with before and after, and a weakening is a risk", () => {
    const tenant = asTenant(desired, (o) =>
      o.address === "compliance.windows-baseline" ? { ...graphEcho(o), passwordMinimumLength: 8 } : graphEcho(o),
    );
    const set = diffStates(tenant, desired, options(p));
    expect(changed(set).objects).toEqual(["update compliance.windows-baseline"]);
    const change = set.objects.find((o) => o.action === "update");
    expect(change?.properties).toEqual([{ path: ["passwordMinimumLength"], before: 8, after: 6 }]);
    expect(change?.id).toMatch(/^0{8}-/);
    expect(set.risks).toMatchObject([{ code: "relaxed-setting", address: "compliance.windows-baseline", before: 8, after: 6 }]);
  });

  it("an object the plan leaves at the Default scope tag is moved back there when the tenant tagged it otherwise (N1)", () => {
    const tenant = asTenant(desired, (o) =>
      o.address === "compliance.windows-baseline" ? { ...graphEcho(o), roleScopeTagIds: ["5"] } : graphEcho(o),
    );
    const change = diffStates(tenant, desired, options(p)).objects.find((o) => o.action !== "no-op");
    expect(change).toMatchObject({
      address: "compliance.windows-baseline",
      action: "update",
      properties: [{ path: ["roleScopeTagIds"], before: ["5"], after: ["0"] }],
    });
  });

  /** The tenant as a stack that owns every plan object except `notOwned` sees it (those are found by name). */
  function withStack(view: StateView, notOwned: readonly string[], extra: readonly StateObject[] = []): StateView {
    const objects = [...view.objects.map((o): StateObject => (notOwned.includes(o.address) ? { ...o, origin: "name" } : o)), ...extra];
    const owned = objects
      .filter((o) => o.origin === "state")
      .map((o) => ({ address: o.address, id: o.id ?? "", kind: o.kind, collection: o.collection, partial: false }));
    return { ...view, objects, ownership: { source: "stack", stack: { stack: "test", objects: owned, assignmentSets: [] }, missing: [] } };
  }
  const retired: StateObject = {
    address: "configuration.retired",
    kind: "deviceConfiguration",
    collection: "/deviceManagement/deviceConfigurations",
    odataType: null,
    displayName: "Retired",
    body: {},
    origin: "state",
    id: "gone",
  };
  const adopting = (view: StateView, address: string): StateView => ({
    ...view,
    objects: view.objects.map((o) => (o.address === address ? { ...o, adopt: true } : o)),
  });

  it("with a stack: an owned object the plan dropped is deleted; a name match is adopted only with adopt: true, else its name is taken", () => {
    const tenant = withStack(asTenant(desired), ["groups.it-pilot"], [retired]);
    const unmanaged = [{ collection: "/deviceManagement/deviceConfigurations", odataType: null, displayName: "Someone else's", id: "x" }];
    const taken = diffStates({ ...tenant, unmanaged }, desired, options(p));
    expect(changed(taken).objects).toEqual(["create groups.it-pilot", "delete configuration.retired"]);
    const pilotId = tenant.objects.find((o) => o.address === "groups.it-pilot")?.id;
    expect(taken.findings?.map((f) => `${f.severity} ${f.code} ${f.address} ${f.id}`)).toEqual([
      `error name-taken groups.it-pilot ${pilotId ?? ""}`,
    ]);
    expect(taken.findings?.[0]?.hint).toContain("adopt: true");
    expect(taken.ownership).toEqual({ source: "stack", stack: "test", objects: desired.objects.length, assignmentSets: 0 });
    expect(taken.unmanaged.map((u) => u.displayName)).toEqual(["Someone else's", "Intune rollout - IT limited pilot"]);
    expect(taken.risks.map((r) => r.code)).toContain("deletion");

    const adopted = diffStates({ ...tenant, unmanaged }, adopting(desired, "groups.it-pilot"), options(p));
    expect(changed(adopted).objects).toEqual(["adopt groups.it-pilot", "delete configuration.retired"]);
    expect(adopted.objects.find((o) => o.address === "groups.it-pilot")).toMatchObject({ matchedBy: "name", id: pilotId });
    expect(adopted.findings).toEqual([]);
    expect(adopted.unmanaged.map((u) => u.displayName)).toEqual(["Someone else's"]);
  });

  it("without a stack: a name match is compared like an owned object and marked as matched by name, never adopted", () => {
    const tenant = asTenant(desired);
    const objects = tenant.objects.map((o): StateObject => (o.address === "groups.it-pilot" ? { ...o, origin: "name" } : o));
    const stray: StateObject = { ...retired, address: "configuration.stray", displayName: "Stray", origin: "name", id: "stray" };
    const set = diffStates(
      { ...tenant, objects: [...objects, stray], ownership: { source: "unknown" } },
      adopting(desired, "groups.it-pilot"),
      options(p),
    );
    expect(changed(set).objects).toEqual([]);
    expect(set.objects.find((o) => o.address === "groups.it-pilot")).toMatchObject({ action: "no-op", matchedBy: "name" });
    expect(set.objects.find((o) => o.address === "groups.it-leads")).toMatchObject({ action: "no-op", matchedBy: "id" });
    expect(set.ownership).toEqual({ source: "unknown", matchedByName: 1 });
    expect(set.findings).toEqual([]);
    expect(set.unmanaged.map((u) => u.displayName)).toEqual(["Stray"]);
  });

  it("a name match whose immutable property differs: replaced if it may be owned, a taken name if the stack does not own it", () => {
    const tenant = asTenant(desired);
    const macOS = (o: StateObject): StateObject =>
      o.address === "filters.windows-devices" ? { ...o, origin: "name", body: { ...o.body, platform: "macOS" } } : o;
    const unknown = diffStates({ ...tenant, objects: tenant.objects.map(macOS) }, desired, options(p));
    expect(changed(unknown).objects).toEqual(["replace filters.windows-devices"]);
    const stack = withStack({ ...tenant, objects: tenant.objects.map(macOS) }, ["filters.windows-devices"]);
    const set = diffStates(stack, desired, options(p));
    expect(changed(set).objects).toEqual(["create filters.windows-devices"]);
    expect(set.findings?.map((f) => f.code)).toEqual(["name-taken"]);
    expect(set.unmanaged.map((u) => u.displayName)).toEqual(["Windows 10 and later"]);
  });

  it("with a stack: a plan key that takes the name of an object the stack owns under a dropped key is an error, adopted or not", () => {
    const tenant = asTenant(desired);
    const renamed = viewOfDesired({ ...compile(p, "production-3") }, "plan");
    const moved = {
      ...renamed,
      objects: renamed.objects.map((o) => (o.address === "configuration.bitlocker" ? { ...o, address: "configuration.bitlocker-v2" } : o)),
      assignments: renamed.assignments.map((a) =>
        a.of === "configuration.bitlocker"
          ? { ...a, address: "configuration.bitlocker-v2#assignments", of: "configuration.bitlocker-v2" }
          : a,
      ),
    };
    const old = tenant.objects.find((o) => o.address === "configuration.bitlocker");
    if (!old) throw new Error("no bitlocker");
    // The reader lists the owned object under its old key (a delete) and as the new key's name match.
    const base = withStack({ ...tenant, objects: [...tenant.objects, { ...old, address: "configuration.bitlocker-v2", origin: "name" }] }, [
      "configuration.bitlocker-v2",
    ]);
    for (const head of [moved, adopting(moved, "configuration.bitlocker-v2")]) {
      const set = diffStates(base, head, options(p));
      expect(changed(set).objects.filter((o) => o.includes("bitlocker"))).toEqual([
        "delete configuration.bitlocker",
        `${head === moved ? "create" : "adopt"} configuration.bitlocker-v2`,
      ]);
      expect(set.findings?.map((f) => `${f.code} ${f.address}`)).toEqual(["renamed-key configuration.bitlocker-v2"]);
      expect(set.findings?.[0]?.message).toContain(head === moved ? "the name is taken" : "adopt the object and then delete it");
      expect(set.findings?.[0]?.hint).toContain(
        "add renamedFrom: [bitlocker] to configuration.bitlocker-v2, and Pulumi keeps the object under the new key",
      );
      expect(set.unmanaged).toEqual([]);
    }
  });

  it("with a stack: an owned object the tenant lost is a create, and one created only partly is an update; both are said", () => {
    const tenant = asTenant(desired);
    const lost = tenant.objects.find((o) => o.address === "compliance.ios-baseline");
    const partly = tenant.objects.find((o) => o.address === "compliance.macos-baseline");
    if (!lost || !partly) throw new Error("fixture");
    const stackView = withStack({ ...tenant, objects: tenant.objects.filter((o) => o !== lost) }, []);
    if (stackView.ownership?.source !== "stack") throw new Error("stack");
    const owned = stackView.ownership.stack.objects.map((o) => (o.address === partly.address ? { ...o, partial: true } : o));
    const missing = [
      { address: lost.address, id: lost.id ?? "", kind: lost.kind, collection: lost.collection, partial: false },
      { address: "configuration.retired", id: "gone", kind: "deviceConfiguration" as const, partial: false },
    ];
    const set = diffStates(
      {
        ...stackView,
        ownership: { source: "stack", stack: { stack: "test", objects: [...owned, ...missing], assignmentSets: [] }, missing },
      },
      desired,
      options(p),
    );
    expect(changed(set).objects).toEqual(["create compliance.ios-baseline", "update compliance.macos-baseline"]);
    expect(set.findings?.map((f) => `${f.severity} ${f.code} ${f.address}`)).toEqual([
      "warning missing-from-tenant compliance.ios-baseline",
      "warning partially-created compliance.macos-baseline",
      "warning missing-from-tenant configuration.retired",
    ]);
    expect(set.findings?.[0]?.message).toContain("pulumi preview --refresh");
  });

  it("secrets compare by name, and by hash when both sides know one", () => {
    const withSecret = (sha256?: string): StateView => ({
      side: { label: "x", source: "plan", phase: null },
      objects: [
        {
          address: "configuration.wifi",
          kind: "deviceConfiguration",
          collection: "/c",
          odataType: "#t",
          displayName: "W",
          body: { preSharedKey: { secret: "PSK", ...(sha256 ? { sha256 } : {}) } },
        },
      ],
      assignments: [],
    });
    const opts = { plan: "t" };
    expect(changed(diffStates(withSecret("a"), withSecret("a"), opts)).objects).toEqual([]);
    expect(changed(diffStates(withSecret(), withSecret("a"), opts)).objects).toEqual([]);
    expect(changed(diffStates(withSecret("a"), withSecret("b"), opts)).objects).toEqual(["update configuration.wifi"]);
  });
});

describe("relaxed settings", () => {
  it.each([
    ["compliancePolicy", ["passwordMinimumLength"], 6, 4, true],
    ["compliancePolicy", ["passwordMinimumLength"], 4, 6, false],
    ["compliancePolicy", ["passwordRequired"], true, undefined, true],
    ["compliancePolicy", ["osMinimumVersion"], "10.0.19045", "10.0.9200", true],
    ["compliancePolicy", ["osMinimumVersion"], "10.0.9200", "10.0.19045", false],
    ["compliancePolicy", ["deviceThreatProtectionRequiredSecurityLevel"], "low", "medium", true],
    ["compliancePolicy", ["securityBlockJailbrokenDevices"], true, false, true],
    ["compliancePolicy", ["scheduledActionsForRule", "block"], { actionType: "block" }, undefined, true],
    ["compliancePolicy", ["scheduledActionsForRule", "block", "gracePeriodHours"], 72, 24, false],
    ["appProtectionPolicy", ["minimumPinLength"], 6, 4, true],
    ["appProtectionPolicy", ["allowedOutboundClipboardSharingLevel"], "blocked", "allApps", true],
    ["appProtectionPolicy", ["allowedOutboundClipboardSharingLevel"], "allApps", "managedApps", false],
    ["appProtectionPolicy", ["periodOfflineBeforeWipeIsEnforced"], "P30D", "P90D", true],
    ["appProtectionPolicy", ["maximumPinRetries"], 5, 10, true],
    ["enrollmentRestriction", ["platformRestriction", "personalDeviceEnrollmentBlocked"], true, false, true],
    ["deviceConfiguration", ["passwordMinimumLength"], 6, 4, false],
    ["updateProfile", ["featureUpdateVersion"], "Windows 11, version 24H2", "Windows 11, version 23H2", true],
    ["updateProfile", ["featureUpdateVersion"], "Windows 11, version 23H2", "Windows 11, version 24H2", false],
    ["updateProfile", ["deploymentDeferralInDays"], 7, 14, true],
    ["updateProfile", ["deploymentDeferralInDays"], undefined, 3, true],
    ["updateProfile", ["deploymentDeferralInDays"], 14, 7, false],
    ["updateProfile", ["expeditedUpdateSettings", "daysUntilForcedReboot"], 0, 2, true],
    ["updateProfile", ["installFeatureUpdatesOptional"], false, true, true],
    ["updateProfile", ["installFeatureUpdatesOptional"], true, false, false],
  ] as const)("%s %j: %j → %j relaxed=%s", (kind, path, before, after, relaxed) => {
    expect(relaxation(kind, path, before as Json, after as Json | undefined) !== undefined).toBe(relaxed);
  });
});
