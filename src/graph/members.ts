// An assigned group's planned members (`memberList`) in a tenant (GRAPH-NOTES §2.1): names resolved to directory
// object ids (users by userPrincipalName, `GET /users/{upn}?$select=id`; devices by name, `GET /devices?$filter=
// displayName eq '…'`; both through $batch, 20 per request), the group's current members read in one listing, and
// the writes that bring the group to the plan: `POST /groups/{id}/members/$ref` for each planned member it lacks,
// `DELETE /groups/{id}/members/{id}/$ref` for each member the plan listed before and no longer lists. A member the
// plan never listed is never removed: nothing is lost that the plan does not own.
import type { DesiredObject, JsonObject, PlannedMembers } from "../compile/desired-state.ts";
import type { GraphClient } from "./client.ts";
import { GraphRequestError } from "./errors.ts";
import { odataString } from "./odata-literal.ts";

/** Names that name no directory object (or, for devices, more than one): nothing was written for the group. */
export class UnresolvedMembersError extends Error {
  readonly address: string;
  readonly names: readonly string[];
  constructor(address: string, groupName: string, of: PlannedMembers["of"], missing: readonly string[], ambiguous: readonly string[]) {
    const what = of === "users" ? "user" : "device";
    const parts = [
      ...(missing.length > 0 ? [`no ${what} ${missing.map((n) => JSON.stringify(n)).join(", ")} in this tenant`] : []),
      ...(ambiguous.length > 0 ? [`more than one device named ${ambiguous.map((n) => JSON.stringify(n)).join(", ")}`] : []),
    ];
    super(
      `${address} ("${groupName}"): its memberList names ${parts.join(", and ")}; no member of the group was added or removed. ${of === "users" ? "Check the userPrincipalName (the user must exist in the tenant)" : "Check the device name, or list the device by a unique name"}, then run again.`,
    );
    this.address = address;
    this.names = [...missing, ...ambiguous];
  }
}

const fold = (s: string): string => s.trim().toLowerCase();

/** The name a directory object is listed under in a member list of kind `of`. */
const nameOf = (of: PlannedMembers["of"], item: JsonObject): string =>
  String((of === "users" ? item["userPrincipalName"] : item["displayName"]) ?? "");

/** Directory object ids of `names`, in order; throws UnresolvedMembersError naming every name that did not resolve. */
export async function resolveMembers(
  client: GraphClient,
  group: Pick<DesiredObject, "address" | "displayName">,
  members: PlannedMembers,
  names: readonly string[] = members.names,
): Promise<string[]> {
  if (names.length === 0) return [];
  const urls = names.map((n) =>
    members.of === "users"
      ? `/users/${encodeURIComponent(n)}?$select=id`
      : `/devices?$filter=${encodeURIComponent(`displayName eq ${odataString(n)}`)}&$select=id,displayName`,
  );
  const replies = await client.batchGet(urls, "v1.0");
  const ids: string[] = [];
  const missing: string[] = [];
  const ambiguous: string[] = [];
  replies.forEach((reply, i) => {
    const name = names[i] ?? "";
    if (reply instanceof GraphRequestError) {
      if (reply.status === 404) {
        missing.push(name);
        return;
      }
      throw reply;
    }
    if (members.of === "users") {
      ids.push(String(reply["id"]));
      return;
    }
    const found = (Array.isArray(reply["value"]) ? (reply["value"] as JsonObject[]) : []).filter(
      (d) => fold(String(d["displayName"] ?? "")) === fold(name),
    );
    if (found.length === 0) missing.push(name);
    else if (found.length > 1) ambiguous.push(name);
    else ids.push(String(found[0]?.["id"]));
  });
  if (missing.length + ambiguous.length > 0)
    throw new UnresolvedMembersError(group.address, group.displayName, members.of, missing, ambiguous);
  return ids;
}

