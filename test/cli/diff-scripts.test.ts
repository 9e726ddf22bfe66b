// A changed script in review: `intune-plan diff` reads each revision's .ps1 files (the base from git), the text
// output names the change by hash only, the Markdown comment shows it as a unified diff, and the JSON report
// carries hashes, never script text.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { capture } from "../helpers/cli.ts";

function repoWithChangedScript(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "intune-plan-scripts-"));
  cpSync("plan", join(dir, "plan"), { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "plan");
  const file = join(dir, "plan", "scripts", "set-timezone.ps1");
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace("Set-TimeZone -Id $zones[$prefix]", "Set-TimeZone -Id $zones[$prefix] -PassThru | Out-Null"),
  );
  return { dir, file };
}

describe("intune-plan diff with scripts", () => {
  it("text shows a changed script as sha256 before → after; Markdown as a unified diff; JSON holds no script text", async () => {
    const { dir } = repoWithChangedScript();
    const text = capture(dir);
    expect(await run(["diff", join(dir, "plan"), "--base", "main"], text)).toBe(0);
    expect(text.err()).toBe("");
    expect(text.out()).toMatch(/~ scripts\.set-timezone {2}\(update\)/);
    expect(text.out()).toMatch(/scriptContent: sha256 [0-9a-f]{12}… → sha256 [0-9a-f]{12}…/);
    expect(text.out()).not.toContain("Set-TimeZone");

    const md = capture(dir);
    expect(await run(["diff", join(dir, "plan"), "--base", "main", "--format", "markdown"], md)).toBe(0);
    expect(md.out()).toContain("<details><summary>scriptContent: script changes</summary>");
    expect(md.out()).toContain("-    Set-TimeZone -Id $zones[$prefix]\n+    Set-TimeZone -Id $zones[$prefix] -PassThru | Out-Null");

    const json = capture(dir);
    expect(await run(["diff", join(dir, "plan"), "--base", "main", "--format", "json"], json)).toBe(0);
    expect(json.out()).not.toContain("Set-TimeZone");
    expect(json.out()).not.toContain(Buffer.from("# Sets the time zone").toString("base64").slice(0, 16));
    expect(json.out()).toMatch(/"sha256:[0-9a-f]{64}"/);
  });

  it("a script file missing from the head revision is refused at its path", async () => {
    const { dir } = repoWithChangedScript();
    const yaml = join(dir, "plan", "scripts.yaml");
    writeFileSync(yaml, readFileSync(yaml, "utf8").replace("script: scripts/set-timezone.ps1", "script: scripts/set-time-zone.ps1"));
    const io = capture(dir);
    expect(await run(["diff", join(dir, "plan"), "--base", "main"], io)).toBe(1);
    expect(io.err()).toMatch(/scripts\.yaml:10:13: error IP190/);
  });
});
