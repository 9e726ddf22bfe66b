// What to do with each operation an interrupted `pulumi up` left pending (pure). The rule that governs it: recover
// never gives the stack an object the stack did not create. A pending object create is imported only when the
// tenant holds exactly one object of its collection, type and name, created after the interrupted update began
// (or the plan adopts that name); with no such object the create never reached Graph and the record is cleared;
// anything else is refused, and the next `pulumi up` stops on the taken name, as the provider always does.
import type { PendingOperation, PendingState } from "./pending-state.ts";
import { urnName } from "./pending-state.ts";
import type { TimeBound } from "./time-bound.ts";

/** Graph's clock and the Pulumi runner's clock may disagree by this much. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface TenantMatch {
  readonly id: string;
  /** Graph's createdDateTime; some kinds (scope tags, device categories, roles) have none. */
  readonly createdDateTime: string | undefined;
}

/**
 * import: the object is the stack's, keep it under `id`; clear: nothing was created, forget the record; refuse: not
 * taken over, the user decides (the fix says how); settle: not a create, the refresh reads the resource again.
 */
export type Action = "import" | "clear" | "refuse" | "settle";

export interface Decision {
  readonly urn: string;
  /** The plan address, or the URN's name for resources that have none. */
  readonly label: string;
  readonly action: Action;
  readonly reason: string;
  /** The Pulumi id to import under (import only). */
  readonly id?: string;
  /** What the user does about it (refuse only). */
  readonly fix?: string;
  /** A refusal recover cannot judge at all: it leaves the stack exactly as it is. */
  readonly blocks?: boolean;
}

export interface DecideInput {
  readonly state: PendingState;
  /** Tenant objects with each pending object's collection, type and name, by URN (looked up by the caller). */
  readonly matches: ReadonlyMap<string, readonly TenantMatch[]>;
  /** interruptedUpdateBound for each pending operation, by URN. */
  readonly bounds: ReadonlyMap<string, TimeBound | undefined>;
  readonly skewMs?: number;
}

const minutes = (ms: number): string => `${Math.round(ms / 60_000)} min`;

function decideObject(
  op: PendingOperation & { subject: { kind: "object" } },
  input: DecideInput,
  held: ReadonlyMap<string, string>,
  ownerOf: ReadonlyMap<string, string>,
): Decision {
  const o = op.subject.object;
  const base = { urn: op.urn, label: o.address };
  const stale = held.get(op.urn);
  if (stale !== undefined)
    return {
      ...base,
      action: "clear",
      reason: `the stack already holds it as ${stale} (a later update created it); the pending record is stale`,
    };
  const name = `"${o.displayName}"`;
  const matches = input.matches.get(op.urn) ?? [];
  if (matches.length === 0)
    return {
      ...base,
      action: "clear",
      reason: `the tenant has no ${name} in ${o.collection}: the create never reached Graph, and the next pulumi up creates it`,
    };
  if (matches.length > 1) {
    const ids = matches.map((m) => m.id).join(", ");
    return {
      ...base,
      action: "refuse",
      reason: `the tenant has ${matches.length} objects named ${name} in ${o.collection} (${ids}), so none of them is taken`,
      fix: `delete or rename the copies that should not exist; pulumi up then stops on the name of the one left until ${o.address} says adopt: true or is renamed`,
    };
  }
  const [m] = matches as [TenantMatch];
  const owner = ownerOf.get(m.id);
  if (owner !== undefined)
    return {
      ...base,
      action: "refuse",
      reason: `the tenant's ${name} (${m.id}) already belongs to ${urnName(owner) ?? owner} in this stack`,
      fix: `one Graph object is never given to two resources: rename ${o.address} or the other plan object`,
    };
  if (o.adopt)
    return {
      ...base,
      action: "import",
      id: m.id,
      reason: `the plan adopts the tenant's ${name} (adopt: true), as the create itself would have`,
    };
  const adoptFix = `if it is the plan's, set adopt: true on ${o.address}; otherwise rename ${o.address} or the tenant object. Until then pulumi up stops on the taken name`;
  const bound = input.bounds.get(op.urn);
  if (bound === undefined)
    return {
      ...base,
      action: "refuse",
      reason: `the tenant has ${name} (${m.id}), and nothing in the stack says when the interrupted update began`,
      fix: `pass --since <when the interrupted pulumi up started> (a CI job's start time), or: ${adoptFix}`,
    };
  const created = m.createdDateTime === undefined ? NaN : Date.parse(m.createdDateTime);
  if (!Number.isFinite(created))
    return {
      ...base,
      action: "refuse",
      reason: `Graph keeps no creation time for the tenant's ${name} (${m.id}), so it cannot be told from an object someone else made`,
      fix: adoptFix,
    };
  const skew = input.skewMs ?? CLOCK_SKEW_MS;
  if (created < bound.at - skew)
    return {
      ...base,
      action: "refuse",
      reason: `the tenant's ${name} (${m.id}) was created ${m.createdDateTime ?? ""}, before the interrupted update began (not before ${bound.text}, ${bound.source}, less ${minutes(skew)} for clock skew): it is someone else's and is never taken over`,
      fix: adoptFix,
    };
  return {
    ...base,
    action: "import",
    id: m.id,
    reason: `the tenant's only ${name} was created ${m.createdDateTime ?? ""}, after the interrupted update began (not before ${bound.text})`,
  };
}

