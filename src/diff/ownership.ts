// Ownership in a change set against a tenant (pure): where the report's idea of ownership comes from, and what an
// apply would run into when a Pulumi stack says what it owns. The rules are the provider's and the engine's
// (providers/runtime.ts, graph/apply-object.ts): a create whose name is taken fails unless the plan says
// `adopt: true`; the engine creates new resources before it deletes the ones the program no longer registers; a
// resource with init errors is updated by the next `pulumi up`.
import { compareText } from "../text-order.ts";
import type { ObjectChange, Ownership, OwnershipFinding } from "./change-set.ts";
import type { OwnedObject, StateView } from "../compile/state-view.ts";

export function ownershipSummary(objects: readonly ObjectChange[], base: StateView): Ownership {
  const own = base.ownership;
  if (own?.source === "stack")
    return { source: "stack", stack: own.stack.stack, objects: own.stack.objects.length, assignmentSets: own.stack.assignmentSets.length };
  return { source: "unknown", matchedByName: objects.filter((o) => o.matchedBy === "name").length };
}

function nameTaken(o: ObjectChange, id: string, stack: string): OwnershipFinding {
  return {
    code: "name-taken",
    severity: "error",
    address: o.address,
    id,
    message: `the tenant already has "${o.displayName}" (${id}), which stack ${stack} does not own: pulumi up would fail to create ${o.address}`,
    hint: `Set adopt: true on ${o.address} to take that object over, or rename one of them (intune-plan never creates a second object with the same name).`,
  };
}

/** How to tell Pulumi that `now` is `before` renamed: renamedFrom within a section, else the stack's own rename. */
function renaming(now: string, before: string): string {
  const section = (address: string): string => address.slice(0, address.indexOf("."));
  return section(now) === section(before)
    ? `add renamedFrom: [${before.slice(before.indexOf(".") + 1)}] to ${now}, and Pulumi keeps the object under the new key`
    : `keep the key ${before}`;
}

function renamedKey(o: ObjectChange, owner: OwnedObject, stack: string): OwnershipFinding {
  const outcome = o.action === "adopt" ? "adopt the object and then delete it" : "fail, because the name is taken";
  return {
    code: "renamed-key",
    severity: "error",
    address: o.address,
    id: owner.id,
    message: `"${o.displayName}" (${owner.id}) is owned by stack ${stack} as ${owner.address}, which the plan no longer has; Pulumi creates ${o.address} before it deletes ${owner.address}, so pulumi up would ${outcome}`,
    hint: `If ${o.address} is ${owner.address} under a new key, say so: ${renaming(o.address, owner.address)}; otherwise rename one of the objects.`,
  };
}

function partlyCreated(o: ObjectChange, id: string, stack: string): OwnershipFinding {
  return {
    code: "partially-created",
    severity: "warning",
    address: o.address,
    id,
    message: `an earlier pulumi up on stack ${stack} created ${o.address} (${id}) but failed after the create: the next pulumi up updates it to finish, even where nothing differs`,
    hint: "Run pulumi up; if it fails again, its error names the Graph request that failed and why.",
  };
}

function missing(m: OwnedObject, inPlan: boolean, stack: string): OwnershipFinding {
  const shown = inPlan
    ? "shown as a create, as pulumi preview --refresh shows it (plain pulumi preview still counts it as existing: no change, or an update that fails)"
    : "the plan no longer holds it either, so nothing is left to delete (plain pulumi preview still shows a delete, which succeeds)";
  return {
    code: "missing-from-tenant",
    severity: "warning",
    address: m.address,
    id: m.id,
    message: `stack ${stack} records ${m.address} as ${m.id}, which the tenant no longer has: ${shown}`,
    hint: `Run pulumi refresh --stack ${stack} (or pulumi up --refresh) so the stack forgets it${inPlan ? "; pulumi up then creates it again" : ""}.`,
  };
}

/** Errors first, then by address and code. Empty unless the base view's ownership comes from a stack. */
export function ownershipFindings(objects: readonly ObjectChange[], base: StateView, head: StateView): OwnershipFinding[] {
  const own = base.ownership;
  if (own?.source !== "stack") return [];
  const stack = own.stack.stack;
  const baseByAddress = new Map(base.objects.map((b) => [b.address, b]));
  const ownerOf = new Map(own.stack.objects.map((o) => [o.id.toLowerCase(), o]));
  const partial = new Set(own.stack.objects.filter((o) => o.partial).map((o) => o.address));
  const inPlan = new Set(head.objects.map((h) => h.address));
  const out: OwnershipFinding[] = [];
  for (const o of objects) {
    const b = baseByAddress.get(o.address);
    if (!inPlan.has(o.address) || b?.id === undefined) continue;
    if (b.origin === "name") {
      // The tenant object with this name may be the stack's under an address the plan dropped (a renamed key).
      const owner = ownerOf.get(b.id.toLowerCase());
      if (owner && owner.address !== o.address) out.push(renamedKey(o, owner, stack));
      else if (o.action === "create") out.push(nameTaken(o, b.id, stack));
    } else if (o.action === "update" && partial.has(o.address)) {
      out.push(partlyCreated(o, b.id, stack));
    }
  }
  for (const m of own.missing) out.push(missing(m, inPlan.has(m.address), stack));
  const rank = (f: OwnershipFinding): number => (f.severity === "error" ? 0 : 1);
  return out.sort((x, y) => rank(x) - rank(y) || compareText(x.address, y.address) || compareText(x.code, y.code));
}
