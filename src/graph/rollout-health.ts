// Reads a rollout's health from Graph (the I/O half of `intune-plan status`): the phase's policies by name, each
// measured policy's device overview, user overview and per-setting summaries through $batch (20 to a request),
// the audience groups' members and the tenant's managed devices, each listed once and paged. So a read costs
// O(policies / 20 + groups + pages). What it reads and the permission each needs: src/plan/reports/status-reads.ts.
// A failed or malformed answer is a typed error (GraphRequestError, with Graph's request id), never a guessed zero.
import type { DesiredObject, JsonObject, Kind } from "../compile/desired-state.ts";
import type { Outcomes, PhaseHealth, PhaseReach, PolicyHealth, SettingTrouble } from "../rollout/health.ts";
import type { GraphClient } from "./client.ts";
import { GraphRequestError, UnexpectedResponseError } from "./errors.ts";
import { AmbiguousMatchError } from "./tenant-match.ts";

export interface PhaseQuery {
  readonly phase: string;
  /** The audience groups: plan address and displayName. */
  readonly audience: readonly { readonly address: string; readonly displayName: string }[];
  /** The policies that reach the audience in the active phase's compiled state. */
  readonly policies: readonly DesiredObject[];
}

/** Kinds with a per-policy device status overview in Graph, and where they live. */
const MEASURED: Partial<Readonly<Record<Kind, string>>> = {
  compliancePolicy: "/deviceManagement/deviceCompliancePolicies",
  deviceConfiguration: "/deviceManagement/deviceConfigurations",
};
const UNMEASURED_WHY = "Graph keeps no per-policy device overview for this kind (settings catalog and app protection report through deviceManagement/reports); not read";

const malformed = (path: string, what: string): UnexpectedResponseError =>
  new UnexpectedResponseError({ method: "GET", path, status: 200, code: "UnexpectedResponse", requestId: null, message: what });

/** One name → one id per collection; two objects with a plan policy's name are an error, never a guess. */
function byName(items: readonly JsonObject[], address: string, name: string): string | undefined {
  const ids = items.filter((i) => i["displayName"] === name).map((i) => String(i["id"]));
  if (ids.length > 1) throw new AmbiguousMatchError(address, name, ids);
  return ids[0];
}

function count(body: JsonObject, key: string, path: string): number {
  const v = body[key];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw malformed(path, `Graph answered without a count ${key} (got ${JSON.stringify(v) ?? "nothing"})`);
  return v;
}

/** Graph's overview counts as the six outcomes; errorCount and failedCount (non-compliant) both count as failed. */
function outcomes(body: JsonObject, path: string): Outcomes {
  const [succeeded, error, failed, conflict, pending, notApplicable] = ["successCount", "errorCount", "failedCount", "conflictCount", "pendingCount", "notApplicableCount"].map((k) => count(body, k, path)) as [number, number, number, number, number, number];
  return { reached: succeeded + error + failed + conflict + pending + notApplicable, succeeded, failed: error + failed, conflict, pending, notApplicable };
}

function troubles(body: JsonObject, path: string): SettingTrouble[] {
  const rows = body["value"];
  if (!Array.isArray(rows)) throw malformed(path, "a deviceSettingStateSummaries answer has no \"value\" array");
  return (rows as JsonObject[]).map((r) => ({ setting: String(r["settingName"] ?? r["instancePath"] ?? "?"), conflictDevices: count(r, "conflictDeviceCount", path), errorDevices: count(r, "errorDeviceCount", path) }))
    .filter((t) => t.conflictDevices > 0 || t.errorDevices > 0);
}

