// One plan file as read from disk. Its positioned YAML AST is built on first use: a clean file never pays for it,
// and the diagnostics layer reads `text` (and positions) late to print excerpts. Validators never see this type.
import type { Document } from "yaml";
import { LineCounter, parseDocument } from "yaml";

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
export function positioned(source: SourceFile): Positioned {
  let p = positions.get(source);
  if (!p) {
    const lines = new LineCounter();
    p = { document: parseDocument(source.text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false }), lines };
    positions.set(source, p);
  }
  return p;
}
