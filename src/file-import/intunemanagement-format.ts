// IntuneManagement export folders (`--from intunemanagement`, Micke-K/IntuneManagement): one JSON file per object
// in a folder per object type, each the object as Graph returned it with $expand (assignments included) plus the
// tool's annotations (`*@odata.type`, `@odata.id`, `#microsoft.graph.<action>` links), which the import drops as
// export-only. Groups are exported as files of their own (Groups/); MigrationTable.json maps the group ids the
// export names to names, for the import to say which group an assignment it cannot resolve meant. Pure.
import { isPlainObject } from "../graph-model/json.ts";
import type { FileObject, FileReport, FormatRead, SourceFile } from "./source-file.ts";
import { bodiesOf, isJsonPath, parseJsonFile, splitAssignments } from "./source-file.ts";

const isMigrationTable = (path: string): boolean => /(^|\/)MigrationTable\.json$/i.test(path);

export function readIntuneManagementFiles(files: readonly SourceFile[]): FormatRead {
  const objects: FileObject[] = [];
  const reports: FileReport[] = [];
  const groupNames = new Map<string, string>();
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
    if (isMigrationTable(file.path)) {
      const entries = isPlainObject(parsed.value) && Array.isArray(parsed.value["Objects"]) ? parsed.value["Objects"] : [];
      for (const e of entries)
        if (isPlainObject(e) && /group/i.test(String(e["Type"])) && typeof e["Id"] === "string")
          groupNames.set(e["Id"].toLowerCase(), String(e["DisplayName"] ?? ""));
      continue;
    }
    const { bodies, skipped } = bodiesOf(parsed.value);
    if (skipped > 0) reports.push({ file: file.path, reason: `${skipped} value(s) that are not JSON objects; skipped` });
    bodies.forEach((body, i) =>
      objects.push({ file: file.path, ...(bodies.length > 1 ? { where: `#${i + 1}` } : {}), ...splitAssignments(body) }),
    );
  }
  return { objects, reports, groupNames };
}
