// What the dynamic provider does, loaded inside Pulumi's provider host process (provider.ts requires this file at
// call time, so none of it is serialized into state). Inputs are plain JSON: the compiled object or assignment set,
// the tenant ids of what it references, and the values of the secrets it names. Outputs are the inputs plus the
// Graph id, with no undefined anywhere. diff makes no network calls; every write goes through the Graph adapters.
import type { DesiredAssignmentSet, DesiredObject, DesiredTarget, JsonObject, LastWritten, WriteContext } from "../src/index.ts";
import type { Connection, GraphClient, KindInfo, StateView } from "../src/index.ts";
import {
  adoptCreatedSince,
  hashScriptProperties,
  assignObject,
  clearChildAssignments,
  canonicalTargets,
  checkGraphBody,
  CLOUDS,
  connectGraph,
  createObject,
  currentMembers,
  deleteObject,
  diffStates,
  GraphRequestError,
  isSecretProperty,
  isSecretRef,
  itemExpand,
  KINDS,
  observedBody,
  observedMembers,
  observedTargets,
  ownBody,
  PartialCreateError,
  refsIn,
  resolveRefs,
  scrubValues,
  targetKey,
  typedItem,
  tenantSettingsItem,
  updateObject,
} from "../src/index.ts";
import { z } from "zod";
import { concurrencyOf, DEFAULT_CONCURRENCY, OperationSlots } from "./operation-slots.ts";

export { limitHeapGrowth } from "./heap-growth.ts";

/** The engine's placeholder for a value not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface ObjectInputs {
  readonly resource: "object";
  readonly object: DesiredObject;
  /** Tenant ids of the objects the body references, by plan address (resolved by the engine from their outputs). */
  readonly ids: Readonly<Record<string, string>>;
  /** Values of the secrets the body names (secret inputs: the engine keeps them, and their echo, encrypted). */
  readonly secretValues: Readonly<Record<string, string>>;
  /** Tenant state seen by the last refresh (read), in Graph's shape; absent after create/update. */
  readonly observed?: JsonObject | undefined;
}

export interface AssignmentInputs {
  readonly resource: "assignments";
  readonly set: DesiredAssignmentSet;
  readonly collection: string;
  readonly apiVersion: "beta" | "v1.0";
  readonly ids: Readonly<Record<string, string>>;
  readonly observedTargets?: readonly DesiredTarget[] | undefined;
}

export type Inputs = ObjectInputs | AssignmentInputs;

/** Where and how the provider reaches Graph, and how many resources it writes at once (the stack configuration). */
export type ProviderConfig = Connection & { readonly concurrency?: number };

/**
 * The provider object's mutable part in the host: its configuration and, once used, its Graph client, its slots,
 * and the ids of the objects it created in this run (they have no assignments yet).
 */
export interface ProviderState {
  config?: ProviderConfig;
  client?: GraphClient;
  slots?: OperationSlots;
  created?: Set<string>;
}

/**
 * Reads the stack configuration (keys in the project namespace). Synchronous on purpose: the host caches the
 * provider before configure() settles, so anything configure awaits would race with the first calls.
 */
export function configureFrom(get: (key: string) => string | undefined): ProviderConfig {
  const pick = (key: string): Record<string, string> => {
    const v = get(key);
    return v ? { [key]: v } : {};
  };
  const endpoint = get("graphEndpoint") ?? CLOUDS.global.graph;
  const concurrency = concurrencyOf(get("concurrency"));
  return {
    endpoint,
    ...pick("auth"),
    ...pick("tenantId"),
    ...pick("clientId"),
    ...pick("clientSecret"),
    ...(concurrency ? { concurrency } : {}),
  };
}

/** One resource operation, in one of the host's slots. */
function inSlot<T>(state: ProviderState, work: () => Promise<T>): Promise<T> {
  state.slots ??= new OperationSlots(state.config?.concurrency ?? DEFAULT_CONCURRENCY);
  return state.slots.run(work);
}

function client(state: ProviderState): GraphClient {
  state.client ??= connectGraph(state.config ?? { endpoint: CLOUDS.global.graph }, process.env);
  return state.client;
}

