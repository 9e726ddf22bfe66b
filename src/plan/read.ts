// I/O edge of the plan layer: expands paths (folders → their *.yaml / *.yml files, sorted) and reads bytes.
// Contract: only regular files are read, and never more than their fstat size plus one byte: a FIFO, a device
// (/dev/zero) or a socket is refused after fstat on the opened descriptor, before any read, and a file over
// LIMITS.bytes is refused by its size alone, so no plan path can hang or exhaust memory. A plan file whose real
// path lies outside its plan folder (a symlink to /etc/shadow, to a home directory, ...) is refused before it is
// opened, so its content can never reach a diagnostic excerpt.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { LIMITS } from "./parse.ts";

export interface PlanInput {
  readonly path: string;
  readonly bytes: Uint8Array;
}

const isPlanFile = (name: string): boolean => /\.ya?ml$/i.test(name);

export function readPlanInputs(paths: readonly string[]): { inputs: PlanInput[]; diagnostics: Diagnostic[] } {
  const inputs: PlanInput[] = [];
  const diagnostics: Diagnostic[] = [];
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
    for (const f of files) {
      const read = readPlanFile(f, folder);
      if ("diagnostic" in read) diagnostics.push(read.diagnostic);
      else inputs.push({ path: f, bytes: read.bytes });
    }
  }
  if (inputs.length === 0 && diagnostics.length === 0) {
    diagnostics.push(diagnostic("IP005", { path: [], message: `no *.yaml plan files in ${paths.join(", ") || "(no paths given)"}` }));
  }
  return { inputs, diagnostics };
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
