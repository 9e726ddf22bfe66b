// I/O edge for `diff`: reads a plan revision from the working tree (a path) or from git (a revision), and checks it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { posix } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import type { CheckedPlan } from "../plan/check-plan.ts";
import { checkPlan } from "../plan/check-plan.ts";
import { LIMITS } from "../plan/parse.ts";
import type { PlanInput, ScriptRead } from "../plan/read.ts";
import { readPlanInputs } from "../plan/read.ts";

export interface PlanRevision {
  /** How reviewers see this side: the path, or `<rev>` for git. */
  readonly label: string;
  readonly checked: CheckedPlan;
}

/** Thrown for a revision that is neither a path nor a git revision; the message is for the user. */
export class RevisionError extends Error {}

const git = (cwd: string, args: readonly string[]): Buffer =>
  execFileSync("git", args, { cwd, maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });

/**
 * A revision's plan files, read from git under the same rules as the working tree (read.ts): only regular blobs
 * (a symlink's blob is its target path, not a plan), and a blob over LIMITS.bytes is refused by its size in the
 * tree listing, before git is asked for its content.
 */
function readFromGit(cwd: string, rev: string, paths: readonly string[]): { inputs: PlanInput[]; diagnostics: Diagnostic[] } {
  try {
    git(cwd, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  } catch {
    throw new RevisionError(`${rev} is neither a path nor a git revision here`);
  }
  // -l adds each blob's size: "<mode> <type> <object> <size>\t<path>", NUL-terminated with -z.
  const listed = git(cwd, ["ls-tree", "-r", "-z", "-l", rev, "--", ...paths])
    .toString("utf8")
    .split("\0")
    .flatMap((line) => {
      const tab = line.indexOf("\t");
      const [mode = "", type = "", , size = ""] = line.slice(0, tab).split(/ +/);
      const file = line.slice(tab + 1);
      return tab > 0 && type === "blob" && /\.ya?ml$/i.test(file) ? [{ file, mode, size: Number(size) }] : [];
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const inputs: PlanInput[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { file, mode, size } of listed) {
    const path = `${rev}:${file}`;
    if (mode !== "100644" && mode !== "100755")
      diagnostics.push(
        diagnostic("IP002", {
          path: [],
          file: path,
          message: `${path} is not a regular file (a symlink?); plan files must be regular files`,
        }),
      );
    else if (!(size <= LIMITS.bytes))
      diagnostics.push(
        diagnostic("IP003", { path: [], file: path, message: `${path} is ${size} bytes; plan files are limited to ${LIMITS.bytes} bytes` }),
      );
    // ls-tree names files relative to cwd; `rev:./file` reads them relative to cwd too.
    else
      inputs.push({
        path,
        bytes: git(cwd, ["show", `${rev}:./${file}`]),
        readScript: (relative) => scriptFromGit(cwd, rev, file, relative),
      });
  }
  return { inputs, diagnostics };
}

/** A script file the plan file `file` names, from the same revision, under read.ts's rule (inside the plan folder). */
function scriptFromGit(cwd: string, rev: string, file: string, relative: string): ScriptRead {
  const folder = posix.dirname(file);
  const target = posix.normalize(posix.join(folder, relative));
  if (posix.isAbsolute(relative) || (folder !== "." && !target.startsWith(`${folder}/`)) || target.startsWith(".."))
    return { outside: relative };
  try {
    const [mode = "", type = "", , size = ""] = git(cwd, ["ls-tree", "-l", rev, "--", target])
      .toString("utf8")
      .split(/[ \t]+/);
    if (type !== "blob" || (mode !== "100644" && mode !== "100755") || !(Number(size) <= LIMITS.bytes)) return { missing: relative };
    return { text: git(cwd, ["show", `${rev}:./${target}`]).toString("utf8") };
  } catch {
    return { missing: relative };
  }
}

/**
 * `spec` is a path (file or folder) when one exists, else a git revision (read in `cwd`) whose copy of `planPaths`
 * is read; undefined is the working tree's `planPaths`. The working tree is never modified.
 */
export function readRevision(cwd: string, spec: string | undefined, planPaths: readonly string[]): PlanRevision {
  const paths = planPaths.length > 0 ? planPaths : ["plan"];
  if (spec === undefined) {
    const { inputs, diagnostics, definitions, templates } = readPlanInputs(paths);
    return { label: paths.join(" "), checked: checkPlan(inputs, diagnostics, { definitions, templates }) };
  }
  if (existsSync(spec)) {
    const { inputs, diagnostics, definitions, templates } = readPlanInputs([spec]);
    return { label: spec, checked: checkPlan(inputs, diagnostics, { definitions, templates }) };
  }
  const { inputs, diagnostics } = readFromGit(cwd, spec, paths);
  if (inputs.length === 0 && diagnostics.length === 0)
    throw new RevisionError(`${spec} has no *.yaml plan files under ${paths.join(", ")}`);
  return { label: spec, checked: checkPlan(inputs, diagnostics) };
}
