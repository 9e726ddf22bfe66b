// Writes one plan object to a tenant, with each kind's request sequence (create + follow-up actions, PATCH or PUT,
// compliance actions, /assign) and the identity rules of DESIGN §6: never a second object with the same name, a
// create whose outcome is unknown is looked up by name for as long as the tenant replicates and is never sent
// again blind (only after a full window and an answer that allows it), writers racing to create one name settle
// on one object, an existing object is adopted only when the caller says so, and a new group is waited for until
// Graph serves it (replication, N17).
import type { DesiredAssignmentSet, DesiredObject, JsonObject, PlannedMembers } from "../compile/desired-state.ts";
import type { GraphClient } from "./client.ts";
import { CreateUnconfirmedError, GraphRequestError, LostResponseError } from "./errors.ts";
import { SET_SCHEDULED_ACTIONS } from "../kinds/catalog-compliance-policy.ts";
import { KINDS } from "../kinds/index.ts";
import { isPlainObject } from "../graph-model/json.ts";
import { TENANT_SETTINGS_ID, tenantSettingsPatch } from "../kinds/tenant-settings.ts";
import { resolveMembers, syncMembers } from "./members.ts";
import { plannedMessages, syncMessages } from "./notification-messages.ts";
import { createChild, MAX_SENDS } from "./child-create.ts";
import { AmbiguousMatchError } from "./tenant-reader.ts";
import type { IdOf, SecretOf } from "./write.ts";
import { actionBodies, assignmentBody, assignmentItems, scheduledActionsBody, updateBody, writeBody } from "./write.ts";
import { ZERO_GUID } from "../graph-model/json.ts";

import { AppReferenceError, NameTakenError } from "./tenant-errors.ts";
import { odataString } from "./odata-literal.ts";

export { NameTakenError } from "./tenant-errors.ts";

/**
 * A create that made the object but failed after it (waiting for it, a follow-up action): the only error that
 * carries an `id`, always one this create made, so the caller may keep it and finish it with updateObject.
 */
export class PartialCreateError extends Error {
  readonly id: string;
  override readonly cause: unknown;
  constructor(address: string, id: string, cause: unknown) {
    super(
      `${address}: created as ${id}, then ${cause instanceof GraphRequestError ? cause.describe() : String(cause instanceof Error ? cause.message : cause)}`,
    );
    this.id = id;
    this.cause = cause;
  }
}

/** Writers kept racing to create the same name for every round of the back-off: nothing of this create is left. */
export class CreateContendedError extends Error {
  readonly address: string;
  constructor(address: string, name: string, rounds: number) {
    super(
      `${address}: another writer created "${name}" at the same moment in each of ${rounds} attempts; this run's copies were deleted again. Make sure one pipeline applies this plan at a time (one stack per tenant), then run again.`,
    );
    this.address = address;
  }
}