/** Plain JSON: the engine's Struct rejects undefined anywhere. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const isUnknown = (v: unknown): boolean => v === UNKNOWN;

function writeContext(state: ProviderState, inputs: Inputs): WriteContext {
  return {
    client: client(state),
    idOf: (address) => {
      const id = inputs.ids[address];
      if (!id || isUnknown(id)) throw new Error(`no tenant id for ${address}: create it first`);
      return id;
    },
    secretOf: (name) => {
      const v = inputs.resource === "object" ? inputs.secretValues[name] : undefined;
      if (v === undefined)
        throw new Error(
          `secret ${name} has no value: set it with pulumi config set --secret ${name} … or the ${name} environment variable`,
        );
      return v;
    },
  };
}

/** Why a value the engine handed the provider is not this provider's inputs (a state from another program). */
export class NotProviderInputsError extends Error {}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === "object" && v !== null && !Array.isArray(v);

// The program registers these shapes (program.ts); the parts every method relies on are parsed, the compiled object
// and set themselves are checked as far as their identity (they were built by the compiler, not typed by a user).
// Loose objects: the engine's own keys (e.g. __provider) pass through untouched.
// An empty map does not survive the engine's state (the olds of an object with no references have no `ids`): absent is empty.
const strings = z.record(z.string(), z.string()).default({});
// During preview the engine may hand the whole map of ids as unknown (the sentinel string, not a map): every id is then unknown.
const ids = z.union([z.record(z.string(), z.string()), z.literal(UNKNOWN)]).default({});
const objectInputs = z.looseObject({
  resource: z.literal("object"),
  object: z.custom<DesiredObject>(
    (o) => isRecord(o) && typeof o["address"] === "string" && typeof o["kind"] === "string" && isRecord(o["body"]),
  ),
  ids,
  secretValues: strings,
  observed: z.custom<JsonObject>(isRecord).optional(),
});
const assignmentInputs = z.looseObject({
  resource: z.literal("assignments"),
  set: z.custom<DesiredAssignmentSet>((s) => isRecord(s) && typeof s["of"] === "string" && Array.isArray(s["targets"])),
  collection: z.string(),
  apiVersion: z.enum(["beta", "v1.0"]),
  ids,
  observedTargets: z.custom<readonly DesiredTarget[]>(Array.isArray).optional(),
});
const providerInputs = z.discriminatedUnion("resource", [objectInputs, assignmentInputs]);

/**
 * The engine's untyped inputs or outputs as this provider's Inputs: the shape its program registers (a `resource`
 * of "object" with a compiled object, or "assignments" with a set), parsed as far as every method relies on it.
 * Anything else is refused with the resource's first wrong part named, never used as if it fitted.
 */
export function inputsOf(value: Readonly<Record<string, unknown>>): Inputs {
  const parsed = providerInputs.safeParse(value);
  if (parsed.success) {
    const v = parsed.data;
    const refs = v.resource === "object" ? refsIn([v.object.body, ...v.object.actions.map((a) => a.body)]) : v.set.dependsOn;
    const known = v.ids === UNKNOWN ? Object.fromEntries(refs.map((address) => [address, UNKNOWN])) : v.ids;
    return v.resource === "object" ? { ...v, ids: known } : { ...v, ids: known };
  }
  const issue = parsed.error.issues[0];
  const part = issue?.path[0];
  throw new NotProviderInputsError(
    `the resource's properties are not intune-plan's (no ${typeof part === "string" ? part : "resource"}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}); was it created by another program?`,
  );
}

export function check(news: Inputs): { inputs: Inputs; failures: { property: string; reason: string }[] } {
  if (news.resource !== "object" || !news.object.odataType) return { inputs: news, failures: [] };
  // The plan was validated before the program ran; this guards bodies that reach the provider some other way.
  const body = resolveRefs(ownBody(news.object), (a) => news.ids[a] ?? UNKNOWN);
  const failures = checkGraphBody(news.object.odataType.replace("#microsoft.graph.", ""), body, new Set(["@odata.type"])).map((issue) => ({
    property: `object.body.${issue.path.join(".")}`,
    reason: issue.message,
  }));
  return { inputs: news, failures };
}

/**
 * The plan's body with its follow-up actions as properties (targetApps, setPriority), references unresolved, and a
 * group's planned members as `members` (names). `owned`: the member list the plan had before; when the plan lists
 * none now, `members: []` says the owned ones are to go.
 */
