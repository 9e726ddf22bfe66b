// The real Pulumi engine on the reference plan (plan/): one stack's whole life against the emulator, each step
// checked with the engine's own JSON (preview steps, stack history, stack export) and the emulated tenant. Where a
// step has just checked `pulumi preview --json`, it applies with `up --skip-preview` (the same engine pass, once).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { compiledPlan, destroyProblems, idsOf, notExactlyOnce, snapshot } from "./census.ts";
import { REPO, Workspace } from "./workspace.ts";
import { ASSIGNMENTS, changed, killMidUp, report } from "./steps.ts";

const SECRET = "e2e-Wifi-Passphrase-7c1f";
let ws: Workspace;
let before_: Record<string, string[]>;

before(async () => {
  ws = await Workspace.create(join(REPO, "plan"), "contoso", { phase: "limited-pilot" }, { CHARLOTTE_WIFI_PSK: SECRET });
  await ws.startEmulator();
  // Objects the plan does not own: they must come through every step untouched.
  await ws.graph("POST", "/v1.0/groups", {
    displayName: "Finance laptops (not the plan's)",
    mailEnabled: false,
    mailNickname: "finlaptops",
    securityEnabled: true,
  });
  await ws.graph("POST", "/beta/deviceManagement/deviceConfigurations", {
    "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
    displayName: "Legacy - kiosk restrictions (not the plan's)",
    cameraBlocked: true,
  });
  before_ = idsOf(await snapshot(ws, compiledPlan(ws)));
});

after(async () => ws.dispose());

test("pulumi preview lists every object and assignment set to create", async () => {
  const state = compiledPlan(ws, "limited-pilot");
  const p = await ws.preview();
  const creates = changed(p).filter((s) => s.type.startsWith("pulumi-nodejs:dynamic/intune:"));
  assert.ok(creates.every((s) => s.op === "create"));
  assert.equal(creates.length, state.objects.length + state.assignments.length);
  report("plan/: preview", p.changeSummary);
});

test("pulumi up creates them; the tenant then holds exactly one object per plan key", async () => {
  await ws.pulumiOk(["up", "--yes"]);
  const state = compiledPlan(ws, "limited-pilot");
  const last = await ws.lastUpdate();
  assert.equal(last.resourceChanges["create"], state.objects.length + state.assignments.length + 2); // + provider + stack
  assert.deepEqual(await notExactlyOnce(ws, state), []);
  report("plan/: up", last.resourceChanges);
});

test("preview --expect-no-changes passes after up, and again after refresh", async () => {
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
  await ws.pulumiOk(["refresh", "--yes"]);
  report("plan/: refresh", (await ws.lastUpdate()).resourceChanges);
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
});

test("a phase change is Assignments updates only, forward and back", async () => {
  for (const phase of ["expanded-pilot", "limited-pilot"]) {
    await ws.pulumiOk(["config", "set", "intune-plan:phase", phase]);
    const steps = changed(await ws.preview());
    assert.ok(steps.length > 0);
    assert.deepEqual(
      steps.filter((s) => !(s.op === "update" && s.type === ASSIGNMENTS)),
      [],
    );
    await ws.pulumiOk(["up", "--yes"]);
    const last = await ws.lastUpdate();
    assert.equal(last.resourceChanges["update"], steps.length);
    report(`plan/: up to ${phase}`, last.resourceChanges);
  }
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
});

test("editing one setting of one policy previews as exactly one update", async () => {
  ws.editPlan("baseline.yaml", (t) => t.replace(/(windows-baseline:[\s\S]*?passwordMinimumLength: )6/, "$18"));
  const steps = changed(await ws.preview());
  assert.deepEqual(steps, [{ op: "update", name: "compliance.windows-baseline", type: "pulumi-nodejs:dynamic/intune:CompliancePolicy" }]);
  await ws.pulumiOk(["up", "--yes", "--skip-preview"]);
  report("plan/: one setting", (await ws.lastUpdate()).resourceChanges);
  const [policy] = (await ws.list("beta", "/deviceManagement/deviceCompliancePolicies")).filter(
    (p) => p["displayName"] === "Win - Baseline compliance",
  );
  assert.equal(policy?.["passwordMinimumLength"], 8);
});

