// In-memory CLI streams for tests.
import type { CliIO } from "../../src/cli/io.ts";

export function capture(cwd = process.cwd()): CliIO & { out(): string; err(): string } {
  let out = "";
  let err = "";
  return {
    cwd,
    stdout: {
      write: (t: string) => {
        out += t;
        return true;
      },
    },
    stderr: {
      write: (t: string) => {
        err += t;
        return true;
      },
    },
    out: () => out,
    err: () => err,
  };
}
