// Layer 1: the provider's methods called directly against the emulator, as the host would call them, over the
// resources the program registers for plan/.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredObject } from "../../src/compile/desired-state.ts";
import type { PlannedResource } from "../../providers/program.ts";
import { planResources } from "../../providers/program.ts";
import type { Inputs, ProviderState } from "../../providers/runtime.ts";
import { check, create, diff, read, remove, update } from "../../providers/runtime.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { emulator } from "../helpers/emulator.ts";

const PSK = "correct-horse-battery-staple";
const plan = () => { const p = checkFixture("plan").plan; if (!p) throw new Error("plan/"); return p; };

function inputsOf(r: PlannedResource, outs: ReadonlyMap<string, { graphId: string }>): Inputs {
  const ids = Object.fromEntries(r.refs.map((a) => [a, outs.get(a)?.graphId ?? ""]));
  return r.resource === "object"
    ? { resource: "object", object: r.object, ids, secretValues: Object.fromEntries(r.secrets.map((n) => [n, PSK])) }
    : { resource: "assignments", set: r.set, collection: r.collection, apiVersion: r.apiVersion, ids };
}

type Outs = Inputs & { graphId: string };

async function up(state: ProviderState, phase: string, current: Map<string, Outs>): Promise<{ created: string[]; updated: string[] }> {
  const created: string[] = [];
  const updated: string[] = [];
  for (const r of planResources(compile(plan(), phase))) {
    const news = inputsOf(r, current);
    const old = current.get(r.name);
    if (!old) { current.set(r.name, (await create(state, news)).outs); created.push(r.name); continue; }
    if (diff(old, news).changes) { current.set(r.name, (await update(state, old.graphId, news)).outs); updated.push(r.name); }
  }
  return { created, updated };
}

describe("provider methods against the emulator", () => {
  it("creates plan/ at its first phase, then diffs to no change; promotion updates only assignment resources", async () => {
    const emu = await emulator();
    try {
      const state: ProviderState = { config: { endpoint: emu.url } };
      const outs = new Map<string, Outs>();
      const first = await up(state, "limited-pilot", outs);
      const resources = planResources(compile(plan(), "limited-pilot"));
      expect(first.created).toHaveLength(resources.length);
      expect(await up(state, "limited-pilot", outs)).toEqual({ created: [], updated: [] });
      const promoted = await up(state, "expanded-pilot", outs);
      expect(promoted.created).toEqual([]);
      expect(promoted.updated.length).toBeGreaterThan(0);
      expect(promoted.updated.every((n) => n.endsWith("#assignments"))).toBe(true);
      // Outputs are plain JSON with the secret under its own key (the engine encrypts it there), nowhere else.
      const wifi = outs.get("configuration.charlotte-wifi-windows");
      expect(wifi && "secretValues" in wifi ? wifi.secretValues : undefined).toEqual({ CHARLOTTE_WIFI_PSK: PSK });
      const { secretValues: _s, ...rest } = wifi as Outs & { secretValues: unknown };
      expect(JSON.stringify(rest)).not.toContain(PSK);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("refresh reads what the tenant holds: a portal change shows as a diff, an update repairs it, a deleted object reads as gone", async () => {
    const emu = await emulator();
    try {
      const state: ProviderState = { config: { endpoint: emu.url } };
      const outs = new Map<string, Outs>();
      await up(state, "limited-pilot", outs);
      const compliance = outs.get("compliance.windows-baseline") as Outs;
      await fetch(`${emu.url}/beta/deviceManagement/deviceCompliancePolicies/${compliance.graphId}`, { method: "PATCH", body: JSON.stringify({ "@odata.type": "#microsoft.graph.windows10CompliancePolicy", passwordMinimumLength: 4 }) });
      const refreshed = await read(state, compliance.graphId, compliance);
      expect(refreshed.props && diff(refreshed.props, compliance).changes).toBe(true);
      const repaired = await update(state, compliance.graphId, compliance);
      const again = await read(state, compliance.graphId, repaired.outs);
      expect(again.props && diff(again.props, compliance).changes).toBe(false);
      await remove(state, compliance.graphId, compliance);
      expect(await read(state, compliance.graphId, compliance)).toEqual({});
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("an error after a create carries the id; a name taken by an object the plan does not own is refused unless adopted", async () => {
    const emu = await emulator();
    try {
      const state: ProviderState = { config: { endpoint: emu.url } };
      const restriction = compile(plan(), "limited-pilot").objects.find((o) => o.kind === "enrollmentRestriction") as DesiredObject;
      const broken: DesiredObject = { ...restriction, actions: [{ path: "/setPriority", body: { priority: 0 } }] };
      const error = (await create(state, { resource: "object", object: broken, ids: {}, secretValues: {} }).catch((e: unknown) => e)) as Error & { id?: string };
      expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.message).toContain(`created as ${error.id ?? ""}`);
      expect(error.message).toContain("priority must be a whole number");

      const taken = (await create(state, { resource: "object", object: restriction, ids: {}, secretValues: {} }).catch((e: unknown) => e)) as Error;
      expect(taken.message).toContain("which the plan does not own. Adopt it");
      const adopted = await create(state, { resource: "object", object: { ...restriction, adopt: true }, ids: {}, secretValues: {} });
      expect(adopted.id).toBe(error.id);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("check reports bodies Graph's types refuse, as Pulumi check failures", () => {
    const object = compile(plan(), "limited-pilot").objects.find((o) => o.address === "compliance.windows-baseline") as DesiredObject;
    const result = check({ resource: "object", object: { ...object, body: { ...object.body, passwordMinimumLenght: 6 } }, ids: {}, secretValues: {} });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.property).toBe("object.body.passwordMinimumLenght");
  });
});

describe("provider diff", () => {
  it("names the inputs that force a replacement, and replaces delete-before-create so names stay unique", () => {
    const object = compile(plan(), "limited-pilot").objects.find((o) => o.address === "filters.windows-devices") as DesiredObject;
    const olds: Inputs = { resource: "object", object, ids: {}, secretValues: {} };
    const moved: Inputs = { ...olds, object: { ...object, body: { ...object.body, platform: "macOS" } } };
    expect(diff(olds, moved)).toEqual({ changes: true, replaces: ["object.body.platform"], deleteBeforeReplace: true });
    expect(diff(olds, olds)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(diff(olds, { ...olds, ids: { "groups.x": "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } }).changes).toBe(false);
  });
});
