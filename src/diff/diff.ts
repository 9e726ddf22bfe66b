// The diff engine: base state × head state → ChangeSet. The base is the tenant (preview) or an earlier plan
// revision (review); the head is always a compiled plan. Pure and deterministic: the order of the inputs does
// not matter, the output is sorted.
import type { DesiredTarget, JsonObject } from "../compile/desired-state.ts";
import { KIND_ORDER, neverDeleted } from "../compile/desired-state.ts";
import { compareText } from "../text-order.ts";
import type { AssignmentChange, ChangeSet, ObjectChange, PropertyChange, Risk } from "./change-set.ts";
import type { Audience } from "./audience.ts";
import { UNKNOWN_AUDIENCE } from "./audience.ts";
import {
  canonicalBody,
  canonicalTargets,
  carryWriteOnlySecrets,
  forcesReplace,
  NORMALISATION,
  projectOnto,
  targetKey,
} from "./normalisation.ts";
import { isEmptyValue } from "../graph-model/json.ts";
import { diffBodies } from "./property-diff.ts";
import { accessRisks, BODY_RISKS, conditionalAccessTargets, findRisks, summarise } from "./risks.ts";
import { ownershipFindings, ownershipSummary } from "./ownership.ts";
import type { OwnershipView, StateObject, StateView } from "../compile/state-view.ts";

export interface DiffOptions {
  readonly plan: string;
  /** Sizes of the groups a change reaches, from the head plan. */
  readonly audience?: Audience;
  /** The head plan's phase keys in rollout order, to tell a promotion that skips a phase. */
  readonly phases?: readonly string[];
}

const kindRank = (o: { kind: StateObject["kind"] }): number => KIND_ORDER.indexOf(o.kind);
const byCompileOrder = (a: ObjectChange, b: ObjectChange): number => kindRank(a) - kindRank(b) || compareText(a.address, b.address);

function created(meta: Omit<ObjectChange, "action" | "properties">, headBody: JsonObject): ObjectChange {
  const properties = Object.keys(headBody)
    .filter((k) => !isEmptyValue(headBody[k]))
    .map((k): PropertyChange => ({ path: [k], after: headBody[k] ?? null }));
  return { ...meta, action: "create", properties };
}

/**
 * Every top-level property of a tenant body that diffStates can read with `head` as the plan side: compareObject
 * reads a tenant body only through projectOnto onto a canonical head body, whose properties are the head body's own
 * and its kind's defaults (canonicalBody adds no other key). A tenant reader may drop every other property.
 */
export function comparedProperties(head: StateView): Set<string> {
  const out = new Set<string>();
  const kinds = new Set<StateObject["kind"]>();
  for (const o of head.objects) {
    kinds.add(o.kind);
    for (const k of Object.keys(o.body)) out.add(k);
  }
  for (const kind of kinds) for (const k of Object.keys(NORMALISATION[kind].defaults)) out.add(k);
  return out;
}

type StackOwned = Extract<OwnershipView, { source: "stack" }>;

