// Layer 2, run in plain Node by host.test.ts: the serialized provider in @pulumi/pulumi's own provider host, driven
// over gRPC through a rollout of plan/ against the emulator. Prints one JSON report on stdout.
import { performance } from "node:perf_hooks";
import { resolve } from "node:path";
import { compile } from "../../src/compile/compile.ts";
import { parseFaults } from "../../src/emulator/faults.ts";
import { seedTenant } from "../../src/emulator/seeds.ts";
import type { RunningEmulator } from "../../src/emulator/server.ts";
import { startEmulator } from "../../src/emulator/server.ts";
import { checkPlan } from "../../src/plan/check-plan.ts";
import { readPlanInputs } from "../../src/plan/read.ts";
import type { Plan } from "../../src/plan/schema.ts";
import { planResources } from "../../providers/program.ts";
import { provider } from "../../providers/provider.ts";
import type { Desired, Op, StateRecord } from "./engine.ts";
import { deploy, engine, hostVersion, masked, secret, serializeProvider, startHost } from "./engine.ts";

export const PSK = "psk-7f3b9c1e-never-in-clear";
const ROOT = resolve(import.meta.dirname, "..", "..");
const PROJECT = "intune-plan";
function loadPlan(): Plan {
  const checked = checkPlan(readPlanInputs([resolve(ROOT, "plan")]).inputs).plan;
  if (!checked) throw new Error("plan/ does not check");
  return checked;
}
const plan = loadPlan();

function desiredFor(phase: string | null, providerText: string): Desired[] {
  if (phase === null) return [];
  return planResources(compile(plan, phase)).map((r) => ({
    type: `pulumi-nodejs:dynamic/intune:${r.type}`, name: r.name,
    inputs: (outputsOf) => {
      const ids = Object.fromEntries(r.refs.map((a) => [a, String(outputsOf(a)?.["graphId"] ?? "")]));
      return r.resource === "object"
        ? { __provider: providerText, resource: "object", object: r.object, ids, secretValues: Object.fromEntries(r.secrets.map((n) => [n, secret(PSK)])) }
        : { __provider: providerText, resource: "assignments", set: r.set, collection: r.collection, apiVersion: r.apiVersion, ids };
    },
  }));
}

/** What the emulator holds, as "collection|name" per object (built-ins included). */
function tenantObjects(emu: RunningEmulator): string[] {
  return Object.entries(emu.tenant.data.collections).flatMap(([c, items]) => Object.values(items).map((e) => `${c}|${String(e.body["displayName"] ?? e.body["name"])}`)).sort();
}

const summarise = (ops: Op[]) => ops.reduce<Record<string, number>>((acc, o) => ({ ...acc, [`${o.op}:${o.type.endsWith(":Assignments") ? "assignments" : "objects"}`]: (acc[`${o.op}:${o.type.endsWith(":Assignments") ? "assignments" : "objects"}`] ?? 0) + 1 }), {});

async function rollout(): Promise<Record<string, unknown>> {
  const emu = await startEmulator({ data: seedTenant("empty") });
  const seeded = tenantObjects(emu);
  const serializeStarted = performance.now();
  const providerText = await serializeProvider(provider);
  const serializeMs = performance.now() - serializeStarted;
  const host = await startHost(ROOT, PROJECT, { INTUNE_PLAN_RETRY_SCALE: "0.01" });
  try {
    const e = engine(host, PROJECT, "emulator");
    const version = await hostVersion(host);
    await e.configure({ [`${PROJECT}:graphEndpoint`]: emu.url });
    const state = new Map<string, StateRecord>();
    const writes = () => emu.log.filter((l) => l.method !== "GET").length;
    const previewOps = await deploy(e, desiredFor("limited-pilot", providerText), state, { preview: true });
    const writesAfterPreview = writes();
    const started = performance.now();
    const first = await deploy(e, desiredFor("limited-pilot", providerText), state);
    const firstMs = performance.now() - started;
    const objectsAfterFirst = tenantObjects(emu).length - seeded.length;
    const second = await deploy(e, desiredFor("limited-pilot", providerText), state);
    const promote = await deploy(e, desiredFor("expanded-pilot", providerText), state);
    const complianceId = state.get("compliance.windows-baseline")?.id ?? "";
    const promotedTargets = emu.tenant.data.collections["/deviceManagement/deviceCompliancePolicies"]?.[complianceId]?.assignments.length ?? 0;
    const back = await deploy(e, desiredFor("limited-pilot", providerText), state);
    const backTargets = emu.tenant.data.collections["/deviceManagement/deviceCompliancePolicies"]?.[complianceId]?.assignments.length ?? 0;
    const outputs = [...state.values()].map((r) => r.outputs);
    const wifi = state.get("configuration.charlotte-wifi-windows")?.outputs["secretValues"] as Record<string, unknown> | undefined;
    const destroy = await deploy(e, desiredFor(null, providerText), state);
    return {
      version, providerChars: providerText.length, serializeMs: Math.round(serializeMs), resources: first.length, firstUpMs: Math.round(firstMs),
      preview: summarise(previewOps), writesAfterPreview, first: summarise(first), objectsAfterFirst, planObjects: compile(plan, "limited-pilot").objects.length,
      second: summarise(second), promote: summarise(promote), promotedTargets, back: summarise(back), backTargets, destroy: summarise(destroy),
      leftAfterDestroy: tenantObjects(emu), seeded,
      secretOutputMarked: wifi !== undefined && Object.values(wifi).every((v) => typeof v === "object" && v !== null && "4dabf18193072939515e22adb298388d" in v),
      clearTextHits: {
        providerText: providerText.includes(PSK),
        maskedOutputs: JSON.stringify(masked(outputs)).includes(PSK),
        hostLog: host.output().includes(PSK),
      },
    };
  } finally {
    host.close();
    await emu.close();
  }
}

/** Lost responses during create: the run completes, and a re-run leaves exactly one object per plan key. */
async function lossy(): Promise<Record<string, unknown>> {
  const emu = await startEmulator({ data: seedTenant("empty"), faults: parseFaults("lost=0.3,lag=2,throttle=0.1,retry-after=fractional,seed=21") });
  const providerText = await serializeProvider(provider);
  const host = await startHost(ROOT, PROJECT, { INTUNE_PLAN_RETRY_SCALE: "0.01" });
  try {
    const e = engine(host, PROJECT, "emulator");
    await e.configure({ [`${PROJECT}:graphEndpoint`]: emu.url });
    const state = new Map<string, StateRecord>();
    const errors: string[] = [];
    for (let run = 1; run <= 3; run++) {
      try { await deploy(e, desiredFor("limited-pilot", providerText), state); break; } catch (error) { errors.push((error as Error).message.slice(0, 300)); }
    }
    const rerun = await deploy(e, desiredFor("limited-pilot", providerText), state);
    const objects = compile(plan, "limited-pilot").objects;
    const counts = objects.map((o) => Object.values(emu.tenant.data.collections[o.collection] ?? {}).filter((x) => (x.body["displayName"] ?? x.body["name"]) === o.displayName).length);
    return { lostReplies: emu.log.filter((l) => l.lost).length, errors, rerun: summarise(rerun), onePerKey: counts.every((n) => n === 1), objects: objects.length, duplicates: objects.filter((_, i) => (counts[i] ?? 0) > 1).map((o) => o.address) };
  } finally {
    host.close();
    await emu.close();
  }
}

const report = { rollout: await rollout(), lossy: await lossy() };
process.stdout.write(`${JSON.stringify(report)}\n`);
