// The tenant side of `explain --user` / `--device` (I/O): find the user or the Entra device, read the groups it is a
// member of (directly or through nested groups), and find which tenant groups are the plan's groups, by the same
// matching preview uses (tenant-match.ts: collection + name, two candidates an error, never a guess).
//
// Graph (Learn, user-list-transitivememberof and device-list-transitivememberof, v1.0):
// - `GET /users/{id | userPrincipalName}/transitiveMemberOf` and `GET /devices/{id}/transitiveMemberOf` list groups,
//   directory roles and administrative units; the OData cast `/microsoft.graph.group` keeps the groups only. With a
//   cast, the header `ConsistencyLevel: eventual` and `$count=true` are required (also GRAPH-NOTES §10.7); the header is
//   not carried over to next links, so every page resends it (§10.2). Pages hold 100 objects by default, 999 at most.
// - Group membership belongs to the Entra device object (`/devices`), not to the Intune managed device
//   (`/deviceManagement/managedDevices`, whose `azureADDeviceId` is the Entra device's `deviceId`). A device is found
//   by its object id, else by its `deviceId`, else by `displayName` through `$filter` (GRAPH-NOTES §2.1, as
//   members.ts resolves a member list's device names); a name that two devices carry is refused, never guessed.
import type { DesiredObject, JsonObject } from "../compile/desired-state.ts";
import type { StackOwnership } from "../compile/state-view.ts";
import type { GraphClient } from "./client.ts";
import { GraphRequestError } from "./errors.ts";
import type { KindInfo } from "../kinds/index.ts";
import { collectionsOf, KINDS, typedItem } from "../kinds/index.ts";
import { odataString } from "./odata-literal.ts";
import type { TenantItem } from "./tenant-match.ts";
import { matchTenant } from "./tenant-match.ts";

export type PrincipalKind = "user" | "device";

export interface TenantPrincipal {
  readonly kind: PrincipalKind;
  /** The directory object id (of the Entra user or device). */
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string | null;
  /** The Entra device's deviceId (an Intune managed device's azureADDeviceId). */
  readonly deviceId: string | null;
  readonly operatingSystem: string | null;
}

export interface TenantGroupRef {
  readonly id: string;
  readonly displayName: string;
}

/** No user or device answers to what was asked; the message says what was tried and what to check. */
export class PrincipalNotFoundError extends Error {
  readonly kind: PrincipalKind;
  readonly query: string;
  constructor(kind: PrincipalKind, query: string, tried: string) {
    super(
      kind === "user"
        ? `no user ${JSON.stringify(query)} in this tenant (looked up ${tried}). Give the user's userPrincipalName or its Entra object id.`
        : `no device ${JSON.stringify(query)} in this tenant (looked up ${tried}). Give the Entra device's name, object id or deviceId; an Intune managed device's own id is not an Entra device (use its azureADDeviceId).`,
    );
    this.kind = kind;
    this.query = query;
  }
}

