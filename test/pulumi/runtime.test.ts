// Layer 1: the provider's methods called directly against the emulator, as the host would call them, over the
// resources the program registers for plan/.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredObject, JsonObject } from "../../src/compile/desired-state.ts";
import { parseFaults } from "../../src/emulator/faults.ts";
import { findByName } from "../../src/graph/apply-object.ts";
import type { GraphVersion } from "../../src/graph/client.ts";
import { GraphClient } from "../../src/graph/client.ts";
import { EMULATOR_HEADERS } from "../../src/graph/connect.ts";
import { GraphRequestError } from "../../src/graph/errors.ts";
import type { PlannedResource } from "../../providers/program.ts";
import { planResources } from "../../providers/program.ts";
import type { Inputs, ObjectInputs, ProviderState } from "../../providers/runtime.ts";
import {
  check,
  create,
  diff,
  inputsOf as parseInputs,
  NotProviderInputsError,
  read,
  remove,
  UNKNOWN,
  update,
} from "../../providers/runtime.ts";
import { checkFixture } from "../helpers/fixtures.ts";
import { emulator, fastClient } from "../helpers/emulator.ts";
import { json, loopback } from "../graph/loopback.ts";

const PSK = "correct-horse-battery-staple";
const plan = () => {
  const p = checkFixture("plan").plan;
  if (!p) throw new Error("plan/");
  return p;
};

function inputsOf(r: PlannedResource, outs: ReadonlyMap<string, { graphId: string }>): Inputs {
  const ids = Object.fromEntries(r.refs.map((a) => [a, outs.get(a)?.graphId ?? ""]));
  return r.resource === "object"
    ? { resource: "object", object: r.object, ids, secretValues: Object.fromEntries(r.secrets.map((n) => [n, PSK])) }
    : { resource: "assignments", set: r.set, collection: r.collection, apiVersion: r.apiVersion, ids };
}

type Outs = Inputs & { graphId: string };

/** What the host reads off a create error: `id` (and `properties`) make the engine record a partial create. */
type CreateError = Error & { id?: string; properties?: JsonObject; reasons?: string[] };

const injected = (method: string, path: string): GraphRequestError =>
  new GraphRequestError({ method, path, status: 503, code: "ServiceUnavailable", message: "injected after the create", requestId: null });

/** A client whose first follow-up action, or first wait for a new object, fails: a create that stops after its POST. */
/**
 * Fails one request after a successful create: the first follow-up action, or (`failOn` "look-up") the look-up that
 * checks the new object, which for a new group is also the wait for it to be served.
 */
class FailsOnceAfterCreate extends GraphClient {
  failOn: "action" | "look-up" = "action";
  private state: "before" | "created" | "failed" = "before";
  private once(method: string, path: string): void {
    if (this.state !== "created" || (method === "GET") !== (this.failOn === "look-up")) return;
    this.state = "failed";
    throw injected(method, path);
  }
  override async create(path: string, body: JsonObject, version: GraphVersion = "beta"): Promise<JsonObject> {
    const made = await super.create(path, body, version);
    if (this.state === "before") this.state = "created";
    return made;
  }
  override action(path: string, body: JsonObject, version: GraphVersion = "beta"): Promise<JsonObject | undefined> {
    try {
      this.once("POST", path);
    } catch (e) {
      return Promise.reject(e as Error);
    }
    return super.action(path, body, version);
  }
  override list(path: string, version: GraphVersion = "beta"): Promise<JsonObject[]> {
    try {
      this.once("GET", path);
    } catch (e) {
      return Promise.reject(e as Error);
    }
    return super.list(path, version);
  }
}

const objectInputs = (address: string, ids: Readonly<Record<string, string>> = {}): ObjectInputs => {
  const r = planResources(compile(plan(), "limited-pilot")).find((p) => p.name === address);
  if (r?.resource !== "object") throw new Error(address);
  return { resource: "object", object: r.object, ids, secretValues: Object.fromEntries(r.secrets.map((n) => [n, PSK])) };
};

