// Diagnostics → SARIF 2.1.0 (one run; rules from the code catalogue; ruleId = code). Valid against the
// OASIS schema (checked in test/diagnostics/sarif.test.ts).
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { CodeEntry } from "./codes.ts";
import { CODES } from "./codes.ts";
import type { Diagnostic } from "./diagnostic.ts";

export interface SarifOptions {
  readonly toolVersion: string;
  readonly informationUri?: string;
}

export function toSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): Log {
  const used = [...new Set(diagnostics.map((d) => d.code))].sort();
  const rules: ReportingDescriptor[] = used.map((code) => {
    const entry: CodeEntry = CODES[code];
    return {
      id: code,
      name: entry.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : "")),
      shortDescription: { text: entry.title },
      ...(entry.hint ? { help: { text: entry.hint } } : {}),
      defaultConfiguration: { level: entry.severity },
    };
  });
  const results: Result[] = diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: used.indexOf(d.code),
    level: d.severity,
    message: { text: d.hint ? `${d.message}. ${d.hint}` : d.message },
    ...(d.subject || d.file
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(d.subject?.file ?? d.file ?? "") },
                ...(d.subject
                  ? {
                      region: {
                        startLine: d.subject.start.line,
                        startColumn: d.subject.start.col,
                        endLine: d.subject.end.line,
                        endColumn: Math.max(d.subject.end.col, d.subject.start.col + (d.subject.end.line === d.subject.start.line ? 1 : 0)),
                      },
                    }
                  : {}),
              },
            },
          ],
        }
      : {}),
    ...(d.related?.some((r) => r.subject)
      ? {
          relatedLocations: (d.related ?? [])
            .filter((r) => r.subject)
            .map((r, i) => ({
              id: i,
              message: { text: r.message },
              physicalLocation: {
                artifactLocation: { uri: toUri(r.subject?.file ?? "") },
                region: { startLine: r.subject?.start.line ?? 1, startColumn: r.subject?.start.col ?? 1 },
              },
            })),
        }
      : {}),
  }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "intune-plan",
            version: options.toolVersion,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules,
          },
        },
        results,
      },
    ],
  };
}

/** Relative paths stay relative URIs (SARIF consumers resolve them against the checkout). */
function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}

export function formatDiagnosticsSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  return `${JSON.stringify(toSarif(diagnostics, options), null, 2)}\n`;
}
