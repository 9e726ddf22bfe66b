// The real Pulumi engine on the reference plan (plan/): one stack's life against the emulator, each step checked with
// the engine's own JSON (preview steps, stack history, stack export) and the emulated tenant. Where a step has just
// checked `pulumi preview --json`, it applies with `up --skip-preview` (the same engine pass, once). Failures the
// engine must survive (a partial create, throttling, kill -9) are contoso-faults.e2e.ts, on a stack of their own, so
// the two halves run side by side.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { KINDS } from "../../src/index.ts";
import { compiledPlan, destroyProblems, notExactlyOnce } from "./census.ts";
import { contosoWorkspace, secretsInClearText } from "./contoso-setup.ts";
import type { Workspace } from "./workspace.ts";
import { ASSIGNMENTS, changed, report } from "./steps.ts";

let ws: Workspace;
let before_: Record<string, string[]>;

before(async () => {
  ({ ws, before: before_ } = await contosoWorkspace());
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

test("a phase change is Assignments updates only, and Conditional Access policies (their users are their body's), forward and back", async () => {
  for (const phase of ["expanded-pilot", "limited-pilot"]) {
    await ws.pulumiOk(["config", "set", "intune-plan:phase", phase]);
    const steps = changed(await ws.preview());
    assert.ok(steps.length > 0);
    assert.deepEqual(
      steps.filter(
        (s) => !(s.op === "update" && (s.type === ASSIGNMENTS || s.type === "pulumi-nodejs:dynamic/intune:ConditionalAccessPolicy")),
      ),
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

test("pulumi destroy leaves exactly what the tenant held before, and keeps the tenant's singletons and cleanup rules", async () => {
  const run = await ws.pulumiOk(["destroy", "--yes"]);
  report("plan/: destroy", (await ws.lastUpdate()).resourceChanges);
  const state = compiledPlan(ws);
  assert.deepEqual(await destroyProblems(ws, state, before_), []);
  // The engine itself says which resources it leaves in the tenant (retainOnDelete): exactly the non-owned kinds.
  const retainLines = run.output.split("\n").filter((l) => l.includes("[retain]"));
  const retained = state.objects.filter((o) => retainLines.some((l) => new RegExp(`\\s${o.address.replace(/[.]/g, "\\.")}\\s`).test(l)));
  assert.deepEqual(
    retained.map((o) => o.address).sort(),
    state.objects
      .filter((o) => KINDS[o.kind].lifecycle !== "owned")
      .map((o) => o.address)
      .sort(),
  );
});

test("a plan that does not validate stops pulumi preview with file:line:col diagnostics, not a stack trace", async () => {
  ws.editPlan("baseline.yaml", (t) => t.replace("passwordMinimumLength: 8", "passwordMinimumLenght: 8"));
  const run = await ws.pulumi(["preview"]);
  assert.notEqual(run.code, 0);
  assert.match(run.output, /plan\/baseline\.yaml:\d+:\d+: error IP\d+/);
  assert.doesNotMatch(run.output, /^\s+at .+\(.+:\d+:\d+\)$/m);
});

test("no secret in clear text: stack export, CLI output, provider host output, emulator log", async () => {
  assert.deepEqual(await secretsInClearText(ws), []);
  assert.ok(ws.transcript.length > 10_000, "the transcript holds every command's output");
});
