// The readers of `import --from FORMAT`, one per format, checked exhaustively (a new format does not build without
// one). Each is pure: the files' text in, Graph-shaped objects and reports out (source-file.ts).
import type { FileFormat, FormatRead, SourceFile } from "./source-file.ts";
import { readGraphFiles, readPortalFiles } from "./graph-format.ts";
import { readIntuneCdFiles } from "./intunecd-format.ts";
import { readIntuneManagementFiles } from "./intunemanagement-format.ts";

export const READERS: Readonly<Record<FileFormat, (files: readonly SourceFile[]) => FormatRead>> = {
  portal: readPortalFiles,
  intunemanagement: readIntuneManagementFiles,
  intunecd: readIntuneCdFiles,
  graph: readGraphFiles,
};

/** How the plan's description and the command's output name each format. */
export const FORMAT_LABELS: Readonly<Record<FileFormat, string>> = {
  portal: "an Intune portal policy export",
  intunemanagement: "an IntuneManagement export",
  intunecd: "an IntuneCD backup",
  graph: "Graph JSON files",
};
