// The real Pulumi engine on plan/ when things go wrong: a create Graph half made, throttling with every Retry-After
// form, 503s, replication lag and lost replies, and pulumi up killed half way, with checkpoints and without. Each converges to exactly one Graph
// object per plan key, with no change left, and destroy leaves what the tenant held before. A stack of its own, beside
// contoso.e2e.ts's, so the two run side by side.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { compiledPlan, destroyProblems, notExactlyOnce } from "./census.ts";
import { contosoWorkspace, secretsInClearText } from "./contoso-setup.ts";
import type { Workspace } from "./workspace.ts";
import { adoptInPlan, changed, killMidUp, report } from "./steps.ts";

let ws: Workspace;
let before_: Record<string, string[]>;

before(async () => {
  ({ ws, before: before_ } = await contosoWorkspace());
  await ws.pulumiOk(["up", "--yes"]);
});

after(async () => ws.dispose());

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

test("kill -9 of pulumi up that saves no checkpoints: the next up stops on the names, and with the bound recover gives it converges", async () => {
  await ws.pulumiOk(["destroy", "--yes"]);
  await ws.startEmulator({ faults: "latency=150" });
  await killMidUp(ws, compiledPlan(ws, "limited-pilot"), { PULUMI_SKIP_CHECKPOINTS: "true" });
  await ws.startEmulator();
  // The run saved nothing: no pending operation says what it made, so recover can settle nothing and says what to do.
  assert.deepEqual((await ws.exportStack()).pending, []);
  await ws.pulumiOk(["cancel", "--yes"]);
  const recover = await ws.intunePlan(["recover", "--stack", "contoso"]);
  assert.equal(recover.code, 0, recover.output.slice(-3000));
  const bound = /^ {2}INTUNE_PLAN_ADOPT_CREATED_SINCE=(\S+) pulumi up --continue-on-error$/m.exec(recover.stdout)?.[1];
  assert.ok(bound !== undefined && Number.isFinite(Date.parse(bound)), recover.output.slice(-3000));
  // The bound is the end of the destroy above, read from Pulumi's history, so nothing older can be taken over.
  const blocked = await ws.pulumi(["up", "--yes", "--skip-preview"]);
  assert.notEqual(blocked.code, 0);
  assert.match(blocked.output, /which the plan does not own/);
  // Everything the lost run made is taken over, except what Graph keeps no creation time for (scope tags, categories,
  // roles, templates): those are refused with that reason, and the user adopts them, as the README says.
  // --continue-on-error: the engine otherwise stops starting steps at the first refusal, and each up shows a few more.
  const since = { INTUNE_PLAN_ADOPT_CREATED_SINCE: bound };
  const bounded = await ws.pulumi(["up", "--yes", "--skip-preview", "--continue-on-error"], undefined, since);
  const untimed = [
    ...bounded.output.matchAll(
      /([\w-]+\.[\w-]+): the tenant already has "[^"]*" \([^)]*\), which the plan does not own\.( Graph keeps no creation time for it)?/g,
    ),
  ];
  assert.ok(bounded.code === 0 || (untimed.length > 0 && untimed.every((m) => m[2] !== undefined)), bounded.output.slice(-3000));
  const restore = adoptInPlan(
    ws,
    untimed.map((m) => m[1] ?? ""),
  );
  try {
    await ws.pulumiOk(["up", "--yes", "--skip-preview"], undefined, since);
    report("plan/: up after kill -9 without checkpoints", (await ws.lastUpdate()).resourceChanges);
    assert.deepEqual(await notExactlyOnce(ws, compiledPlan(ws, "limited-pilot")), []);
    await ws.pulumiOk(["preview", "--expect-no-changes"]);
  } finally {
    restore();
  }
  await ws.pulumiOk(["up", "--yes", "--skip-preview"]);
});

test("destroy after the faults leaves exactly what the tenant held before; no secret in clear text anywhere", async () => {
  await ws.pulumiOk(["destroy", "--yes"]);
  assert.deepEqual(await destroyProblems(ws, compiledPlan(ws), before_), []);
  assert.deepEqual(await secretsInClearText(ws), []);
});