async function up(state: ProviderState, phase: string, current: Map<string, Outs>): Promise<{ created: string[]; updated: string[] }> {
  const created: string[] = [];
  const updated: string[] = [];
  for (const r of planResources(compile(plan(), phase))) {
    const news = inputsOf(r, current);
    const old = current.get(r.name);
    if (!old) {
      current.set(r.name, (await create(state, news)).outs);
      created.push(r.name);
      continue;
    }
    if (diff(old, news).changes) {
      current.set(r.name, (await update(state, old.graphId, news)).outs);
      updated.push(r.name);
    }
  }
  return { created, updated };
}

describe("provider methods against the emulator", () => {
  it("creates plan/ at its first phase, then diffs to no change; promotion updates only assignment resources and Conditional Access", async () => {
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
      // Conditional Access takes its users in its body (KINDS targetsInBody): its policy resource is updated instead.
      expect(promoted.updated.filter((n) => !n.endsWith("#assignments"))).toEqual(["conditionalAccess.office-compliant-device"]);
      // Outputs are plain JSON with the secret under its own key (the engine encrypts it there), nowhere else.
      const wifi = outs.get("configuration.charlotte-wifi-windows");
      expect(wifi && "secretValues" in wifi ? wifi.secretValues : undefined).toEqual({ CHARLOTTE_WIFI_PSK: PSK });
      const { secretValues: _s, ...rest } = wifi as Outs & { secretValues: unknown };
      expect(JSON.stringify(rest)).not.toContain(PSK);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("refresh never records a secret the tenant echoes: write-only credentials are the plan's reference, or absent", async () => {
    const emu = await emulator();
    try {
      const state: ProviderState = { config: { endpoint: emu.url } };
      const outs = new Map<string, Outs>();
      await up(state, "limited-pilot", outs);
      const wifi = outs.get("configuration.charlotte-wifi-windows") as Outs;
      // A tenant that echoes what Graph documents as write-only: the key the plan set, and one it never named.
      class Echoing extends GraphClient {
        override async get<T = JsonObject>(path: string, version: GraphVersion = "beta"): Promise<T> {
          const reply = await super.get<T>(path, version);
          return (path.includes(wifi.graphId) ? { ...reply, preSharedKey: PSK, proxyPassword: "echoed-proxy-pass" } : reply) as T;
        }
      }
      const echoing: ProviderState = {
        config: { endpoint: emu.url },
        client: new Echoing({ endpoint: emu.url, headers: EMULATOR_HEADERS, retry: { timeScale: 0.001, maxAttempts: 12 } }),
      };
      const refreshed = await read(echoing, wifi.graphId, wifi);
      const props = refreshed.props as ObjectInputs;
      const { secretValues: _s, ...recorded } = props;
      expect(JSON.stringify(recorded)).not.toContain(PSK);
      expect(JSON.stringify(recorded)).not.toContain("echoed-proxy-pass");
      expect(props.observed?.["preSharedKey"]).toEqual({ secret: "CHARLOTTE_WIFI_PSK" });
      expect(diff(props, wifi).changes).toBe(false);
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
      await fetch(`${emu.url}/beta/deviceManagement/deviceCompliancePolicies/${compliance.graphId}`, {
        method: "PATCH",
        headers: { authorization: "Bearer portal", "content-type": "application/json" },
        body: JSON.stringify({ "@odata.type": "#microsoft.graph.windows10CompliancePolicy", passwordMinimumLength: 4 }),
      });
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
      const error = (await create(state, { resource: "object", object: broken, ids: {}, secretValues: {} }).catch(
        (e: unknown) => e,
      )) as Error & { id?: string };
      expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.message).toContain(`created as ${error.id ?? ""}`);
      expect(error.message).toContain("priority must be a whole number");

      const taken = (await create(state, { resource: "object", object: restriction, ids: {}, secretValues: {} }).catch(
        (e: unknown) => e,
      )) as Error;
      expect(taken.message).toContain("which the plan does not own. Adopt it");
      const adopted = await create(state, { resource: "object", object: { ...restriction, adopt: true }, ids: {}, secretValues: {} });
      expect(adopted.id).toBe(error.id);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("a create colliding with an object the plan does not own rejects with a plain error: no id, so the engine never takes it over", async () => {
    const emu = await emulator();
    try {
      const state: ProviderState = { config: { endpoint: emu.url } };
      const news = objectInputs("enrollmentCategories.sales");
      const foreign = await fastClient(emu.url).create(news.object.collection, news.object.body, news.object.apiVersion);
      const error = (await create(state, news).catch((e: unknown) => e)) as CreateError;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toContain(`(${String(foreign["id"])}), which the plan does not own`);
      expect(error).not.toHaveProperty("id");
      expect(error).not.toHaveProperty("properties");
      expect(Object.keys(error).filter((k) => k !== "name")).toEqual([]);
      expect(await findByName(fastClient(emu.url), news.object)).toHaveLength(1);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it("with INTUNE_PLAN_ADOPT_CREATED_SINCE a create takes over a namesake made since then; a value that is no time stops it", async () => {
    const emu = await emulator();
    const saved = process.env["INTUNE_PLAN_ADOPT_CREATED_SINCE"];
    try {
      const state: ProviderState = { config: { endpoint: emu.url } };
      const news = objectInputs("termsAndConditions.contoso-aup");
      const lost = await fastClient(emu.url).create(news.object.collection, news.object.body, news.object.apiVersion);
      process.env["INTUNE_PLAN_ADOPT_CREATED_SINCE"] = "not a time";
      const refused = (await create(state, news).catch((e: unknown) => e)) as CreateError;
      expect(refused.message).toContain("INTUNE_PLAN_ADOPT_CREATED_SINCE=not a time is not a time");
      expect(refused).not.toHaveProperty("id");
      process.env["INTUNE_PLAN_ADOPT_CREATED_SINCE"] = String(lost["createdDateTime"]);
      const taken = await create(state, news);
      expect(taken.id).toBe(lost["id"]);
      expect(await findByName(fastClient(emu.url), news.object)).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env["INTUNE_PLAN_ADOPT_CREATED_SINCE"];
      else process.env["INTUNE_PLAN_ADOPT_CREATED_SINCE"] = saved;
      await emu.close();
    }
  }, 60_000);

  it("an error whose Graph message echoes the request never carries the plan's secret or the client secret to the engine", async () => {
    const CLIENT_SECRET = "client-Secret-9d1e7a";
    // A Graph front end that refuses every write and quotes the request body in its message.
    const server = await loopback((req, res, body) => {
      if (req.method === "GET") {
        json(res, 200, { value: [] });
        return;
      }
      json(res, 400, { error: { code: "BadRequest", message: `cannot write ${body} (client secret ${CLIENT_SECRET})` } });
    });
    try {
      const state: ProviderState = { config: { endpoint: server.url, clientSecret: CLIENT_SECRET } };
      const refs =
        planResources(compile(plan(), "limited-pilot")).find((r) => r.name === "configuration.charlotte-wifi-windows")?.refs ?? [];
      const news = objectInputs(
        "configuration.charlotte-wifi-windows",
        Object.fromEntries(refs.map((a, i) => [a, `00000000-0000-4000-8000-00000000000${i}`])),
      );
      const error = (await create(state, news).catch((e: unknown) => e)) as CreateError;
      expect(error.message).toContain("400 BadRequest");
      expect(error.message).toContain("cannot write");
      expect(error.message).not.toContain(PSK);
      expect(error.message).not.toContain(CLIENT_SECRET);
    } finally {
      await server.close();
    }
  });

  // The engine saves a partial create with the error's id and properties as outputs, then on the next up calls
  // update(id, those properties, the inputs) (PULUMI-CLI §5 gap 4): update has to finish what create left undone.
  const partials: { name: string; address: string; faults?: string; extraAction?: boolean; replicating?: boolean }[] = [
    { name: "an app protection policy whose /targetApps failed", address: "appProtection.android-personal" },
    {
      name: "a group that failed while waiting to be served (and still replicating)",
      address: "groups.it-pilot",
      faults: "lag=4",
      replicating: true,
    },
    { name: "a Wi-Fi profile with a secret whose follow-up failed", address: "configuration.charlotte-wifi-windows", extraAction: true },
  ];
  for (const p of partials) {
    it(`a partial create is finished by update, as the engine retries it: ${p.name}`, async () => {
      const emu = await emulator("empty", parseFaults(p.faults));
      try {
        const plain: ProviderState = { config: { endpoint: emu.url } };
        const refs = planResources(compile(plan(), "limited-pilot")).find((r) => r.name === p.address)?.refs ?? [];
        const ids: Record<string, string> = {};
        for (const ref of refs) ids[ref] = (await create(plain, objectInputs(ref))).id;
        const news = objectInputs(p.address, ids);
        // The Wi-Fi profile has no follow-up of its own: one that fails stands in for it.
        const attempted: ObjectInputs = p.extraAction
          ? { ...news, object: { ...news.object, actions: [{ path: "/assign", body: { assignments: [] } }] } }
          : news;

        const client = new FailsOnceAfterCreate({ endpoint: emu.url, headers: EMULATOR_HEADERS, retry: { timeScale: 0.001 } });
        if (p.replicating) client.failOn = "look-up";
        const error = (await create({ config: { endpoint: emu.url }, client }, attempted).catch((e: unknown) => e)) as CreateError;
        expect(error.id).toMatch(/[0-9a-f-]{36}$/);
        expect(error.reasons?.[0]).toContain("injected after the create");
        const properties = error.properties ?? {};
        expect(properties).toEqual(JSON.parse(JSON.stringify(properties)));
        expect(properties["graphId"]).toBe(error.id);
        expect(properties).not.toHaveProperty("secretValues");
        expect(JSON.stringify(properties)).not.toContain(PSK);

        const { outs } = await update(plain, error.id ?? "", news);
        const found = await findByName(fastClient(emu.url), news.object);
        expect(found.map((f) => f["id"])).toEqual([error.id]);
        // The group was still invisible when update first wrote it: update waited for it instead of failing.
        expect(emu.log.some((l) => l.method === "PATCH" && l.status === 404)).toBe(p.replicating === true);
        expect(diff(outs, news).changes).toBe(false);
        // What the tenant holds (targetApps, scheduled actions included) is the plan's state.
        const refreshed = await read(plain, error.id ?? "", outs);
        expect(refreshed.props && diff(refreshed.props, news).changes).toBe(false);
      } finally {
        await emu.close();
      }
    }, 60_000);
  }

  it("check reports bodies Graph's types refuse, as Pulumi check failures", () => {
    const object = compile(plan(), "limited-pilot").objects.find((o) => o.address === "compliance.windows-baseline") as DesiredObject;
    const result = check({
      resource: "object",
      object: { ...object, body: { ...object.body, passwordMinimumLenght: 6 } },
      ids: {},
      secretValues: {},
    });
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

describe("what the engine hands the provider", () => {
  it("every resource the program registers parses as the provider's inputs; anything else is refused, naming what is missing", () => {
    const resources = planResources(compile(plan(), "limited-pilot"));
    for (const r of resources) {
      const engine = JSON.parse(JSON.stringify(inputsOf(r, new Map()))) as Record<string, unknown>;
      expect(parseInputs(engine).resource).toBe(r.resource);
    }
    // The engine keeps no empty map in state: an object with no references or secrets comes back without them.
    const group = resources.find((r) => r.resource === "object");
    if (!group) throw new Error("plan/ registers no object");
    const stored = JSON.parse(JSON.stringify(inputsOf(group, new Map()))) as Record<string, unknown>;
    delete stored["ids"];
    delete stored["secretValues"];
    expect(parseInputs(stored)).toMatchObject({ ids: {}, secretValues: {} });
    // During preview the engine may hand the whole map of ids as unknown: each reference is then unknown.
    const assigned = resources.find((r) => r.resource === "assignments" && r.refs.length > 1);
    if (!assigned) throw new Error("plan/ registers no assignment set with references");
    const unknown = { ...(JSON.parse(JSON.stringify(inputsOf(assigned, new Map()))) as Record<string, unknown>), ids: UNKNOWN };
    expect(parseInputs(unknown).ids).toEqual(Object.fromEntries(assigned.refs.map((a) => [a, UNKNOWN])));
    expect(() => parseInputs({ name: "a random resource" })).toThrow(NotProviderInputsError);
    expect(() => parseInputs({ resource: "object", object: { address: "groups.x" } })).toThrow(/no object/);
    expect(() => parseInputs({ resource: "assignments", set: { of: "groups.x", targets: [] } })).toThrow(/no collection/);
  });
});
