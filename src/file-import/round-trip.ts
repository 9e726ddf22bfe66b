// The import's round trip (pure): the plan an import wrote, compiled, against the files' bodies, per object. Equal
// means equal modulo what Graph owns (server-owned fields, ids, export-only annotations, the defaults Graph fills in,
// the order-free lists of the diff's normalisation table) and the properties the import reported as not carried.
// Anything else that differs is a loss the import did not report: the import's bug, listed for the user all the same.
import type { DesiredState } from "../compile/desired-state.ts";
import type { StateObject } from "../compile/state-view.ts";
import { viewOfDesired } from "../compile/state-view.ts";
import { diffStates } from "../diff/diff.ts";
import type { Json, JsonObject } from "../graph-model/json.ts";
import { shortType } from "../graph-model/json.ts";
import { graphDefault, propertiesOf } from "../graph-model/graph-schema.ts";
import { SERVER_OWNED } from "../graph-model/server-owned.ts";
import { isSecretRef } from "../graph-model/secrets.ts";
import type { DesiredTarget } from "../compile/desired-state.ts";
import type { FileImport } from "./import-files.ts";

export interface RoundTripObject {
  readonly address: string;
  readonly file: string;
  /** What differs, one line each (`path: before → after`); empty when the object came back equal. */
  readonly differences: readonly string[];
}

const IMPLIED_TYPE: Partial<Record<StateObject["kind"], string>> = {
  settingsCatalogPolicy: "deviceManagementConfigurationPolicy",
  catalogCompliancePolicy: "deviceManagementCompliancePolicy",
  assignmentFilter: "deviceAndAppManagementAssignmentFilter",
};

const UNTYPED: ReadonlySet<StateObject["kind"]> = new Set([...(Object.keys(IMPLIED_TYPE) as StateObject["kind"][]), "group"]);

/**
 * A body without what Graph owns and what the import reported: server-owned fields, and values equal to the default
 * Graph reports for a property nobody set (on both sides: a file that leaves a property out and a plan that states
 * its default ask Graph for the same object).
 */
function comparable(o: Pick<StateObject, "odataType" | "kind" | "body">, leftovers: ReadonlySet<string>): JsonObject {
  const known = propertiesOf(shortType(o.odataType) || IMPLIED_TYPE[o.kind] || "");
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(o.body)) {
    const p = known.get(k);
    // A collection that is not polymorphic names its one type on some reads (IntuneManagement's exports); the
    // compiler, like Graph's create, leaves it out.
    if (k === "@odata.type" && UNTYPED.has(o.kind)) continue;
    if (leftovers.has(k) || SERVER_OWNED.has(k) || (p && v === graphDefault(p))) continue;
    out[k] = v;
  }
  return out;
}

/** A credential of the file that the plan holds as `{ secret: NAME }`: equal by design (the import's secrets list). */
const becameSecret = (before: Json | undefined, after: Json | undefined): boolean =>
  typeof before === "string" && before !== "" && isSecretRef(after);

const shown = (v: Json | undefined): string => {
  const text = v === undefined ? "(absent)" : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};
const targetText = (t: DesiredTarget): string =>
  `${t.kind}${t.group ? ` ${t.group}` : ""}${t.filter ? ` filter ${t.filter.address} (${t.filter.mode})` : ""}`;

/**
 * Each object imported from a file compared with the file's body (objects the plan left out are in the import's
 * reports; groups made from an assignment's group name have no body to compare).
 */
export function roundTrip(imported: FileImport, desired: DesiredState): RoundTripObject[] {
  const fromFiles = imported.objects.filter((o) => !o.fromAssignment);
  const addresses = new Set(fromFiles.map((o) => o.address));
  const fileOf = new Map(fromFiles.map((o) => [o.address, o.file]));
  const base = {
    ...imported.read.view,
    side: { ...imported.read.view.side, source: "plan" as const },
    objects: imported.read.view.objects
      .filter((o) => addresses.has(o.address))
      .map((o) => ({ ...o, body: comparable(o, imported.leftovers.get(o.address) ?? new Set()) })),
    assignments: imported.read.view.assignments.filter((a) => addresses.has(a.of)),
    unmanaged: [],
  };
  const planned = viewOfDesired(desired, "imported");
  const head = {
    ...planned,
    objects: planned.objects.map((o) => ({ ...o, body: comparable(o, imported.leftovers.get(o.address) ?? new Set()) })),
  };
  const set = diffStates(base, head, { plan: "round trip" });
  const differences = new Map<string, string[]>();
  const add = (address: string, line: string): void => void differences.set(address, [...(differences.get(address) ?? []), line]);
  for (const o of set.objects) {
    if (o.action === "no-op") continue;
    if (o.action === "create" || o.action === "delete") add(o.address, `${o.action === "create" ? "only in the plan" : "not in the plan"}`);
    else
      for (const p of o.properties)
        if (!becameSecret(p.before, p.after)) add(o.address, `${p.path.join(".")}: ${shown(p.before)} → ${shown(p.after)}`);
  }
  for (const a of set.assignments) {
    if (a.action === "no-op") continue;
    for (const t of a.removed) add(a.of, `assignment lost: ${targetText(t)}`);
    for (const t of a.added) add(a.of, `assignment added: ${targetText(t)}`);
  }
  return fromFiles.map((o) => ({
    address: o.address,
    file: fileOf.get(o.address) ?? o.file,
    differences: differences.get(o.address) ?? [],
  }));
}
