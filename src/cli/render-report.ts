// The four views of a change report, by --format name (diff and preview share them).
import type { ChangeReport } from "../diff/change-set.ts";
import { renderJson } from "../render/json.ts";
import { renderMarkdown } from "../render/markdown.ts";
import type { ScriptTexts } from "../diff/script-texts.ts";
import { renderSarif } from "../render/sarif.ts";
import { renderText } from "../render/text.ts";
import { VERSION } from "./version.ts";

export const REPORT_FORMATS = ["text", "markdown", "json", "sarif"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const isReportFormat = (f: string | undefined): f is ReportFormat => (REPORT_FORMATS as readonly (string | undefined)[]).includes(f);

/** `scripts`: script texts by hash, for the Markdown view's unified diffs of changed scripts (diff command). */
export function renderReport(report: ChangeReport, format: ReportFormat, scripts?: ScriptTexts): string {
  switch (format) {
    case "text":
      return renderText(report);
    case "markdown":
      return renderMarkdown(report, scripts);
    case "json":
      return renderJson(report);
    case "sarif":
      return renderSarif(report, VERSION);
  }
}
