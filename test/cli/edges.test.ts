// The CLI's edges (issue 10, items 4 and 5): command names are looked up without Object.prototype, a reader that
// goes away ends the process quietly, and no printed line carries a secret the process knows.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { guardedIO } from "../../src/cli/io.ts";
import { run } from "../../src/cli/main.ts";
import { REDACTED, rememberPlanSecrets, scrub } from "../../src/scrub.ts";
import { capture } from "../helpers/cli.ts";

const SECRET = "s3cr3t~Client.Secret_value";

describe("command names", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])("%s is an unknown command, not a stack trace", async (name) => {
    const io = capture();
    expect(await run([name], io)).toBe(64);
    expect(io.err()).toMatch(new RegExp(`^intune-plan: unknown command ${name}; `));
    expect(io.err()).not.toMatch(/\n\s+at /);
  });
});

describe("secret scrubbing at the CLI's edge", () => {
  const saved = process.env["AZURE_CLIENT_SECRET"];
  afterEach(() => {
    if (saved === undefined) delete process.env["AZURE_CLIENT_SECRET"];
    else process.env["AZURE_CLIENT_SECRET"] = saved;
  });

  it("removes AZURE_CLIENT_SECRET, raw, URL-encoded or JSON-escaped, from an echoed token request", () => {
    process.env["AZURE_CLIENT_SECRET"] = SECRET;
    const io = capture();
    const guarded = guardedIO(io);
    guarded.stderr.write(
      `intune-plan: 400 from login: client_id=x&client_secret=${encodeURIComponent(SECRET)} body {"secret":${JSON.stringify(SECRET)}} raw ${SECRET}\n`,
    );
    expect(io.err()).not.toContain("s3cr3t");
    expect(io.err().split(REDACTED)).toHaveLength(4);
  });

  it("scrubs every line a command prints, e.g. a diagnostic that echoes a path", async () => {
    process.env["AZURE_CLIENT_SECRET"] = SECRET;
    const io = capture();
    expect(await run(["validate", `/nonexistent/${SECRET}`], io)).toBe(1);
    expect(io.err()).toContain(`/nonexistent/${REDACTED} does not exist`);
    expect(io.err()).not.toContain(SECRET);
  });

  it("knows the values behind a loaded plan's secret references", () => {
    rememberPlanSecrets(
      { configuration: { w: { settings: { preSharedKey: { secret: "TEST_WIFI_PSK" } } } } },
      { TEST_WIFI_PSK: "wifi-psk-9f8e7d" },
    );
    expect(scrub("Graph said: bad key wifi-psk-9f8e7d")).toBe(`Graph said: bad key ${REDACTED}`);
  });
});

describe("a closed stdout (intune-plan … | head)", () => {
  it("ends the process quietly with exit 0, not an unhandled EPIPE", async () => {
    const script = `
      const { run } = await import(${JSON.stringify(new URL("../../src/cli/main.ts", import.meta.url).href)});
      const io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
      process.exitCode = await run(["schema"], io);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString();
    });
    // The reader is gone before the first write, as `head` is once it has its lines.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  }, 60_000);
});

describe("a plan revision read from git", () => {
  it("refuses a committed symlink and never echoes what it points at", async () => {
    const dir = mkdtempSync(join(tmpdir(), "intune-plan-git-"));
    const outside = join(mkdtempSync(join(tmpdir(), "intune-plan-outside-")), "secret.yaml");
    writeFileSync(outside, "phases: TOP-SECRET-CONTENT\n");
    mkdirSync(join(dir, "plan"));
    writeFileSync(join(dir, "plan", "a.yaml"), "plan: { name: a }\n");
    symlinkSync(outside, join(dir, "plan", "leak.yaml"));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "plan");
    const io = capture(dir);
    expect(await run(["diff", "plan", "--base", "main", "--head", "main"], io)).toBe(1);
    expect(io.err()).toContain("main:plan/leak.yaml is not a regular file");
    expect(io.err() + io.out()).not.toContain("TOP-SECRET");
  });
});
