// Reads a rollout's health from Graph (the I/O half of `intune-plan status`): the phase's policies by name, each
// measured policy's device overview, user overview and per-setting summaries (compliance, classic configuration),
// device summary report (settings catalog) or deployment summary (app protection), all through $batch (20 to a request),
// the audience groups' members and the tenant's managed devices, each listed once and paged. So a read costs
// O(policies / 20 + groups + pages). What it reads and the permission each needs: src/reports/status-reads.ts.
// A failed or malformed answer is a typed error (GraphRequestError, with Graph's request id), never a guessed zero.
import type { DesiredObject, Json, JsonObject, Kind } from "../compile/desired-state.ts";
import type {
  Acceptance,
  Deployment,
  Outcomes,
  PhaseHealth,
  PhaseReach,
  PolicyHealth,
  SettingTrouble,
} from "../compile/observed-health.ts";
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

/**
 * How Graph reports on each kind: compliance and classic configuration policies have per-policy device and user
 * overviews (GETs); settings-catalog policies only Intune's report action getConfigurationPolicyDeviceSummaryReport
 * (a POST, one per policy, also carried in $batch); app-protection policies a deploymentSummary of users (a GET).
 * The name Graph matches on is `name` for settings catalog, displayName elsewhere.
 */
type How = "overviews" | "summaryReport" | "deployment" | "acceptance";
const READ: Partial<Readonly<Record<Kind, { readonly how: How; readonly name: "displayName" | "name" }>>> = {
  // Terms and conditions: GET …/termsAndConditions/{id}/acceptanceStatuses (GRAPH-NOTES §9.2), against the version
  // the list reads with the name.
  termsAndConditions: { how: "acceptance", name: "displayName" },
  compliancePolicy: { how: "overviews", name: "displayName" },
  deviceConfiguration: { how: "overviews", name: "displayName" },
  settingsCatalogPolicy: { how: "summaryReport", name: "name" },
  appProtectionPolicy: { how: "deployment", name: "displayName" },
};
const UNMEASURED_WHY = "Graph keeps no per-policy figures for this kind; not read";
export const SUMMARY_REPORT = "/deviceManagement/reports/getConfigurationPolicyDeviceSummaryReport";

const malformed = (path: string, what: string): UnexpectedResponseError =>
  new UnexpectedResponseError({ method: "GET", path, status: 200, code: "UnexpectedResponse", requestId: null, message: what });

/** One name → one id per collection; two objects with a plan policy's name are an error, never a guess. */
function byName(
  items: readonly JsonObject[],
  address: string,
  name: string,
  property: "displayName" | "name" = "displayName",
): string | undefined {
  const ids = items.filter((i) => i[property] === name).map((i) => String(i["id"]));
  if (ids.length > 1) throw new AmbiguousMatchError(address, name, ids);
  return ids[0];
}

function count(body: JsonObject, key: string, path: string): number {
  const v = body[key];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
    throw malformed(path, `Graph answered without a count ${key} (got ${JSON.stringify(v) ?? "nothing"})`);
  return v;
}

/** Graph's overview counts as the six outcomes; errorCount and failedCount (non-compliant) both count as failed. */
function outcomes(body: JsonObject, path: string): Outcomes {
  return toOutcomes(
    ["successCount", "errorCount", "failedCount", "conflictCount", "pendingCount", "notApplicableCount"].map((k) =>
      count(body, k, path),
    ) as SixCounts,
  );
}

/** A report's six counts in this order: succeeded, two kinds of failure (error and non-compliant, either order), conflict, pending, not applicable. */
type SixCounts = [number, number, number, number, number, number];

function toOutcomes([succeeded, error, failed, conflict, pending, notApplicable]: SixCounts): Outcomes {
  return {
    reached: succeeded + error + failed + conflict + pending + notApplicable,
    succeeded,
    failed: error + failed,
    conflict,
    pending,
    notApplicable,
  };
}

function troubles(body: JsonObject, path: string): SettingTrouble[] {
  const rows = body["value"];
  if (!Array.isArray(rows)) throw malformed(path, 'a deviceSettingStateSummaries answer has no "value" array');
  return (rows as JsonObject[])
    .map((r) => ({
      setting: String(r["settingName"] ?? r["instancePath"] ?? "?"),
      conflictDevices: count(r, "conflictDeviceCount", path),
      errorDevices: count(r, "errorDeviceCount", path),
    }))
    .filter((t) => t.conflictDevices > 0 || t.errorDevices > 0);
}