/** Objects of `obj`'s collection and type with its name. */
export async function findByName(
  client: GraphClient,
  obj: Pick<DesiredObject, "kind" | "collection" | "apiVersion" | "odataType" | "displayName">,
): Promise<JsonObject[]> {
  const info = KINDS[obj.kind];
  const items = await client.list(
    `${obj.collection}?$filter=${encodeURIComponent(`${info.nameProperty} eq ${odataString(obj.displayName)}`)}`,
    obj.apiVersion,
  );
  return items.filter(
    (i) => i[info.nameProperty] === obj.displayName && (obj.odataType === null || (i["@odata.type"] ?? info.baseType) === obj.odataType),
  );
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

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Objects a create of `obj` may have made. A group is also matched by its mailNickname, which the plan always sets
 * (compile derives one from the key): a group with the same name but another nickname was made by someone else
 * and is not this create's.
 */
async function createdBy(client: GraphClient, obj: DesiredObject, body: JsonObject): Promise<JsonObject[]> {
  const found = await findByName(client, obj);
  return obj.kind === "group" && typeof body["mailNickname"] === "string"
    ? found.filter((g) => g["mailNickname"] === body["mailNickname"])
    : found;
}

/**
 * The create may have happened: look for it until the tenant's replication window has passed, with backoff
 * (a new group can stay invisible to look-ups for tens of seconds, §2.6). Undefined when it never appeared.
 */
async function lookUpAfterLoss(
  client: GraphClient,
  obj: DesiredObject,
  body: JsonObject,
): Promise<{ id: string | undefined; waitedMs: number }> {
  const schedule = client.lookupSchedule(obj.kind === "group" ? "group" : "other");
  let waitedMs = 0;
  for (let delay = schedule.firstDelayMs; ; delay = Math.min(schedule.maxDelayMs, delay * 2)) {
    const found = await createdBy(client, obj, body);
    if (found.length > 1)
      throw new AmbiguousMatchError(
        obj.address,
        obj.displayName,
        found.map((e) => String(e["id"])),
      );
    if (found[0]) return { id: String(found[0]["id"]), waitedMs };
    if (waitedMs >= schedule.windowMs) return { id: undefined, waitedMs };
    const wait = Math.min(delay, schedule.windowMs - waitedMs);
    await sleep(wait);
    waitedMs += wait;
  }
}

/**
 * Whether a create that no look-up found may be sent again. Only when Graph itself answered with an error that
 * usually comes before any work (500, 502, 503): a lost reply, a gateway's 504 or a 2xx the client could not read
 * leaves a create that may still be committing or replicating, and sending it again is how duplicates were made.
 */
const mayResend = (loss: LostResponseError): boolean => loss.status === 500 || loss.status === 502 || loss.status === 503;

export interface WriteContext {
  readonly client: GraphClient;
  readonly idOf: IdOf;
  readonly secretOf: SecretOf;
}

/** Rounds of create-and-check before a create that keeps meeting a concurrent writer gives up. */
const MAX_CONTENDED_ROUNDS = 8;
/** Look-ups that may see two copies of the name (racing writers') before the pair counts as ambiguous. */
const AMBIGUOUS_ROUNDS = 5;

export interface CreateOptions {
  /** The plan adopts the tenant's object of this name (`adopt: true`). */
  readonly adopt?: boolean;
  /**
   * Also take over the tenant's only object of this name when Graph created it at or after `at` (ms since the epoch,
   * clock skew already allowed for): the objects of a `pulumi up` whose record of them was lost. `text` names the bound
   * in a refusal. An object Graph keeps no creation time for is never taken this way.
   */
  readonly adoptCreatedSince?: { readonly at: number; readonly text: string };
}

/**
 * Whether a create without `adopt` refuses the tenant's `found`: the note its NameTakenError adds ("" without a
 * bound), or undefined when `adoptCreatedSince` takes it over.
 */
function refusalNote(found: JsonObject, bound: CreateOptions["adoptCreatedSince"]): string | undefined {
  if (bound === undefined) return "";
  const created = typeof found["createdDateTime"] === "string" ? Date.parse(found["createdDateTime"]) : NaN;
  if (!Number.isFinite(created)) return ` Graph keeps no creation time for it, so ${bound.text} cannot take it over.`;
  return created < bound.at ? ` It was created ${String(found["createdDateTime"])}, before ${bound.text}.` : undefined;
}

/**
 * Creates `obj` (or adopts the existing one when `adopt`); returns its id and whether it was adopted.
 *
 * Graph has no conditional create, so two writers can both find the name free and both create it. Each create is
 * therefore checked after it: when the name now has another object besides this one, this writer deletes its own
 * (which no one else can know yet) and starts again after a random wait that grows each round, in units of how long
 * the race took; the next round's look-up then finds the other writer's object (NameTakenError) or a free name.
 * Of racing writers at most one keeps its object; a writer whose check sees no rival is the one that stays.
 */
export async function createObject(
  ctx: WriteContext,
  obj: DesiredObject,
  options: CreateOptions = {},
): Promise<{ id: string; adopted: boolean }> {
  // A singleton always exists (docs/tenant-singletons.md): its "create" is an adoption, a read and a PATCH.
  if (KINDS[obj.kind].lifecycle === "singleton") {
    await updateObject(ctx, obj, TENANT_SETTINGS_ID);
    return { id: TENANT_SETTINGS_ID, adopted: true };
  }
  // A reference (a managed Google Play or line-of-business app) is made elsewhere: found by name and adopted as it is,
  // never created or written (KINDS lifecycle "reference").
  if (KINDS[obj.kind].lifecycle === "reference") {
    const found = await findByName(ctx.client, obj);
    if (found.length > 1)
      throw new AmbiguousMatchError(
        obj.address,
        obj.displayName,
        found.map((e) => String(e["id"])),
      );
    const [item] = found;
    if (!item)
      throw new AppReferenceError(
        obj.address,
        `the tenant has no app named "${obj.displayName}"; the plan assigns it but never creates it: add it in Intune (approve it in managed Google Play, or upload the line-of-business app) first.`,
      );
    return { id: String(item["id"]), adopted: true };
  }
  // The wait's unit is the longest a create-and-check has taken here (a look-up alone counts as a quarter of one):
  // racing copies are deleted within about one such cycle, on a loopback emulator or a real tenant alike.
  let unit = 1;
  // A group's planned members are resolved before the group is made: a name that does not resolve stops the create
  // with nothing made (UnresolvedMembersError), never a group with part of its members.
  let members: string[] | undefined;
  const backOff = (round: number): Promise<void> => sleep(Math.random() * unit * 2 ** round);
  for (let round = 1; ; round++) {
    const started = Date.now();
    const existing = await findByName(ctx.client, obj);
    unit = Math.max(unit, 4 * (Date.now() - started));
    if (existing.length > 1) {
      // Racing writers' copies stay visible until their checks delete them; only a lasting pair is ambiguous.
      if (round < AMBIGUOUS_ROUNDS) {
        await backOff(round);
        continue;
      }
      throw new AmbiguousMatchError(
        obj.address,
        obj.displayName,
        existing.map((e) => String(e["id"])),
      );
    }
    const [found] = existing;
    if (found) {
      const id = String(found["id"]);
      const refusal = options.adopt ? undefined : refusalNote(found, options.adoptCreatedSince);
      if (refusal !== undefined) throw new NameTakenError(obj.address, obj.displayName, id, refusal);
      await updateObject(ctx, obj, id);
      return { id, adopted: true };
    }
    if (obj.members && members === undefined) members = await resolveMembers(ctx.client, obj, obj.members);
    let id: string;
    try {
      id = await sendCreate(ctx, obj);
    } catch (error) {
      // Graph refused the name itself (scope tags are unique): another writer got there first; the next round's
      // look-up finds its object.
      if (!refusedAsDuplicate(error) || round >= MAX_CONTENDED_ROUNDS) throw error;
      unit = Math.max(unit, Date.now() - started);
      await backOff(round);
      continue;
    }
    try {
      const rivals = await rivalsOf(ctx.client, obj, id);
      if (rivals.length === 0) {
        await runActions(ctx.client, obj, id, ctx.idOf);
        if (obj.kind === "notificationTemplate") await syncMessages(ctx.client, obj, id, []);
        if (obj.members) await syncMembers(ctx.client, obj, id, undefined, members);
        return { id, adopted: false };
      }
      await deleteObject(ctx.client, obj, id);
    } catch (error) {
      throw new PartialCreateError(obj.address, id, error);
    }
    unit = Math.max(unit, Date.now() - started);
    if (round >= MAX_CONTENDED_ROUNDS) throw new CreateContendedError(obj.address, obj.displayName, round);
    await backOff(round);
  }
}

/**
 * Other objects with the name of the object this create made as `id`. A new group is checked once the look-up
 * lists it: before that, a rival's group can be as invisible as this one (replication, §2.6). The look-up is
 * also the wait for the group to be served, so a new group costs no GET of its own.
 */
async function rivalsOf(client: GraphClient, obj: DesiredObject, id: string, attempts = 30): Promise<JsonObject[]> {
  for (let i = 1; ; i++) {
    const found = await findByName(client, obj);
    if (obj.kind !== "group" || found.some((o) => String(o["id"]) === id)) return found.filter((o) => String(o["id"]) !== id);
    if (i >= attempts) throw new Error(`Graph did not list the new group after ${attempts} look-ups; it may still be replicating`);
    await sleep(Math.min(2000, 50 * 2 ** i));
  }
}

/** Graph's answer to a create of a name it keeps unique when the name is already there (409, or 400 "already exists"). */
const refusedAsDuplicate = (error: unknown): boolean =>
  error instanceof GraphRequestError &&
  !(error instanceof LostResponseError) &&
  (error.status === 409 || (error.status === 400 && /already exists/i.test(error.message)));

/** One create's POST, resent only as the lost-response rules allow; the id of the object it made. */
async function sendCreate(ctx: WriteContext, obj: DesiredObject): Promise<string> {
  const body = writeBody(obj, ctx.idOf, ctx.secretOf, ctx.client.endpoint);
  for (let send = 1; ; send++) {
    try {
      return String((await ctx.client.create(obj.collection, body, obj.apiVersion))["id"]);
    } catch (error) {
      if (!(error instanceof LostResponseError)) throw error;
      const found = await lookUpAfterLoss(ctx.client, obj, body);
      if (found.id !== undefined) return found.id;
      if (!mayResend(error) || send >= MAX_SENDS) {
        const nickname = obj.kind === "group" && typeof body["mailNickname"] === "string" ? body["mailNickname"] : undefined;
        const info = KINDS[obj.kind];
        throw new CreateUnconfirmedError({
          address: obj.address,
          displayName: obj.displayName,
          mailNickname: nickname,
          lookup: `/${obj.apiVersion}${obj.collection}?$filter=${info.nameProperty} eq ${odataString(obj.displayName)}`,
          waitedMs: found.waitedMs,
          cause: error,
        });
      }
    }
  }
}

/** What the object was last written as, with the ids and secret values it was written with. */
export interface LastWritten {
  readonly obj: DesiredObject;
  readonly idOf: IdOf;
  readonly secretOf: SecretOf;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Brings an existing object to `obj`: its body, a compliance policy's scheduled actions, a notification template's
 * localized messages, every follow-up action.
 * That is also everything a create does after its POST, so it finishes an object a PartialCreateError left behind,
 * including a group that is not served yet. With `last` (what this object was written as, and the tenant is not
 * known to differ), only the parts that changed are sent: each is a write against the tenant's limits.
 *
 * A group's planned members are brought to the plan too (members.ts): `owned` is the member list the plan had when
 * it last wrote the group (default: `last`'s), the only members a removal may touch.
 */
export async function updateObject(
  ctx: WriteContext,
  obj: DesiredObject,
  id: string,
  last?: LastWritten,
  owned?: PlannedMembers,
): Promise<void> {
  if (KINDS[obj.kind].lifecycle === "singleton") return updateSingleton(ctx, obj, last);
  if (KINDS[obj.kind].lifecycle === "reference")
    throw new AppReferenceError(
      obj.address,
      `the tenant's app "${obj.displayName}" (${id}) differs from the identity the plan states; the plan never changes an app it references: correct the plan's identity, or the app in Intune.`,
    );
  const path = `${obj.collection}/${id}`;
  const body = updateBody(obj, ctx.idOf, ctx.secretOf, ctx.client.endpoint);
  const write = (): Promise<void> =>
    KINDS[obj.kind].update === "PUT" ? ctx.client.put(path, body, obj.apiVersion) : ctx.client.patch(path, body, obj.apiVersion);
  const before = last && last.obj.kind === obj.kind && last.obj.collection === obj.collection ? last : undefined;
  const bodyChanged = !before || !same(updateBody(before.obj, before.idOf, before.secretOf, ctx.client.endpoint), body);
  if (bodyChanged) {
    try {
      await write();
    } catch (error) {
      // A group whose create stopped while waiting for it can still be replicating (N17): wait, then write again.
      if (obj.kind !== "group" || !(error instanceof GraphRequestError) || error.status !== 404) throw error;
      await waitUntilServed(ctx.client, obj, id);
      await write();
    }
  }
  if (obj.kind === "compliancePolicy") {
    const actions = scheduledActionsBody(obj, ctx.idOf);
    if (!before || !same(scheduledActionsBody(before.obj, before.idOf), actions))
      await ctx.client.action(`${path}/scheduleActionsForRules`, actions, obj.apiVersion);
  }
  // A template's messages: only when they changed since the last write (or that is not known), each message on its own.
  if (obj.kind === "notificationTemplate" && (!before || !same(plannedMessages(before.obj), plannedMessages(obj))))
    await syncMessages(ctx.client, obj, id);
  const sent = new Map(before ? actionBodies(before.obj, before.idOf).map((a) => [a.path, a.body]) : []);
  // Settings-catalog compliance: whether a PUT of the policy keeps its scheduled actions is UNCONFIRMED (GRAPH-NOTES
  // §6.2 names only the PUT of the settings), so the actions are written again after every PUT (TF's Update does so).
  const resend = (a: { path: string }): boolean =>
    obj.kind === "catalogCompliancePolicy" && bodyChanged && a.path === SET_SCHEDULED_ACTIONS;
  for (const a of actionBodies(obj, ctx.idOf)) {
    if (!before || !same(sent.get(a.path), a.body) || resend(a)) await ctx.client.action(`${path}${a.path}`, a.body, obj.apiVersion);
  }
  const previous = owned ?? before?.obj.members;
  if (obj.kind === "group" && (obj.members || previous) && !(before && same(previous ?? null, obj.members ?? null))) {
    await syncMembers(ctx.client, obj, id, previous);
  }
}

/**
 * The tenant settings singleton: GET its current settings, PATCH them with the plan's on top. Whether Graph merges
 * a PATCH of the `settings` complex property or replaces it whole is UNCONFIRMED (no source read shows it), so the
 * settings the plan does not state are sent back as the tenant holds them. Nothing is sent when `last` shows the
 * plan's values were already written and the tenant is not known to differ.
 */
async function updateSingleton(ctx: WriteContext, obj: DesiredObject, last: LastWritten | undefined): Promise<void> {
  const body = updateBody(obj, ctx.idOf, ctx.secretOf, ctx.client.endpoint);
  if (last && last.obj.kind === obj.kind && same(updateBody(last.obj, last.idOf, last.secretOf, ctx.client.endpoint), body)) return;
  const current = await ctx.client.get<JsonObject>(KINDS[obj.kind].list, obj.apiVersion);
  const settings = current["settings"];
  const held: JsonObject = isPlainObject(settings) ? settings : {};
  await ctx.client.patch(obj.collection, tenantSettingsPatch(held, body), obj.apiVersion);
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
export async function assignObject(
  ctx: WriteContext,
  set: DesiredAssignmentSet,
  obj: Pick<DesiredObject, "collection" | "apiVersion">,
  id: string,
): Promise<void> {
  if (set.action === "/assignments") return assignChildren(ctx, set, obj, id);
  await ctx.client.action(`${obj.collection}/${id}${set.action}`, assignmentBody(set, ctx.idOf), obj.apiVersion);
}

/**
 * Terms and conditions and Autopilot deployment profiles have no /assign: each assignment is a child entity
 * (GRAPH-NOTES §9.2; Microsoft Graph beta "Create termsAndConditionsAssignment" / "Delete
 * termsAndConditionsAssignment"; TF windows_autopilot_deployment_profile resource_docs/create_req.md). The set is
 * brought to the plan with the fewest writes: the assignments Graph holds are read (GET …/assignments), each planned
 * target Graph lacks is POSTed (addChild) and each held one the plan no longer lists is DELETEd; a target held
 * already is left alone. (The Terraform providers delete them all and POST the new set, terms_and_conditions/crud.go:
 * more writes for the same result.) An empty set removes them all, which is also what an Autopilot profile needs
 * before Graph lets it be deleted (clearChildAssignments).
 */
async function assignChildren(
  ctx: WriteContext,
  set: DesiredAssignmentSet,
  obj: Pick<DesiredObject, "collection" | "apiVersion">,
  id: string,
): Promise<void> {
  const base = `${obj.collection}/${id}/assignments`;
  const held = await ctx.client.list(base, obj.apiVersion);
  const keyOf = (target: unknown): string => canonicalTarget(target);
  const planned = assignmentItems(set, ctx.idOf);
  const plannedKeys = new Set(planned.map((p) => keyOf(p["target"])));
  const heldKeys = new Set(held.map((h) => keyOf(h["target"])));
  for (const h of held)
    if (!plannedKeys.has(keyOf(h["target"]))) await deleteChild(ctx.client, `${base}/${String(h["id"])}`, obj.apiVersion);
  for (const p of planned) if (!heldKeys.has(keyOf(p["target"]))) await addChild(ctx.client, base, p, obj.apiVersion);
}

/**
 * POSTs one child assignment (createChild: a lost reply is looked up, never resent blind). Each target is one
 * assignment (its id is `<objectId>_<groupId>`, §1.4), so a look-up by target finds a create that did happen.
 */
const addChild = (client: GraphClient, base: string, body: JsonObject, version: DesiredObject["apiVersion"]): Promise<void> =>
  createChild(client, base, body, version, (held) => canonicalTarget(held["target"]) === canonicalTarget(body["target"]));

/**
 * Removes every assignment of an object whose assignments are child entities (KINDS childAssignments): an assigned
 * Autopilot profile cannot be deleted (TF windows_autopilot_deployment_profile crud.go Delete removes the assignments
 * first), so a delete, or the delete half of a replace, clears them with assignChildren's empty set first.
 */
export async function clearChildAssignments(
  ctx: WriteContext,
  obj: Pick<DesiredObject, "address" | "collection" | "apiVersion">,
  id: string,
): Promise<void> {
  const none: DesiredAssignmentSet = {
    address: `${obj.address}#assignments`,
    of: obj.address,
    action: "/assignments",
    bodyKey: "assignments",
    targets: [],
    dependsOn: [],
  };
  await assignChildren(ctx, none, obj, id);
}

/** One target's identity for comparison: its type, group and filter (Graph adds an empty filter: GRAPH-NOTES §1.4). */
function canonicalTarget(target: unknown): string {
  const t = (typeof target === "object" && target !== null ? target : {}) as Record<string, unknown>;
  const filterId = t["deviceAndAppManagementAssignmentFilterId"];
  const filterType = t["deviceAndAppManagementAssignmentFilterType"];
  const hasFilter = typeof filterId === "string" && filterId !== "" && filterId !== ZERO_GUID && filterType !== "none";
  return JSON.stringify([
    String(t["@odata.type"] ?? "").replace(/^#?microsoft\.graph\./, ""),
    typeof t["groupId"] === "string" ? t["groupId"].toLowerCase() : null,
    hasFilter ? [filterId.toLowerCase(), filterType ?? "include"] : null,
  ]);
}

async function deleteChild(client: GraphClient, path: string, version: DesiredObject["apiVersion"]): Promise<void> {
  try {
    await client.delete(path, version);
  } catch (error) {
    if (!(error instanceof GraphRequestError) || error.status !== 404) throw error;
  }
}
