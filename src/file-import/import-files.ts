// `import --from FORMAT` (pure): a format's files → the tenant import's items (formats.ts, file-items.ts) → the plan
// (graph/import-plan.ts, which the tenant import uses too, so every kind is mapped once, by its adapter). The result
// says, per file, what was imported as which plan object, what was not and why, and which secrets the user must
// set. The CLI reads the files and writes the plan; round-trip.ts checks the plan compiles back to the files' bodies.
import { stringify } from "yaml";
import type { Json } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import { isSecretRef } from "../graph-model/secrets.ts";
import type { Kind } from "../kinds/index.ts";
import type { ImportResult } from "../graph/import-plan.ts";
import { importPlan } from "../graph/import-plan.ts";
import { matchTenant } from "../graph/tenant-match.ts";
import type { TenantRead } from "../graph/tenant-reader.ts";
import type { CheckedPlan } from "../plan/check-plan.ts";
import { checkPlan } from "../plan/check-plan.ts";
import { compareText } from "../text-order.ts";
import type { FileItem } from "./file-items.ts";
import { fileItems } from "./file-items.ts";
import { FORMAT_LABELS, READERS } from "./formats.ts";
import type { FileFormat, FileReport, SourceFile } from "./source-file.ts";

/** One plan object and the file it came from. */
export interface ImportedObject {
  readonly file: string;
  readonly where?: string;
  readonly address: string;
  readonly kind: Kind;
  /** A group made from an assignment's group name (IntuneCD): no file holds its body. */
  readonly fromAssignment?: true;
}

/** A `{ secret: NAME }` the plan holds where the file had a credential: the user sets NAME before applying. */
export interface SecretToSet {
  readonly name: string;
  readonly address: string;
  readonly file: string;
}

