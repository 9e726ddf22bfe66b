// The CLI as a user meets it: exit codes, formats, and hostile files ending quickly in a diagnostic naming the file.
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { capture } from "../helpers/cli.ts";
import { readFileSync } from "node:fs";
import { VERSION } from "../../src/cli/version.ts";

function planDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "intune-plan-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe("intune-plan validate", () => {
  it("exits 0 on the reference plan and says so", async () => {
    const io = capture();
    expect(await run(["validate", "plan/"], io)).toBe(0);
    expect(io.out()).toBe("18 files checked: no problems\n");
  });

  it("exits 1 with compiler-style text on stderr: location, excerpt with caret, hint", async () => {
    const dir = planDir({ "a.yaml": "groups:\n  g: { displayName: G, membership: assigned, members: userz }\n" });
    const io = capture();
    expect(await run(["validate", dir], io)).toBe(1);
    expect(io.err()).toContain(`${join(dir, "a.yaml")}:2:55: error IP013: groups.g.members: "userz" is not one of users, devices`);
    expect(io.err()).toContain(
      "2 |   g: { displayName: G, membership: assigned, members: userz }\n  |                                                       ^^^^^",
    );
    expect(io.err()).toContain("= hint: Did you mean users?");
  });

  it("prints versioned JSON with positions", async () => {
    const dir = planDir({ "a.yaml": "groupz: {}\n" });
    const io = capture();
    expect(await run(["validate", dir, "--format", "json"], io)).toBe(1);
    const body = JSON.parse(io.out()) as {
      formatVersion: string;
      summary: { errors: number };
      diagnostics: { code: string; line: number; col: number; hint: string }[];
    };
    expect(body.formatVersion).toBe("1");
    expect(body.summary.errors).toBe(1);
    expect(body.diagnostics[0]).toMatchObject({ code: "IP010", line: 1, col: 1, hint: "Did you mean groups?" });
  });

  it("exits 0 when only warnings remain", async () => {
    const dir = planDir({
      "a.yaml": `plan: { name: w }
groups:
  d: { displayName: D, membership: dynamic, members: devices, rule: device.deviceCategory -eq "Nope" }
`,
    });
    const io = capture();
    expect(await run(["validate", dir], io)).toBe(0);
    expect(io.out()).toContain("warning IP045");
  });

  it.each([
    ["a binary file", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), "IP002", "contains NUL bytes"],
    ["a UTF-16 file", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("groups: {}", "utf16le")]), "IP002", "UTF-16"],
    ["invalid UTF-8", Buffer.from([0x67, 0x3a, 0x20, 0xc3, 0x28]), "IP002", "not valid UTF-8"],
    [
      "an alias bomb",
      `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n`,
      "IP003",
      "alias",
    ],
    ["deep flow nesting", `${"[".repeat(100000)}${"]".repeat(100000)}`, "IP003", "levels deep"],
    ["deep block nesting", Array.from({ length: 200 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n"), "IP003", "levels deep"],
    // No wall-clock bound (it failed on a busy machine): the inputs are sized so that expanding or recursing through
    // them would not end within the test's timeout at all (the alias bomb holds 9^9 items), while refusing them is
    // immediate.
  ])("ends with a diagnostic naming the file for %s", { timeout: 30_000 }, async (_label, content, code, text) => {
    const dir = planDir({ "hostile.yaml": content });
    const io = capture();
    expect(await run(["validate", dir, "--format", "json"], io)).toBe(1);
    const body = JSON.parse(io.out()) as { diagnostics: { code: string; message: string; file: string }[] };
    expect(body.diagnostics[0]?.code).toBe(code);
    expect(body.diagnostics[0]?.file).toBe(join(dir, "hostile.yaml"));
    expect(body.diagnostics[0]?.message).toContain(text);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it("reports a missing path and an empty folder instead of crashing", async () => {
    const io = capture();
    expect(await run(["validate", "/nonexistent/plan"], io)).toBe(1);
    expect(io.err()).toContain("error IP005: /nonexistent/plan does not exist");
    const empty = mkdtempSync(join(tmpdir(), "intune-plan-empty-"));
    mkdirSync(join(empty, "sub"));
    const io2 = capture();
    expect(await run(["validate", empty], io2)).toBe(1);
    expect(io2.err()).toContain("IP005");
  });

  it("rejects unknown commands and options as usage errors (64)", async () => {
    expect(await run(["frobnicate"], capture())).toBe(64);
    expect(await run(["validate", "--colour"], capture())).toBe(64);
    expect(await run(["validate", "plan/", "--format", "yaml"], capture())).toBe(64);
  });
});

describe("reports", () => {
  it("licenses names Entra ID P1 for dynamic groups and Defender for threat-level compliance", async () => {
    const io = capture();
    expect(await run(["licenses", "plan/", "--format", "json"], io)).toBe(0);
    const needs = (JSON.parse(io.out()) as { licenses: { license: string; objects: string[] }[] }).licenses;
    expect(needs.map((n) => n.license)).toContain("Microsoft Entra ID P1");
    expect(needs.find((n) => n.license.startsWith("Microsoft Defender"))?.objects).toContain("compliance.windows-baseline");
  });

  it("permissions lists least-privileged write scopes, and read scopes for preview", async () => {
    const io = capture();
    await run(["permissions", "plan/", "--format", "json"], io);
    const apply = (JSON.parse(io.out()) as { permissions: { permission: string }[] }).permissions.map((p) => p.permission);
    // Conditional Access needs three: its own write scope and the two reads Graph requires beside it.
    expect(apply).toEqual([
      "Application.Read.All",
      "DeviceManagementApps.ReadWrite.All",
      "DeviceManagementConfiguration.ReadWrite.All",
      "DeviceManagementManagedDevices.ReadWrite.All",
      "DeviceManagementRBAC.ReadWrite.All",
      "DeviceManagementScripts.ReadWrite.All",
      "DeviceManagementServiceConfig.ReadWrite.All",
      "Group.ReadWrite.All",
      "Policy.Read.All",
      "Policy.ReadWrite.ConditionalAccess",
    ]);
    const io2 = capture();
    await run(["permissions", "plan/", "--format", "json", "--mode", "preview"], io2);
    expect(
      (JSON.parse(io2.out()) as { permissions: { permission: string }[] }).permissions.every((p) => p.permission.includes(".Read.All")),
    ).toBe(true);
  });

  it("the version in package.json and the CLI agree", () => {
    expect((JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version).toBe(VERSION);
  });
});
