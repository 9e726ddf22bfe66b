// The emulator's write journal: FILE.journal beside the state file (the snapshot), one JSON line per write request,
// appended and fsynced before the reply, so a write costs O(what it wrote) bytes instead of the whole tenant. The
// tenant on disk is the snapshot with the journal replayed over it; server.ts folds the journal into a new
// snapshot (saveTenant: temp file, fsync, rename) at start, at shutdown, and once the journal outgrows the snapshot.
//
// A record holds each written entity as it is after the write (or null once deleted) and the id counters: replaying
// it sets state rather than repeating an operation, so replaying records a snapshot already holds changes nothing.
// That is what makes a crash between writing a snapshot and removing the journal harmless.
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import type { StoredEntity, TenantData } from "./store.ts";

export const journalOf = (file: string): string => `${file}.journal`;

/** One write request's effect on the tenant. */
export interface JournalRecord {
  readonly writes: readonly { readonly collection: string; readonly id: string; readonly entity: StoredEntity | null }[];
  readonly nextInteger: number;
  readonly idCounter: number;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function isRecord(v: unknown): v is JournalRecord {
  return (
    isPlainObject(v) &&
    typeof v["nextInteger"] === "number" &&
    typeof v["idCounter"] === "number" &&
    Array.isArray(v["writes"]) &&
    v["writes"].every(
      (w: unknown) =>
        isPlainObject(w) &&
        typeof w["collection"] === "string" &&
        typeof w["id"] === "string" &&
        (w["entity"] === null ||
          (isPlainObject(w["entity"]) &&
            isPlainObject(w["entity"]["body"]) &&
            Array.isArray(w["entity"]["assignments"]) &&
            Array.isArray(w["entity"]["apps"]))),
    )
  );
}

/**
 * The records of `journal` (none when it does not exist). A last line that is incomplete or unreadable is a write
 * torn by a crash before it was acknowledged, and is left out; an unreadable line before the last one is damage,
 * reported as `problem` with its line number.
 */
export function readJournal(journal: string): { records: JournalRecord[]; problem?: string } {
  if (!existsSync(journal)) return { records: [] };
  const lines = readFileSync(journal, "utf8").split("\n");
  // Every record ends in a newline: what follows the last one is a torn write (or nothing).
  lines.pop();
  const records: JournalRecord[] = [];
  for (const [i, line] of lines.entries()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    if (isRecord(parsed)) {
      records.push(parsed);
      continue;
    }
    if (i === lines.length - 1) break;
    return { records, problem: `line ${i + 1} is not a journal record` };
  }
  return { records };
}

/** Sets `key` as an own property even on a record that still has Object.prototype (`__proto__` included). */
function put<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Replays `records` over `data`, in place. */
export function replay(data: TenantData, records: readonly JournalRecord[]): void {
  for (const r of records) {
    for (const w of r.writes) {
      let collection = Object.hasOwn(data.collections, w.collection) ? data.collections[w.collection] : undefined;
      if (!collection) {
        collection = Object.create(null) as Record<string, StoredEntity>;
        put(data.collections, w.collection, collection);
      }
      if (w.entity === null) Reflect.deleteProperty(collection, w.id);
      else put(collection, w.id, w.entity);
    }
    data.nextInteger = r.nextInteger;
    data.idCounter = r.idCounter;
  }
}

/** The open journal of a running emulator: appends records durably and counts its size. */
export class JournalWriter {
  readonly path: string;
  private fd: number | undefined;
  private written = 0;

  constructor(file: string) {
    this.path = journalOf(file);
  }

  /** Bytes the journal holds. */
  get size(): number {
    return this.written;
  }

  /** Appends one record as one line and fsyncs it; returns the bytes written. */
  append(record: JournalRecord): number {
    if (this.fd === undefined) {
      this.fd = openSync(this.path, "a", 0o600);
      this.written = fstatSync(this.fd).size;
    }
    const line = Buffer.from(`${JSON.stringify(record)}\n`);
    writeSync(this.fd, line);
    fsyncSync(this.fd);
    this.written += line.length;
    return line.length;
  }

  /** Drops the journal: call only once a snapshot holding every record is in place. */
  discard(): void {
    this.close();
    rmSync(this.path, { force: true });
    this.written = 0;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