const planBody = (o: ObjectInputs, owned?: ObjectInputs): JsonObject => ({
  ...o.object.body,
  ...Object.fromEntries(o.object.actions.map((a) => [a.path.slice(1), a.body])),
  ...(o.object.members ? { members: o.object.members.names } : owned?.object.members ? { members: [] } : {}),
});
const resolvedBody = (o: ObjectInputs): JsonObject => resolveRefs(planBody(o), (a) => o.ids[a] ?? UNKNOWN);

function resolvedTargets(targets: readonly DesiredTarget[], ids: Readonly<Record<string, string>>): DesiredTarget[] {
  return canonicalTargets(
    targets.map((t) => ({
      ...t,
      ...(t.group ? { group: ids[t.group] ?? t.group } : {}),
      ...(t.filter ? { filter: { ...t.filter, address: ids[t.filter.address] ?? t.filter.address } } : {}),
    })),
  );
}

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** Tenant id → plan address, from the ids a resource was last written with (what refresh reads back as `$ref`s). */
function addressesOf(ids: Readonly<Record<string, string>>): (id: string) => string | undefined {
  const byId = new Map(Object.entries(ids).map(([address, id]) => [id.toLowerCase(), address]));
  return (id) => byId.get(id.toLowerCase());
}

/** A referenced object now has another tenant id (it was replaced): what points at it must be re-pointed. */
function refsMoved(olds: Inputs, news: Inputs): boolean {
  return Object.entries(news.ids).some(([address, id]) => olds.ids[address] !== undefined && olds.ids[address] !== id);
}

/**
 * No network: the project's diff engine over the last known state and the inputs. After a refresh (`observed`),
 * the tenant's body, with the ids the resource references read back as plan references, is compared with the
 * plan's body, as `intune-plan preview` compares them; otherwise the last written inputs are compared.
 */
export function diff(olds: Inputs, news: Inputs): DiffResult {
  if (olds.resource !== news.resource) return { changes: true, replaces: ["resource"], deleteBeforeReplace: true };
  if (news.resource === "assignments" && olds.resource === "assignments") {
    const before = canonicalTargets(olds.observedTargets ?? resolvedTargets(olds.set.targets, olds.ids))
      .map(targetKey)
      .join("\n");
    const after = resolvedTargets(news.set.targets, news.ids).map(targetKey).join("\n");
    // A replaced object is a new tenant object: its assignments must be written again even when the targets are not.
    return { changes: before !== after || refsMoved(olds, news), replaces: [], deleteBeforeReplace: false };
  }
  if (news.resource !== "object" || olds.resource !== "object") return { changes: true, replaces: [], deleteBeforeReplace: false };
  const meta = {
    address: news.object.address,
    kind: news.object.kind,
    collection: news.object.collection,
    odataType: news.object.odataType,
    displayName: news.object.displayName,
  };
  const view = (source: "plan" | "tenant", body: JsonObject, kind = meta.kind, collection = meta.collection): StateView => ({
    side: { label: source, source, phase: null },
    objects: [{ ...meta, kind, collection, body }],
    assignments: [],
  });
  const [base, head] = olds.observed
    ? [view("tenant", olds.observed), view("plan", planBody(news, olds))]
    : [view("plan", resolvedBody(olds), olds.object.kind, olds.object.collection), view("plan", resolvedBody(news))];
  const [change] = diffStates(base, head, { plan: "provider" }).objects;
  const secretsChanged = JSON.stringify(olds.secretValues) !== JSON.stringify(news.secretValues);
  // Which inputs force the replacement, for the engine's "replace because" (a kind change replaces the object).
  if (change?.action === "replace") {
    const forcing = change.properties.filter((p) => p.forcesReplace).map((p) => `object.body.${p.path.join(".")}`);
    return { changes: true, replaces: forcing.length > 0 ? forcing : ["object"], deleteBeforeReplace: true };
  }
  return {
    changes:
      secretsChanged || (change !== undefined && change.action !== "no-op") || (olds.observed !== undefined && refsMoved(olds, news)),
    replaces: [],
    deleteBeforeReplace: false,
  };
}

/**
 * What the engine records for an object this create made but could not finish. The engine stores these properties
 * as the resource's outputs without marking secrets, so they hold no secret values; on the next up it calls
 * update(id, these, the inputs with their secrets), which finishes the object (updateObject). diff sees the
 * missing secretValues as a change, which is right for an unfinished object.
 */
function partialProperties(inputs: ObjectInputs, id: string): Omit<ObjectInputs, "secretValues" | "observed"> & { graphId: string } {
  const { secretValues: _secrets, observed: _stale, ...rest } = inputs;
  return plain({ ...rest, graphId: id });
}

