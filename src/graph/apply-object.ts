// Writes one plan object to a tenant, with each kind's request sequence (create + follow-up actions, PATCH or PUT,
// compliance actions, /assign) and the identity rules of DESIGN §6: never a second object with the same name, a
// create whose response was lost is looked up by name before it is sent again, an existing object is adopted
// only when the caller says so, and a new group is waited for until Graph serves it (replication, N17).
import type { DesiredAssignmentSet, DesiredObject, JsonObject } from "../compile/desired-state.ts";
import type { GraphClient } from "./client.ts";
import { GraphRequestError, LostResponseError } from "./errors.ts";
import { KINDS } from "./kinds.ts";
import { AmbiguousMatchError } from "./tenant-reader.ts";
import type { IdOf, SecretOf } from "./write.ts";
import { actionBodies, assignmentBody, scheduledActionsBody, updateBody, writeBody } from "./write.ts";

/**
 * The tenant already holds an object with this name that the plan does not own. Its id is `existingId`, never
 * `id`: an error with an `id` reads as a partial create to Pulumi's dynamic provider host, which would take the
 * foreign object into state (to overwrite on the next up and delete on destroy).
 */
export class NameTakenError extends Error {
  readonly address: string;
  readonly existingId: string;
  constructor(address: string, name: string, existingId: string) {
    super(`${address}: the tenant already has "${name}" (${existingId}), which the plan does not own. Adopt it (set adopt: true on the object) or rename one of them; intune-plan never creates a second object with the same name.`);
    this.address = address;
    this.existingId = existingId;
  }
}

/**
 * A create that made the object but failed after it (waiting for it, a follow-up action): the only error that
 * carries an `id`, always one this create made, so the caller may keep it and finish it with updateObject.
 */
export class PartialCreateError extends Error {
  readonly id: string;
  override readonly cause: unknown;
  constructor(address: string, id: string, cause: unknown) {
    super(`${address}: created as ${id}, then ${cause instanceof GraphRequestError ? cause.describe() : String(cause instanceof Error ? cause.message : cause)}`);
    this.id = id;
    this.cause = cause;
  }
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Objects of `obj`'s collection and type with its name. */
export async function findByName(client: GraphClient, obj: Pick<DesiredObject, "kind" | "collection" | "apiVersion" | "odataType" | "displayName">): Promise<JsonObject[]> {
  const info = KINDS[obj.kind];
  const items = await client.list(`${obj.collection}?$filter=${encodeURIComponent(`${info.nameProperty} eq ${quote(obj.displayName)}`)}`, obj.apiVersion);
  return items.filter((i) => i[info.nameProperty] === obj.displayName && (obj.odataType === null || (i["@odata.type"] ?? info.baseType) === obj.odataType));
}

async function waitUntilServed(client: GraphClient, obj: DesiredObject, id: string, attempts = 30): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await client.get(`${obj.collection}/${id}?$select=id`, obj.apiVersion);
      return;
    } catch (error) {
      if (!(error instanceof GraphRequestError) || error.status !== 404 || i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** i)));
    }
  }
}

async function runActions(client: GraphClient, obj: DesiredObject, id: string, idOf: IdOf): Promise<void> {
  for (const a of actionBodies(obj, idOf)) await client.action(`${obj.collection}/${id}${a.path}`, a.body, obj.apiVersion);
}

/**
 * The create may have happened: look before sending it again. A new group can stay invisible for a while
 * (replication, §2.6), so groups are looked for several times before the create counts as lost.
 */
async function lookUpAfterLoss(client: GraphClient, obj: DesiredObject): Promise<string | undefined> {
  const lookups = obj.kind === "group" ? 8 : 2;
  for (let i = 1; i <= lookups; i++) {
    const found = await findByName(client, obj);
    if (found.length > 1) throw new AmbiguousMatchError(obj.address, obj.displayName, found.map((e) => String(e["id"])));
    if (found[0]) return String(found[0]["id"]);
    if (i < lookups) await new Promise((r) => setTimeout(r, Math.min(2000, 25 * 2 ** i)));
  }
  return undefined;
}