/**
 * A row of Intune's report table (`Schema`: [{ Column, PropertyType }], `Values`: rows in that column order) as six
 * outcomes. Request and answer shape: beta `POST /deviceManagement/reports/getConfigurationPolicyDeviceSummaryReport`
 * with `{ filter: "(PolicyId eq '<id>')", skip, top, select, orderBy, search }`, as public tooling calls it
 * (IntuneAssignmentChecker's Get-ConfigurationPolicyDeviceSummaryReport reads NumberOfCompliantDevices,
 * NumberOfNonCompliantDevices, NumberOfErrorDevices, NumberOfConflictDevices, NumberOfInProgressDevices and
 * NumberOfNotApplicableDevices by the Schema's column names). Non-compliant and error both count as failed.
 */
function reportOutcomes(body: JsonObject, id: string, path: string): Outcomes {
  const schema = body["Schema"];
  const values = body["Values"];
  if (!Array.isArray(schema) || !Array.isArray(values))
    throw new UnexpectedResponseError({
      method: "POST",
      path,
      status: 200,
      code: "UnexpectedResponse",
      requestId: null,
      message: "the report answer has no Schema and Values arrays",
    });
  const columns = schema.map((c) => (c !== null && typeof c === "object" && !Array.isArray(c) ? String((c as JsonObject)["Column"]) : ""));
  const rows = values.filter((r): r is readonly Json[] => Array.isArray(r));
  const idAt = columns.indexOf("PolicyId");
  // The filter names one policy; a row for another (or none at all: no device has reported) counts nothing.
  const row = rows.find((r) => idAt < 0 || r[idAt] === id);
  const at = (column: string): number => {
    if (!row) return 0;
    const i = columns.indexOf(column);
    const v = i < 0 ? undefined : row[i];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
      throw new UnexpectedResponseError({
        method: "POST",
        path,
        status: 200,
        code: "UnexpectedResponse",
        requestId: null,
        message: `the report answer has no count ${column} (got ${JSON.stringify(v) ?? "nothing"})`,
      });
    return v;
  };
  return toOutcomes(
    [
      "NumberOfCompliantDevices",
      "NumberOfNonCompliantDevices",
      "NumberOfErrorDevices",
      "NumberOfConflictDevices",
      "NumberOfInProgressDevices",
      "NumberOfNotApplicableDevices",
    ].map(at) as SixCounts,
  );
}

/** managedAppPolicyDeploymentSummary (beta and v1.0 `GET …ManagedAppProtections/{id}/deploymentSummary`, DeviceManagementApps.Read.All). */
function deployment(body: JsonObject, path: string): Deployment {
  const perApp = body["configurationDeploymentSummaryPerApp"] ?? [];
  if (!Array.isArray(perApp)) throw malformed(path, "a deploymentSummary has no configurationDeploymentSummaryPerApp array");
  return {
    deployedUsers: count(body, "configurationDeployedUserCount", path),
    apps: (perApp as JsonObject[]).map((a) => {
      const idOf = a["mobileAppIdentifier"];
      const app =
        idOf !== null && typeof idOf === "object" && !Array.isArray(idOf)
          ? String((idOf as JsonObject)["bundleId"] ?? (idOf as JsonObject)["packageId"] ?? "?")
          : "?";
      return { app, users: count(a, "configurationAppliedUserCount", path) };
    }),
  };
}

/** A terms policy as read, before it is counted against a phase's audience: its version and who accepted which. */
interface Accepted {
  readonly address: string;
  readonly displayName: string;
  readonly kind: Kind;
  readonly id: string;
  readonly version: number;
  /** userPrincipalName (lower case) → the version that user accepted last. */
  readonly byUser: ReadonlyMap<string, number>;
}

