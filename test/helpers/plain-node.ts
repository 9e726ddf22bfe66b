// Runs a script in a plain Node 24 process (outside vitest's module transform, which breaks Pulumi's closure
// serialization) and parses the JSON it prints last.
import { execFile } from "node:child_process";
import { resolve } from "node:path";

export function runPlainNode<T>(script: string, args: readonly string[] = [], timeoutMs = 240_000): Promise<T> {
  const path = resolve(import.meta.dirname, "..", "..", script);
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [path, ...args],
      {
        cwd: resolve(import.meta.dirname, "..", ".."),
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NODE_OPTIONS: "" },
      },
      (error, stdout, stderr) => {
        if (error) {
          fail(new Error(`${script} failed: ${error.message}\n${stderr.slice(-4000)}`));
          return;
        }
        const last = stdout.trim().split("\n").at(-1) ?? "";
        try {
          done(JSON.parse(last) as T);
        } catch {
          fail(new Error(`${script} printed no JSON report:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
        }
      },
    );
  });
}
