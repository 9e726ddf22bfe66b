// Properties of the diff engine over random states (fast-check): a state compared with itself has no changes; the
// change set does not depend on the order of the inputs (objects, lists Graph keeps unordered, object keys); and
// applying a change set to its base yields the head (diffing the result against the head changes nothing).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DesiredTarget, Json, JsonObject, Kind } from "../../src/compile/desired-state.ts";
import { applyChangeSet } from "../../src/diff/apply.ts";
import type { ChangeSet } from "../../src/diff/change-set.ts";
import { hasChanges } from "../../src/diff/change-set.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { canonicalBody, NORMALISATION, projectOnto } from "../../src/diff/normalisation.ts";
import type { StateObject, StateView } from "../../src/compile/state-view.ts";

const KINDS: Readonly<Record<string, Kind>> = {
  compliance: "compliancePolicy",
  configuration: "settingsCatalogPolicy",
  roles: "roleAssignment",
  groups: "group",
  appProtection: "appProtectionPolicy",
  filters: "assignmentFilter",
};
const ADDRESSES = Object.keys(KINDS).flatMap((s) => ["a", "b", "c"].map((k) => `${s}.${k}`));
const GROUPS = ["groups.a", "groups.b", "groups.c", "groups.d"];

const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.boolean(),
  fc.integer({ min: 0, max: 9 }),
  fc.constantFrom("x", "y", "", "P90D", "PT2160H", "08:00:00.0000000", "0A1B2C3D-0000-0000-0000-00000000000F", "mdm,microsoftSense"),
  fc.constant(null),
);
const secret: fc.Arbitrary<Json> = fc
  .record({ secret: fc.constantFrom("S1", "S2") }, { requiredKeys: ["secret"] })
  .chain((s) => fc.option(fc.constantFrom("h1", "h2"), { nil: undefined }).map((h) => (h ? { ...s, sha256: h } : s)));
const setList: fc.Arbitrary<Json> = fc.uniqueArray(fc.constantFrom("0", "1", "2", "3"), { maxLength: 3 });
const nested: fc.Arbitrary<Json> = fc.dictionary(fc.constantFrom("p", "q", "r"), fc.oneof(scalar, setList), { maxKeys: 3 });
const catalogSettings: fc.Arbitrary<Json> = fc.uniqueArray(fc.constantFrom("s_a", "s_b", "s_c"), { maxLength: 3 }).chain((ids) =>
  fc.tuple(...ids.map(() => fc.integer({ min: 0, max: 3 }))).map((values) =>
    ids.map((id, i) => ({
      settingInstance: {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
        settingDefinitionId: id,
        choiceSettingValue: {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
          value: `${id}_${values[i] ?? 0}`,
          children: [],
        },
      },
    })),
  ),
);
const scheduledActions: fc.Arbitrary<Json> = fc
  .uniqueArray(fc.constantFrom("block", "retire", "notification"), { minLength: 1, maxLength: 3 })
  .chain((types) =>
    fc.tuple(...types.map(() => fc.integer({ min: 0, max: 72 }))).map((hours) => [
      {
        ruleName: "PasswordRequired",
        scheduledActionConfigurations: types.map((t, i) => ({
          actionType: t,
          gracePeriodHours: hours[i] ?? 0,
          notificationTemplateId: "",
        })),
      },
    ]),
  );

function body(kind: Kind): fc.Arbitrary<JsonObject> {
  const common = {
    displayName: fc.constantFrom("A", "B"),
    roleScopeTagIds: setList,
    minimumPinLength: fc.integer({ min: 4, max: 8 }),
    flag: fc.boolean(),
    period: fc.constantFrom("P90D", "PT2160H", "P30D"),
    key: secret,
    nested,
    text: scalar,
    members: setList,
    groupTypes: setList,
  };
  const extra =
    kind === "compliancePolicy"
      ? { scheduledActionsForRule: scheduledActions }
      : kind === "settingsCatalogPolicy"
        ? { settings: catalogSettings, technologies: fc.constantFrom("mdm", "mdm,microsoftSense", "microsoftSense,mdm") }
        : kind === "assignmentFilter"
          ? { platform: fc.constantFrom("iOS", "macOS") }
          : {};
  return fc.record({ ...common, ...extra }, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>;
}

const target: fc.Arbitrary<DesiredTarget> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("group", "exclusionGroup") as fc.Arbitrary<"group" | "exclusionGroup">,
    group: fc.constantFrom(...GROUPS),
  }),
  fc.record({
    kind: fc.constant("group" as const),
    group: fc.constantFrom(...GROUPS),
    filter: fc.record({
      address: fc.constantFrom("filters.a", "filters.b"),
      mode: fc.constantFrom("include", "exclude") as fc.Arbitrary<"include" | "exclude">,
    }),
  }),
  fc.constant({ kind: "allDevices" as const }),
  fc.constant({ kind: "allLicensedUsers" as const }),
);

