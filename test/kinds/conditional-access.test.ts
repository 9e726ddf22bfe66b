// Conditional Access (issue 15 item 3): the phases compile into the policy's body (conditions.users and state), the
// adapter round-trips through Graph's read-back, a tenant policy the plan cannot say is left out with a note, the
// emulator takes the body and reads it back as Graph does (lists it was not given as [], conditions as null) with no
// change in preview, and a policy that could lock administrators out is the first risk a reviewer sees.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredObject } from "../../src/compile/desired-state.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { hasChanges } from "../../src/diff/change-set.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { readTenant } from "../../src/graph/tenant-reader.ts";
import type { JsonObject } from "../../src/graph-model/json.ts";
import { conditionalAccessPolicy } from "../../src/kinds/conditional-access-policy.ts";
import type { ConditionalAccessPolicy, Plan } from "../../src/plan/schema.ts";
import { conditionalAccessInPhase } from "../../src/plan/targets.ts";
import { updateObject } from "../../src/graph/apply-object.ts";
import { applyState, emulator, fastClient, writeContext } from "../helpers/emulator.ts";
import { compileContext, importContext } from "../helpers/kind-contexts.ts";
import { planOf } from "../helpers/plan.ts";
import { ownershipOf } from "../helpers/stack-export.ts";

const office: ConditionalAccessPolicy = {
  displayName: "Office needs a compliant device",
  apps: ["office365"],
  clientApps: ["browser", "mobileAppsAndDesktopClients"],
  grant: { controls: ["compliantDevice"] },
  enforceFrom: "broad",
  assignment: { exclude: ["break-glass"] },
};

const plan = (policy: ConditionalAccessPolicy = office): Plan =>
  planOf({
    name: "ca",
    phases: [
      { key: "pilot", displayName: "Pilot", audience: ["pilot-users"] },
      { key: "broad", displayName: "Broad", audience: ["broad-users"] },
    ],
    groups: {
      "pilot-users": { displayName: "Pilot users", membership: "assigned", members: "users" },
      "broad-users": { displayName: "Broad users", membership: "assigned", members: "users" },
      "break-glass": { displayName: "Break glass", membership: "assigned", members: "users" },
    },
    conditionalAccess: { office: policy },
  });

const policyOf = (p: Plan, phase: string): DesiredObject => {
  const o = compile(p, phase).objects.find((x) => x.kind === "conditionalAccessPolicy");
  if (!o) throw new Error("no policy compiled");
  return o;
};