export interface FileImport {
  readonly format: FileFormat;
  /** The files read (every one: recognised, reported or skipped). */
  readonly fileCount: number;
  /** The plan file's text (YAML, with a header saying where it came from). */
  readonly text: string;
  /** The plan, the tenant import's notes, and script files next to the plan (graph/import-plan.ts). */
  readonly result: ImportResult;
  /** The plan file checked as `validate` checks it: no errors, since whatever failed was taken out and reported. */
  readonly checked: CheckedPlan;
  readonly objects: readonly ImportedObject[];
  /** Everything of the files the plan does not hold, per file, with the reason (sorted by file). */
  readonly reports: readonly FileReport[];
  readonly secrets: readonly SecretToSet[];
  /** The files' objects as a tenant view, for the round trip (round-trip.ts). */
  readonly read: TenantRead;
  /** Top-level properties reported as not carried, by plan address: the round trip does not expect them back. */
  readonly leftovers: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Graph's endpoint for the bind URLs of built-in roles, which files name only by id (observe.ts). */
const ENDPOINT = "https://graph.microsoft.com";

/** Every `{ secret: NAME }` in a plan object, with the object's address. */
function secretsIn(value: Json, address: string, out: { name: string; address: string }[]): void {
  if (isSecretRef(value)) out.push({ name: value.secret, address });
  else if (Array.isArray(value)) for (const v of value) secretsIn(v, address, out);
  else if (isPlainObject(value)) for (const v of Object.values(value)) secretsIn(v, address, out);
}

/** The file an import-plan note is about: notes start with the object's address (`compliance.win-baseline: …`). */
function fileOfNote(note: string, files: ReadonlyMap<string, FileItem>): { file: string; object?: string; reason: string } {
  const colon = note.indexOf(": ");
  const head = colon < 0 ? "" : note.slice(0, colon);
  for (let address = head; address.includes("."); address = address.slice(0, address.lastIndexOf("."))) {
    const f = files.get(address);
    if (f) return { file: f.file, object: address, reason: note.slice(colon + 2) };
  }
  return { file: "(plan)", reason: note };
}

type PlanDoc = ImportResult["plan"];

const HEADER = (label: string): string =>
  `# Imported by intune-plan from ${label}. Review, then split it the way your teams own it.
# Every object says adopt: true: where the tenant already has an object of that name, the first pulumi up takes it
# over instead of refusing the name; elsewhere it is created.
`;

function check(text: string, scripts: ImportResult["files"]): CheckedPlan {
  const byPath = new Map(scripts.map((f) => [f.path, f.text]));
  return checkPlan([
    {
      path: "imported.yaml",
      bytes: Buffer.from(text),
      readScript: (relative) => {
        const got = byPath.get(relative);
        return got === undefined ? { missing: relative } : { text: got };
      },
    },
  ]);
}

/**
 * `plan` without what the validator refuses, each removal reported: a setting of an object (`section.key.settings.X`)
 * where the error names one, else the whole object. Exports hold what a plan must not (placeholder rules, properties
 * of another type); the written plan has to validate all the same. Repeats while removals leave errors (a removed
 * object another one referred to), at most a few rounds.
 */
function withoutRefused(
  plan: PlanDoc,
  render: (p: PlanDoc) => string,
  scripts: ImportResult["files"],
  refused: (address: string, reason: string, property?: string) => void,
): { plan: PlanDoc; text: string; checked: CheckedPlan } {
  let current = plan;
  for (let round = 0; ; round++) {
    const text = render(current);
    const checked = check(text, scripts);
    const errors = checked.diagnostics.filter((d) => d.severity === "error");
    if (errors.length === 0 || round === 5) return { plan: current, text, checked };
    const next: Record<string, Record<string, Json>> = Object.fromEntries(Object.entries(current).map(([k, v]) => [k, { ...v }]));
    for (const d of errors) {
      const [section, key, part, setting] = d.path.map(String);
      const objects = section !== undefined ? next[section] : undefined;
      const object = objects && key !== undefined ? objects[key] : undefined;
      if (!objects || key === undefined || !isPlainObject(object)) continue;
      const settings = object["settings"];
      if (part === "settings" && setting !== undefined && isPlainObject(settings) && setting in settings) {
        const { [setting]: _gone, ...rest } = settings;
        objects[key] = { ...object, settings: rest };
        refused(`${section}.${key}`, `${setting}: ${d.message}; left out`, setting);
      } else {
        const { [key]: _gone, ...rest } = objects;
        next[section ?? ""] = rest;
        refused(`${section}.${key}`, `does not validate as a plan object (${d.code} ${d.message}); left out`);
      }
    }
    current = next as PlanDoc;
  }
}

export function importFiles(format: FileFormat, files: readonly SourceFile[], name: string, source: string): FileImport {
  const { items, reports } = fileItems(READERS[format](files));
  const label = `${FORMAT_LABELS[format]} (${source})`;
  const match = matchTenant(
    items.map((i) => i.tenant),
    { label },
    ENDPOINT,
  );
  const read: TenantRead = { ...match, requests: 0 };
  const byTenant = new Map(items.map((i) => [i.tenant, i]));
  const byAddress = new Map<string, FileItem>();
  for (const [address, t] of match.items) {
    const f = byTenant.get(t);
    if (f) byAddress.set(address, f);
  }
  // Properties reported as not carried, by address: the reader's (file-items.ts), then those import-plan and the
  // validator take out. The round trip does not expect them back.
  const leftovers = new Map([...byAddress].map(([a, f]) => [a, new Set(f.leftovers)]));
  const lost = (address: string, keys: readonly string[]): void => {
    const set = leftovers.get(address) ?? new Set<string>();
    for (const k of keys) set.add(k);
    leftovers.set(address, set);
  };
  const imported = importPlan(read, name);
  // A scope tag id the files do not hold is noted by import-plan (`<address>.scopeTags: …`) and left out.
  for (const n of imported.notes) {
    const scopeTags = /^(.+)\.scopeTags: /.exec(n)?.[1];
    if (scopeTags) lost(scopeTags, ["roleScopeTagIds", "roleScopeTags"]);
  }
  const refusals: FileReport[] = [];
  const valid = withoutRefused(
    imported.plan,
    (plan) => `${HEADER(label)}${stringify(plan, { lineWidth: 0 })}`,
    imported.files,
    (address, reason, property) => {
      refusals.push({ file: byAddress.get(address)?.file ?? "(plan)", object: address, reason });
      if (property !== undefined) lost(address, [property]);
    },
  );
  const result: ImportResult = { ...imported, plan: valid.plan };
  const inPlan = new Set(
    Object.entries(result.plan)
      .filter(([section]) => section !== "plan")
      .flatMap(([section, objects]) => Object.keys(objects).map((key) => `${section}.${key}`)),
  );
  const objects: ImportedObject[] = [...byAddress]
    .filter(([address]) => inPlan.has(address))
    .map(([address, f]) => ({
      file: f.file,
      ...(f.where ? { where: f.where } : {}),
      address,
      kind: f.tenant.info.kind,
      ...(f.fromAssignment ? { fromAssignment: f.fromAssignment } : {}),
    }));
  const secretRefs: { name: string; address: string }[] = [];
  for (const [section, objs] of Object.entries(result.plan))
    if (section !== "plan") for (const [key, o] of Object.entries(objs)) secretsIn(o, `${section}.${key}`, secretRefs);
  const secrets = secretRefs.map((s) => ({ ...s, file: byAddress.get(s.address)?.file ?? "(plan)" }));
  // Credentials are listed as secrets to set, not as losses: the notes saying so, and the hint to add a key where the
  // plan holds one already, are left out of the reports.
  const withSecret = new Set(secrets.map((s) => s.address));
  const notes = result.notes
    .map((n) => fileOfNote(n, byAddress))
    .filter(
      (n) => !/returned a value for/.test(n.reason) && !(n.object !== undefined && withSecret.has(n.object) && /write-only/.test(n.reason)),
    );
  const all = [...reports, ...notes, ...refusals].sort((a, b) => compareText(a.file, b.file));
  return {
    format,
    fileCount: files.length,
    text: valid.text,
    result,
    checked: valid.checked,
    objects,
    reports: all,
    secrets,
    read,
    leftovers,
  };
}
