// `compile --requests` is a contract: the writes it lists are, in order, the writes an apply to an empty tenant
// makes through the provider (the emulator's own request log is the witness). Ids stand as `{id:ADDRESS}`, member
// names as `{user:UPN}`; the reads an apply makes (name look-ups, member resolution) are not listed.
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/compile.ts";
import type { DesiredState, Json } from "../../src/compile/desired-state.ts";
import { plannedRequests } from "../../src/compile/requests.ts";
import type { ProviderState } from "../../providers/runtime.ts";
import { create } from "../../providers/runtime.ts";
import { checkFixture, FIXTURES } from "../helpers/fixtures.ts";
import { emulator } from "../helpers/emulator.ts";

const isJsonArray = (value: Json): value is readonly Json[] => Array.isArray(value);

/** The names of the `{ secret: NAME }` references in a body. */
const secretsIn = (value: Json): string[] => {
  if (value === null || typeof value !== "object") return [];
  if (isJsonArray(value)) return value.flatMap(secretsIn);
  const name = value["secret"];
  return typeof name === "string" && Object.keys(value).length === 1 ? [name] : Object.values(value).flatMap(secretsIn);
};

async function applyThroughProvider(state: DesiredState, provider: ProviderState): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const idsFor = (addresses: readonly string[]): Record<string, string> =>
    Object.fromEntries(
      addresses.flatMap((a) => {
        const id = ids.get(a);
        return id ? [[a, id]] : [];
      }),
    );
  for (const object of state.objects) {
    const made = await create(provider, {
      resource: "object",
      object,
      ids: idsFor(object.dependsOn),
      secretValues: Object.fromEntries(secretsIn(object.body).map((n) => [n, "not-a-real-secret"])),
    });
    ids.set(object.address, made.id);
  }
  const objects = new Map(state.objects.map((o) => [o.address, o]));
  for (const set of state.assignments) {
    const of = objects.get(set.of);
    if (!of) throw new Error(`no object ${set.of}`);
    await create(provider, {
      resource: "assignments",
      set,
      collection: of.collection,
      apiVersion: of.apiVersion,
      ids: idsFor([set.of, ...set.dependsOn]),
    });
  }
  return ids;
}

async function applyLog(state: DesiredState): Promise<{ writes: string[]; planned: string[]; members: string[] }> {
  const emu = await emulator("pilot-healthy");
  try {
    const before = emu.log.length;
    const ids = await applyThroughProvider(state, { config: { endpoint: emu.url } });
    const byId = new Map([...ids].map(([address, id]) => [id.toLowerCase(), address]));
    const users = new Map((emu.tenant.data.rollout?.users ?? []).map((u) => [u.id.toLowerCase(), u.userPrincipalName]));
    const writes = emu.log
      .slice(before)
      .filter((r) => r.method !== "GET" && !r.path.includes("$batch"))
      .map(
        (r) =>
          `${r.method} ${r.path
            .split("/")
            .map((seg) => {
              const a = byId.get(seg.toLowerCase());
              return a ? `{id:${a}}` : seg;
            })
            .join("/")}`,
      );
    const requests = plannedRequests(state, emu.url);
    const members = requests
      .filter((r) => r.url.endsWith("/members/$ref"))
      .map((r) => String(r.body["@odata.id"]).replace(/.*\{(user|device):(.*)\}$/, "$1 $2"));
    // Every user the list names is one the tenant resolves.
    for (const m of members.filter((n) => n.startsWith("user "))) expect([...users.values()]).toContain(m.slice(5));
    return { writes, planned: requests.map((r) => `${r.method} ${r.url.slice(emu.url.length)}`), members };
  } finally {
    await emu.close();
  }
}

describe("compile --requests against an apply's own writes", () => {
  it("the reference plan: every create, action and non-empty assignment set, in order (empty sets send nothing)", async () => {
    const plan = checkFixture("plan").plan;
    if (!plan) throw new Error("plan/ does not check");
    const state = compile(plan, "limited-pilot");
    expect(
      state.assignments.some((s) => s.targets.length === 0),
      "the plan must hold an empty assignment set",
    ).toBe(true);
    const { writes, planned } = await applyLog(state);
    expect(writes.length).toBeGreaterThan(state.objects.length);
    expect(writes).toEqual(planned);
  });

  it("a group's memberList: one members/$ref per listed member, after the group's create", async () => {
    const plan = checkFixture(`${FIXTURES}valid/member-list`).plan;
    if (!plan) throw new Error("fixture does not check");
    const { writes, planned, members } = await applyLog(compile(plan, "pilot"));
    expect(writes).toEqual(planned);
    expect(members).toEqual([
      "user pilot01@contoso.example",
      "user pilot02@contoso.example",
      "user pilot02@contoso.example",
      "user pilot03@contoso.example",
      "device CTS-LT-04",
    ]);
  });
});