async function readPolicies(
  client: GraphClient,
  policies: readonly DesiredObject[],
): Promise<{ out: Map<string, PolicyHealth>; accepted: Map<string, Accepted> }> {
  const out = new Map<string, PolicyHealth>();
  const accepted = new Map<string, Accepted>();
  // The collections' first pages in one $batch (up to five collections); one that pages on is listed in full.
  const listUrls = new Map<string, string>();
  for (const p of policies) {
    const read = READ[p.kind];
    if (read && !listUrls.has(p.collection))
      listUrls.set(p.collection, `${p.collection}?$select=id,${read.name}${read.how === "acceptance" ? ",version" : ""}&$top=1000`);
  }
  const lists = new Map<string, JsonObject[]>();
  const firstPages = await client.batchGet([...listUrls.values()]);
  for (const [i, [collection, url]] of [...listUrls].entries()) {
    const page = firstPages[i];
    if (page instanceof GraphRequestError) throw page;
    const value = page?.["value"];
    if (!Array.isArray(value)) throw malformed(`/beta${url}`, 'a collection page has no "value" array');
    lists.set(collection, page?.["@odata.nextLink"] === undefined ? (value as JsonObject[]) : await client.list(url));
  }
  const found: { policy: DesiredObject; id: string; how: How; version: number }[] = [];
  for (const p of policies) {
    const base = { address: p.address, displayName: p.displayName, kind: p.kind };
    const read = READ[p.kind];
    if (!read) {
      out.set(p.address, { ...base, state: "unmeasured", why: UNMEASURED_WHY });
      continue;
    }
    const items = lists.get(p.collection) ?? [];
    const id = byName(items, p.address, p.displayName, read.name);
    const version = items.find((i) => String(i["id"]) === id)?.["version"];
    if (id === undefined) out.set(p.address, { ...base, state: "missing" });
    else found.push({ policy: p, id, how: read.how, version: typeof version === "number" ? version : 1 });
  }
  // Every figure in one list of $batch items (20 to a request): GETs of the overviews and deployment summaries, and a
  // POST of the summary report per settings-catalog policy ($batch carries POST items with a JSON body).
  const overviews = ["deviceStatusOverview", "userStatusOverview", "deviceSettingStateSummaries"] as const;
  const items = found.map((f) =>
    f.how === "overviews"
      ? overviews.map((r) => ({ url: `${f.policy.collection}/${f.id}/${r}` }))
      : f.how === "deployment"
        ? [{ url: `${f.policy.collection}/${f.id}/deploymentSummary` }]
        : f.how === "acceptance"
          ? [{ url: `${f.policy.collection}/${f.id}/acceptanceStatuses?$top=1000` }]
          : [
              {
                url: SUMMARY_REPORT,
                post: { filter: `(PolicyId eq '${f.id}')`, skip: 0, top: 50, select: [], orderBy: [], search: "" } as JsonObject,
              },
            ],
  );
  const answers = await client.batchRead(items.flat());
  let next = 0;
  const pagedOn: { f: (typeof found)[number]; url: string }[] = [];
  found.forEach((f, i) => {
    const mine = items[i] ?? [];
    const got = mine.map((item, j) => {
      const a = answers[next + j];
      if (a instanceof GraphRequestError) throw a;
      if (a === undefined) throw malformed(`/beta${item.url}`, "the $batch answer has no response for this request");
      return a;
    });
    const at = (j: number): string => `/beta${mine[j]?.url ?? ""}`;
    next += mine.length;
    const base = { address: f.policy.address, displayName: f.policy.displayName, kind: f.policy.kind, id: f.id };
    if (f.how === "overviews") {
      const [devices, users, settings] = got as [JsonObject, JsonObject, JsonObject];
      out.set(f.policy.address, {
        ...base,
        state: "measured",
        devices: outcomes(devices, at(0)),
        users: outcomes(users, at(1)),
        settings: troubles(settings, at(2)),
      });
    } else if (f.how === "deployment")
      out.set(f.policy.address, { ...base, state: "deployed", deployment: deployment(got[0] ?? {}, at(0)) });
    else if (f.how === "acceptance") {
      const value = got[0]?.["value"];
      if (!Array.isArray(value)) throw malformed(at(0), 'an acceptanceStatuses answer has no "value" array');
      if (got[0]?.["@odata.nextLink"] !== undefined) pagedOn.push({ f, url: mine[0]?.url ?? "" });
      else accepted.set(f.policy.address, { ...base, version: f.version, byUser: acceptances(value as JsonObject[], at(0)) });
    } else
      out.set(f.policy.address, {
        ...base,
        state: "measured",
        devices: reportOutcomes(got[0] ?? {}, f.id, at(0)),
        users: null,
        settings: [],
      });
  });
  // A policy with more acceptances than one page: listed in full, paged.
  for (const { f, url } of pagedOn) {
    const base = { address: f.policy.address, displayName: f.policy.displayName, kind: f.policy.kind, id: f.id };
    accepted.set(f.policy.address, { ...base, version: f.version, byUser: acceptances(await client.list(url), `/beta${url}`) });
  }
  return { out, accepted };
}

