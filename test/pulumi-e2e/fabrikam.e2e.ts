// The real Pulumi engine on a second, different plan (test/pulumi-e2e/fabrikam): the core of a stack's life, and
// an update plan saved at review (`pulumi preview --save-plan`) applied with `pulumi up --plan`.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { compiledPlan, idsOf, notExactlyOnce, snapshot } from "./census.ts";
import { Workspace } from "./workspace.ts";
import { ASSIGNMENTS, changed, report } from "./steps.ts";

const SECRET = "fabrikam-e2e-Store-Key-41d9";
let ws: Workspace;
let before_: Record<string, string[]>;

before(async () => {
  ws = await Workspace.create(join(import.meta.dirname, "fabrikam"), "fabrikam", { phase: "hq-pilot" }, { FABRIKAM_WIFI_PSK: SECRET });
  await ws.startEmulator({ seed: "legacy-contoso" }); // a tenant that already holds objects the plan does not own
  before_ = idsOf(await snapshot(ws, compiledPlan(ws)));
});

after(async () => ws.dispose());

test("fabrikam: preview lists every object and assignment set to create; up makes exactly one of each", async () => {
  const state = compiledPlan(ws, "hq-pilot");
  const p = await ws.preview();
  const creates = changed(p).filter((s) => s.type.startsWith("pulumi-nodejs:dynamic/intune:"));
  assert.ok(creates.every((s) => s.op === "create"));
  assert.equal(creates.length, state.objects.length + state.assignments.length);
  report("fabrikam: preview", p.changeSummary);
  await ws.pulumiOk(["up", "--yes"]);
  const last = await ws.lastUpdate();
  assert.equal(last.resourceChanges["create"], state.objects.length + state.assignments.length + 2);
  report("fabrikam: up", last.resourceChanges);
  assert.deepEqual(await notExactlyOnce(ws, state), []);
});

/** intune-plan's own preview of the stack: its change counts (JSON report) and exit code. */
async function intunePreview(): Promise<{ code: number | null; summary: Record<string, number> }> {
  const run = await ws.intunePlan(["preview", "plan", "--stack", "fabrikam", "--format", "json", "--detailed-exitcode"]);
  const report = JSON.parse(run.stdout) as { changeSets: { summary: Record<string, number> }[] };
  const [only] = report.changeSets;
  if (!only) throw new Error(`intune-plan preview printed no change set:\n${run.output.slice(-3000)}`);
  return { code: run.code, summary: only.summary };
}

test("fabrikam: no changes after up, nor after refresh; intune-plan preview --stack agrees", async () => {
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
  const ours = await intunePreview();
  assert.equal(ours.code, 0, JSON.stringify(ours.summary));
  assert.deepEqual(
    [ours.summary["create"], ours.summary["update"], ours.summary["replace"], ours.summary["delete"], ours.summary["adopt"]],
    [0, 0, 0, 0, 0],
  );
  await ws.pulumiOk(["refresh", "--yes"]);
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
});

test("fabrikam: a promotion saved at review applies with up --plan as Assignments updates only, and back", async () => {
  for (const phase of ["hq", "hq-pilot"]) {
    await ws.pulumiOk(["config", "set", "intune-plan:phase", phase]);
    const steps = changed(await ws.preview(["--save-plan", join(ws.dir, "update-plan.json")]));
    assert.ok(steps.length > 0);
    assert.deepEqual(
      steps.filter((s) => !(s.op === "update" && s.type === ASSIGNMENTS)),
      [],
    );
    await ws.pulumiOk(["up", "--yes", "--plan", join(ws.dir, "update-plan.json")]);
    const last = await ws.lastUpdate();
    assert.equal(last.resourceChanges["update"], steps.length);
    report(`fabrikam: up --plan to ${phase}`, last.resourceChanges);
  }
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
});

test("fabrikam: a change made after the review is refused by up --plan", async () => {
  await ws.pulumiOk(["config", "set", "intune-plan:phase", "hq"]);
  await ws.preview(["--save-plan", join(ws.dir, "reviewed.json")]);
  ws.editPlan("plan.yaml", (t) => t.replace("avgcpuloadfactor: 40", "avgcpuloadfactor: 50"));
  const run = await ws.pulumi(["up", "--yes", "--plan", join(ws.dir, "reviewed.json")]);
  assert.notEqual(run.code, 0);
  assert.match(run.output, /violates plan/);
  ws.editPlan("plan.yaml", (t) => t.replace("avgcpuloadfactor: 50", "avgcpuloadfactor: 40"));
  await ws.pulumiOk(["config", "set", "intune-plan:phase", "hq-pilot"]);
  await ws.pulumiOk(["up", "--yes"]);
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
});

test("fabrikam: one settings-catalog value previews as exactly one update", async () => {
  ws.editPlan("plan.yaml", (t) => t.replace("avgcpuloadfactor: 40", "avgcpuloadfactor: 30"));
  assert.deepEqual(changed(await ws.preview()), [
    { op: "update", name: "configuration.defender", type: "pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy" },
  ]);
  const ours = await intunePreview();
  assert.equal(ours.code, 2);
  assert.deepEqual(
    [ours.summary["create"], ours.summary["update"], ours.summary["replace"], ours.summary["delete"], ours.summary["adopt"]],
    [0, 1, 0, 0, 0],
  );
  await ws.pulumiOk(["up", "--yes"]);
  report("fabrikam: one setting", (await ws.lastUpdate()).resourceChanges);
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
});

test("fabrikam: after the endpoint moves, refresh and destroy reach it (--run-program); the seeded tenant is left as it was; no secret in clear text", async () => {
  await ws.moveEmulator({ seed: "legacy-contoso" });
  await ws.pulumiOk(["config", "set", "intune-plan:graphEndpoint", ws.endpoint]);
  await ws.pulumiOk(["refresh", "--yes", "--run-program"]);
  // Refresh with the program records the provider's new connection: nothing else changes.
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
  await ws.pulumiOk(["destroy", "--yes", "--run-program"]);
  report("fabrikam: destroy", (await ws.lastUpdate()).resourceChanges);
  assert.deepEqual(idsOf(await snapshot(ws, compiledPlan(ws))), before_);
  const exported = (await ws.exportStack()).text;
  for (const [where, text] of [
    ["stack export", exported],
    ["CLI output", ws.transcript],
    ["emulator log", ws.emulatorLog],
  ] as const) {
    assert.ok(!text.includes(SECRET), `${where} holds the Wi-Fi key in clear text`);
  }
});
