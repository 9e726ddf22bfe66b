// Entra's directory as far as group membership needs it (GRAPH-NOTES §2.1): users (read by id or by
// userPrincipalName), devices (listed, with `$filter=displayName eq '…'`), and a group's members: GET members (paged)
// and $count, POST members/$ref, DELETE members/{id}/$ref. Directory objects are the tenant's /users and /devices
// plus, with a simulated rollout, its users and devices. A group's members are the ones added through $ref plus the
// ones a simulated rollout names for it (by displayName, rollout-model.ts); only the former can be removed.
import { badRequest, GraphFault, notFound } from "./errors.ts";
import type { JsonRecord, JsonValue } from "./graph-types.ts";
import { listPage, parseQuery, selected } from "./odata.ts";
import { RolloutView } from "./rollout-outcomes.ts";
import type { StoredEntity, TenantData } from "./store.ts";
import { entities, own } from "./store.ts";
import type { EmulatedTenant } from "./tenant.ts";
import { specFor } from "./tenant.ts";

export interface DirectoryAnswer {
  readonly status: number;
  readonly body?: JsonRecord | string;
  readonly headers?: Record<string, string>;
}

const KEY = String.raw`(?:\/|\(')([^/')]+)'?\)?`;
const USER = new RegExp(`^/users${KEY}$`);
const DEVICE = new RegExp(`^/devices${KEY}$`);
/** A user's or a device's groups: `/users/{id|upn}/transitiveMemberOf[/microsoft.graph.group]`, the same for devices. */
const MEMBER_OF = new RegExp(`^/(users|devices)${KEY}/transitiveMemberOf(/microsoft\\.graph\\.group)?$`);
const MEMBERS = new RegExp(`^/groups${KEY}/members(/\\$count)?$`);
const ADD_MEMBER = new RegExp(`^/groups${KEY}/members/\\$ref$`);
const REMOVE_MEMBER = new RegExp(`^/groups${KEY}/members${KEY}/\\$ref$`);
/** The directory object an `@odata.id` names: `…/directoryObjects/{id}`, `…/users/{id}`, `…/devices('{id}')`. */
const ODATA_ID = /(?:directoryObjects|users|devices)(?:\/|\(')([^/')]+)'?\)?\/?$/;

const isRecord = (v: JsonValue | undefined): v is JsonRecord => typeof v === "object" && v !== null && !Array.isArray(v);

const userOf = (u: JsonRecord): JsonRecord => ({
  "@odata.type": "#microsoft.graph.user",
  id: u["id"] ?? null,
  displayName: u["displayName"] ?? null,
  userPrincipalName: u["userPrincipalName"] ?? null,
  mail: u["mail"] ?? u["userPrincipalName"] ?? null,
  accountEnabled: u["accountEnabled"] ?? true,
});
const deviceOf = (d: JsonRecord): JsonRecord => ({
  "@odata.type": "#microsoft.graph.device",
  id: d["id"] ?? null,
  displayName: d["displayName"] ?? null,
  deviceId: d["deviceId"] ?? d["id"] ?? null,
  operatingSystem: d["operatingSystem"] ?? null,
  accountEnabled: d["accountEnabled"] ?? true,
});

/** Every user of the tenant: its own, then the simulated rollout's. */
function users(data: TenantData): JsonRecord[] {
  return [
    ...Object.values(entities(data, "/users")).map((e) => userOf(e.body)),
    ...(data.rollout?.users ?? []).map((u) => userOf({ id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName })),
  ];
}

const OS: Readonly<Record<string, string>> = {
  windows: "Windows",
  iOS: "iOS",
  macOS: "MacMDM",
  androidWorkProfile: "AndroidForWork",
  androidFullyManaged: "AndroidEnterprise",
};

/** Every device of the tenant: its own, then the simulated rollout's. */
function devices(data: TenantData): JsonRecord[] {
  return [
    ...Object.values(entities(data, "/devices")).map((e) => deviceOf(e.body)),
    ...(data.rollout?.devices ?? []).map((d) => deviceOf({ id: d.id, displayName: d.deviceName, operatingSystem: OS[d.platform] ?? null })),
  ];
}

/** A user by object id or by userPrincipalName (Graph compares UPNs without regard to case). */
function findUser(data: TenantData, key: string): JsonRecord | undefined {
  const own_ = own(entities(data, "/users"), key);
  if (own_) return userOf(own_.body);
  const folded = key.toLowerCase();
  return users(data).find((u) => String(u["id"]).toLowerCase() === folded || String(u["userPrincipalName"]).toLowerCase() === folded);
}