/**
 * Who of an audience (userPrincipalNames, lower case) accepted `version` (or later) and who only an older one: those
 * must accept again (GRAPH-NOTES §9.2: raising the version asks users again). Pure.
 */
export function acceptanceAmong(version: number, byUser: ReadonlyMap<string, number>, audience: ReadonlySet<string>): Acceptance {
  const versions = [...audience].map((u) => byUser.get(u));
  return {
    version,
    audienceUsers: audience.size,
    acceptedCurrent: versions.filter((v) => v !== undefined && v >= version).length,
    acceptedOlder: versions.filter((v) => v !== undefined && v < version).length,
  };
}

/** Each user's last accepted version, by userPrincipalName in lower case. */
function acceptances(rows: readonly JsonObject[], path: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    const upn = r["userPrincipalName"];
    const version = r["acceptedVersion"];
    if (typeof upn !== "string" || typeof version !== "number" || !Number.isInteger(version))
      throw malformed(path, "an acceptance status has no userPrincipalName or acceptedVersion");
    out.set(upn.toLowerCase(), Math.max(version, out.get(upn.toLowerCase()) ?? version));
  }
  return out;
}

/** A phase's reach, and the userPrincipalNames (lower case) of its audience, which acceptance is counted against. */
async function readReach(
  client: GraphClient,
  phases: readonly PhaseQuery[],
): Promise<Map<string, { reach: PhaseReach; upns: ReadonlySet<string> }>> {
  const out = new Map<string, { reach: PhaseReach; upns: ReadonlySet<string> }>();
  if (phases.length === 0) return out;
  const upnOf = new Map<string, string>();
  const groups = await client.list("/groups?$select=id,displayName&$top=999", "v1.0");
  const devices = await client.list("/deviceManagement/managedDevices?$select=id,userId,complianceState&$top=1000");
  const membersOf = new Map<string, Set<string>>();
  for (const phase of phases) {
    const users = new Set<string>();
    for (const g of phase.audience) {
      const id = byName(groups, g.address, g.displayName);
      if (id === undefined) continue;
      if (!membersOf.has(id))
        membersOf.set(
          id,
          new Set(
            (await client.list(`/groups/${id}/members?$select=id,userPrincipalName&$top=999`, "v1.0")).map((m) => {
              if (typeof m["userPrincipalName"] === "string") upnOf.set(String(m["id"]), m["userPrincipalName"].toLowerCase());
              return String(m["id"]);
            }),
          ),
        );
      for (const u of membersOf.get(id) ?? []) users.add(u);
    }
    const mine = devices.filter((d) => users.has(String(d["userId"])));
    const compliance: Record<string, number> = {};
    for (const d of mine) {
      const s = String(d["complianceState"] ?? "unknown");
      compliance[s] = (compliance[s] ?? 0) + 1;
    }
    out.set(phase.phase, {
      reach: {
        audienceUsers: users.size,
        enrolledUsers: new Set(mine.map((d) => String(d["userId"]))).size,
        enrolledDevices: mine.length,
        compliance,
      },
      upns: new Set([...users].flatMap((u) => upnOf.get(u) ?? [])),
    });
  }
  return out;
}

/** The health of every phase asked for; each policy is read once even when two phases share it. */
export async function readPhaseHealth(client: GraphClient, phases: readonly PhaseQuery[]): Promise<PhaseHealth[]> {
  const unique = new Map(phases.flatMap((p) => p.policies).map((p) => [p.address, p]));
  const { out: policies, accepted } = await readPolicies(client, [...unique.values()]);
  const reach = await readReach(client, phases);
  return phases.map((p) => {
    const r = reach.get(p.phase);
    const upns = r?.upns ?? new Set<string>();
    // Terms and conditions are counted against this phase's audience: who of them accepted the current version.
    const health = (o: DesiredObject): PolicyHealth | undefined => {
      const a = accepted.get(o.address);
      if (!a) return policies.get(o.address);
      return {
        address: a.address,
        displayName: a.displayName,
        kind: a.kind,
        state: "accepted",
        id: a.id,
        acceptance: acceptanceAmong(a.version, a.byUser, upns),
      };
    };
    return {
      phase: p.phase,
      policies: p.policies.map(health).filter((h): h is PolicyHealth => h !== undefined),
      reach: r?.reach ?? { audienceUsers: 0, enrolledUsers: 0, enrolledDevices: 0, compliance: {} },
    };
  });
}
