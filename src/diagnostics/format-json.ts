// Diagnostics → versioned JSON for machines. Field by field:
//   formatVersion  "1"
//   summary        { errors, warnings }
//   diagnostics[]  { code, severity, message, hint?, file?, line?, col?, endLine?, endCol?, path, related[] }
//                  path is the plan path ("compliance.win-baseline.settings.passwordMinimumLength").
import type { Diagnostic, PlanPath } from "./diagnostic.ts";

export const DIAGNOSTICS_JSON_VERSION = "1";

export const dotPath = (path: PlanPath): string =>
  path
    .map((p) => (typeof p === "number" ? `[${p}]` : p))
    .join(".")
    .replace(/\.\[/g, "[");

export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const body = {
    formatVersion: DIAGNOSTICS_JSON_VERSION,
    summary: { errors, warnings: diagnostics.length - errors },
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(d.hint ? { hint: d.hint } : {}),
      ...(d.subject
        ? {
            file: d.subject.file,
            line: d.subject.start.line,
            col: d.subject.start.col,
            endLine: d.subject.end.line,
            endCol: d.subject.end.col,
          }
        : d.file
          ? { file: d.file }
          : {}),
      path: dotPath(d.path),
      related: (d.related ?? []).map((r) => ({
        message: r.message,
        path: dotPath(r.path),
        ...(r.subject ? { file: r.subject.file, line: r.subject.start.line, col: r.subject.start.col } : r.file ? { file: r.file } : {}),
      })),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
