// Attaches source ranges to diagnostics: a plan path is walked through the YAML AST of the file that defines it.
// The only module that knows both plan paths and YAML nodes.
import type { Node, Pair, YAMLMap } from "yaml";
import type { Diagnostic, PlanPath, SourceRange } from "../diagnostics/diagnostic.ts";
import { rangeOf } from "./parse.ts";
import type { PlanOrigins } from "./merge.ts";
import { fileOfPath } from "./merge.ts";
import type { SourceFile } from "./source-file.ts";
import { entrySlice } from "./entry-slices.ts";
import { isPositioned, positioned } from "./source-file.ts";
import { yamlAst } from "./yaml-ast.ts";

/**
 * Finds the node at `path` (or, with atKey, the key node of its last segment). Falls back to the deepest ancestor
 * found. Walks the parsed slice that holds the path's object (entry-slices.ts) when there is one, so a diagnostic
 * in a large file parses one object rather than the file; otherwise the whole file's positioned AST.
 */
export function locate(source: SourceFile, path: PlanPath, atKey = false): SourceRange | undefined {
  const slice = isPositioned(source) ? undefined : entrySlice(source, path);
  return slice ? walk(source, slice.map, slice.offset, path, slice.depth, atKey) : locateInDocument(source, path, atKey);
}

/** `locate` on the whole file's positioned AST (what slices must agree with). */
export function locateInDocument(source: SourceFile, path: PlanPath, atKey = false): SourceRange | undefined {
  return walk(source, positioned(source).document.contents, 0, path, 0, atKey);
}

/** Walks `path` from segment `from` down from `root`, whose ranges are relative to `offset`. */
function walk(source: SourceFile, root: unknown, offset: number, path: PlanPath, from: number, atKey: boolean): SourceRange | undefined {
  const { isMap, isSeq } = yamlAst();
  let node: unknown = root;
  let best: [number, number] | undefined = rangeTuple(node);
  for (let i = from; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairIndex(node).get(String(seg));
      if (!pair) break;
      // Whole block collections are reported at their key: the first line of their body would mislead.
      const block = (isMap(pair.value) || isSeq(pair.value)) && !pair.value.flow;
      if (last && (atKey || block)) {
        best = rangeTuple(pair.key) ?? best;
        break;
      }
      node = pair.value;
      best = rangeTuple(node) ?? rangeTuple(pair.key) ?? best;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg];
      if (node === undefined) break;
      best = rangeTuple(node) ?? best;
    } else break;
  }
  return best ? rangeOf(source, offset + best[0], offset + best[1]) : undefined;
}

/** Key → pair for one YAML mapping, built once: placing many diagnostics in a large section stays linear. */
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairIndex(map: YAMLMap): Map<string, Pair> {
  let index = pairIndexes.get(map);
  if (!index) {
    const { isScalar } = yamlAst();
    index = new Map();
    for (const p of map.items) if (isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    pairIndexes.set(map, index);
  }
  return index;
}

function rangeTuple(node: unknown): [number, number] | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** Resolves which file defines a plan path (see merge.ts), then places each diagnostic and its related locations. */
export function placeDiagnostics(
  diagnostics: readonly Diagnostic[],
  files: ReadonlyMap<string, SourceFile>,
  fileOf: (path: PlanPath) => string | undefined,
): Diagnostic[] {
  const place = (path: PlanPath, file: string | undefined, atKey: boolean): { file?: string; subject?: SourceRange } => {
    const f = file ?? fileOf(path);
    const source = f === undefined ? undefined : files.get(f);
    if (!source) return f === undefined ? {} : { file: f };
    const subject = locate(source, path, atKey);
    return subject ? { file: source.path, subject } : { file: source.path };
  };
  return diagnostics.map((d) => {
    if (d.subject) return d;
    const at = place(d.path, d.file, d.atKey ?? false);
    const related = d.related?.map((r) => (r.subject ? r : { ...r, ...place(r.path, r.file, false) }));
    return { ...d, ...at, ...(related ? { related } : {}) };
  });
}

/** Where the merged plan defines `path` (the key of its last segment), or undefined when no file does. */
export function locateInPlan(sources: ReadonlyMap<string, SourceFile>, origins: PlanOrigins, path: PlanPath): SourceRange | undefined {
  const file = fileOfPath(origins, path);
  const source = file === undefined ? undefined : sources.get(file);
  return source ? locate(source, path, true) : undefined;
}
