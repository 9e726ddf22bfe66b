// compile(plan, phase): deterministic bytes, Graph-conformant typed bodies, and promotion that changes only
// assignment sets, and the users and state of the kinds that hold their targets in their body (Conditional Access).
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredObject, DesiredState } from "../../src/compile/desired-state.ts";
import type { KindInfo } from "../../src/kinds/index.ts";
import { KINDS } from "../../src/kinds/index.ts";
import { resolveRefs } from "../../src/compile/refs.ts";
import { assignBody, plannedRequests } from "../../src/compile/requests.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { checkGraphBody } from "../../src/graph-model/graph-schema.ts";
import { readPlanInputs } from "../../src/plan/read.ts";
import type { Plan } from "../../src/plan/schema.ts";

function referencePlan(): Plan {
  const checked = checkPlan(readPlanInputs(["plan"]).inputs);
  if (!checked.plan) throw new Error("reference plan does not validate");
  return checked.plan;
}
const plan = referencePlan();
const phases = plan.phases.map((p) => p.key);
const FAKE_ID = "00000000-0000-4000-8000-000000000001";

describe("compile", () => {
  it.each(phases)("gives byte-identical JSON on two runs for phase %s (from a fresh parse each time)", (phase) => {
    expect(JSON.stringify(compile(referencePlan(), phase))).toBe(JSON.stringify(compile(referencePlan(), phase)));
  });

  it("gives every typed body a #microsoft.graph.* type and only properties that type has (refs resolved to ids)", () => {
    const state = compile(plan, phases[0]);
    for (const o of state.objects) {
      const body = resolveRefs(o.body, () => FAKE_ID);
      const type =
        o.odataType ??
        {
          group: "#microsoft.graph.group",
          settingsCatalogPolicy: "#microsoft.graph.deviceManagementConfigurationPolicy",
          catalogCompliancePolicy: "#microsoft.graph.deviceManagementCompliancePolicy",
          assignmentFilter: "#microsoft.graph.deviceAndAppManagementAssignmentFilter",
          tenantSettings: "#microsoft.graph.deviceManagementSettings",
          deviceCleanupRule: "#microsoft.graph.managedDeviceCleanupRule",
          conditionalAccessPolicy: "#microsoft.graph.conditionalAccessPolicy",
        }[o.kind as string];
      expect(type, o.address).toMatch(/^#microsoft\.graph\.[A-Za-z0-9]+$/);
      // A notification template's messages go to their own child collection (apply-object.ts): each one is checked as such.
      const { localizedNotificationMessages: messages, ...own } = body as Record<string, unknown>;
      const checked = o.kind === "notificationTemplate" ? own : (body as Record<string, unknown>);
      const issues = checkGraphBody((type as string).slice("#microsoft.graph.".length), checked);
      expect(issues, o.address).toEqual([]);
      if (o.kind === "notificationTemplate")
        for (const m of messages as Record<string, unknown>[])
          expect(checkGraphBody("localizedNotificationMessage", m), o.address).toEqual([]);
    }
    for (const set of state.assignments) {
      const items = (resolveRefs(assignBody(set), () => FAKE_ID)[set.bodyKey] ?? []) as Record<string, unknown>[];
      const type = {
        assignments: "deviceCompliancePolicyAssignment",
        enrollmentConfigurationAssignments: "enrollmentConfigurationAssignment",
        deviceManagementScriptAssignments: "deviceManagementScriptAssignment",
        deviceHealthScriptAssignments: "deviceHealthScriptAssignment",
        mobileAppAssignments: "mobileAppAssignment",
      }[set.bodyKey];
      for (const item of items) expect(checkGraphBody(type, item), set.address).toEqual([]);
    }
  });

  it("keeps every object in every phase; objects whose phase has not come exist unassigned", () => {
    const first = compile(plan, phases[0]);
    const last = compile(plan, phases.at(-1));
    expect(first.objects.map((o) => o.address)).toEqual(last.objects.map((o) => o.address));
    const broad = first.assignments.find((s) => s.of === "configuration.update-ring-broad");
    expect(broad?.targets).toEqual([]);
    const lastBroad = last.assignments.find((s) => s.of === "configuration.update-ring-broad")?.targets ?? [];
    expect(lastBroad.filter((t) => t.kind === "group").map((t) => t.group)).toEqual([
      "groups.executives",
      "groups.finance",
      "groups.hr",
      "groups.retail",
      "groups.sales-marketing",
    ]);
    expect(lastBroad.filter((t) => t.kind === "exclusionGroup").map((t) => t.group)).toEqual([
      "groups.it-leads",
      "groups.it-pilot",
      "groups.it-staff",
    ]);
  });

  it.each(phases.slice(1).map((p, i) => [phases[i], p]))(
    "promoting %s → %s changes only assignment sets and targets in a body, and only by adding the next audience",
    (from, to) => {
      const a = compile(plan, from);
      const b = compile(plan, to);
      const infoOf = (o: DesiredObject): KindInfo => KINDS[o.kind];
      const inBody = (o: DesiredObject): boolean => infoOf(o).targetsInBody === true;
      expect(JSON.stringify(b.objects.filter((o) => !inBody(o)))).toBe(JSON.stringify(a.objects.filter((o) => !inBody(o))));
      // Conditional Access: the phase changes who is included and the state, nothing else; the groups it gains are
      // the next audience's.
      const nextAudience = new Set(plan.phases.find((p) => p.key === to)?.audience.map((g) => `groups.${g}`));
      for (const o of b.objects.filter(inBody)) {
        const before = a.objects.find((x) => x.address === o.address);
        const users = (x: DesiredObject | undefined): Record<string, unknown> =>
          ((x?.body["conditions"] as Record<string, unknown> | undefined)?.["users"] ?? {}) as Record<string, unknown>;
        const rest = (x: DesiredObject | undefined) => ({
          ...x?.body,
          state: null,
          conditions: { ...(x?.body["conditions"] as Record<string, unknown> | undefined), users: null },
        });
        expect(rest(o), o.address).toEqual(rest(before));
        const groups = (x: DesiredObject | undefined): string[] =>
          ((users(x)["includeGroups"] ?? []) as { $ref: string }[]).map((r) => r.$ref);
        const gained = groups(o).filter((g) => !groups(before).includes(g));
        for (const g of gained) expect(nextAudience.has(g), `${o.address} gained ${g}`).toBe(true);
      }
      // Autopilot profiles target devices: their device groups join at their `from` phase, not with a phase audience.
      const devices = Object.values(plan.autopilot)
        .filter((p) => p.assignment?.from === to)
        .flatMap((p) => (p.assignment?.include ?? []).map((g) => `groups.${g}`));
      const audience = new Set([...(plan.phases.find((p) => p.key === to)?.audience.map((g) => `groups.${g}`) ?? []), ...devices]);
      const changed = b.assignments.filter((s, i) => JSON.stringify(s) !== JSON.stringify(a.assignments[i]));
      expect(changed.length).toBeGreaterThan(0);
      for (const s of changed) {
        const before = new Set(a.assignments.find((x) => x.address === s.address)?.targets.map((t) => t.group));
        // Exclusions arrive with an object's first assignment; what a promotion adds to reach is the next audience.
        const added = s.targets
          .filter((t) => t.kind !== "exclusionGroup")
          .map((t) => t.group)
          .filter((g) => !before.has(g));
        for (const g of added) expect(audience.has(g as string), `${s.address} gained ${String(g)}`).toBe(true);
      }
    },
  );

  it("orders objects so that everything an object references is created before it", () => {
    const state: DesiredState = compile(plan, phases[0]);
    const seen = new Set<string>();
    for (const o of state.objects) {
      for (const d of o.dependsOn) expect(seen.has(d), `${o.address} needs ${d}`).toBe(true);
      seen.add(o.address);
    }
    for (const s of state.assignments) for (const d of s.dependsOn) expect(seen.has(d), `${s.address} needs ${d}`).toBe(true);
  });

  it("keeps secrets as references and compiles the Wi-Fi pre-shared key to no literal value", () => {
    const wifi = compile(plan, phases[0]).objects.find((o) => o.address === "configuration.charlotte-wifi-windows");
    expect(wifi?.body["preSharedKey"]).toEqual({ secret: "CHARLOTTE_WIFI_PSK" });
  });

  it("plans one create per object, its follow-up actions, one /assign per assignment set with targets, one POST per child assignment", () => {
    const state = compile(plan, phases[0]);
    const requests = plannedRequests(state, "https://graph.microsoft.com");
    const actions = state.objects.reduce((n, o) => n + o.actions.length, 0);
    // An /assign, plain or with its type cast (app configuration for managed devices, GRAPH-NOTES §8.2).
    const assigned = state.assignments.filter((s) => s.targets.length > 0 && s.action !== "/assignments").length;
    // Terms and conditions and Autopilot profiles: each target is its own POST to the assignments collection (GRAPH-NOTES §9.2).
    const children = state.assignments.filter((s) => s.action === "/assignments").reduce((n, s) => n + s.targets.length, 0);
    expect(children).toBeGreaterThan(0);
    // A notification template's messages: one POST each to its localizedNotificationMessages, after its create.
    const messages = state.objects.reduce((n, o) => {
      const list = o.kind === "notificationTemplate" ? o.body["localizedNotificationMessages"] : undefined;
      return n + (Array.isArray(list) ? list.length : 0);
    }, 0);
    expect(messages).toBe(2);
    expect(assigned).toBeLessThan(state.assignments.length);
    // Referenced apps (managed Google Play, line-of-business) are found and adopted, never POSTed (KINDS lifecycle "reference").
    const references = state.objects.filter((o) => KINDS[o.kind].lifecycle === "reference").length;
    expect(references).toBeGreaterThan(0);
    expect(requests).toHaveLength(state.objects.length - references + actions + messages + assigned + children);
    expect(requests.filter((r) => r.url.endsWith("/assign"))).toHaveLength(assigned);
    expect(requests.filter((r) => r.url.endsWith("/assignments"))).toHaveLength(children);
    const enrollment = requests.find((r) => r.address === "enrollmentRestrictions.block-personal-windows#assignments");
    expect(Object.keys(enrollment?.body ?? {})).toEqual(["enrollmentConfigurationAssignments"]);
  });
});