test("renaming a key with renamedFrom keeps the Graph object", async () => {
  const idBefore = (await ws.exportStack()).resources.find((r) => r.urn.endsWith("::enrollmentCategories.point-of-sale"))?.id;
  assert.ok(idBefore);
  ws.editPlan("baseline.yaml", (t) => t.replace("  point-of-sale: {", "  pos: { renamedFrom: [point-of-sale],"));
  const steps = changed(await ws.preview());
  assert.deepEqual(
    steps.filter((s) => s.op === "create" || s.op === "delete" || s.op.includes("replace")),
    [],
  );
  await ws.pulumiOk(["up", "--yes", "--skip-preview"]);
  const idAfter = (await ws.exportStack()).resources.find((r) => r.urn.endsWith("::enrollmentCategories.pos"))?.id;
  assert.equal(idAfter, idBefore);
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
});

test("a property Graph cannot update replaces only that object and re-points its assignments", async () => {
  const oldId = (await ws.exportStack()).resources.find((r) => r.urn.endsWith("::enrollmentRestrictions.block-personal-macos"))?.id;
  ws.editPlan("baseline.yaml", (t) => t.replace(/(block-personal-macos:[\s\S]*?platform: )macOS/, "$1windows"));
  const steps = changed(await ws.preview());
  const names = new Set(steps.map((s) => s.name));
  assert.deepEqual([...names].sort(), [
    "enrollmentRestrictions.block-personal-macos",
    "enrollmentRestrictions.block-personal-macos#assignments",
  ]);
  assert.ok(steps.some((s) => s.name === "enrollmentRestrictions.block-personal-macos" && s.op === "replace"));
  await ws.pulumiOk(["up", "--yes", "--skip-preview"]);
  report("plan/: replace", (await ws.lastUpdate()).resourceChanges);
  const newId = (await ws.exportStack()).resources.find((r) => r.urn.endsWith("::enrollmentRestrictions.block-personal-macos"))?.id;
  assert.ok(newId && newId !== oldId);
  const assigned = await ws.graph("GET", `/beta/deviceManagement/deviceEnrollmentConfigurations/${newId}/assignments`);
  assert.equal((assigned["value"] as unknown[]).length, 1);
  assert.deepEqual(await notExactlyOnce(ws, compiledPlan(ws, "limited-pilot")), []);
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
});

test("a portal change is found by refresh and put back by up; a portal delete is re-created", async () => {
  const policies = await ws.list("beta", "/deviceManagement/deviceCompliancePolicies");
  const policy = policies.find((p) => p["displayName"] === "Win - Baseline compliance");
  assert.ok(policy);
  await ws.graph("PATCH", `/beta/deviceManagement/deviceCompliancePolicies/${String(policy["id"])}`, {
    "@odata.type": policy["@odata.type"],
    passwordMinimumLength: 4,
  });
  const configs = await ws.list("beta", "/deviceManagement/deviceConfigurations");
  const gone = configs.find((c) => c["displayName"] === "iOS - Device restrictions baseline");
  assert.ok(gone, "the plan has an iOS restrictions profile");
  await ws.graph("DELETE", `/beta/deviceManagement/deviceConfigurations/${String(gone["id"])}`);

  await ws.pulumiOk(["refresh", "--yes"]);
  const refresh = await ws.lastUpdate();
  report("plan/: refresh after portal edits", refresh.resourceChanges);
  assert.ok((refresh.resourceChanges["delete"] ?? 0) >= 1);
  const steps = changed(await ws.preview());
  assert.ok(steps.some((s) => s.name === "compliance.windows-baseline" && s.op === "update"));
  assert.ok(steps.some((s) => s.name === "configuration.ios-restrictions" && s.op === "create"));
  await ws.pulumiOk(["up", "--yes", "--skip-preview"]);
  report("plan/: up after portal edits", (await ws.lastUpdate()).resourceChanges);
  const [restored] = (await ws.list("beta", "/deviceManagement/deviceCompliancePolicies")).filter(
    (p) => p["displayName"] === "Win - Baseline compliance",
  );
  assert.equal(restored?.["passwordMinimumLength"], 8);
  assert.deepEqual(await notExactlyOnce(ws, compiledPlan(ws, "limited-pilot")), []);
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
});

