// The emulated tenant's data: one map of entities per collection, each with its assignments and (for app
// protection) its apps. Plain JSON, so it persists to a file and loads back unchanged.
//
// Every id-keyed record here has no prototype (Object.create(null)): ids come from request URLs and bodies, and on
// an ordinary object `__proto__` would reach Object.prototype (a PATCH of it polluted every object in the process)
// and `constructor` or `toString` would find an inherited function instead of "no such entity".
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import type { JsonRecord } from "./graph-types.ts";

export interface StoredEntity {
  /** The entity as Graph stores it: written properties plus server-owned ones (id, timestamps, version). */
  body: JsonRecord;
  /** Assignment entities as Graph returns them (id, source, sourceId, target). */
  assignments: JsonRecord[];
  /** App protection: managedMobileApp entities. */
  apps: JsonRecord[];
  /** Navigation links stored by id (a role assignment's roleDefinition). */
  links?: Record<string, string>;
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

export function saveTenant(data: TenantData, file: string): void {
  writeFileSync(file, `${JSON.stringify(data)}\n`);
}

export function loadTenant(file: string): TenantData {
  return harden(JSON.parse(readFileSync(file, "utf8")) as TenantData);
}
