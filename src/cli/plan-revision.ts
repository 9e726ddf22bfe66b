// I/O edge for `diff`: reads a plan revision from the working tree (a path) or from git (a revision), and checks it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { CheckedPlan } from "../plan/check-plan.ts";
import { checkPlan } from "../plan/check-plan.ts";
import type { PlanInput } from "../plan/read.ts";
import { readPlanInputs } from "../plan/read.ts";

export interface PlanRevision {
  /** How reviewers see this side: the path, or `<rev>` for git. */
  readonly label: string;
  readonly checked: CheckedPlan;
}

/** Thrown for a revision that is neither a path nor a git revision; the message is for the user. */
export class RevisionError extends Error {}

const git = (cwd: string, args: readonly string[]): Buffer => execFileSync("git", args, { cwd, maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });

function readFromGit(cwd: string, rev: string, paths: readonly string[]): PlanInput[] {
  try {
    git(cwd, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  } catch {
    throw new RevisionError(`${rev} is neither a path nor a git revision here`);
  }
  const listed = git(cwd, ["ls-tree", "-r", "-z", "--name-only", rev, "--", ...paths]).toString("utf8").split("\0").filter((f) => /\.ya?ml$/i.test(f)).sort();
  // ls-tree names files relative to cwd; `rev:./file` reads them relative to cwd too.
  return listed.map((file) => ({ path: `${rev}:${file}`, bytes: git(cwd, ["show", `${rev}:./${file}`]) }));
}

/**
 * `spec` is a path (file or folder) when one exists, else a git revision (read in `cwd`) whose copy of `planPaths`
 * is read; undefined is the working tree's `planPaths`. The working tree is never modified.
 */
export function readRevision(cwd: string, spec: string | undefined, planPaths: readonly string[]): PlanRevision {
  const paths = planPaths.length > 0 ? planPaths : ["plan"];
  if (spec === undefined) {
    const { inputs, diagnostics } = readPlanInputs(paths);
    return { label: paths.join(" "), checked: checkPlan(inputs, diagnostics) };
  }
  if (existsSync(spec)) {
    const { inputs, diagnostics } = readPlanInputs([spec]);
    return { label: spec, checked: checkPlan(inputs, diagnostics) };
  }
  const inputs = readFromGit(cwd, spec, paths);
  if (inputs.length === 0) throw new RevisionError(`${spec} has no *.yaml plan files under ${paths.join(", ")}`);
  return { label: spec, checked: checkPlan(inputs) };
}
