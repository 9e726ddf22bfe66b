// One plan file as read from disk: its text, parsed YAML document and line index. The diagnostics layer reads
// `text` late to print excerpts; validators never see this type.
import type { Document, LineCounter } from "yaml";

export interface SourceFile {
  /** Path as given to the loader (relative paths stay relative, so output is stable across machines). */
  readonly path: string;
  readonly text: string;
  readonly document: Document.Parsed | undefined;
  readonly lines: LineCounter;
}