/** The group's members now, by the name a member list of kind `of` uses (folded) → id: one listing, paged. */
export async function currentMembers(client: GraphClient, groupId: string, of: PlannedMembers["of"]): Promise<Map<string, string>> {
  const items = await client.list(`/groups/${groupId}/members?$select=id,displayName,userPrincipalName`, "v1.0");
  const type = of === "users" ? "#microsoft.graph.user" : "#microsoft.graph.device";
  return new Map(
    items.filter((m) => m["@odata.type"] === undefined || m["@odata.type"] === type).map((m) => [fold(nameOf(of, m)), String(m["id"])]),
  );
}

/**
 * The tenant's side of a planned member list, for comparing with the plan: the names among `owned` (the names the
 * plan lists, and listed before) that are members now, in the plan's spelling and order. Members the plan never
 * listed are left out: they are not the plan's to show or change.
 */
export function observedMembers(current: ReadonlyMap<string, string>, owned: readonly string[]): string[] {
  const seen = new Set<string>();
  return owned.filter((n) => {
    const k = fold(n);
    if (seen.has(k) || !current.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Graph's answer to adding a member twice (the add happened before, e.g. a retried write): already done. */
const alreadyMember = (error: unknown): boolean =>
  error instanceof GraphRequestError && error.status === 400 && /already exist/i.test(error.message);

/** The `@odata.id` of a directory object on this client's endpoint (the emulator's origin, or the cloud's). */
const directoryObjectUrl = (endpoint: string, id: string): string => `${endpoint.replace(/\/+$/, "")}/v1.0/directoryObjects/${id}`;

/**
 * Brings group `groupId`'s planned members to `obj.members`: adds each listed member it lacks, and removes each
 * member `previous` listed that the plan no longer does. `resolved` are ids already resolved for every listed name
 * (a create resolves them before it makes the group). Returns the names added and removed.
 */
export async function syncMembers(
  client: GraphClient,
  obj: Pick<DesiredObject, "address" | "displayName" | "members">,
  groupId: string,
  previous: PlannedMembers | undefined,
  resolved?: readonly string[],
): Promise<{ added: string[]; removed: string[] }> {
  const desired = obj.members;
  const of = desired?.of ?? previous?.of;
  if (!of) return { added: [], removed: [] };
  const wanted = desired?.names ?? [];
  const keep = new Set(wanted.map(fold));
  const current = resolved ? new Map<string, string>() : await currentMembers(client, groupId, of);
  const toAdd = wanted.filter((n) => !current.has(fold(n)));
  const toRemove = (previous?.of === of ? previous.names : []).filter((n) => !keep.has(fold(n)) && current.has(fold(n)));
  const ids = resolved ?? (desired ? await resolveMembers(client, obj, desired, toAdd) : []);
  for (const id of ids) {
    try {
      await client.action(`/groups/${groupId}/members/$ref`, { "@odata.id": directoryObjectUrl(client.endpoint, id) }, "v1.0");
    } catch (error) {
      if (!alreadyMember(error)) throw error;
    }
  }
  for (const name of toRemove) {
    try {
      await client.delete(`/groups/${groupId}/members/${current.get(fold(name)) ?? ""}/$ref`, "v1.0");
    } catch (error) {
      if (!(error instanceof GraphRequestError && error.status === 404)) throw error;
    }
  }
  return { added: toAdd, removed: toRemove };
}

/**
 * The users each group holds in the tenant now, as the keys a member list counts by (userPrincipalName folded, else
 * the id): one paged listing per group of its direct members. Groups nested in a group are not expanded (a nested
 * group's users are not counted). Keyed by the address given in `groups`.
 */
export async function tenantGroupUsers(client: GraphClient, groups: ReadonlyMap<string, string>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const [address, id] of groups) {
    const items = await client.list(`/groups/${id}/members?$select=id,userPrincipalName`, "v1.0");
    const people = items.filter((m) => m["@odata.type"] === undefined || m["@odata.type"] === "#microsoft.graph.user");
    out.set(address, [...new Set(people.map((m) => fold(String(m["userPrincipalName"] ?? m["id"] ?? ""))))]);
  }
  return out;
}