export interface WriteContext {
  readonly client: GraphClient;
  readonly idOf: IdOf;
  readonly secretOf: SecretOf;
}

/** Creates `obj` (or adopts the existing one when `adopt`); returns its id and whether it was adopted. */
export async function createObject(ctx: WriteContext, obj: DesiredObject, options: { adopt?: boolean } = {}): Promise<{ id: string; adopted: boolean }> {
  const existing = await findByName(ctx.client, obj);
  if (existing.length > 1) throw new AmbiguousMatchError(obj.address, obj.displayName, existing.map((e) => String(e["id"])));
  const [found] = existing;
  if (found) {
    if (!options.adopt) throw new NameTakenError(obj.address, obj.displayName, String(found["id"]));
    const id = String(found["id"]);
    await updateObject(ctx, obj, id);
    return { id, adopted: true };
  }
  const body = writeBody(obj, ctx.idOf, ctx.secretOf, ctx.client.endpoint);
  let id: string | undefined;
  for (let attempt = 1; id === undefined; attempt++) {
    try {
      id = String((await ctx.client.create(obj.collection, body, obj.apiVersion))["id"]);
    } catch (error) {
      if (!(error instanceof LostResponseError) || attempt >= 3) throw error;
      id = await lookUpAfterLoss(ctx.client, obj);
    }
  }
  try {
    if (obj.kind === "group") await waitUntilServed(ctx.client, obj, id);
    await runActions(ctx.client, obj, id, ctx.idOf);
  } catch (error) {
    throw new PartialCreateError(obj.address, id, error);
  }
  return { id, adopted: false };
}

/**
 * Brings an existing object to `obj`: its body, a compliance policy's scheduled actions, every follow-up action.
 * That is also everything a create does after its POST, so it finishes an object a PartialCreateError left behind,
 * including a group that is not served yet.
 */
export async function updateObject(ctx: WriteContext, obj: DesiredObject, id: string): Promise<void> {
  const path = `${obj.collection}/${id}`;
  const body = updateBody(obj, ctx.idOf, ctx.secretOf, ctx.client.endpoint);
  const write = (): Promise<void> => KINDS[obj.kind].update === "PUT" ? ctx.client.put(path, body, obj.apiVersion) : ctx.client.patch(path, body, obj.apiVersion);
  try {
    await write();
  } catch (error) {
    // A group whose create stopped while waiting for it can still be replicating (N17): wait, then write again.
    if (obj.kind !== "group" || !(error instanceof GraphRequestError) || error.status !== 404) throw error;
    await waitUntilServed(ctx.client, obj, id);
    await write();
  }
  if (obj.kind === "compliancePolicy") await ctx.client.action(`${path}/scheduleActionsForRules`, scheduledActionsBody(obj, ctx.idOf), obj.apiVersion);
  await runActions(ctx.client, obj, id, ctx.idOf);
}

/** Deletes an object the plan owns; one that is already gone counts as deleted. */
export async function deleteObject(client: GraphClient, obj: Pick<DesiredObject, "collection" | "apiVersion">, id: string): Promise<void> {
  try {
    await client.delete(`${obj.collection}/${id}`, obj.apiVersion);
  } catch (error) {
    if (!(error instanceof GraphRequestError) || error.status !== 404) throw error;
  }
}

/** Replaces an object's assignments with the set's complete list (an empty list removes them all). */
export async function assignObject(ctx: WriteContext, set: DesiredAssignmentSet, obj: Pick<DesiredObject, "collection" | "apiVersion">, id: string): Promise<void> {
  await ctx.client.action(`${obj.collection}/${id}${set.action}`, assignmentBody(set, ctx.idOf), obj.apiVersion);
}
