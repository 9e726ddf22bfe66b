// The diagnostic value every stage returns instead of throwing for author mistakes.
// Pure data: stages report a plan path; only the plan layer attaches file positions (see plan/place.ts).
import type { CodeEntry, DiagnosticCode } from "./codes.ts";
import { compareText } from "../text-order.ts";
import { CODES } from "./codes.ts";

export type Severity = "error" | "warning";

/** A location in a source file. Lines and columns are 1-based; offset is a 0-based UTF-16 index. */
export interface SourcePosition {
  readonly line: number;
  readonly col: number;
  readonly offset: number;
}

export interface SourceRange {
  readonly file: string;
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** A path into the merged plan, e.g. ["compliance", "win-baseline", "settings", "passwordMinimumLength"]. */
export type PlanPath = readonly (string | number)[];

/**
 * One finding. `subject` is the exact offending node; it is absent only when the finding has no place in any
 * file (for example "no plan files found"). `related` points at a second place that explains the finding
 * (the other policy of a conflict, the first definition of a duplicate key).
 */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** One line, no trailing period. */
  readonly message: string;
  /** How to fix it, in full sentences. */
  readonly hint?: string;
  readonly path: PlanPath;
  /** When set, the finding points at the key itself (unknown or duplicate keys) rather than its value. */
  readonly atKey?: boolean;
  /** When set, the subject's source text is a secret value: excerpts mask it (and any line it shares). */
  readonly secretSubject?: boolean;
  readonly file?: string;
  readonly subject?: SourceRange;
  readonly related?: readonly RelatedLocation[];
}

export interface RelatedLocation {
  readonly message: string;
  readonly path: PlanPath;
  readonly file?: string;
  readonly subject?: SourceRange;
}

export interface DiagnosticInit {
  readonly message: string;
  readonly path: PlanPath;
  readonly hint?: string;
  readonly atKey?: boolean;
  readonly secretSubject?: boolean;
  readonly file?: string;
  readonly severity?: Severity;
  readonly related?: readonly RelatedLocation[];
}

/** Builds a diagnostic whose severity and default hint come from the code catalogue. */
export function diagnostic(code: DiagnosticCode, init: DiagnosticInit): Diagnostic {
  const entry: CodeEntry = CODES[code];
  const hint = init.hint ?? entry.hint;
  return {
    code,
    severity: init.severity ?? entry.severity,
    message: init.message,
    path: init.path,
    ...(hint === undefined ? {} : { hint }),
    ...(init.atKey ? { atKey: true } : {}),
    ...(init.secretSubject ? { secretSubject: true } : {}),
    ...(init.file === undefined ? {} : { file: init.file }),
    ...(init.related === undefined ? {} : { related: init.related }),
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Stable order: file, line, column, code, message. Diagnostics without a position come first. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.subject?.file ?? a.file ?? "";
    const fb = b.subject?.file ?? b.file ?? "";
    const la = a.subject?.start.offset ?? -1;
    const lb = b.subject?.start.offset ?? -1;
    return compareText(fa, fb) || la - lb || compareText(a.code, b.code) || compareText(a.message, b.message);
  });
}

/** How many diagnostics of one code a run reports before it summarises the rest (see capDiagnostics). */
export const MAX_PER_CODE = 50;

/**
 * Bounds output by the number of codes, not by the input: keeps the first `max` diagnostics of each code, in the
 * given order, and replaces the rest of that code with one summary line (severity: the worst it stands for, so exit
 * codes do not change). Without it 9 KB of unknown keys on one line printed 24 MB of diagnostics.
 */
export function capDiagnostics(diagnostics: readonly Diagnostic[], max = MAX_PER_CODE): Diagnostic[] {
  const kept: Diagnostic[] = [];
  const dropped = new Map<DiagnosticCode, { count: number; severity: Severity; file: string | undefined }>();
  const seen = new Map<DiagnosticCode, number>();
  for (const d of diagnostics) {
    const n = (seen.get(d.code) ?? 0) + 1;
    seen.set(d.code, n);
    if (n <= max) {
      kept.push(d);
      continue;
    }
    const prior = dropped.get(d.code);
    dropped.set(d.code, {
      count: (prior?.count ?? 0) + 1,
      severity: prior?.severity === "error" || d.severity === "error" ? "error" : "warning",
      file: prior ? prior.file : (d.subject?.file ?? d.file),
    });
  }
  // The summary names the file of the first diagnostic it stands for (where the flood starts).
  for (const [code, { count, severity, file }] of dropped) {
    kept.push(
      diagnostic(code, {
        path: [],
        severity,
        ...(file === undefined ? {} : { file }),
        message: `${count} more ${code} (${CODES[code].title}) not shown; fix the ones above and run again`,
      }),
    );
  }
  return kept;
}
