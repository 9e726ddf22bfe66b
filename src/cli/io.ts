// The CLI's injected world: output streams and working directory (tests pass buffers).
import { scrub } from "../scrub.ts";

export interface OutputStream {
  write(text: string): unknown;
  /** Present on real streams (process.stdout): used to end quietly when the reader goes away (EPIPE). */
  on?(event: "error", listener: (error: NodeJS.ErrnoException) => void): unknown;
}

export interface CliIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
}

/** Exit codes: 0 clean (warnings allowed), 1 errors or findings, 2 changes present (detailed-exitcode style). */
export const EXIT = { ok: 0, errors: 1, changes: 2, usage: 64 } as const;

const guarded = new WeakSet<OutputStream>();

/**
 * The streams every command writes to: each write scrubbed of known secrets (scrub.ts). On a real stream, a reader
 * that closed early (`intune-plan validate | head`) ends the process quietly with exit 0: the output was wanted only
 * up to there, and an unhandled EPIPE printed a stack. Other stream errors are left to Node.
 */
export function guardedIO(io: CliIO, exit: (code: number) => void = (code) => process.exit(code)): CliIO {
  const guard = (stream: OutputStream): OutputStream => {
    // One listener per stream however often run() is called with it (a library caller may call it many times).
    if (!guarded.has(stream)) guarded.add(stream);
    else return { write: (text: string) => stream.write(scrub(text)) };
    stream.on?.("error", (error) => {
      if (error.code === "EPIPE") exit(EXIT.ok);
      else throw error;
    });
    return { write: (text: string) => stream.write(scrub(text)) };
  };
  return { cwd: io.cwd, stdout: guard(io.stdout), stderr: guard(io.stderr) };
}
