// `intune-plan emulator` as a long-running process (issue 11, item 5): SIGTERM or SIGINT stops its server and exits
// 0 promptly, even with a request in flight; a taken port or an unusable state folder is a user error with its fix.
import type { ChildProcessByStdio } from "node:child_process";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { capture } from "../helpers/cli.ts";

const MAIN = new URL("../../src/cli/main.ts", import.meta.url).href;

interface Started {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly url: string;
  readonly stderr: () => string;
}

/** The CLI in a child process, as a user or a service manager runs it, once it says where it listens. */
function startCli(args: readonly string[]): Promise<Started> {
  const script = `const { run } = await import(${JSON.stringify(MAIN)});
    process.exitCode = await run(${JSON.stringify(args)}, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.on("data", (b: Buffer) => {
    err += b.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) resolve({ child, url, stderr: () => err });
    });
    child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before listening: ${err}`)));
  });
}

function exited(child: Started["child"]): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, ms: Date.now() - started })));
}

const refused = (url: string): Promise<boolean> =>
  fetch(`${url}/beta/deviceManagement/deviceCategories`).then(
    () => false,
    () => true,
  );

describe("intune-plan emulator as a process", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s stops the server and exits 0 promptly",
    async (signal) => {
      const emu = await startCli(["emulator", "--port", "0", "--seed", "empty"]);
      expect(await refused(emu.url)).toBe(false);
      const done = exited(emu.child);
      emu.child.kill(signal);
      const end = await done;
      expect(end).toMatchObject({ code: 0, signal: null });
      expect(end.ms).toBeLessThan(2000);
      expect(emu.stderr()).toBe("emulator stopped\n");
      expect(await refused(emu.url)).toBe(true);
    },
    30_000,
  );

  it("SIGTERM with a slow request in flight still exits at once, not when the request would have been answered", async () => {
    const emu = await startCli(["emulator", "--port", "0", "--seed", "empty", "--faults", "latency=8000"]);
    const pending = fetch(`${emu.url}/beta/deviceManagement/deviceCategories`).then(
      () => "answered",
      () => "cut off",
    );
    await new Promise((r) => setTimeout(r, 300));
    const done = exited(emu.child);
    emu.child.kill("SIGTERM");
    const end = await done;
    expect(end).toMatchObject({ code: 0, signal: null });
    expect(end.ms).toBeLessThan(2000);
    expect(await pending).toBe("cut off");
  }, 30_000);
});

describe("intune-plan emulator's user errors", () => {
  it("a port already in use is exit 1 with the cause and the fix, not an internal error", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const io = capture();
      expect(await run(["emulator", "--port", String(port)], io)).toBe(1);
      expect(io.err()).toBe(
        `intune-plan: port ${port} on 127.0.0.1 is already in use (another emulator?): stop what holds it, or choose another port with --port N (--port 0 picks a free one)\n`,
      );
      expect(io.out()).toBe("");
    } finally {
      holder.close();
    }
  });

  it("a --state file in a folder that does not exist is refused before the server starts", async () => {
    const io = capture();
    expect(await run(["emulator", "--state", "/nonexistent-folder/tenant.json"], io)).toBe(1);
    expect(io.err()).toContain(
      "--state /nonexistent-folder/tenant.json: the folder /nonexistent-folder does not exist or cannot be written",
    );
    expect(io.out()).toBe("");
  });
});
