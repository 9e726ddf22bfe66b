// Diagnostics → compiler-style text: "file:line:col: error IP032: message", the source line, a caret, a hint.
// Reads source text late (the plan layer keeps it); no colour decisions beyond an optional styler.
import type { Diagnostic } from "./diagnostic.ts";

export interface TextSource {
  readonly text: string;
}

export interface TextOptions {
  /** Wraps severity words, e.g. with ANSI colour; identity by default. */
  readonly style?: (kind: "error" | "warning" | "dim", text: string) => string;
}

export function location(d: Diagnostic): string {
  if (d.subject) return `${d.subject.file}:${d.subject.start.line}:${d.subject.start.col}`;
  return d.file ?? "<plan>";
}

/** Characters of one source line an excerpt shows at most. */
const EXCERPT_WIDTH = 160;

function excerpt(d: Diagnostic, sources: ReadonlyMap<string, TextSource>, secrets: ReadonlyMap<string, readonly Span[]>): string[] {
  const s = d.subject;
  const text = s ? sources.get(s.file)?.text : undefined;
  if (!s || text === undefined) return [];
  // Columns count UTF-16 units from the line start, so the line starts col - 1 units before the subject.
  const lineStart = Math.max(0, s.start.offset - (s.start.col - 1));
  const lineEnd = text.indexOf("\n", lineStart);
  const full = masked(text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd), lineStart, secrets.get(s.file) ?? []).replace(/\r$/, "");
  const width = s.end.line === s.start.line ? Math.max(1, s.end.col - s.start.col) : Math.max(1, full.length - s.start.col + 1);
  // A long line is shown as a window around the subject: one excerpt never costs more than EXCERPT_WIDTH.
  const from = full.length <= EXCERPT_WIDTH ? 0 : Math.max(0, Math.min(s.start.col - 1 - 20, full.length - EXCERPT_WIDTH));
  const line = `${from > 0 ? "…" : ""}${full.slice(from, from + EXCERPT_WIDTH)}${from + EXCERPT_WIDTH < full.length ? "…" : ""}`;
  const caretAt = s.start.col - 1 - from + (from > 0 ? 1 : 0);
  const gutter = String(s.start.line).length;
  return [
    `${" ".repeat(gutter)} |`,
    `${s.start.line} | ${line}`,
    `${" ".repeat(gutter)} | ${" ".repeat(caretAt)}${"^".repeat(Math.max(1, Math.min(width, 120, EXCERPT_WIDTH - s.start.col + 1 + from)))}`,
  ];
}

/** [start, end) offsets of a secret's source text. */
type Span = readonly [number, number];

/**
 * A scalar written after a credential key (`preSharedKey: …`, `password: "…"`) on one line, found in the text itself:
 * the fallback for lines no secretSubject diagnostic covers (a syntax error on that line, IP024s past the cap).
 * Keys ending in these words only, as the plan's IP024 rule has them; a flow or block value is left to the spans.
 */
const LITERAL_SECRET =
  /((?:preSharedKey|password|passphrase|sharedSecret)["']?[ \t]*:[ \t]+)("(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?|[^\s{[&*|>#,}\]][^,}\]#]*)/gi;

/** `line` (starting at offset `at` of its file) with every character of a secret replaced by `*`, widths kept. */
function masked(line: string, at: number, spans: readonly Span[]): string {
  let out = line;
  for (const [start, end] of spans) {
    const a = Math.max(start - at, 0);
    const b = Math.min(end - at, out.length);
    if (a < b) out = `${out.slice(0, a)}${"*".repeat(b - a)}${out.slice(b)}`;
  }
  return out.replace(
    LITERAL_SECRET,
    (_m, key: string, value: string) => `${key}${"*".repeat(value.trimEnd().length)}${value.slice(value.trimEnd().length)}`,
  );
}

/** Per file, the source spans diagnostics flagged as secret values (Diagnostic.secretSubject): never printed. */
function secretSpans(diagnostics: readonly Diagnostic[]): Map<string, Span[]> {
  const spans = new Map<string, Span[]>();
  for (const d of diagnostics) {
    if (!d.secretSubject || !d.subject) continue;
    const list = spans.get(d.subject.file) ?? [];
    list.push([d.subject.start.offset, d.subject.end.offset]);
    spans.set(d.subject.file, list);
  }
  return spans;
}

export function formatDiagnosticsText(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, TextSource>,
  options: TextOptions = {},
): string {
  const style = options.style ?? ((_k, t) => t);
  const secrets = secretSpans(diagnostics);
  const blocks = diagnostics.map((d) => {
    const lines = [`${location(d)}: ${style(d.severity, d.severity)} ${d.code}: ${d.message}`, ...excerpt(d, sources, secrets)];
    if (d.hint) lines.push(`  = hint: ${d.hint}`);
    for (const r of d.related ?? [])
      lines.push(
        style(
          "dim",
          `  = note: ${r.message} at ${r.subject ? `${r.subject.file}:${r.subject.start.line}:${r.subject.start.col}` : (r.file ?? "<plan>")}`,
        ),
      );
    return lines.join("\n");
  });
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  blocks.push(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return `${blocks.join("\n\n")}\n`;
}