describe("Conditional Access", () => {
  it("follows the phases in its body: report-only for the pilot, on with the next audience from enforceFrom, break-glass always excluded", () => {
    const p = plan();
    expect(policyOf(p, "pilot").body).toEqual({
      displayName: "Office needs a compliant device",
      state: "enabledForReportingButNotEnforced",
      conditions: {
        clientAppTypes: ["browser", "mobileAppsAndDesktopClients"],
        applications: { includeApplications: ["Office365"] },
        users: { includeGroups: [{ $ref: "groups.pilot-users" }], excludeGroups: [{ $ref: "groups.break-glass" }] },
      },
      grantControls: { operator: "AND", builtInControls: ["compliantDevice"] },
    });
    const broad = policyOf(p, "broad").body;
    expect(broad["state"]).toBe("enabled");
    expect(broad["conditions"]).toMatchObject({
      users: {
        includeGroups: [{ $ref: "groups.pilot-users" }, { $ref: "groups.broad-users" }],
        excludeGroups: [{ $ref: "groups.break-glass" }],
      },
    });
    // No assignment set: Graph has no /assign for it.
    expect(compile(p, "broad").assignments.some((a) => a.of === "conditionalAccess.office")).toBe(false);
  });

  it("before its first phase it applies to no one (includeUsers None) and keeps its exclusion", () => {
    const later = plan({ ...office, assignment: { from: "broad", exclude: ["break-glass"] } });
    expect(policyOf(later, "pilot").body["conditions"]).toMatchObject({
      users: { includeUsers: ["None"], excludeGroups: [{ $ref: "groups.break-glass" }] },
    });
    expect(conditionalAccessInPhase(later, "office", office, -1).state).toBe("reportOnly");
  });

  it("reads back through Graph's ids and defaults, and imports as the plan object with a fixed assignment", () => {
    const p = plan({
      ...office,
      enforceFrom: undefined,
      state: "on",
      grant: { controls: ["compliantDevice", "appProtection"], require: "one" },
    });
    const sent = conditionalAccessPolicy.toGraph(
      conditionalAccessInPhase(p, "office", p.conditionalAccess["office"] ?? office, 1),
      compileContext,
      "office",
    );
    // Graph's echo: ids for the groups, every other list empty, unset conditions null.
    const ids: Record<string, string> = {
      "groups.pilot-users": "id-pilot",
      "groups.broad-users": "id-broad",
      "groups.break-glass": "id-bg",
    };
    const echoed = JSON.parse(
      JSON.stringify(sent.body).replace(/\{"\$ref":"([^"]+)"\}/g, (_m, a: string) => `"${ids[a] ?? a}"`),
    ) as JsonObject;
    const conditions = echoed["conditions"] as JsonObject;
    const graph: JsonObject = {
      ...echoed,
      id: "p1",
      createdDateTime: "2027-01-01T00:00:00Z",
      sessionControls: null,
      conditions: {
        ...conditions,
        signInRiskLevels: [],
        platforms: null,
        locations: null,
        users: { includeUsers: [], excludeUsers: [], includeRoles: [], excludeRoles: [], ...(conditions["users"] as JsonObject) },
      },
    };
    const byId = new Map(Object.entries(ids).map(([a, id]) => [id, a]));
    const observed = conditionalAccessPolicy.observe?.(graph, graph, {
      refOr: (id) => (typeof id === "string" && byId.has(id) ? { $ref: byId.get(id) ?? "" } : id),
      endpoint: "https://graph.microsoft.com",
    });
    expect(observed).toMatchObject({
      conditions: { users: { includeGroups: [{ $ref: "groups.pilot-users" }, { $ref: "groups.broad-users" }] } },
    });
    const notes: string[] = [];
    expect(conditionalAccessPolicy.toPlan(observed ?? {}, observed ?? {}, importContext(notes))).toEqual({
      displayName: "Office needs a compliant device",
      apps: ["office365"],
      clientApps: ["browser", "mobileAppsAndDesktopClients"],
      grant: { controls: ["compliantDevice", "appProtection"], require: "one" },
      state: "on",
      assignment: { rollout: "fixed", include: ["pilot-users", "broad-users"], exclude: ["break-glass"] },
    });
    expect(notes).toEqual([]);
  });

  it("a tenant policy that names users one by one or sets a location is left out of an import, with a note", () => {
    const notes: string[] = [];
    const body: JsonObject = {
      displayName: "Admins need MFA",
      state: "enabled",
      conditions: {
        clientAppTypes: ["all"],
        applications: { includeApplications: ["All"] },
        users: { includeUsers: ["All"], excludeUsers: ["6f3c…"] },
        locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
        platforms: { includePlatforms: ["windowsPhone"] },
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    };
    expect(conditionalAccessPolicy.toPlan(body, body, importContext(notes))).toBeUndefined();
    expect(notes[0]).toContain("excluded user 6f3c…");
    expect(notes[0]).toContain("condition locations");
    expect(notes[0]).toContain("platform windowsPhone");
  });

  it("a policy that is on for all users with no exclusion is the first, high risk; report-only is not", () => {
    const everyone: ConditionalAccessPolicy = {
      displayName: "MFA for everyone",
      apps: ["all"],
      grant: { controls: ["mfa"] },
      state: "on",
      assignment: { rollout: "fixed", include: ["allUsers"] },
    };
    const before = plan();
    const after = plan(everyone);
    const set = diffStates(viewOfDesired(compile(before, "broad"), "base"), viewOfDesired(compile(after, "broad"), "head"), { plan: "ca" });
    expect(set.risks[0]).toMatchObject({ code: "access-lockout", severity: "high", address: "conditionalAccess.office" });
    expect(set.risks[0]?.message).toContain("excludes no one");
    const blocked = plan({
      ...everyone,
      grant: { controls: ["block"] },
      assignment: { rollout: "fixed", include: ["allUsers"], exclude: ["break-glass"] },
    });
    const block = diffStates(viewOfDesired(compile(before, "broad"), "base"), viewOfDesired(compile(blocked, "broad"), "head"), {
      plan: "ca",
    });
    expect(block.risks[0]?.message).toContain("blocks every user but the excluded");
    const quiet = plan({ ...everyone, state: "reportOnly" });
    const reportOnly = diffStates(viewOfDesired(compile(before, "broad"), "base"), viewOfDesired(compile(quiet, "broad"), "head"), {
      plan: "ca",
    });
    expect(reportOnly.risks.map((r) => r.code)).not.toContain("access-lockout");
    // Turning it off again is a relaxed setting.
    const off = diffStates(viewOfDesired(compile(after, "broad"), "base"), viewOfDesired(compile(quiet, "broad"), "head"), { plan: "ca" });
    expect(off.risks.map((r) => r.code)).toContain("relaxed-setting");
  });

  it("reaches people as an assignment does once it is on: a promotion counts the groups it newly refuses, report-only none", () => {
    const promote = (p: Plan, from: string, to: string) =>
      diffStates(viewOfDesired(compile(p, from), "base"), viewOfDesired(compile(p, to), "head"), { plan: "ca" });
    const widened = (p: Plan, from: string, to: string) =>
      promote(p, from, to).risks.filter((r) => r.address === "conditionalAccess.office" && r.code === "widened-assignment");
    // Enforced from the broad phase: everyone in its audience so far is refused from now on, the break-glass group never.
    const enforced = promote(plan(), "pilot", "broad");
    expect(widened(plan(), "pilot", "broad").map((r) => r.groups)).toEqual([["groups.broad-users", "groups.pilot-users"]]);
    expect(enforced.summary.newlyReached.map((g) => [g.group, g.reachedBy])).toEqual([
      ["groups.broad-users", ["conditionalAccess.office"]],
      ["groups.pilot-users", ["conditionalAccess.office"]],
    ]);
    // Already on in the pilot: the promotion adds the broad users only; going back narrows.
    const early = plan({ ...office, enforceFrom: "pilot" });
    expect(widened(early, "pilot", "broad").map((r) => r.groups)).toEqual([["groups.broad-users"]]);
    expect(promote(early, "broad", "pilot").risks.find((r) => r.code === "narrowed-assignment")?.groups).toEqual(["groups.broad-users"]);
    // Report-only in every phase refuses no one, however far it reaches.
    const { enforceFrom: _never, ...quiet } = office;
    expect(widened(plan(quiet), "pilot", "broad")).toEqual([]);
  });

  it("on the emulator: created on v1.0, read back with Graph's defaults, no change; promotion is one PATCH of the policy", async () => {
    const p = plan();
    const emu = await emulator("empty");
    try {
      const client = fastClient(emu.url);
      const pilot = compile(p, "pilot");
      const ids = await applyState(client, pilot);
      const read = async (state: typeof pilot) =>
        diffStates(
          (await readTenant(client, { label: "emulator", desired: state.objects, stack: ownershipOf(state, ids) })).view,
          viewOfDesired(state, "plan"),
          { plan: p.name },
        );
      expect(hasChanges(await read(pilot))).toBe(false);
      const broad = compile(p, "broad");
      const promotion = await read(broad);
      expect(promotion.objects.filter((o) => o.action !== "no-op").map((o) => o.address)).toEqual(["conditionalAccess.office"]);
      // Against the tenant too: the groups come back as ids and are read as the plan's groups again.
      expect(promotion.risks.map((r) => [r.code, r.groups])).toEqual([
        ["access-enforced", undefined],
        ["widened-assignment", ["groups.broad-users", "groups.pilot-users"]],
      ]);
      const before = emu.log.length;
      const updated = broad.objects.find((o) => o.address === "conditionalAccess.office");
      if (updated) await updateObject(writeContext(client, ids), updated, ids.get(updated.address) ?? "");
      const writes = emu.log.slice(before).filter((l) => l.method !== "GET");
      expect(writes.map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual([
        `PATCH /v1.0/identity/conditionalAccess/policies/${ids.get("conditionalAccess.office") ?? ""} 204`,
      ]);
      expect(hasChanges(await read(broad))).toBe(false);
    } finally {
      await emu.close();
    }
  }, 60_000);
});