function state(source: "plan" | "tenant"): fc.Arbitrary<StateView> {
  return fc.uniqueArray(fc.constantFrom(...ADDRESSES), { maxLength: 8 }).chain((addresses) =>
    fc
      .tuple(
        fc.tuple(...addresses.map((a) => body(KINDS[a.split(".")[0] ?? ""] ?? "group"))),
        fc.tuple(...addresses.map(() => fc.array(target, { maxLength: 4 }))),
        fc.tuple(...addresses.map(() => fc.constantFrom("state", "name") as fc.Arbitrary<"state" | "name">)),
        fc.constantFrom("p1", "p2", "p3"),
      )
      .map(([bodies, targets, origins, phase]): StateView => ({
        side: { label: source, source, phase },
        objects: addresses.map((address, i): StateObject => {
          const kind = KINDS[address.split(".")[0] ?? ""] ?? "group";
          return {
            address,
            kind,
            collection: `/${kind}`,
            odataType: null,
            displayName: address,
            body: bodies[i] ?? {},
            ...(source === "tenant" ? { origin: origins[i] ?? "state", id: `id-${address}` } : {}),
          };
        }),
        assignments: addresses.map((address, i) => ({ address: `${address}#assignments`, of: address, targets: targets[i] ?? [] })),
      })),
  );
}

/** The same state with every order Graph or a reader may change shuffled (the kind's sets), and object keys reversed. */
function shuffled(view: StateView, seed: number): StateView {
  const rotate = <T>(xs: readonly T[]): T[] =>
    xs.length < 2 ? [...xs] : [...xs.slice(seed % xs.length), ...xs.slice(0, seed % xs.length)];
  const keysReversed = (v: Json, sets: readonly string[]): Json => {
    if (Array.isArray(v)) return v.map((x) => keysReversed(x, sets));
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.entries(v)
          .reverse()
          .map(([k, x]) => [k, sets.includes(k) && Array.isArray(x) ? rotate(x) : keysReversed(x, sets)]),
      );
    return v;
  };
  return {
    ...view,
    objects: rotate(view.objects).map((o) => ({ ...o, body: keysReversed(o.body, NORMALISATION[o.kind].sets) as JsonObject })),
    assignments: rotate(view.assignments).map((a) => ({ ...a, targets: rotate(a.targets) })),
  };
}

const phases = ["p1", "p2", "p3"];
const diff = (base: StateView, head: StateView): ChangeSet => diffStates(base, head, { plan: "prop", phases });

describe("diff engine properties", () => {
  it("diff(s, s) is empty, for plan revisions and for a tenant holding exactly the plan", () => {
    fc.assert(
      fc.property(state("plan"), (s) => {
        const set = diff(s, s);
        expect(hasChanges(set)).toBe(false);
        expect(set.risks).toEqual([]);
        const owned: StateView = {
          ...s,
          side: { ...s.side, source: "tenant" },
          objects: s.objects.map((o) => ({ ...o, origin: "state" })),
        };
        expect(hasChanges(diff(owned, s))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("the change set is the same whatever the order of objects, lists and keys", () => {
    fc.assert(
      fc.property(state("plan"), state("plan"), fc.integer({ min: 1, max: 7 }), (base, head, seed) => {
        expect(JSON.stringify(diff(shuffled(base, seed), shuffled(head, seed + 1)))).toBe(JSON.stringify(diff(base, head)));
      }),
      { numRuns: 300 },
    );
  });

  it.each(["plan", "tenant"] as const)("applying a change set to its %s base yields the head", (source) => {
    fc.assert(
      fc.property(state(source), state("plan"), (base, head) => {
        const set = diff(base, head);
        const after = applyChangeSet(base, set);
        const again = diff(after, head);
        expect(again.objects.filter((o) => o.action !== "no-op")).toEqual([]);
        expect(again.assignments.filter((a) => a.action !== "no-op")).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("canonicalBody is local to each top-level property: a tenant body projected first canonicalises the same (diff.ts)", () => {
    const kinds = Object.values(KINDS);
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds).chain((kind) => fc.tuple(fc.constant(kind), body(kind), body(kind))),
        ([kind, observed, desired]) => {
          const head = canonicalBody(kind, desired);
          expect(projectOnto(canonicalBody(kind, projectOnto(observed, head)), head)).toEqual(
            projectOnto(canonicalBody(kind, observed), head),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