/**
 * Any error the host sees with an `id` makes the engine keep that id as this resource, so the only error thrown
 * with one is a PartialCreateError's: an object this create made. Everything else leaves through describe().
 */
export function create(state: ProviderState, inputs: Inputs): Promise<{ id: string; outs: Inputs & { graphId: string } }> {
  return inSlot(state, () => createNow(state, inputs));
}

async function createNow(state: ProviderState, inputs: Inputs): Promise<{ id: string; outs: Inputs & { graphId: string } }> {
  try {
    const ctx = writeContext(state, inputs);
    if (inputs.resource === "assignments") {
      const objectId = ctx.idOf(inputs.set.of);
      // An object this run created has no assignments: an empty set has nothing to write.
      if (inputs.set.targets.length > 0 || !state.created?.has(objectId)) await assignObject(ctx, inputs.set, inputs, objectId);
      const id = `${objectId}#assignments`;
      return { id, outs: plain({ ...inputs, graphId: id }) };
    }
    const since = adoptCreatedSince(process.env);
    const { id, adopted } = await createObject(ctx, inputs.object, {
      adopt: inputs.object.adopt === true,
      ...(since ? { adoptCreatedSince: since } : {}),
    });
    if (!adopted) (state.created ??= new Set()).add(id);
    const { observed: _stale, ...rest } = inputs;
    return { id, outs: plain({ ...rest, graphId: id }) };
  } catch (error) {
    if (error instanceof PartialCreateError && inputs.resource === "object") {
      const { message } = describe(error, state, inputs);
      throw Object.assign(new Error(message), { id: error.id, properties: partialProperties(inputs, error.id), reasons: [message] });
    }
    throw describe(error, state, inputs);
  }
}

/**
 * What an object was last written as, when its state says so exactly: written by this provider (it has the secret
 * values it was sent with) and not read back since (a refresh that found a difference means the tenant changed).
 */
function lastWritten(state: ProviderState, olds: Inputs | undefined): LastWritten | undefined {
  if (olds?.resource !== "object" || olds.observed !== undefined) return undefined;
  const { idOf, secretOf } = writeContext(state, olds);
  return { obj: olds.object, idOf, secretOf };
}

export function update(state: ProviderState, id: string, news: Inputs, olds?: Inputs): Promise<{ outs: Inputs & { graphId: string } }> {
  return inSlot(state, () => updateNow(state, id, news, olds));
}

async function updateNow(
  state: ProviderState,
  id: string,
  news: Inputs,
  olds: Inputs | undefined,
): Promise<{ outs: Inputs & { graphId: string } }> {
  try {
    const ctx = writeContext(state, news);
    if (news.resource === "assignments") await assignObject(ctx, news.set, news, ctx.idOf(news.set.of));
    // The members the plan listed when it last wrote the group are the only ones an update may remove.
    else await updateObject(ctx, news.object, id, lastWritten(state, olds), olds?.resource === "object" ? olds.object.members : undefined);
  } catch (error) {
    throw describe(error, state, news);
  }
  const { observed: _o, observedTargets: _t, ...rest } = news as Inputs & { observed?: unknown; observedTargets?: unknown };
  return { outs: plain({ ...(rest as Inputs), graphId: id }) };
}

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `observed` without any credential's value, at any depth: where the plan holds `{ secret: NAME }` the tenant's
 * value reads as that reference (as the diff's N8 takes it), and any other non-empty string under a secret property
 * name is dropped. The engine stores read's props unmarked, so a tenant that echoes a write-only key would
 * otherwise put it into the state file in clear text.
 */
function withoutEchoedSecrets(observed: JsonObject, desired: JsonObject | undefined): JsonObject {
  const walk = (o: unknown, d: unknown): unknown => {
    if (Array.isArray(o)) return o.map((x, i) => walk(x, Array.isArray(d) ? d[i] : undefined));
    if (!isObject(o)) return o;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      const planned = isObject(d) ? d[k] : undefined;
      if (isSecretRef(planned)) out[k] = { secret: planned.secret };
      else if (!(isSecretProperty(k, o) && typeof v === "string" && v !== "")) out[k] = walk(v, planned);
    }
    return out;
  };
  return walk(observed, desired) as JsonObject;
}

