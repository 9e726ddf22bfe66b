// The CLI's injected world: output streams and working directory (tests pass buffers).
export interface CliIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
}

/** Exit codes: 0 clean (warnings allowed), 1 errors or findings, 2 changes present (detailed-exitcode style). */
export const EXIT = { ok: 0, errors: 1, changes: 2, usage: 64 } as const;
