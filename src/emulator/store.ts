// The emulated tenant's data: one map of entities per collection, each with its assignments and (for app
// protection) its apps. Plain JSON, so it persists to a file and loads back unchanged.
//
// Every id-keyed record here has no prototype (Object.create(null)): ids come from request URLs and bodies, and on
// an ordinary object `__proto__` would reach Object.prototype (a PATCH of it polluted every object in the process)
// and `constructor` or `toString` would find an inherited function instead of "no such entity".
import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { JsonRecord } from "./graph-types.ts";
import type { RolloutSimulation } from "./rollout-model.ts";
import { journalOf, readJournal, replay } from "./state-journal.ts";

export interface StoredEntity {
  /** The entity as Graph stores it: written properties plus server-owned ones (id, timestamps, version). */
  body: JsonRecord;
  /** Assignment entities as Graph returns them (id, source, sourceId, target). */
  assignments: JsonRecord[];
  /** App protection: managedMobileApp entities. */
  apps: JsonRecord[];
  /** Navigation links stored by id (a role assignment's roleDefinition). */
  links?: Record<string, string>;
  /** Entra assigned groups: the directory object ids added through members/$ref (directory.ts). */
  members?: string[];
  /** Entra groups: how many requests must pass before the group is visible (replication lag, §2.6). */
  hiddenFor?: number;
}

export interface TenantData {
  readonly tenantId: string;
  /** Collection path → id → entity. */
  readonly collections: Record<string, Record<string, StoredEntity>>;
  /** Next integer id for integer-keyed collections (scope tags). */
  nextInteger: number;
  /** Deterministic id source: ids are derived from this counter, so a seeded tenant is the same every run. */
  idCounter: number;
  /** Simulated members per group id (users or devices), for deployment status. */
  readonly members: Record<string, number>;
  /** A rollout simulated over days (rollout-model.ts), when the tenant was seeded with one. */
  rollout?: RolloutSimulation;
}

/** An empty prototype-free record: only its own keys exist, and `__proto__` is an ordinary key. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The value stored under `key` itself, never one inherited; safe on any record, hardened or not. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Makes every id-keyed record of `data` prototype-free, in place (same objects, so callers holding them keep
 * seeing the tenant). Needed for data built elsewhere or parsed from JSON, whose records have Object.prototype.
 * Keys already present, `__proto__` included, stay own properties.
 */
export function harden(data: TenantData): TenantData {
  Object.setPrototypeOf(data.collections, null);
  Object.setPrototypeOf(data.members, null);
  for (const collection of Object.values(data.collections)) {
    Object.setPrototypeOf(collection, null);
    for (const entity of Object.values(collection)) if (entity.links) Object.setPrototypeOf(entity.links, null);
  }
  return data;
}

export function emptyTenant(tenantId: string): TenantData {
  return { tenantId, collections: dict(), nextInteger: 1, idCounter: 0, members: dict() };
}

/** The collection's id → entity record (created empty on first use); look ids up with `own` or on this record only. */
export function entities(data: TenantData, collection: string): Record<string, StoredEntity> {
  const existing = own(data.collections, collection);
  if (existing) return existing;
  const created = dict<StoredEntity>();
  Object.defineProperty(data.collections, collection, { value: created, enumerable: true, writable: true, configurable: true });
  return created;
}

/** A GUID that depends only on the tenant and a counter: reproducible runs, realistic format (version 4 shape). */
export function nextGuid(data: TenantData): string {
  data.idCounter++;
  const h = createHash("sha256").update(`${data.tenantId}:${data.idCounter}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A state file that cannot be read back as a tenant; the message names the file and where its last good copy is. */
export class StateFileError extends Error {}

/** The previous good copy of `file`, kept beside it by saveTenant. */
export const backupOf = (file: string): string => `${file}.bak`;

/** Best effort: a rename is durable only once its folder is synced; not every platform can open a folder. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, "r");
    fsyncSync(fd);
  } catch {
    /* Windows: folders cannot be opened; rename is still atomic */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Replaces `file` with the tenant so that, whenever the process dies (kill -9, power loss), `file` is either the
 * previous complete state or the new complete state, never a torn one: the JSON goes to a temporary file in the
 * same folder (same file system, so the rename is atomic), is fsynced, and is renamed over `file`. Before the
 * rename, the current `file` is hard-linked to FILE.bak, so the last good state survives even a bad new one.
 */
export function saveTenant(data: TenantData, file: string): void {
  const folder = dirname(file);
  const temp = join(folder, `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(temp, "w", 0o600);
  try {
    writeSync(fd, `${JSON.stringify(data)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (existsSync(file)) {
    // A link, not a copy: constant time, and the old inode stays whole because rename never writes into it.
    rmSync(backupOf(file), { force: true });
    try {
      linkSync(file, backupOf(file));
    } catch {
      /* no hard links here: the atomic rename still protects `file` */
    }
  }
  renameSync(temp, file);
  syncFolder(folder);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** What is wrong with a parsed state file's shape, or undefined when it is a tenant. */
function shapeProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return "it is not a JSON object";
  if (typeof value["tenantId"] !== "string") return "it has no tenantId";
  if (typeof value["nextInteger"] !== "number" || typeof value["idCounter"] !== "number") return "it has no id counters";
  if (!isPlainObject(value["members"])) return "it has no members";
  if (!isPlainObject(value["collections"])) return "it has no collections";
  for (const [path, collection] of Object.entries(value["collections"])) {
    if (!isPlainObject(collection)) return `collection ${path} is not an object`;
    for (const [id, entity] of Object.entries(collection)) {
      if (
        !isPlainObject(entity) ||
        !isPlainObject(entity["body"]) ||
        !Array.isArray(entity["assignments"]) ||
        !Array.isArray(entity["apps"])
      )
        return `entity ${path}/${id} is not a stored entity`;
    }
  }
  return undefined;
}

/**
 * Reads a state file written by saveTenant, with the writes in its journal (FILE.journal, state-journal.ts)
 * replayed over it: the tenant as the emulator last acknowledged it. Anything else (empty, torn, not JSON, not a
 * tenant) is a StateFileError naming the file and its FILE.bak when there is one; no file is changed.
 */
export function loadTenant(file: string): TenantData {
  let problem: string;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    const shape = shapeProblem(parsed);
    if (shape === undefined) {
      const journal = readJournal(journalOf(file));
      if (journal.problem)
        throw new StateFileError(
          `emulator state journal ${journalOf(file)} is corrupt: ${journal.problem} (the records before it are intact; remove the file to start from ${file} alone). Nothing was changed.`,
        );
      const data = parsed as TenantData;
      replay(data, journal.records);
      return harden(data);
    }
    problem = shape;
  } catch (error) {
    if (error instanceof StateFileError) throw error;
    if (error instanceof Error && "code" in error) throw new StateFileError(`cannot read emulator state ${file}: ${error.message}`);
    problem = `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  const backup = backupOf(file);
  const keep = existsSync(backup) ? `; the previous good state is in ${backup} (copy it over ${file} to start from it)` : "";
  throw new StateFileError(`emulator state ${file} is corrupt: ${problem}${keep}. Nothing was changed.`);
}
