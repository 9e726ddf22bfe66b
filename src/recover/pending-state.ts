// `pulumi stack export` → what an interrupted `pulumi up` left pending, and what the stack already holds (pure).
// The shape read here is the one Pulumi v3.259 writes (seen in a killed `up` against the emulator):
//   deployment.resources[]:          { urn, type, id?, inputs, outputs, created?, modified?, ... }
//   deployment.pending_operations[]: { type: "creating" | "updating" | "deleting" | ..., resource: { urn, type,
//                                      inputs, parent, provider, propertyDependencies, ... } }
// A pending create's resource has no id, no outputs and no `created`: Pulumi stamps `created` only when the
// provider returns (pkg/resource/deploy/step.go), so the time the operation began is not in the export.
// intune-plan's resources are `pulumi-nodejs:dynamic/intune:<Type>`; their inputs are providers/program.ts's props:
// `resource: "object"` with `object` (the compiled DesiredObject) or `resource: "assignments"` with `set`
// (`of`: the object's address) and `ids` (the object ids the set was written against).
// Secret values in an export are ciphertext envelopes: carried, never opened or quoted. (graph/stack-export.ts reads
// the same export for `preview --stack`, but only what the stack owns; recover needs the pending operations, the
// stack's creation time and the document itself, to edit.)
import type { DesiredObject, Kind } from "../compile/desired-state.ts";
import { KINDS } from "../kinds/index.ts";
import { HOW_TO_EXPORT, INTUNE_TYPE_PREFIX, parseExportJson, StackExportError } from "../graph/stack-export.ts";

export type Fields = Readonly<Record<string, unknown>>;
export const isFields = (v: unknown): v is Fields => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: Fields | undefined, key: string): string | undefined => {
  const x = v?.[key];
  return typeof x === "string" && x !== "" ? x : undefined;
};
const fields = (v: Fields | undefined, key: string): Fields | undefined => {
  const x = v?.[key];
  return isFields(x) ? x : undefined;
};

/** What findByName needs to find a pending object in the tenant, and whether the plan adopts it. */
export type ObjectKey = Pick<DesiredObject, "address" | "kind" | "collection" | "apiVersion" | "odataType" | "displayName"> & {
  readonly adopt: boolean;
};

export type PendingSubject =
  | { readonly kind: "object"; readonly object: ObjectKey }
  /** `objectId`: the id of `of` the set's /assign was sent to (its inputs' ids), when the inputs hold it. */
  | { readonly kind: "assignments"; readonly address: string; readonly of: string; readonly objectId: string | undefined }
  /** The stack or a provider resource: Pulumi's own bookkeeping, no tenant object behind it. */
  | { readonly kind: "pulumi" }
  /** Another package's resource, or an intune-plan resource whose inputs this version cannot read. */
  | { readonly kind: "unknown"; readonly why: string };

export interface PendingOperation {
  /** Position in deployment.pending_operations. */
  readonly index: number;
  readonly urn: string;
  readonly type: string;
  /** Pulumi's operation type: creating, updating, deleting, reading, importing. */
  readonly operation: string;
  /** resource.created, should a Pulumi version record it for a pending create (v3.259 does not). */
  readonly created: string | undefined;
  readonly subject: PendingSubject;
}

export interface StateResource {
  readonly urn: string;
  readonly id: string;
  /** The plan address of an intune-plan object resource. */
  readonly address: string | undefined;
}