/** An Entra device by object id (not its deviceId, not an Intune managed device's id). */
function findDevice(data: TenantData, id: string): JsonRecord | undefined {
  const folded = id.toLowerCase();
  return devices(data).find((d) => String(d["id"]).toLowerCase() === folded);
}

/** A user or a device by object id. */
function findObject(data: TenantData, id: string): JsonRecord | undefined {
  const folded = id.toLowerCase();
  return (
    users(data).find((u) => String(u["id"]).toLowerCase() === folded) ?? devices(data).find((d) => String(d["id"]).toLowerCase() === folded)
  );
}

/** The group's members: added through $ref, then those a simulated rollout names, each once. */
function membersOf(data: TenantData, group: StoredEntity): JsonRecord[] {
  const out = new Map<string, JsonRecord>();
  for (const id of group.members ?? []) {
    const found = findObject(data, id);
    if (found) out.set(id.toLowerCase(), found);
  }
  if (data.rollout) {
    const sim = new RolloutView(data, data.rollout).membersOf(String(group.body["displayName"] ?? ""));
    for (const u of sim.users)
      if (!out.has(u.id.toLowerCase()))
        out.set(u.id.toLowerCase(), userOf({ id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName }));
    for (const d of sim.devices)
      if (!out.has(d.id.toLowerCase()))
        out.set(d.id.toLowerCase(), deviceOf({ id: d.id, displayName: d.deviceName, operatingSystem: OS[d.platform] ?? null }));
  }
  return [...out.values()];
}

const groupOf = (g: JsonRecord): JsonRecord => ({
  "@odata.type": "#microsoft.graph.group",
  id: g["id"] ?? null,
  displayName: g["displayName"] ?? null,
  description: g["description"] ?? null,
  groupTypes: g["groupTypes"] ?? [],
  securityEnabled: g["securityEnabled"] ?? true,
  mailEnabled: g["mailEnabled"] ?? false,
});

/**
 * The groups `objectId` (a user or a device) is a member of: every group whose members (added through $ref, listed
 * by a seed, or named by a simulated rollout) hold it. Transitive in name only: the emulator's groups hold users and
 * devices, never groups, so there is no nesting to follow. A dynamic group's members are whatever the seed lists
 * (the emulator does not evaluate membership rules).
 */
function groupsOf(data: TenantData, objectId: string): JsonRecord[] {
  const folded = objectId.toLowerCase();
  return Object.values(entities(data, "/groups"))
    .filter((g) => membersOf(data, g).some((m) => String(m["id"]).toLowerCase() === folded))
    .map((g) => groupOf(g.body));
}

/** How many members a group has through $ref or a simulated rollout (devices.ts falls back on its model at 0). */
export function listedMemberCount(data: TenantData, groupId: string): number {
  const group = own(entities(data, "/groups"), groupId);
  return group ? membersOf(data, group).length : 0;
}

function page(
  items: readonly JsonRecord[],
  params: URLSearchParams,
  base: string,
  path: string,
  contextUrl: string,
  pageSize: number,
): JsonRecord {
  const query = parseQuery(params, "directory");
  return listPage(query.filter ? items.filter(query.filter) : items, query, params, { base, path, contextUrl, pageSize });
}

const isDynamic = (group: StoredEntity): boolean =>
  Array.isArray(group.body["groupTypes"]) && group.body["groupTypes"].includes("DynamicMembership");

/**
 * The directory routes, or undefined when the request is not one of them (routes.ts goes on). `path` is below the
 * version, decoded and without the query.
 */