/** `pulumi refresh`: what the tenant holds now; an object that is gone reads as no id (the engine drops it). */
export async function read(state: ProviderState, id: string, props: Inputs): Promise<{ id?: string; props?: Inputs }> {
  const c = client(state);
  try {
    if (props.resource === "assignments") {
      const reply = await c.get<{ value?: JsonObject[] }>(
        `${props.collection}/${props.ids[props.set.of] ?? ""}/assignments`,
        props.apiVersion,
      );
      return { id, props: plain({ ...props, observedTargets: observedTargets(reply.value ?? [], (x) => x) }) };
    }
    const info = KINDS[props.object.kind];
    // The tenant settings singleton is read by its path (kinds/tenant-settings.ts); it never reads as gone.
    const item =
      info.lifecycle === "singleton"
        ? tenantSettingsItem(await c.get<JsonObject>(info.list, props.object.apiVersion))
        : typedItem(
            props.object.collection,
            await c.get<JsonObject>(`${props.object.collection}/${id}${itemExpand(props.object.kind)}`, props.object.apiVersion),
          );
    const body = observedBody(KINDS[props.object.kind], item, addressesOf(props.ids), c.endpoint);
    // A group whose plan lists members: which of them it holds now (one listing); members the plan never listed are not shown.
    const planned = props.object.members;
    const observed = planned ? { ...body, members: observedMembers(await currentMembers(c, id, planned.of), planned.names) } : body;
    // Script text is kept as its hash: the diff compares scripts by hash, so state need not hold them twice.
    return { id, props: plain({ ...props, observed: withoutEchoedSecrets(hashScriptProperties(observed), planBody(props)) }) };
  } catch (error) {
    if (error instanceof GraphRequestError && error.status === 404) return {};
    throw describe(error, state, props);
  }
}

export function remove(state: ProviderState, id: string, props: Inputs): Promise<void> {
  return inSlot(state, () => removeNow(state, id, props));
}

async function removeNow(state: ProviderState, id: string, props: Inputs): Promise<void> {
  try {
    if (props.resource === "assignments") {
      // The set's object may already be gone (deleted in the same run): nothing left to unassign.
      const objectId = props.ids[props.set.of] ?? "";
      await assignObject(writeContext(state, props), { ...props.set, targets: [] }, props, objectId).catch((error: unknown) => {
        if (!(error instanceof GraphRequestError && error.status === 404)) throw error;
      });
      return;
    }
    // Tenant singletons and cleanup rules are never deleted (KINDS lifecycle, docs/tenant-singletons.md): the
    // resource leaves the stack and the tenant keeps the object, with the values it holds now. No Graph request.
    if (KINDS[props.object.kind].lifecycle !== "owned") return;
    // Graph refuses to delete an Autopilot profile that is still assigned (apply-object.ts clearChildAssignments): a
    // replace deletes the object before its assignment set moves, so the assignments go first. Gone already: nothing to do.
    const info: KindInfo = KINDS[props.object.kind];
    if (info.childAssignments?.clearBeforeDelete)
      await clearChildAssignments(writeContext(state, props), props.object, id).catch((error: unknown) => {
        if (!(error instanceof GraphRequestError && error.status === 404)) throw error;
      });
    await deleteObject(client(state), props.object, id);
  } catch (error) {
    throw describe(error, state, props);
  }
}

/**
 * Errors reach the engine as a new plain Error with only a message (Graph's status, code, request id and hint): no
 * `id` or `properties` a host could read as a partial create, whatever the original carried, and no secret this call
 * knows (the plan's values it sent, the client secret), however Graph or a proxy echoed it.
 */
function describe(error: unknown, state: ProviderState, inputs: Inputs): Error {
  const message = error instanceof GraphRequestError ? error.describe() : error instanceof Error ? error.message : String(error);
  const secrets = [
    ...(inputs.resource === "object" && typeof inputs.secretValues === "object" ? Object.values(inputs.secretValues) : []),
    state.config?.clientSecret,
    process.env["AZURE_CLIENT_SECRET"],
  ];
  const described = new Error(
    scrubValues(
      message,
      secrets.filter((s): s is string => typeof s === "string"),
    ),
  );
  // The provider host prints `${error}: ${error.stack}` to the user: a Graph failure is not a program fault, so it
  // is shown as the message alone, without the host's stack frames.
  described.name = "intune-plan";
  described.stack = "";
  return described;
}