export interface PendingState {
  /** The stack's name as its URNs spell it. */
  readonly stack: string | undefined;
  /** When the root `pulumi:pulumi:Stack` resource was created: the first thing any update of this stack did. */
  readonly stackCreated: string | undefined;
  readonly pending: readonly PendingOperation[];
  /** Resources with an id (custom resources the stack holds), excluding those marked for deletion. */
  readonly resources: readonly StateResource[];
  /** The whole parsed export, for settle-state.ts to edit. */
  readonly document: Fields;
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>`: the name may itself hold `::`. */
export function urnName(urn: string): string | undefined {
  const parts = urn.split("::");
  return parts.length >= 4 ? parts.slice(3).join("::") : undefined;
}
const urnStack = (urn: string): string | undefined => /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];

const isKind = (k: string | undefined): k is Kind => k !== undefined && Object.hasOwn(KINDS, k);

function objectKey(inputs: Fields | undefined): ObjectKey | string {
  const o = fields(inputs, "object");
  if (!o) return "its inputs have no object";
  const address = text(o, "address");
  const kind = text(o, "kind");
  const collection = text(o, "collection");
  const apiVersion = text(o, "apiVersion");
  const displayName = text(o, "displayName");
  const odataType = o["odataType"];
  if (
    !address ||
    !isKind(kind) ||
    !collection ||
    (apiVersion !== "beta" && apiVersion !== "v1.0") ||
    !displayName ||
    (odataType !== null && typeof odataType !== "string")
  ) {
    return "its object lacks address, kind, collection, apiVersion, odataType or displayName";
  }
  return { address, kind, collection, apiVersion, odataType, displayName, adopt: o["adopt"] === true };
}

function subjectOf(type: string, urn: string, inputs: Fields | undefined): PendingSubject {
  if (type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:")) return { kind: "pulumi" };
  if (!type.startsWith(INTUNE_TYPE_PREFIX)) return { kind: "unknown", why: "not an intune-plan resource" };
  const resource = text(inputs, "resource");
  if (resource === "assignments") {
    const of = text(fields(inputs, "set"), "of");
    const address = urnName(urn);
    if (!of || !address) return { kind: "unknown", why: "its inputs name no object for the assignment set" };
    return { kind: "assignments", address, of, objectId: text(fields(inputs, "ids"), of) };
  }
  if (resource !== "object")
    return {
      kind: "unknown",
      why: `its inputs say resource ${JSON.stringify(inputs?.["resource"] ?? null)}, neither object nor assignments`,
    };
  const key = objectKey(inputs);
  return typeof key === "string" ? { kind: "unknown", why: key } : { kind: "object", object: key };
}

/** `source` names the export in messages (a file, or the command that printed it). */
export function readPendingState(json: string, source: string): PendingState {
  const document = parseExportJson(json, source);
  const deployment = isFields(document) ? fields(document, "deployment") : undefined;
  if (!isFields(document) || !deployment)
    throw new StackExportError(`${source} is not a Pulumi stack export: it has no "deployment" object. ${HOW_TO_EXPORT}`);
  const rawResources = deployment["resources"] ?? [];
  const rawPending = deployment["pending_operations"] ?? [];
  if (!Array.isArray(rawResources) || !Array.isArray(rawPending))
    throw new StackExportError(`${source}: deployment.resources or deployment.pending_operations is not a list. ${HOW_TO_EXPORT}`);

  let stack: string | undefined;
  let stackCreated: string | undefined;
  const resources: StateResource[] = [];
  for (const r of rawResources.filter(isFields)) {
    const urn = text(r, "urn") ?? "";
    stack ??= urnStack(urn);
    if (text(r, "type") === "pulumi:pulumi:Stack") stackCreated ??= text(r, "created");
    const id = text(r, "id");
    // `delete: true` is an old copy awaiting deletion; it is not what the URN names any more.
    if (!id || r["delete"] === true) continue;
    const object = fields(fields(r, "outputs"), "object") ?? fields(fields(r, "inputs"), "object");
    resources.push({
      urn,
      id,
      address: text(r, "type")?.startsWith(INTUNE_TYPE_PREFIX) ? (text(object, "address") ?? urnName(urn)) : undefined,
    });
  }

  const pending = rawPending.map((op, index): PendingOperation => {
    const resource = isFields(op) ? fields(op, "resource") : undefined;
    const urn = text(resource, "urn");
    const type = text(resource, "type");
    if (!isFields(op) || !urn || !type)
      throw new StackExportError(`${source}: pending operation ${index + 1} has no resource URN or type. ${HOW_TO_EXPORT}`);
    stack ??= urnStack(urn);
    return {
      index,
      urn,
      type,
      operation: text(op, "type") ?? "unknown",
      created: text(resource, "created"),
      subject: subjectOf(type, urn, fields(resource, "inputs")),
    };
  });
  return { stack, stackCreated, pending, resources, document };
}
