// `intune-plan diff` as a reviewer's pipeline runs it: base from git, the PIN-length relaxation flagged in the PR
// comment, promotion risks, every phase at once, and clear usage errors.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import type { ChangeReport } from "../../src/diff/change-set.ts";
import { capture } from "../helpers/cli.ts";

/** A git repository holding a copy of plan/ in one commit. */
function repoWithPlan(): string {
  const dir = mkdtempSync(join(tmpdir(), "intune-plan-git-"));
  cpSync("plan", join(dir, "plan"), { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "plan");
  return dir;
}

describe("intune-plan diff", () => {
  it("against a git revision: lowering the Windows minimum PIN from 6 to 4 is a relaxed setting in the Markdown, with before and after", async () => {
    const dir = repoWithPlan();
    const file = join(dir, "plan", "baseline.yaml");
    const text = readFileSync(file, "utf8");
    writeFileSync(
      file,
      text.replace(
        "passwordMinimumLength: 6\n      passwordRequiredType: numeric",
        "passwordMinimumLength: 4\n      passwordRequiredType: numeric",
      ),
    );
    const io = capture(dir);
    expect(await run(["diff", join(dir, "plan"), "--base", "main", "--phase", "limited-pilot", "--format", "markdown"], io)).toBe(0);
    expect(io.err()).toBe("");
    const md = io.out();
    expect(md).toContain(
      "| 🔴 high | relaxed-setting | `compliance.windows-baseline` | passwordMinimumLength: minimum length lowered (6 → 4) |",
    );
    expect(md).toContain("| `passwordMinimumLength` | `6` | `4` |");
    expect(md).toContain("| 0 | 1 | 0 | 0 | 0 | 0 | 111 |");

    const json = capture(dir);
    await run(["diff", join(dir, "plan"), "--base", "main", "--phase", "limited-pilot", "--format", "json"], json);
    const risk = (JSON.parse(json.out()) as ChangeReport).changeSets[0]?.risks[0];
    expect(risk?.location?.file).toBe(file);
    expect(text.split("\n")[(risk?.location?.line ?? 0) - 1]).toContain("passwordMinimumLength");
  });

  it("promotion in one plan: assignment changes and Conditional Access's users, and the risk summary names the new groups and users", async () => {
    const io = capture();
    expect(
      await run(["diff", "plan", "--base", "plan", "--base-phase", "expanded-pilot", "--phase", "production-1", "--detailed-exitcode"], io),
    ).toBe(2);
    // Conditional Access holds its users in its body: the one update is the policy gaining the phase's audience.
    expect(io.out()).toContain("0 to create, 1 to update, 0 to replace, 0 to delete, 0 to adopt; ");
    expect(io.out()).toContain("~ conditionalAccess.office-compliant-device  (update)");
    expect(io.out()).toContain("Newly reached (~2000 users):\n  Intune rollout - Sales and Marketing  ~2000 users");
  });

  it("--all-phases compares each phase of the two revisions: one change set per phase", async () => {
    const io = capture();
    expect(await run(["diff", "plan", "--base", "plan", "--all-phases", "--format", "json", "--detailed-exitcode"], io)).toBe(0);
    const report = JSON.parse(io.out()) as ChangeReport;
    expect(report.changeSets.map((s) => s.head.phase)).toEqual([
      "limited-pilot",
      "expanded-pilot",
      "production-1",
      "production-2",
      "production-3",
    ]);
    expect(report.changeSets.every((s) => s.risks.length === 0 && s.summary.assignmentsChanged === 0)).toBe(true);
  });

  it.each([
    [["diff", "plan"], 64, "diff needs --base"],
    [["diff", "plan", "--base", "no-such-rev-or-path"], 64, "no-such-rev-or-path is neither a path nor a git revision"],
    [["diff", "plan", "--base", "plan", "--phase", "wave-9"], 64, "unknown phase wave-9; the head plan's phases are"],
    [["diff", "plan", "--base", "plan", "--format", "html"], 64, "unknown --format html"],
    [
      ["diff", "plan", "--base", "test/fixtures/invalid/yaml-syntax.yaml"],
      1,
      "base plan (test/fixtures/invalid/yaml-syntax.yaml) does not validate",
    ],
  ])("%j exits %i: %s", async (args, code, message) => {
    const io = capture();
    expect(await run(args, io)).toBe(code);
    expect(io.err()).toContain(message);
  });
});