/** Several Entra devices carry the name asked for: intune-plan will not guess which one is meant. */
export class AmbiguousPrincipalError extends Error {
  readonly ids: readonly string[];
  constructor(query: string, ids: readonly string[]) {
    super(
      `${ids.length} devices are named ${JSON.stringify(query)} (${ids.join(", ")}); intune-plan will not guess. Give the device's object id instead.`,
    );
    this.ids = ids;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (v: unknown): string | null => (typeof v === "string" ? v : null);
const USER_SELECT = "$select=id,displayName,userPrincipalName";
const DEVICE_SELECT = "$select=id,deviceId,displayName,operatingSystem";

function principalOf(kind: PrincipalKind, item: JsonObject): TenantPrincipal {
  return {
    kind,
    id: String(item["id"]),
    displayName: text(item["displayName"]) ?? String(item["id"]),
    userPrincipalName: kind === "user" ? text(item["userPrincipalName"]) : null,
    deviceId: kind === "device" ? text(item["deviceId"]) : null,
    operatingSystem: kind === "device" ? text(item["operatingSystem"]) : null,
  };
}

const notFound = (error: unknown): boolean => error instanceof GraphRequestError && error.status === 404;

/** The device list a `$filter` returns: none is not found, two or more is ambiguous. */
async function deviceBy(client: GraphClient, property: "deviceId" | "displayName", value: string): Promise<JsonObject[]> {
  return client.list(`/devices?$filter=${encodeURIComponent(`${property} eq ${odataString(value)}`)}&${DEVICE_SELECT}`, "v1.0");
}

/** The user (by userPrincipalName or object id) or the Entra device (by object id, deviceId or name) asked for. */
export async function findPrincipal(client: GraphClient, kind: PrincipalKind, query: string): Promise<TenantPrincipal> {
  if (kind === "user") {
    try {
      return principalOf("user", await client.get<JsonObject>(`/users/${encodeURIComponent(query)}?${USER_SELECT}`, "v1.0"));
    } catch (error) {
      if (notFound(error)) throw new PrincipalNotFoundError("user", query, "GET /v1.0/users/{id | userPrincipalName}");
      throw error;
    }
  }
  if (GUID.test(query)) {
    try {
      return principalOf("device", await client.get<JsonObject>(`/devices/${query}?${DEVICE_SELECT}`, "v1.0"));
    } catch (error) {
      if (!notFound(error)) throw error;
    }
    const byDeviceId = await deviceBy(client, "deviceId", query);
    if (byDeviceId[0]) return principalOf("device", byDeviceId[0]);
  }
  const named = await deviceBy(client, "displayName", query);
  if (named.length > 1)
    throw new AmbiguousPrincipalError(
      query,
      named.map((d) => String(d["id"])),
    );
  if (named[0]) return principalOf("device", named[0]);
  throw new PrincipalNotFoundError(
    "device",
    query,
    GUID.test(query) ? "as an object id, a deviceId and a displayName" : "GET /v1.0/devices?$filter=displayName eq '…'",
  );
}

/** Every group the principal is a member of, directly or through nested groups: one paged listing. */
export async function principalGroups(client: GraphClient, principal: TenantPrincipal): Promise<TenantGroupRef[]> {
  const collection = principal.kind === "user" ? "users" : "devices";
  const items = await client.list(
    `/${collection}/${principal.id}/transitiveMemberOf/microsoft.graph.group?$select=id,displayName&$count=true&$top=999`,
    "v1.0",
    (item) => ({ id: String(item["id"]), displayName: text(item["displayName"]) ?? "" }),
    { ConsistencyLevel: "eventual" },
  );
  return items.map((i) => ({ id: String(i["id"]), displayName: String(i["displayName"]) }));
}

/**
 * The tenant id of each plan group that exists in the tenant, by plan address (`groups.<key>`): the tenant's groups
 * read as the tenant reader reads them and matched to the plan's compiled groups by tenant-match.ts, so explain
 * finds exactly the groups preview would (and refuses, as preview does, a name two tenant groups carry, unless a
 * stack says which one it owns).
 */
export async function planGroupIds(
  client: GraphClient,
  groups: readonly DesiredObject[],
  stack?: StackOwnership,
): Promise<ReadonlyMap<string, string>> {
  const info: KindInfo = KINDS.group;
  const items: TenantItem[] = [];
  for (const { collection, list } of collectionsOf("group")) {
    const listed = await client.list(list, info.version, (item) => (info.builtIn(item) ? undefined : typedItem(collection, item)));
    items.push(...listed.map((item) => ({ info, collection, item, assignments: [] })));
  }
  // With a stack, the groups it owns are matched by the id it recorded (a renamed or duplicated name cannot mislead),
  // the others by name: as preview --stack matches them.
  const desired = groups.filter((g) => g.kind === "group");
  return matchTenant(items, { label: "tenant", desired, ...(stack ? { stack } : {}) }, client.endpoint).ids;
}