/** `partial`: addresses of the objects a stack records as partly created (looked up per object, not scanned). */
function compareObject(
  base: StateObject | undefined,
  head: StateObject,
  tenant: boolean,
  stack: StackOwned | undefined,
  partial: ReadonlySet<string>,
): ObjectChange {
  const headBody = canonicalBody(head.kind, head.body);
  const meta = {
    address: head.address,
    kind: head.kind,
    collection: head.collection,
    odataType: head.odataType,
    displayName: head.displayName,
  };
  if (!base) return created(meta, headBody);
  // A tenant body is compared over the plan's properties only (projectOnto), so only those are canonicalised: a
  // Graph object holds every property of its type, and canonicalising them all was most of preview's time and
  // garbage. Exact, because every rule of canonicalBody reads and writes one top-level property (its own key).
  const baseBody: JsonObject = tenant
    ? carryWriteOnlySecrets(projectOnto(canonicalBody(base.kind, projectOnto(base.body, headBody)), headBody), headBody)
    : canonicalBody(base.kind, base.body);
  const properties = diffBodies(baseBody, headBody).map((p): PropertyChange =>
    p.path[0] !== undefined && forcesReplace(head.kind, p.path[0]) ? { ...p, forcesReplace: true } : p,
  );
  const replace = properties.some((p) => p.forcesReplace) || base.kind !== head.kind || base.collection !== head.collection;
  const found = {
    ...meta,
    ...(base.id ? { id: base.id } : {}),
    ...(tenant ? { matchedBy: base.origin === "name" ? ("name" as const) : ("id" as const) } : {}),
  };
  // With a stack, a name match is an object the stack does not own. Pulumi creates the resource; the provider then
  // takes the tenant object over (adopt: true, whatever differs) or refuses because the name is taken (a finding).
  // Without a stack the match may be owned or not: it is compared like an owned object and marked `matchedBy: name`.
  if (base.origin === "name" && stack) return head.adopt ? { ...found, action: "adopt", properties } : created(meta, headBody);
  // The engine updates a resource with init errors (a partial create) even when its diff finds nothing.
  const partly = base.origin === "state" && stack !== undefined && partial.has(head.address);
  return { ...found, action: replace ? "replace" : properties.length > 0 || partly ? "update" : "no-op", properties };
}

function compareAssignments(
  address: string,
  of: string,
  before: readonly DesiredTarget[],
  after: readonly DesiredTarget[],
  objectAction: ObjectChange["action"],
): AssignmentChange {
  const b = canonicalTargets(before);
  const a = canonicalTargets(after);
  const bKeys = new Set(b.map(targetKey));
  const aKeys = new Set(a.map(targetKey));
  const added = a.filter((t) => !bKeys.has(targetKey(t)));
  const removed = b.filter((t) => !aKeys.has(targetKey(t)));
  // A created or replaced object is a new Graph object: its whole list is sent, whatever the base held.
  const fresh = objectAction === "create" || objectAction === "replace";
  const action =
    objectAction === "delete"
      ? b.length > 0
        ? "delete"
        : "no-op"
      : fresh
        ? a.length > 0
          ? "create"
          : "no-op"
        : added.length + removed.length > 0
          ? "update"
          : "no-op";
  return { address, of, action, added, removed, after: a };
}

/** The risks and the summary of a comparison: the part of a change set that depends on the audience. */
function assess(
  objects: readonly ObjectChange[],
  assignments: readonly AssignmentChange[],
  base: ChangeSet["base"],
  head: ChangeSet["head"],
  options: DiffOptions,
  fromBodies: readonly Risk[],
): Pick<ChangeSet, "risks" | "summary"> {
  const found = findRisks(objects, assignments, {
    base,
    head,
    audience: options.audience ?? UNKNOWN_AUDIENCE,
    phases: options.phases ?? [],
    fromBodies,
  });
  return { risks: found.risks, summary: summarise(objects, assignments, found.risks, found.reached) };
}

/**
 * `set` with its risks and newly reached users counted again against `options.audience`: for a caller that learns
 * the audience's real sizes after a first comparison (preview reads the members of the groups it newly reaches).
 */
export function reassess(set: ChangeSet, options: DiffOptions): ChangeSet {
  const fromBodies = set.risks.filter((r) => BODY_RISKS.has(r.code));
  return { ...set, ...assess(set.objects, set.assignments, set.base, set.head, options, fromBodies) };
}

