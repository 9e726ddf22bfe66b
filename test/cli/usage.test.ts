// The CLI behaves like a CLI (issue 11, item 5): each command has its own help (exit 0, stdout), usage errors say
// what is wrong and what is allowed, on stderr, with exit 64 and a pointer to --help, and the exit codes are the
// ones the README's table gives.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { capture } from "../helpers/cli.ts";

const COMMANDS = [
  "validate",
  "compile",
  "diff",
  "preview",
  "drift",
  "import",
  "recover",
  "emulator",
  "calendar",
  "docs",
  "licenses",
  "permissions",
  "schema",
];

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe("help", () => {
  it.each(COMMANDS)("%s --help, -h and `help <command>` print that command's help on stdout and exit 0", async (name) => {
    const long = await cli(name, "--help");
    expect(long).toMatchObject({ code: 0, err: "" });
    expect(long.out).toMatch(new RegExp(`^Usage: intune-plan ${name}\\b`));
    expect(long.out).toContain("Exit codes:");
    expect(await cli(name, "-h")).toEqual(long);
    expect(await cli("help", name)).toEqual(long);
  });

  it("a command's help names each of its options, with the values it allows", async () => {
    const { out } = await cli("validate", "--help");
    expect(out).toMatch(/--format text\|json\|sarif/);
    const diff = await cli("diff", "--help");
    for (const option of ["--base", "--head", "--phase", "--base-phase", "--all-phases", "--format", "--detailed-exitcode"])
      expect(diff.out).toContain(option);
    expect(diff.out.replace(/\s+/g, " ")).toContain("2 changes present (only with --detailed-exitcode)");
  });

  it("help wins wherever it stands among the arguments, even after a bad one", async () => {
    expect((await cli("diff", "plan", "--format", "nope", "--help")).code).toBe(0);
  });

  it("`intune-plan help` prints the overview on stdout (exit 0); a bare `intune-plan` prints it on stderr (exit 64)", async () => {
    const help = await cli("help");
    expect(help).toMatchObject({ code: 0, err: "" });
    for (const name of COMMANDS) expect(help.out).toContain(`  ${name}`);
    const bare = await cli();
    expect(bare).toMatchObject({ code: 64, out: "" });
    expect(bare.err).toContain("Usage: intune-plan <command>");
  });

  it("help for an unknown command is a usage error", async () => {
    const r = await cli("help", "frobnicate");
    expect(r).toMatchObject({ code: 64, out: "" });
    expect(r.err).toMatch(/^intune-plan: unknown command frobnicate; the commands are validate, compile, /);
  });
});

describe("usage errors: stderr, exit 64, what is wrong and a pointer to --help", () => {
  const POINTER = (name: string): string => `Run 'intune-plan ${name} --help' for usage.\n`;
  it.each([
    [["validate", "--colour"], "validate", "unknown option --colour; validate takes --format"],
    [["validate", "--formt", "json"], "validate", "unknown option --formt (did you mean --format?)"],
    [["validate", "--format"], "validate", "--format needs a value: text, json or sarif"],
    [["validate", "plan", "--format", "yaml"], "validate", "unknown --format yaml; use text, json or sarif"],
    [["compile", "--phase", "--format", "json"], "compile", "--phase needs a value"],
    [["import", "--out", "x", "stray"], "import", "unexpected argument stray: a PATH is read only with --from FORMAT"],
    [["recover", "--stack", "s", "--dry-run=yes"], "recover", "--dry-run takes no value"],
    [["permissions", "plan", "--mode", "write"], "permissions", "unknown --mode write; use apply, preview, status or explain"],
    [["calendar", "plan", "--format", "pdf"], "calendar", "unknown --format pdf; use markdown, ics or json"],
    [
      ["emulator", "--seed", "nope"],
      "emulator",
      "unknown --seed nope; use empty, legacy-contoso, pilot-healthy, pilot-errors or pilot-conflict",
    ],
    [["diff", "plan"], "diff", "diff needs --base"],
    [["preview", "plan", "--tenant", "nowhere"], "preview", "--tenant nowhere is not emulator[:seed]"],
    [["schema", "extra"], "schema", "unexpected argument extra: schema takes no paths"],
  ])("%j", async (args, name, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(64);
    expect(r.out).toBe("");
    expect(r.err).toMatch(new RegExp(`^intune-plan ${name}: `));
    expect(r.err).toContain(message);
    expect(r.err.endsWith(POINTER(name))).toBe(true);
    // Node's parser text ("To specify a positional argument starting with a '-' ...") is never shown as is.
    expect(r.err).not.toMatch(/To specify|Option '|argument missing/);
  });
});

describe("exit codes, as the README's table gives them", () => {
  it("diff: 0 with changes unless --detailed-exitcode, then 2; 0 without changes either way", async () => {
    const changed = ["diff", "plan", "--base", "plan", "--base-phase", "expanded-pilot", "--phase", "production-1", "--format", "json"];
    expect((await cli(...changed)).code).toBe(0);
    expect((await cli(...changed, "--detailed-exitcode")).code).toBe(2);
    expect((await cli("diff", "plan", "--base", "plan", "--format", "json", "--detailed-exitcode")).code).toBe(0);
  });

  it("preview and drift: 0 with changes unless --detailed-exitcode, then 2", async () => {
    const args = ["plan", "--tenant", "emulator:legacy-contoso", "--phase", "limited-pilot", "--format", "json"];
    expect((await cli("preview", ...args)).code).toBe(0);
    expect((await cli("preview", ...args, "--detailed-exitcode")).code).toBe(2);
    expect((await cli("drift", ...args)).code).toBe(0);
    expect((await cli("drift", ...args, "--detailed-exitcode")).code).toBe(2);
    expect(
      (await cli("preview", "plan", "--tenant", "emulator:empty", "--detailed-exitcode", "--phase", "limited-pilot", "--format", "json"))
        .code,
    ).toBe(2);
  });
});

describe("failures the user can fix: exit 1, the cause and the fix, once", () => {
  it("import --out naming a file, not a folder, says it cannot write there (not an internal error)", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "intune-plan-out-")), "a-file");
    writeFileSync(file, "");
    const r = await cli("import", "--out", file, "--tenant", "emulator:empty");
    expect(r.code).toBe(1);
    expect(r.err).toContain(`intune-plan: cannot write ${join(file, "imported.yaml")} (`);
    expect(r.err).toMatch(/\((EEXIST|ENOTDIR)\): --out must name a folder you can write to/);
    expect(r.err).not.toContain("internal error");
  });
});