function decideAssignments(
  op: PendingOperation & { subject: { kind: "assignments" } },
  held: ReadonlyMap<string, string>,
  objectIds: ReadonlyMap<string, string>,
  imported: ReadonlyMap<string, string>,
): Decision {
  const s = op.subject;
  const base = { urn: op.urn, label: s.address };
  const stale = held.get(op.urn);
  if (stale !== undefined)
    return {
      ...base,
      action: "clear",
      reason: `the stack already holds it as ${stale} (a later update created it); the pending record is stale`,
    };
  const importing = imported.get(s.of);
  const objectId = objectIds.get(s.of) ?? importing;
  if (objectId === undefined)
    return {
      ...base,
      action: "clear",
      reason: `its object ${s.of} is neither in the stack nor being imported: the next pulumi up creates the object, then assigns it`,
    };
  if (s.objectId !== undefined && s.objectId !== objectId)
    return {
      ...base,
      action: "clear",
      reason: `its object ${s.of} is now ${objectId}, not the ${s.objectId} the interrupted /assign was sent to: the next pulumi up assigns it again`,
    };
  return {
    ...base,
    action: "import",
    id: `${objectId}#assignments`,
    reason: `its object ${s.of} is ${importing === undefined ? "in the stack" : "being imported"} as ${objectId}; the refresh reads its assignments and the next pulumi up writes any that differ`,
  };
}

function decideOther(op: PendingOperation): Decision {
  const base = { urn: op.urn, label: urnName(op.urn) ?? op.urn };
  if (op.operation !== "creating")
    return {
      ...base,
      action: "settle",
      reason: `interrupted while ${op.operation} (${op.type}): not a create, so the refresh settles it by reading the resource again`,
    };
  if (op.subject.kind === "pulumi")
    return {
      ...base,
      action: "clear",
      reason: `Pulumi's own ${op.type} resource, not a tenant object: the next pulumi up registers it again`,
    };
  const why = op.subject.kind === "unknown" ? op.subject.why : "unexpected";
  return {
    ...base,
    action: "refuse",
    blocks: true,
    reason: `a pending create of ${op.type} (${why}): intune-plan cannot tell whether it was created`,
    fix: "settle it yourself (pulumi refresh, interactively); recover changes nothing while it is pending",
  };
}

/** One decision per pending operation, in the export's order. */
export function decide(input: DecideInput): Decision[] {
  const { state } = input;
  const held = new Map(state.resources.map((r) => [r.urn, r.id]));
  const ownerOf = new Map(state.resources.map((r) => [r.id, r.urn]));
  const objectIds = new Map(state.resources.flatMap((r) => (r.address === undefined ? [] : [[r.address, r.id] as const])));
  const out = new Map<number, Decision>();
  for (const op of state.pending) {
    if (op.operation === "creating" && op.subject.kind === "object")
      out.set(op.index, decideObject({ ...op, subject: op.subject }, input, held, ownerOf));
  }
  // Two pending creates that would import one Graph object: neither is taken.
  const claims = new Map<string, number>();
  for (const d of out.values()) if (d.action === "import" && d.id !== undefined) claims.set(d.id, (claims.get(d.id) ?? 0) + 1);
  for (const [index, d] of out) {
    if (d.action === "import" && d.id !== undefined && (claims.get(d.id) ?? 0) > 1) {
      const { id: _id, ...rest } = d;
      out.set(index, {
        ...rest,
        action: "refuse",
        reason: `the tenant object ${d.id} would go to more than one pending create, so none is given it`,
        fix: "give the plan objects distinct names",
      });
    }
  }
  const imported = new Map<string, string>();
  for (const op of state.pending) {
    const d = out.get(op.index);
    if (d?.action === "import" && d.id !== undefined) imported.set(d.label, d.id);
  }
  for (const op of state.pending) {
    if (out.has(op.index)) continue;
    out.set(
      op.index,
      op.operation === "creating" && op.subject.kind === "assignments"
        ? decideAssignments({ ...op, subject: op.subject }, held, objectIds, imported)
        : decideOther(op),
    );
  }
  return state.pending.map((op) => out.get(op.index) as Decision);
}
