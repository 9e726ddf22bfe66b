// `intune-plan promote` and `rollback` through the real Pulumi engine on plan/, against an emulator simulating
// Contoso's limited pilot (pilot-healthy, clock at day 3): the first go-live, a promotion refused on soak time, a
// forced one recorded with its reason in the stack's history and shown by `status --stack`, a rollback that
// restores the previous assignments (Assignments updates, and the Conditional Access policy whose users follow the
// phase), and at day 13 (ten days live) a promotion the gate lets through. Four `pulumi up`s in all; everything else
// reads. The plan is plan/ without the three sites' files (fewer objects, the same phases and pilot): every up is
// that much shorter, and the suite's budget is tight.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, test } from "node:test";
import { join } from "node:path";
import type { StatusReport } from "../../src/rollout/status-report.ts";
import { KINDS } from "../../src/index.ts";
import { compiledPlan } from "./census.ts";
import { REPO, Workspace } from "./workspace.ts";
import { report } from "./steps.ts";

const STACK = "rollout";
const REASON = "CAB-1234: IT leads need the VPN profile before the all-hands";
let ws: Workspace;

before(async () => {
  // No phase setting: the first promote applies the first phase and records it.
  ws = await Workspace.create(join(REPO, "plan"), STACK, {});
  for (const site of ["cambridge.yaml", "charlotte.yaml", "redmond.yaml"]) rmSync(ws.planFile(site));
  await ws.startEmulator({ seed: "pilot-healthy" });
});

after(async () => ws.dispose());

/** Every assignment set's targets in the tenant, by plan address (`ids`: Graph ids by address, from the stack). */
async function tenantAssignments(ids: ReadonlyMap<string, string | undefined>): Promise<Record<string, string[]>> {
  const state = compiledPlan(ws, "limited-pilot");
  const objects = new Map(state.objects.map((o) => [o.address, o]));
  const out: Record<string, string[]> = {};
  for (const set of [...state.assignments, ...compiledPlan(ws, "expanded-pilot").assignments]) {
    const o = objects.get(set.of);
    const id = ids.get(set.of);
    if (!o || !id || out[set.of]) continue;
    const reply = await ws.graph("GET", `/${o.apiVersion}${o.collection}/${id}/assignments`);
    out[set.of] = ((reply["value"] as { target?: unknown }[] | undefined) ?? []).map((a) => JSON.stringify(a.target)).sort();
  }
  return out;
}

/**
 * Sets whose assignments differ between the two phases, and objects whose body does (Conditional Access holds its
 * users and state in its body): what a phase change may update, and nothing else.
 */
function changedSets(a: string, b: string): number {
  const key = (s: { targets: unknown }): string => JSON.stringify(s.targets);
  const before_ = new Map(compiledPlan(ws, a).assignments.map((s) => [s.address, key(s)]));
  const after_ = compiledPlan(ws, b).assignments;
  const bodies = new Map(compiledPlan(ws, a).objects.map((o) => [o.address, JSON.stringify(o.body)]));
  return (
    after_.filter((s) => before_.get(s.address) !== key(s)).length +
    [...before_.keys()].filter((k) => !after_.some((s) => s.address === k)).length +
    compiledPlan(ws, b).objects.filter((o) => bodies.get(o.address) !== JSON.stringify(o.body)).length
  );
}

/** The resource types a change from phase a to b may update: Assignments, and the kinds whose body holds its users. */
function phaseTypes(a: string, b: string): string[] {
  const bodies = new Map(compiledPlan(ws, a).objects.map((o) => [o.address, JSON.stringify(o.body)]));
  const moved = compiledPlan(ws, b).objects.filter((o) => bodies.get(o.address) !== JSON.stringify(o.body));
  return [...new Set(["Assignments", ...moved.map((o) => KINDS[o.kind].token)])].sort();
}

/** Pulumi's change summary at the end of `pulumi up` ("Resources: ~ 12 updated, 82 unchanged"), by operation. */
function summary(output: string): Record<string, number> {
  const block = /^Resources:\n((?:\s+.+\n)+)/m.exec(output)?.[1] ?? "";
  return Object.fromEntries([...block.matchAll(/^\s+(?:[~+-]+\s+)?(\d+) (\w+)/gm)].map((m) => [m[2] ?? "", Number(m[1])]));
}