async function readPolicies(client: GraphClient, policies: readonly DesiredObject[]): Promise<Map<string, PolicyHealth>> {
  const out = new Map<string, PolicyHealth>();
  const lists = new Map<string, JsonObject[]>();
  for (const p of policies) {
    const collection = MEASURED[p.kind];
    if (collection && !lists.has(collection)) lists.set(collection, await client.list(`${collection}?$select=id,displayName&$top=1000`));
  }
  const found: { policy: DesiredObject; id: string; collection: string }[] = [];
  for (const p of policies) {
    const base = { address: p.address, displayName: p.displayName, kind: p.kind };
    const collection = MEASURED[p.kind];
    if (!collection) { out.set(p.address, { ...base, state: "unmeasured", why: UNMEASURED_WHY }); continue; }
    const id = byName(lists.get(collection) ?? [], p.address, p.displayName);
    if (id === undefined) out.set(p.address, { ...base, state: "missing" });
    else found.push({ policy: p, id, collection });
  }
  const reports = ["deviceStatusOverview", "userStatusOverview", "deviceSettingStateSummaries"] as const;
  const urls = found.flatMap((f) => reports.map((r) => `${f.collection}/${f.id}/${r}`));
  const answers = await client.batchGet(urls);
  found.forEach((f, i) => {
    const [devices, users, settings] = reports.map((_, j) => {
      const a = answers[i * reports.length + j];
      if (a instanceof GraphRequestError) throw a;
      if (a === undefined) throw malformed(`/beta${urls[i * reports.length + j] ?? ""}`, "the $batch answer has no response for this request");
      return a;
    }) as [JsonObject, JsonObject, JsonObject];
    const at = (j: number): string => `/beta${urls[i * reports.length + j] ?? ""}`;
    out.set(f.policy.address, { address: f.policy.address, displayName: f.policy.displayName, kind: f.policy.kind, state: "measured", id: f.id, devices: outcomes(devices, at(0)), users: outcomes(users, at(1)), settings: troubles(settings, at(2)) });
  });
  return out;
}

async function readReach(client: GraphClient, phases: readonly PhaseQuery[]): Promise<Map<string, PhaseReach>> {
  const out = new Map<string, PhaseReach>();
  if (phases.length === 0) return out;
  const groups = await client.list("/groups?$select=id,displayName&$top=999", "v1.0");
  const devices = await client.list("/deviceManagement/managedDevices?$select=id,userId,complianceState&$top=1000");
  const membersOf = new Map<string, Set<string>>();
  for (const phase of phases) {
    const users = new Set<string>();
    for (const g of phase.audience) {
      const id = byName(groups, g.address, g.displayName);
      if (id === undefined) continue;
      if (!membersOf.has(id)) membersOf.set(id, new Set((await client.list(`/groups/${id}/members?$select=id&$top=999`, "v1.0")).map((m) => String(m["id"]))));
      for (const u of membersOf.get(id) ?? []) users.add(u);
    }
    const mine = devices.filter((d) => users.has(String(d["userId"])));
    const compliance: Record<string, number> = {};
    for (const d of mine) { const s = String(d["complianceState"] ?? "unknown"); compliance[s] = (compliance[s] ?? 0) + 1; }
    out.set(phase.phase, { audienceUsers: users.size, enrolledUsers: new Set(mine.map((d) => String(d["userId"]))).size, enrolledDevices: mine.length, compliance });
  }
  return out;
}

/** The health of every phase asked for; each policy is read once even when two phases share it. */
export async function readPhaseHealth(client: GraphClient, phases: readonly PhaseQuery[]): Promise<PhaseHealth[]> {
  const unique = new Map(phases.flatMap((p) => p.policies).map((p) => [p.address, p]));
  const policies = await readPolicies(client, [...unique.values()]);
  const reach = await readReach(client, phases);
  return phases.map((p) => ({
    phase: p.phase,
    policies: p.policies.map((o) => policies.get(o.address)).filter((h): h is PolicyHealth => h !== undefined),
    reach: reach.get(p.phase) ?? { audienceUsers: 0, enrolledUsers: 0, enrolledDevices: 0, compliance: {} },
  }));
}
