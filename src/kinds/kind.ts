// The adapter contract (KINDS-REDESIGN step 5): one module per kind owns how a plan object of that kind becomes a
// Graph body, how a tenant object reads back in that shape, and how it becomes a plan object again. The compiler calls
// toGraph, the tenant reader observe, import toPlan; adapters.ts holds one per kind, checked exhaustively.
import type { Json, JsonObject } from "../graph-model/json.ts";
import type { PolicyTemplate } from "../graph-model/policy-templates.ts";

/** What the compiler lends an adapter: references in the compiler's `{ $ref }` form. */
export interface CompileContext {
  /** `roleScopeTagIds` for the plan's scope tag keys (nothing when there are none). */
  scopeTags(tags: readonly string[] | undefined): JsonObject;
  /** The reference to another plan object, resolved to its Graph id when written. */
  ref(address: string): Json;
  /** A compliance notification's template: a plan template's key as a reference, a tenant template's id as it is. */
  template(template: string | undefined): Json;
  /** A settings-catalog template of the plan folders' policy-templates snapshot, by templateId (undefined: not in it). */
  policyTemplate(id: string): PolicyTemplate | undefined;
}

/** A plan object as Graph takes it: its @odata.type (null: the collection is not polymorphic) and body. */
export interface GraphShape {
  readonly odataType: string | null;
  readonly body: JsonObject;
  /** The collection, where the kind spans several (app protection: one per platform); else the kind's own. */
  readonly collection?: string;
  /** Actions on the object after it is written, in order (app protection's targetApps, a restriction's setPriority). */
  readonly actions?: readonly { readonly path: string; readonly body: JsonObject }[];
}

/** What import lends an adapter: the parts of a plan object every kind writes the same way. */
export interface ImportContext {
  /** `description` and `scopeTags` of a tenant body, references as plan keys (unknown ids noted). */
  common(body: JsonObject): JsonObject;
  /** The object with its assignment, when the tenant assigns it. */
  withAssignment(object: JsonObject): JsonObject;
  /** Says what could not be expressed, for the user. */
  note(message: string): void;
  /** The plan key a `{ $ref }` names, or undefined when the value is not a reference. */
  keyOf(value: Json | undefined): string | undefined;
  /** The plan keys of a list of references (ids the import did not read are noted and left out). */
  keys(values: Json | undefined, what: string): string[];
  /** The Graph properties of `type` the body holds with a value other than Graph's default, echoed secrets as references. */
  settings(body: JsonObject, type: string): JsonObject | undefined;
  /** The plan keys of the groups the tenant assigns the object to (scope tags' automatic assignment). */
  assignedGroups(): string[];
  /**
   * Writes `text` as a file next to the imported plan, in a folder of this object (scripts/<key>/<name>), and
   * returns its path relative to the plan file: what a `script:` / `detection:` field says.
   */
  file(name: string, text: string): string;
  /** The properties beside the target of the tenant's first assignment of the object (a remediation's runSchedule). */
  targetSettings(): JsonObject | undefined;
}

/** What the tenant reader lends an adapter's read-back. */
export interface ObserveContext {
  /** A tenant id as the compiler's `{ $ref }` when the plan knows the object, else the id as it is (`id:` shown by the diff). */
  refOr(id: Json): Json;
  /** The Graph endpoint the tenant is read from: a bind URL names an object outside the plan with it (a built-in role). */
  readonly endpoint: string;
}

export interface KindAdapter<P> {
  /** Plan object (under `key` in its section) → Graph. The only place a plan word of this kind becomes Graph's. */
  toGraph(obj: P, ctx: CompileContext, key: string): GraphShape;
  /**
   * Read-back, toGraph's inverse on the tenant side: the body of a tenant object (Graph's properties, navigation
   * properties left out) reshaped as toGraph writes it, so that what was applied reads back equal. Ids the plan knows
   * become references; the state a follow-up action leaves (a restriction's priority, a policy's apps) becomes the
   * action's property. `item` is the object as read, navigation properties included. Absent: Graph's body as it is.
   */
  observe?(body: JsonObject, item: JsonObject, ctx: ObserveContext): JsonObject;
  /** Tenant object (the object as read, with its body as the diff sees it) → plan object, or undefined when the plan cannot say it. */
  toPlan(item: JsonObject, body: JsonObject, ctx: ImportContext): JsonObject | undefined;
}

/**
 * Read-back of a kind ordered with the setPriority action (enrollment restrictions and status pages, GRAPH-NOTES §9.1):
 * the item's priority is the action's state.
 */
export const observedPriority = (body: JsonObject, item: JsonObject): JsonObject =>
  typeof item["priority"] === "number" ? { ...body, setPriority: { priority: item["priority"] } } : body;

/** `{ [key]: value }`, or nothing when the value is absent. */
export const optional = (key: string, value: Json | undefined): JsonObject => (value === undefined ? {} : { [key]: value });

/** The plan word whose Graph value is `graphValue` in `table`. */
export const planWordOf = <K extends string>(table: Readonly<Record<K, string>>, graphValue: string): K | undefined =>
  (Object.keys(table) as K[]).find((k) => table[k] === graphValue);