/** The resources `pulumi up` printed as changed, by type: only Assignments may appear for a phase change. */
const changedTypes = (output: string): string[] => [
  ...new Set(
    output
      .split("\n")
      .filter((l) => /\b(updated|created|deleted|replaced)\b/.test(l))
      .map((l) => /pulumi-nodejs:dynamic\/intune:(\w+)/.exec(l)?.[1])
      .filter((t): t is string => t !== undefined),
  ),
];

test("promote: first go-live, refused on soak at day 3, forced with a recorded reason, rolled back, promoted once the gate passes", async () => {
  const first = await ws.intunePlan(["promote", "--stack", STACK, "--yes"], 300_000);
  assert.equal(first.code, 0, first.output.slice(-4000));
  assert.match(first.stdout, /promoted rollout to limited-pilot at 2027-07-08T08:00:00.000Z/);
  // A phase change replaces nothing, so the objects keep these ids throughout.
  const ids = new Map((await ws.exportStack()).resources.map((r) => [r.urn.slice(r.urn.lastIndexOf("::") + 2), r.id]));
  const pilot = await tenantAssignments(ids);

  const refused = await ws.intunePlan(["promote", "--stack", STACK, "--yes"]);
  assert.equal(refused.code, 3, refused.output.slice(-4000));
  assert.match(
    refused.stderr,
    /refused, rollout stays at limited-pilot:\n\s+- gate of limited-pilot: soakDays: live 0 days \(since 2027-07-08\), soak needs 10/,
  );

  const forced = await ws.intunePlan(["promote", "--stack", STACK, "--yes", "--force", "--reason", REASON], 300_000);
  assert.equal(forced.code, 0, forced.output.slice(-4000));
  assert.match(forced.stdout, /Assignments|assignment/i, "the reviewer diff comes first");
  assert.deepEqual(changedTypes(forced.output).sort(), phaseTypes("limited-pilot", "expanded-pilot"));
  const promoted = summary(forced.stderr);
  assert.deepEqual(promoted, { updated: changedSets("limited-pilot", "expanded-pilot"), unchanged: promoted["unchanged"] ?? -1 });
  report("plan/ without sites: forced promotion", promoted);

  const status = await ws.intunePlan(["status", "--stack", STACK, "--format", "json"]);
  assert.equal(status.code, 3, status.output.slice(-4000));
  const doc = JSON.parse(status.stdout) as StatusReport;
  assert.equal(doc.activePhase, "expanded-pilot");
  assert.deepEqual(
    doc.phases.map((p) => p.liveSince && [p.liveSince.source, p.liveSince.action, p.liveSince.forced, p.liveSince.reason]).slice(0, 2),
    [
      ["stack", "promote", false, undefined],
      ["stack", "promote", true, REASON],
    ],
  );

  const back = await ws.intunePlan(["rollback", "--stack", STACK, "--yes", "--reason", "help-desk tickets from IT leads"], 300_000);
  assert.equal(back.code, 0, back.output.slice(-4000));
  assert.deepEqual(changedTypes(back.output).sort(), phaseTypes("expanded-pilot", "limited-pilot"));
  const rolled = summary(back.stderr);
  assert.deepEqual(rolled, { updated: changedSets("expanded-pilot", "limited-pilot"), unchanged: promoted["unchanged"] });
  report("plan/ without sites: rollback", rolled);
  assert.deepEqual(await tenantAssignments(ids), pilot);

  // Ten days after the pilot went live its gate passes on every criterion, and promote needs no --force.
  await ws.graph("POST", "/_emulator/clock", { advanceDays: 10 });
  const passed = await ws.intunePlan(["promote", "--stack", STACK, "--yes"], 300_000);
  assert.equal(passed.code, 0, passed.output.slice(-4000));
  assert.match(passed.stderr, /gate of limited-pilot on .* as of 2027-07-18 08:00 UTC: passes\n\s+ok\s+soakDays: live 10 days/);
  assert.match(passed.stdout, /promoted rollout to expanded-pilot from limited-pilot at 2027-07-18T08:00:00.000Z by .*\(recorded/);
  // "forced" as a word: the access-enforced risk of the Conditional Access policy says "enforced".
  assert.doesNotMatch(passed.stdout, /\bforced\b/);
  assert.deepEqual(changedTypes(passed.output).sort(), phaseTypes("limited-pilot", "expanded-pilot"));
});
