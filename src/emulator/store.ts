// The emulated tenant's data: one map of entities per collection, each with its assignments and (for app
// protection) its apps. Plain JSON, so it persists to a file and loads back unchanged.
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

export function emptyTenant(tenantId: string): TenantData {
  return { tenantId, collections: {}, nextInteger: 1, idCounter: 0, members: {} };
}

export function entities(data: TenantData, collection: string): Record<string, StoredEntity> {
  data.collections[collection] ??= {};
  return data.collections[collection];
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
  return JSON.parse(readFileSync(file, "utf8")) as TenantData;
}
