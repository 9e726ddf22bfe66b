// The files `import --from FORMAT PATH` reads (the I/O half of src/file-import/): PATH itself when it is a file, else
// every file under it, with paths relative to it. Hidden files and folders (.git, .DS_Store) are not read: no export
// tool writes them. A PATH that does not exist is a usage mistake; a file that cannot be read is the user's to fix.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import type { SourceFile } from "../file-import/source-file.ts";
import { UsageError, UserFailure } from "./cli-errors.ts";

const code = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? "error";

function read(path: string, shown: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UserFailure(`cannot read ${shown} (${code(error)})`);
  }
}

export function readSourceFiles(path: string): SourceFile[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    throw new UsageError(`${path}: no such file or folder (${code(error)}); --from reads the file or folder a tool exported`);
  }
  if (!isFolder) return [{ path: basename(path), text: read(path, path) }];
  const out: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith(".")) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push({ path: relative(path, full).split(sep).join("/"), text: read(full, full) });
    }
  };
  walk(path);
  return out;
}
