// One plan file as read from disk. Its positioned YAML AST is built on first use: a clean file never pays for it,
// and the diagnostics layer reads `text` (and positions) late to print excerpts. Validators never see this type.
import type { Document, LineCounter } from "yaml";
import { yamlAst } from "./yaml-ast.ts";

export interface SourceFile {
  /** Path as given to the loader (relative paths stay relative, so output is stable across machines). */
  readonly path: string;
  readonly text: string;
}

export interface Positioned {
  readonly document: Document.Parsed;
  readonly lines: LineCounter;
}

const positions = new WeakMap<SourceFile, Positioned>();

/**
 * The file's YAML AST with source ranges and its line index, parsed once per file. Duplicate keys are not checked
 * here: the parser's own check compares every key with every earlier one (40k keys took 80 s); parse.ts finds
 * them in one pass with a set per mapping (duplicateKeys).
 */
/** True when the whole file has been parsed with positions already (its errors, anchors, or a slice that failed). */
export const isPositioned = (source: SourceFile): boolean => positions.has(source);

const lineStarts = new WeakMap<SourceFile, number[]>();

/**
 * Line and column (1-based) of an offset, from an index of line starts built once per file by a scan for line
 * feeds: placing a diagnostic needs no parse of the file (LineCounter's answers, without its parse).
 */
export function linePos(source: SourceFile, offset: number): { line: number; col: number } {
  let starts = lineStarts.get(source);
  if (!starts) {
    starts = [0];
    for (let i = source.text.indexOf("\n"); i >= 0; i = source.text.indexOf("\n", i + 1)) starts.push(i + 1);
    lineStarts.set(source, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (starts[lo] as number) + 1 };
}

export function positioned(source: SourceFile): Positioned {
  let p = positions.get(source);
  if (!p) {
    const { LineCounter, parseDocument } = yamlAst();
    const lines = new LineCounter();
    p = {
      document: parseDocument(source.text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false }),
      lines,
    };
    positions.set(source, p);
  }
  return p;
}