test("a create that fails after Graph made the object is finished by the next up through update", async () => {
  const p = (await ws.list("beta", "/deviceAppManagement/iosManagedAppProtections")).find(
    (x) => x["displayName"] === "iOS - Protect Outlook and Teams on personal devices",
  );
  assert.ok(p, "the plan has an iOS app protection policy");
  await ws.graph("DELETE", `/beta/deviceAppManagement/iosManagedAppProtections/${String(p["id"])}`);
  await ws.pulumiOk(["refresh", "--yes"]);
  await ws.startEmulator({ faults: "reject=/targetApps" });
  const failed = await ws.pulumi(["up", "--yes", "--skip-preview"]);
  assert.notEqual(failed.code, 0);
  const partial = (await ws.exportStack()).resources.find((r) => r.urn.endsWith("::appProtection.ios-personal"));
  assert.ok(partial?.id && (partial.initErrors?.length ?? 0) > 0, "the engine recorded a partial create");
  await ws.startEmulator();
  // The engine finishes the partly created object with an update, never a second create.
  const steps = changed(await ws.preview());
  assert.deepEqual(
    steps
      .filter((s) => s.name.startsWith("appProtection.ios-personal"))
      .map((s) => `${s.op} ${s.name}`)
      .sort(),
    ["create appProtection.ios-personal#assignments", "update appProtection.ios-personal"],
  );
  await ws.pulumiOk(["up", "--yes", "--skip-preview"]);
  report("plan/: up after a partial create", (await ws.lastUpdate()).resourceChanges);
  assert.equal((await ws.exportStack()).resources.find((r) => r.urn.endsWith("::appProtection.ios-personal"))?.id, partial.id);
  assert.deepEqual(await notExactlyOnce(ws, compiledPlan(ws, "limited-pilot")), []);
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
});

test("under throttling, every Retry-After form, 503s, replication lag and lost replies: destroy and up converge", async () => {
  await ws.startEmulator({ faults: "throttle=0.2,retry-after=mixed,unavailable=0.05,lag=3,lost=0.1,seed=11" });
  await ws.pulumiOk(["destroy", "--yes"], 600_000);
  assert.deepEqual(await destroyProblems(ws, compiledPlan(ws), before_), []);
  await ws.pulumiOk(["up", "--yes", "--skip-preview"], 600_000);
  report("plan/: up under faults", (await ws.lastUpdate()).resourceChanges);
  assert.deepEqual(await notExactlyOnce(ws, compiledPlan(ws, "limited-pilot")), []);
  await ws.pulumiOk(["up", "--yes", "--skip-preview"], 600_000);
  assert.deepEqual(
    Object.keys((await ws.lastUpdate()).resourceChanges).filter((k) => k !== "same"),
    [],
  );
  await ws.startEmulator();
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
});

test("kill -9 of pulumi up half way, then cancel, recover and up: converges, no duplicate, no pending operation", async () => {
  await ws.pulumiOk(["destroy", "--yes"]);
  await ws.startEmulator({ faults: "latency=150" });
  await killMidUp(ws, compiledPlan(ws, "limited-pilot"));
  await ws.startEmulator();
  // What an operator does after a lost CLI: release the stack's lock, then settle the creates the engine had started.
  assert.ok((await ws.exportStack()).pending.length > 0, "the killed up left pending operations");
  await ws.pulumiOk(["cancel", "--yes"]);
  const recover = await ws.intunePlan(["recover", "--stack", "contoso"], 300_000);
  assert.equal(recover.code, 0, recover.output.slice(-3000));
  await ws.pulumiOk(["up", "--yes", "--skip-preview"]);
  report("plan/: up after kill -9", (await ws.lastUpdate()).resourceChanges);
  assert.deepEqual((await ws.exportStack()).pending, []);
  assert.deepEqual(await notExactlyOnce(ws, compiledPlan(ws, "limited-pilot")), []);
  await ws.pulumiOk(["preview", "--expect-no-changes"]);
});

test("pulumi destroy leaves exactly what the tenant held before, and keeps the tenant's singletons and cleanup rules", async () => {
  await ws.pulumiOk(["destroy", "--yes"]);
  report("plan/: destroy", (await ws.lastUpdate()).resourceChanges);
  assert.deepEqual(await destroyProblems(ws, compiledPlan(ws), before_), []);
});

test("a plan that does not validate stops pulumi preview with file:line:col diagnostics, not a stack trace", async () => {
  ws.editPlan("baseline.yaml", (t) => t.replace("passwordMinimumLength: 8", "passwordMinimumLenght: 8"));
  const run = await ws.pulumi(["preview"]);
  assert.notEqual(run.code, 0);
  assert.match(run.output, /plan\/baseline\.yaml:\d+:\d+: error IP\d+/);
  assert.doesNotMatch(run.output, /^\s+at .+\(.+:\d+:\d+\)$/m);
});

test("no secret in clear text: stack export, CLI output, provider host output, emulator log", async () => {
  const exported = (await ws.exportStack()).text;
  for (const [where, text] of [
    ["stack export", exported],
    ["CLI output", ws.transcript],
    ["emulator log", ws.emulatorLog],
  ] as const) {
    assert.ok(!text.includes(SECRET), `${where} holds the Wi-Fi passphrase in clear text`);
  }
  assert.ok(ws.transcript.length > 10_000, "the transcript holds every command's output");
});
