// Raw Graph JSON (`--from graph`): bodies as Graph takes or returns them, one per file or many in a list or a
// one-key wrapper (OpenIntuneBaseline, Microsoft's Intune-Config-Frameworks, hand-written templates such as
// {"groups":[…]}). Also the Intune portal's policy export (`--from portal`): one settings-catalog policy per file, as
// GET returned it, with a UTF-8 BOM and no top-level @odata.type, which kindOf recognises by shape. Pure.
import type { FileReport, FormatRead, SourceFile } from "./source-file.ts";
import { jsonFiles, objectsOf } from "./source-file.ts";

export function readGraphFiles(files: readonly SourceFile[]): FormatRead {
  const reports: FileReport[] = [];
  const objects = jsonFiles(files, reports).flatMap(({ file, value }) => objectsOf(file.path, value, reports));
  return { objects, reports };
}

/** The portal writes Graph's own GET body, so the Graph reader reads it; the format name says what the user has. */
export const readPortalFiles = readGraphFiles;
