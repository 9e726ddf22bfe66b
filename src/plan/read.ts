// I/O edge of the plan layer: expands paths (folders → their *.yaml / *.yml files, sorted) and reads bytes.
// Contract: only regular files are read, and never more than their fstat size plus one byte: a FIFO, a device
// (/dev/zero) or a socket is refused after fstat on the opened descriptor, before any read, and a file over
// LIMITS.bytes is refused by its size alone, so no plan path can hang or exhaust memory. A plan file whose real
// path lies outside its plan folder (a symlink to /etc/shadow, to a home directory, ...) is refused before it is
// opened, so its content can never reach a diagnostic excerpt.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative as relativePath, resolve, sep } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { LIMITS } from "./parse.ts";
import { SNAPSHOT_FILE } from "../graph-model/setting-definitions.ts";
import { TEMPLATES_FILE } from "../graph-model/policy-templates.ts";

/** A script file a plan file names (scripts, remediations): its text, or why it cannot be had. */
export type ScriptRead = { readonly text: string } | { readonly missing: string } | { readonly outside: string };

export interface PlanInput {
  readonly path: string;
  readonly bytes: Uint8Array;
  /**
   * Reads a script file named in this plan file, by its path relative to the file; absent: the input has no
   * folder to read from (every script reference is then missing).
   */
  readonly readScript?: (relative: string) => ScriptRead;
}

const isPlanFile = (name: string): boolean => /\.ya?ml$/i.test(name);

/** A plan folder's setting-definitions snapshot file (setting-definitions.json), unparsed: check-plan.ts reads it. */
export interface DefinitionsInput {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface PlanInputs {
  readonly inputs: PlanInput[];
  readonly diagnostics: Diagnostic[];
  /** The snapshot of each plan folder that has one, in the order the folders were named (once per folder). */
  readonly definitions: DefinitionsInput[];
  /** The policy-templates snapshot (policy-templates.json) of each plan folder that has one, read the same way. */
  readonly templates: DefinitionsInput[];
}

export function readPlanInputs(paths: readonly string[]): PlanInputs {
  const inputs: PlanInput[] = [];
  const diagnostics: Diagnostic[] = [];
  const definitions: DefinitionsInput[] = [];
  const templates: DefinitionsInput[] = [];
  const folders = new Set<string>();
  for (const p of paths) {
    let files: string[];
    let folder: string;
    try {
      const isFolder = statSync(p).isDirectory();
      files = isFolder
        ? readdirSync(p)
            .filter(isPlanFile)
            .sort()
            .map((f) => join(p, f))
        : [p];
      // A file named directly belongs to the folder that holds it.
      folder = isFolder ? p : dirname(p);
    } catch {
      diagnostics.push(diagnostic("IP005", { path: [], file: p, message: `${p} does not exist` }));
      continue;
    }
    // The folder's snapshot, read with a plan file's bounds and refusals (inside the folder, regular, bounded).
    const snapshot = join(folder, SNAPSHOT_FILE);
    if (!folders.has(resolve(folder)) && existsFile(snapshot)) {
      const read = readPlanFile(snapshot, folder);
      if ("diagnostic" in read) diagnostics.push(read.diagnostic);
      else definitions.push({ path: snapshot, bytes: read.bytes });
    }
    const templateFile = join(folder, TEMPLATES_FILE);
    if (!folders.has(resolve(folder)) && existsFile(templateFile)) {
      const read = readPlanFile(templateFile, folder);
      if ("diagnostic" in read) diagnostics.push(read.diagnostic);
      else templates.push({ path: templateFile, bytes: read.bytes });
    }
    folders.add(resolve(folder));
    for (const f of files) {
      const read = readPlanFile(f, folder);
      if ("diagnostic" in read) diagnostics.push(read.diagnostic);
      else inputs.push({ path: f, bytes: read.bytes, readScript: (relative) => readScriptFile(f, relative) });
    }
  }
  if (inputs.length === 0 && diagnostics.length === 0) {
    diagnostics.push(diagnostic("IP005", { path: [], message: `no *.yaml plan files in ${paths.join(", ") || "(no paths given)"}` }));
  }
  return { inputs, diagnostics, definitions, templates };
}

function existsFile(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** True when `file` (after every symlink) lies inside `folder` (after every symlink). */
function insideFolder(file: string, folder: string): boolean {
  const root = realpathSync(folder);
  const real = realpathSync(file);
  return real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * One plan file's bytes, or why not. Opened non-blocking (opening a FIFO without a writer would otherwise block),
 * checked with fstat on that same descriptor (nothing can be swapped in between check and read), then read up to
 * its size plus one byte: a file that grew after fstat is reported, never read without bound.
 */
function readPlanFile(file: string, folder: string): { bytes: Uint8Array } | { diagnostic: Diagnostic } {
  const unreadable = (why: string): { diagnostic: Diagnostic } => ({
    diagnostic: diagnostic("IP002", { path: [], file, message: `${file} ${why}` }),
  });
  let fd: number;
  try {
    if (!insideFolder(file, folder))
      return unreadable("resolves outside its plan folder (a symlink?); plan files must live in the plan folder");
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return unreadable(`cannot be read: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return unreadable("is not a regular file (a folder, FIFO, socket or device); plan files must be regular files");
    if (stat.size > LIMITS.bytes) {
      return {
        diagnostic: diagnostic("IP003", {
          path: [],
          file,
          message: `${file} is ${stat.size} bytes; plan files are limited to ${LIMITS.bytes} bytes`,
        }),
      };
    }
    // One byte more than fstat promised tells a file that grew while it was read from one that did not.
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > stat.size) return unreadable("changed while it was read; run the command again");
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return unreadable(`cannot be read: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * A script file named by the plan file `from`, relative to that file's folder. The path must stay inside that
 * folder, written and after every symlink (IP191): a script path can never reach /etc/shadow or a home directory.
 * Read with the same bounds as a plan file (regular file, LIMITS.bytes).
 */
export function readScriptFile(from: string, relative: string): ScriptRead {
  const folder = dirname(from);
  const target = resolve(folder, relative);
  const rel = relativePath(resolve(folder), target);
  if (isAbsolute(relative) || rel.startsWith("..") || isAbsolute(rel)) return { outside: relative };
  try {
    statSync(target);
  } catch {
    return { missing: relative };
  }
  const read = readPlanFile(target, folder);
  if ("diagnostic" in read) {
    return /outside its plan folder/.test(read.diagnostic.message) ? { outside: relative } : { missing: relative };
  }
  return { text: Buffer.from(read.bytes).toString("utf8") };
}