export function diffStates(base: StateView, head: StateView, options: DiffOptions): ChangeSet {
  const tenant = base.side.source === "tenant";
  const stack = base.ownership?.source === "stack" ? base.ownership : undefined;
  const partial = new Set(stack?.stack.objects.filter((o) => o.partial).map((o) => o.address));
  const baseObjects = new Map(base.objects.map((o) => [o.address, o]));
  const headAddresses = new Set(head.objects.map((o) => o.address));
  const objects: ObjectChange[] = head.objects.map((h) => compareObject(baseObjects.get(h.address), h, tenant, stack, partial));
  const unmanaged = [...(base.unmanaged ?? [])];
  for (const b of base.objects) {
    if (headAddresses.has(b.address)) continue;
    // Only what the plan owns is ever deleted; a name match without a plan object is left alone, and so is a tenant
    // singleton or cleanup rule the plan no longer holds (it is released, never deleted: neverDeleted).
    if (b.origin === "name" || neverDeleted(b.kind)) {
      unmanaged.push({ collection: b.collection, odataType: b.odataType, displayName: b.displayName, id: b.id ?? "" });
      continue;
    }
    objects.push({
      address: b.address,
      kind: b.kind,
      collection: b.collection,
      odataType: b.odataType,
      displayName: b.displayName,
      action: "delete",
      ...(b.id ? { id: b.id } : {}),
      properties: [],
    });
  }
  // A name match the plan creates (its name is taken) stays someone else's object, unless the stack owns it under
  // an address the plan no longer has (then it is listed as that address's delete).
  const owned = new Set(base.objects.filter((b) => b.origin !== "name" && b.id !== undefined).map((b) => b.id?.toLowerCase()));
  for (const o of objects) {
    const b = baseObjects.get(o.address);
    if (o.action === "create" && b?.origin === "name" && !owned.has(b.id?.toLowerCase()))
      unmanaged.push({ collection: b.collection, odataType: b.odataType, displayName: b.displayName, id: b.id ?? "" });
  }
  objects.sort(byCompileOrder);
  const headObjects = new Map(head.objects.map((o) => [o.address, o]));
  for (const [i, o] of objects.entries()) {
    if (o.kind !== "conditionalAccessPolicy" || o.action === "delete" || o.action === "no-op") continue;
    const before = o.action === "create" ? [] : conditionalAccessTargets(baseObjects.get(o.address)?.body);
    objects[i] = { ...o, bodyTargets: { before, after: conditionalAccessTargets(headObjects.get(o.address)?.body) } };
  }

  const actionOf = new Map(objects.map((o) => [o.address, o.action]));
  const baseSets = new Map(base.assignments.map((s) => [s.address, s]));
  const headSets = new Map(head.assignments.map((s) => [s.address, s]));
  const assignments: AssignmentChange[] = [];
  for (const address of [...new Set([...baseSets.keys(), ...headSets.keys()])].sort(compareText)) {
    const h = headSets.get(address);
    const b = baseSets.get(address);
    const of = (h ?? b)?.of ?? address;
    const objectAction = actionOf.get(of);
    if (objectAction === undefined) continue; // the object is unmanaged: so are its assignments
    // A created object is a new Graph object, whatever a tenant object with its name holds.
    const before = objectAction === "create" ? [] : (b?.targets ?? []);
    assignments.push(compareAssignments(address, of, before, h?.targets ?? [], objectAction));
  }

  const headBodies = new Map(head.objects.filter((o) => o.kind === "conditionalAccessPolicy").map((o) => [o.address, o.body]));
  const { risks, summary } = assess(objects, assignments, base.side, head.side, options, accessRisks(objects, headBodies));
  unmanaged.sort((x, y) => compareText(x.collection, y.collection) || compareText(x.displayName, y.displayName) || compareText(x.id, y.id));
  // Ownership belongs to tenant bases; plan revisions own everything they hold, so their sets carry neither field.
  if (!tenant) return { plan: options.plan, base: base.side, head: head.side, summary, risks, objects, assignments, unmanaged };
  const ownership = ownershipSummary(objects, base);
  return {
    plan: options.plan,
    base: base.side,
    head: head.side,
    ownership,
    summary,
    findings: ownershipFindings(objects, base, head),
    risks,
    objects,
    assignments,
    unmanaged,
  };
}
