// Diagnostics → compiler-style text: "file:line:col: error IP032: message", the source line, a caret, a hint.
// Reads source text late (the plan layer keeps it); no colour decisions beyond an optional styler.
import type { Diagnostic } from "./diagnostic.ts";

export interface TextSource { readonly text: string }

export interface TextOptions {
  /** Wraps severity words, e.g. with ANSI colour; identity by default. */
  readonly style?: (kind: "error" | "warning" | "dim", text: string) => string;
}

export function location(d: Diagnostic): string {
  if (d.subject) return `${d.subject.file}:${d.subject.start.line}:${d.subject.start.col}`;
  return d.file ?? "<plan>";
}

function excerpt(d: Diagnostic, sources: ReadonlyMap<string, TextSource>): string[] {
  const s = d.subject;
  const text = s ? sources.get(s.file)?.text : undefined;
  if (!s || text === undefined) return [];
  const line = text.split("\n")[s.start.line - 1]?.replace(/\r$/, "") ?? "";
  const width = s.end.line === s.start.line ? Math.max(1, s.end.col - s.start.col) : Math.max(1, line.length - s.start.col + 1);
  const gutter = String(s.start.line).length;
  return [
    `${" ".repeat(gutter)} |`,
    `${s.start.line} | ${line}`,
    `${" ".repeat(gutter)} | ${" ".repeat(s.start.col - 1)}${"^".repeat(Math.min(width, 120))}`,
  ];
}

export function formatDiagnosticsText(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, TextSource>, options: TextOptions = {}): string {
  const style = options.style ?? ((_k, t) => t);
  const blocks = diagnostics.map((d) => {
    const lines = [`${location(d)}: ${style(d.severity, d.severity)} ${d.code}: ${d.message}`, ...excerpt(d, sources)];
    if (d.hint) lines.push(`  = hint: ${d.hint}`);
    for (const r of d.related ?? []) lines.push(style("dim", `  = note: ${r.message} at ${r.subject ? `${r.subject.file}:${r.subject.start.line}:${r.subject.start.col}` : (r.file ?? "<plan>")}`));
    return lines.join("\n");
  });
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  blocks.push(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return `${blocks.join("\n\n")}\n`;
}
