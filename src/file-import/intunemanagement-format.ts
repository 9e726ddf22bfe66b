// IntuneManagement export folders (`--from intunemanagement`, Micke-K/IntuneManagement): one JSON file per object
// in a folder per object type, each the object as Graph returned it with $expand (assignments included) plus the
// tool's annotations (`*@odata.type`, `@odata.id`, `#microsoft.graph.<action>` links), which the import drops as
// export-only. Groups are exported as files of their own (Groups/); MigrationTable.json maps the group ids the
// export names to names, for the import to say which group an assignment it cannot resolve meant. Pure.
import { isPlainObject } from "../graph-model/json.ts";
import type { FileObject, FileReport, FormatRead, SourceFile } from "./source-file.ts";
import { jsonFiles, objectsOf } from "./source-file.ts";

const isMigrationTable = (path: string): boolean => /(^|\/)MigrationTable\.json$/i.test(path);

export function readIntuneManagementFiles(files: readonly SourceFile[]): FormatRead {
  const objects: FileObject[] = [];
  const reports: FileReport[] = [];
  const groupNames = new Map<string, string>();
  for (const { file, value } of jsonFiles(files, reports)) {
    if (isMigrationTable(file.path)) {
      const entries = isPlainObject(value) && Array.isArray(value["Objects"]) ? value["Objects"] : [];
      for (const e of entries)
        if (isPlainObject(e) && /group/i.test(String(e["Type"])) && typeof e["Id"] === "string")
          groupNames.set(e["Id"].toLowerCase(), String(e["DisplayName"] ?? ""));
      continue;
    }
    objects.push(...objectsOf(file.path, value, reports));
  }
  return { objects, reports, groupNames };
}
