// Raw Graph JSON (`--from graph`): bodies as Graph takes or returns them, one per file or many in a list or a
// one-key wrapper (OpenIntuneBaseline, Microsoft's Intune-Config-Frameworks, hand-written templates such as
// {"groups":[…]}). Also the Intune portal's policy export (`--from portal`): one settings-catalog policy per file, as
// GET returned it, with a UTF-8 BOM and no top-level @odata.type, which kindOf recognises by shape. Pure.
import type { FileObject, FileReport, FormatRead, SourceFile } from "./source-file.ts";
import { bodiesOf, isJsonPath, parseJsonFile, splitAssignments } from "./source-file.ts";

export function readGraphFiles(files: readonly SourceFile[]): FormatRead {
  const objects: FileObject[] = [];
  const reports: FileReport[] = [];
  for (const file of files) {
    if (!isJsonPath(file.path)) {
      reports.push({ file: file.path, reason: "not a .json file; skipped" });
      continue;
    }
    const parsed = parseJsonFile(file);
    if ("error" in parsed) {
      reports.push({ file: file.path, reason: parsed.error });
      continue;
    }
    const { bodies, skipped } = bodiesOf(parsed.value);
    if (skipped > 0) reports.push({ file: file.path, reason: `${skipped} value(s) that are not JSON objects; skipped` });
    bodies.forEach((body, i) =>
      objects.push({ file: file.path, ...(bodies.length > 1 ? { where: `#${i + 1}` } : {}), ...splitAssignments(body) }),
    );
  }
  return { objects, reports };
}

/** The portal writes Graph's own GET body, so the Graph reader reads it; the format name says what the user has. */
export const readPortalFiles = readGraphFiles;
