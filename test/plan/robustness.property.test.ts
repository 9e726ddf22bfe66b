// Property: whatever bytes or plan-shaped data arrive, checkPlan ends in diagnostics or success, never an
// uncaught exception, and every error carries a code, a file and (when the file parsed) a position.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { compile } from "../../src/compile/compile.ts";
import { diffStates } from "../../src/diff/diff.ts";
import { viewOfDesired } from "../../src/compile/state-view.ts";
import { renderCalendarIcs, renderCalendarMarkdown } from "../../src/reports/calendar.ts";
import { requiredLicenses } from "../../src/reports/licenses.ts";
import { requiredPermissions } from "../../src/reports/permissions.ts";
import { planResources } from "../../providers/program.ts";
import { hasErrors } from "../../src/diagnostics/diagnostic.ts";
import { isDiagnosticCode } from "../../src/diagnostics/codes.ts";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";

const base = parse(readFileSync(new URL("../fixtures/base/base.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const policies = parse(`
compliance:
  c1: { displayName: C1, platform: windows, settings: { passwordMinimumLength: 6, passwordRequired: true }, actions: [{ action: block, graceHours: 4 }] }
  c2: { displayName: C2, platform: iOS, settings: { passcodeMinimumLength: 6 }, actions: [{ action: block }], assignment: { from: prod, exclude: [vip-users] } }
configuration:
  sc: { displayName: SC, platform: windows, profile: settingsCatalog, settings: { a_b: a_b_1, n: 3 } }
  w: { displayName: W, platform: windows, profile: wifi, settings: { ssid: x, preSharedKey: { secret: PSK } }, assignment: { rollout: fixed, include: [lab-devices] } }
appProtection:
  ap: { displayName: AP, platform: android, apps: [outlook, com.contoso.app], settings: { minimumPinLength: 4 }, assignment: { filter: ios-apps } }
`) as Record<string, unknown>;
const seed = { ...base, ...policies };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const jsonValue: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.constantFrom("windows", "iOS", "block", "pilot", "lab-devices", "allDevices", 'device.deviceCategory -eq "x"'),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie("v"), { maxKeys: 4 }),
  ),
})).v;

/** Values a plan author would write, so that more mutated plans still validate and reach the later stages. */
const planWord = fc.constantFrom(
  "windows",
  "iOS",
  "android",
  "macOS",
  "block",
  "pilot",
  "prod",
  "lab-devices",
  "vip-users",
  "allDevices",
  "allUsers",
  "dynamic",
  "assigned",
  "phased",
  "fixed",
  "include",
  "exclude",
  "2027-01-04",
  0,
  1,
  4,
  6,
  24,
  true,
  false,
);

type Mutation = { path: number[]; op: "delete" | "replace" | "rename"; value: Json; name: string };

/** Applies a mutation at a pseudo-random path (indices are reduced modulo the keys present at each level). */
function mutate(doc: unknown, m: Mutation): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const [depth, i] of m.path.entries()) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[i % keys.length] as string;
    const child = node[key];
    const last = depth === m.path.length - 1 || typeof child !== "object" || child === null;
    if (last) {
      // Renaming an array's index could name it `length` (a RangeError of the test, not of the plan): arrays keep theirs.
      if (m.op === "rename" && Array.isArray(node)) break;
      const rest = Object.fromEntries(Object.entries(node).filter(([k]) => k !== key));
      const next = m.op === "delete" ? rest : m.op === "replace" ? { ...node, [key]: m.value } : { ...rest, [m.name]: child };
      for (const k of Object.keys(node)) Reflect.deleteProperty(node, k);
      Object.assign(node, next);
      break;
    }
    node = child as Record<string, unknown>;
  }
  return copy;
}

function assertWellFormed(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(isDiagnosticCode(d.code)).toBe(true);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.subject?.file ?? d.file).toBeDefined();
  }
}

describe("checkPlan never throws", () => {
  it("on thousands of mutated plans", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            path: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
            op: fc.constantFrom("delete", "replace", "rename"),
            value: jsonValue,
            name: fc.string({ maxLength: 10 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (mutations) => {
          const doc = (mutations as Mutation[]).reduce<unknown>((d, m) => mutate(d, m), seed);
          const result = checkPlan([{ path: "mutated.yaml", bytes: Buffer.from(stringify(doc)) }]);
          assertWellFormed(result.diagnostics);
        },
      ),
      { numRuns: 2500 },
    );
  });

  it("and a mutated plan that validates compiles for every phase, diffs phase to phase and feeds every report", () => {
    // Validation is the gate: whatever passes it must not end in an "internal error" in a later stage.
    let validated = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            path: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
            op: fc.constantFrom("delete", "replace", "rename"),
            value: fc.oneof(planWord, jsonValue),
            name: fc.oneof(planWord, fc.string({ maxLength: 10 })),
          }),
          { minLength: 1, maxLength: 1 },
        ),
        (mutations) => {
          const doc = (mutations as Mutation[]).reduce<unknown>((d, m) => mutate(d, m), seed);
          const { plan, diagnostics } = checkPlan([{ path: "mutated.yaml", bytes: Buffer.from(stringify(doc)) }]);
          if (!plan || hasErrors(diagnostics)) return;
          validated++;
          const phases = [undefined, ...plan.phases.map((p) => p.key)];
          const views = phases.map((phase) => {
            const state = compile(plan, phase);
            planResources(state);
            return viewOfDesired(state, phase ?? "all");
          });
          for (let i = 1; i < views.length; i++)
            diffStates(views[i - 1] as ReturnType<typeof viewOfDesired>, views[i] as ReturnType<typeof viewOfDesired>, { plan: plan.name });
          renderCalendarMarkdown(plan);
          renderCalendarIcs(plan, new Date(0));
          requiredLicenses(plan);
          requiredPermissions(plan, "apply");
        },
      ),
      { numRuns: 3000 },
    );
    expect(validated).toBeGreaterThan(15); // about 50 of 3,000 validate; 15 is five standard deviations below
  });

  it("on random text and random bytes", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "grapheme", maxLength: 300 }).map((s) => Buffer.from(s)),
          fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
        ),
        (bytes) => {
          assertWellFormed(checkPlan([{ path: "random.yaml", bytes }]).diagnostics);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("on YAML-looking fragments built from plan words", () => {
    const word = fc.constantFrom(
      "groups:",
      "phases:",
      "  - ",
      "  x:",
      "    displayName: X",
      "    membership: dynamic",
      "    rule: (",
      "&a [*a,*a]",
      "{",
      "}",
      "[",
      "]",
      ": ",
      "\t",
      "---",
      "!!binary",
      "key: *b",
      "compliance:",
      "  c: { platform: iOS }",
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 20 }), (lines) => {
        assertWellFormed(checkPlan([{ path: "fragments.yaml", bytes: Buffer.from(lines.join("\n")) }]).diagnostics);
      }),
      { numRuns: 2000 },
    );
  });
});
