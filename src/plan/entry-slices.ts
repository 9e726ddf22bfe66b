// Where a plan file's top-level section, or one object inside a section, is written, found by scanning lines of
// block-style YAML, and that entry alone parsed with positions. Placing one diagnostic in a file of thousands of
// objects then parses one object, not the file (the positioned parser is several times slower than the value
// parser: one warning made validate 2.4x slower). Anything the scan cannot vouch for (flow style at the top,
// tabs, complex or escaped keys, a slice that does not parse to exactly the expected key) returns undefined, and
// the caller parses the whole file as before. Files with anchors never get here: they are parsed whole anyway.
import type { YAMLMap } from "yaml";
import type { SourceFile } from "./source-file.ts";
import { yamlAst } from "./yaml-ast.ts";

/** One `key:` entry of a block mapping: its text runs from `start` to `end` (offsets into the file). */
interface Entry {
  readonly start: number;
  readonly end: number;
}

/** A parsed slice: a mapping holding just the entry, whose node ranges are relative to `offset`. */
export interface EntrySlice {
  readonly map: YAMLMap;
  readonly offset: number;
  /** How many path segments the slice stands for: 0 (it is the file's mapping cut to one section) or 1. */
  readonly depth: 0 | 1;
}

/** The key a line (after its indentation) starts, or undefined when it is not a plain or simply quoted key. */
function keyOf(rest: string): string | undefined {
  const quoted = /^"([^"\\]*)"[ ]*:(?:[ ]|$)/.exec(rest) ?? /^'([^']*)'[ ]*:(?:[ ]|$)/.exec(rest);
  if (quoted) return quoted[1];
  if (/^[\s#"'{}[\]&*!|>%@`?,-]/.test(rest)) return undefined;
  const colon = /:(?:[ ]|$)/.exec(rest);
  if (!colon) return undefined;
  const key = rest.slice(0, colon.index).trimEnd();
  return key.includes(" #") ? undefined : key;
}

/**
 * The entries of a block mapping whose keys sit at column `indent`, between offsets `from` and `to`. Blank lines,
 * comments, deeper lines and `- ` items at the same column (a compact sequence value) continue the current entry.
 * Undefined when a line does not fit that shape.
 */
function scanEntries(text: string, from: number, to: number, indent: number): Map<string, Entry> | undefined {
  const found = new Map<string, Entry>();
  let open: { key: string; start: number } | undefined;
  const close = (end: number): void => {
    if (open && !found.has(open.key)) found.set(open.key, { start: open.start, end });
  };
  for (let at = from; at < to;) {
    const newline = text.indexOf("\n", at);
    const next = newline < 0 || newline >= to ? to : newline + 1;
    const line = text.slice(at, next).replace(/\r?\n$/, "");
    const spaces = line.length - line.trimStart().length;
    const rest = line.slice(spaces);
    if (rest.startsWith("\t") || line.startsWith("\t")) return undefined;
    const continues = rest === "" || rest.startsWith("#") || spaces > indent || (spaces === indent && /^-(?: |$)/.test(rest));
    if (!continues) {
      if (spaces < indent) return undefined;
      if (indent === 0 && open === undefined && found.size === 0 && rest === "---") {
        at = next;
        continue;
      }
      const key = keyOf(rest);
      if (key === undefined) return undefined;
      close(at);
      open = { key, start: at };
    }
    at = next;
  }
  close(to);
  return found;
}

/** The column of an entry's first nested line, when its value is a block below the key line. */
function childIndent(text: string, entry: Entry): number | undefined {
  const firstLineEnd = text.indexOf("\n", entry.start);
  if (firstLineEnd < 0 || firstLineEnd >= entry.end) return undefined;
  const keyLine = text.slice(entry.start, firstLineEnd);
  if (!/:[ ]*(?:#.*)?\r?$/.test(keyLine)) return undefined; // the value is on the key's line
  for (let at = firstLineEnd + 1; at < entry.end;) {
    const newline = text.indexOf("\n", at);
    const next = newline < 0 || newline >= entry.end ? entry.end : newline + 1;
    const line = text.slice(at, next).replace(/\r?\n$/, "");
    const rest = line.trimStart();
    if (rest !== "" && !rest.startsWith("#")) return rest.startsWith("-") ? undefined : line.length - rest.length;
    at = next;
  }
  return undefined;
}

interface FileIndex {
  readonly sections: Map<string, Entry> | undefined;
  readonly objects: Map<string, Map<string, Entry> | undefined>;
  readonly slices: Map<string, EntrySlice | undefined>;
}

const indexes = new WeakMap<SourceFile, FileIndex>();

function indexOf(source: SourceFile): FileIndex {
  let index = indexes.get(source);
  if (!index) {
    index = { sections: scanEntries(source.text, 0, source.text.length, 0), objects: new Map(), slices: new Map() };
    indexes.set(source, index);
  }
  return index;
}

/** Parses `entry` alone; it must come out as a mapping of exactly the one expected key. */
function parseSlice(source: SourceFile, entry: Entry, key: string, depth: 0 | 1): EntrySlice | undefined {
  const { isMap, isScalar, parseDocument } = yamlAst();
  const document = parseDocument(source.text.slice(entry.start, entry.end), {
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const map = document.contents;
  if (document.errors.length > 0 || !isMap(map) || map.items.length !== 1) return undefined;
  const only = map.items[0]?.key;
  return isScalar(only) && String(only.value) === key ? { map, offset: entry.start, depth } : undefined;
}

/**
 * The smallest parsed slice that holds `path`: the object's entry for `[section, key, …]` when the section is a
 * block mapping, else the section's entry. Undefined: parse the whole file. Each slice is parsed once.
 */
export function entrySlice(source: SourceFile, path: readonly (string | number)[]): EntrySlice | undefined {
  const [section, key] = path;
  if (typeof section !== "string") return undefined;
  const index = indexOf(source);
  const sectionEntry = index.sections?.get(section);
  if (!sectionEntry) return undefined;
  if (typeof key === "string") {
    let objects = index.objects.get(section);
    if (!index.objects.has(section)) {
      const indent = childIndent(source.text, sectionEntry);
      const firstLineEnd = source.text.indexOf("\n", sectionEntry.start) + 1;
      objects = indent === undefined || indent === 0 ? undefined : scanEntries(source.text, firstLineEnd, sectionEntry.end, indent);
      index.objects.set(section, objects);
    }
    const objectEntry = objects?.get(key);
    if (objectEntry) {
      const id = `1\n${section}\n${key}`;
      if (!index.slices.has(id)) index.slices.set(id, parseSlice(source, objectEntry, key, 1));
      const slice = index.slices.get(id);
      if (slice) return slice;
    }
  }
  const id = `0\n${section}`;
  if (!index.slices.has(id)) index.slices.set(id, parseSlice(source, sectionEntry, section, 0));
  return index.slices.get(id);
}