export function directoryRoute(
  tenant: EmulatedTenant,
  method: string,
  path: string,
  params: URLSearchParams,
  body: JsonValue | undefined,
  base: string,
  consistencyLevel?: string,
): DirectoryAnswer | undefined {
  const data = tenant.data;
  if (method === "GET") {
    if (path === "/users") return { status: 200, body: page(users(data), params, base, path, `${base}/$metadata#users`, 100) };
    if (path === "/devices") return { status: 200, body: page(devices(data), params, base, path, `${base}/$metadata#devices`, 100) };
    const user = USER.exec(path);
    if (user) {
      const key = user[1] ?? "";
      const found = findUser(data, key);
      if (!found) throw notFound(key, "directory");
      return {
        status: 200,
        body: { "@odata.context": `${base}/$metadata#users/$entity`, ...selected(found, parseQuery(params, "directory").select) },
      };
    }
    const device = DEVICE.exec(path);
    if (device) {
      const found = findDevice(data, device[1] ?? "");
      if (!found) throw notFound(device[1] ?? "", "directory");
      return {
        status: 200,
        body: { "@odata.context": `${base}/$metadata#devices/$entity`, ...selected(found, parseQuery(params, "directory").select) },
      };
    }
    const memberOf = MEMBER_OF.exec(path);
    if (memberOf) {
      const [, collection = "", key = "", cast] = memberOf;
      // An OData cast on a directory relationship is an advanced query: Graph documents `ConsistencyLevel: eventual`
      // and `$count=true` as required with it (Learn, user-list-transitivememberof / device-list-transitivememberof;
      // GRAPH-NOTES §10.7). The emulator refuses the cast without them, so a client that forgets either (on any
      // page: §10.2, headers are not carried to next links) fails here. UNCONFIRMED: Graph's exact code and text.
      if (cast && (consistencyLevel?.toLowerCase() !== "eventual" || parseQuery(params, "directory").count !== true))
        throw new GraphFault(
          400,
          "Request_UnsupportedQuery",
          "Unsupported Query. This query needs the header 'ConsistencyLevel: eventual' and '$count=true'.",
        );
      const owner = collection === "users" ? findUser(data, key) : findDevice(data, key);
      if (!owner) throw notFound(key, "directory");
      const items = groupsOf(data, String(owner["id"]));
      const query = parseQuery(params, "directory");
      const listed = page(items, params, base, path, `${base}/$metadata#${cast ? "groups" : "directoryObjects"}`, 100);
      // @odata.count on the first page only (GRAPH-NOTES §10.2).
      const count = query.count && query.skip === 0 ? { "@odata.count": (query.filter ? items.filter(query.filter) : items).length } : {};
      return { status: 200, body: { ...listed, ...count } };
    }
    const members = MEMBERS.exec(path);
    if (members) {
      const group = tenant.get(groups(), members[1] ?? "");
      const items = membersOf(data, group);
      // $count of a group with no known members keeps the member-count model (devices.ts, routes.ts).
      if (members[2])
        return items.length === 0 ? undefined : { status: 200, body: String(items.length), headers: { "content-type": "text/plain" } };
      return { status: 200, body: page(items, params, base, path, `${base}/$metadata#directoryObjects`, 100) };
    }
    return undefined;
  }
  const add = method === "POST" ? ADD_MEMBER.exec(path) : null;
  if (add) {
    const group = tenant.get(groups(), add[1] ?? "");
    const ref = isRecord(body) ? body["@odata.id"] : undefined;
    const id = typeof ref === "string" ? ODATA_ID.exec(ref)?.[1] : undefined;
    if (id === undefined)
      throw badRequest("Invalid object identifier: the body needs '@odata.id', the URL of a directory object.", "directory");
    const member = findObject(data, id);
    if (!member) throw notFound(id, "directory");
    // UNCONFIRMED wording: Graph refuses hand-added members of a dynamic group (ENTRA); the exact text was not found.
    if (isDynamic(group)) throw badRequest("Members of a group with dynamic membership cannot be added or removed by hand.", "directory");
    if (membersOf(data, group).some((m) => String(m["id"]).toLowerCase() === id.toLowerCase())) {
      throw new GraphFault(
        400,
        "Request_BadRequest",
        "One or more added object references already exist for the following modified properties: 'members'.",
      );
    }
    tenant.setMembers(groups(), add[1] ?? "", [...(group.members ?? []), String(member["id"])]);
    return { status: 204 };
  }
  const remove = method === "DELETE" ? REMOVE_MEMBER.exec(path) : null;
  if (remove) {
    const group = tenant.get(groups(), remove[1] ?? "");
    const id = (remove[2] ?? "").toLowerCase();
    const kept = (group.members ?? []).filter((m) => m.toLowerCase() !== id);
    if (kept.length === (group.members ?? []).length) throw notFound(remove[2] ?? "", "directory");
    tenant.setMembers(groups(), remove[1] ?? "", kept);
    return { status: 204 };
  }
  return undefined;
}

function groups(): NonNullable<ReturnType<typeof specFor>> {
  const spec = specFor("/groups");
  if (!spec) throw new Error("no /groups collection");
  return spec;
}
