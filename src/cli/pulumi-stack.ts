// I/O edge of `recover`, `promote` and `rollback`: the Pulumi CLI calls it makes. `pulumi` comes from PATH and runs in the working directory
// (the Pulumi project) with this process's environment, so PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE and the
// current login apply. Reads capture stdout; writes (stack import, refresh) stream Pulumi's output to stderr.
// Failures are PulumiCommandError: the command, Pulumi's first lines of complaint and the fix, no stack trace.
// Secrets: nothing here asks for --show-secrets, so exports hold ciphertext and configuration holds no secret value.
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);
/** Exports hold every resource's inputs and outputs, the serialized provider included: allow plenty. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

export class PulumiCommandError extends Error {}

export interface PulumiStack {
  /** `pulumi stack export`. */
  exportState(): Promise<string>;
  /** Non-secret stack settings (`pulumi config --json`), keyed as Pulumi names them (`intune-plan:graphEndpoint`). */
  settings(): Promise<Readonly<Record<string, string>>>;
  /** `pulumi stack history --json`, every update (Pulumi prints only the last 10 unless told `--page-size 0`). */
  history(): Promise<string>;
  /** `pulumi up --yes` with `extra` arguments (settings, message, plan), Pulumi's output streamed to stderr. */
  up(extra: readonly string[]): Promise<void>;
  /** `pulumi stack import` of `state` (an export). */
  importState(state: string): Promise<void>;
  /** `pulumi refresh --yes --non-interactive`. */
  refresh(): Promise<void>;
}

/**
 * What Pulumi said on stderr, for one of our messages: its first lines, without the "error: " each begins with
 * (our message already says that the command failed; "failed: error: no stack named ..." said it twice).
 */
export function pulumiSaid(stderr: string): string {
  return stderr
    .trim()
    .split("\n")
    .map((l) => l.trim().replace(/^error:\s*/i, ""))
    .filter(Boolean)
    .slice(0, 5)
    .join(" / ");
}

function hint(said: string): string {
  if (/currently locked|lock\(s\)/i.test(said))
    return " An update holds the stack's lock: if it is still running, let it finish; if it was killed, run pulumi cancel --stack <stack> --yes first.";
  if (/no stack named|could not find stack|stack .* not found/i.test(said))
    return " Check the stack name (pulumi stack ls) and the backend pulumi is logged in to (pulumi login, PULUMI_BACKEND_URL).";
  if (/passphrase/i.test(said)) return " Set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) as for pulumi up.";
  return " Check that this folder is the Pulumi project's (Pulumi.yaml) and that pulumi up works here.";
}

function failure(args: readonly string[], error: unknown, stderr: string): PulumiCommandError {
  const e = error as NodeJS.ErrnoException & { code?: string | number };
  if (e.code === "ENOENT")
    return new PulumiCommandError(
      "pulumi is not on PATH. Install the Pulumi CLI (or npm run pulumi-cli and put the folder it prints first on PATH).",
    );
  const said = pulumiSaid(stderr);
  return new PulumiCommandError(
    `pulumi ${args.join(" ")} failed${typeof e.code === "number" ? ` (exit ${e.code})` : ""}${said ? `: ${said}` : ""}.${hint(said)}`,
  );
}

export function pulumiStack(
  stack: string,
  cwd: string,
  stderr: { write(text: string): unknown },
  env: NodeJS.ProcessEnv = process.env,
): PulumiStack {
  const capture = async (args: readonly string[]): Promise<string> => {
    try {
      return (await run("pulumi", [...args], { cwd, env, maxBuffer: MAX_OUTPUT_BYTES, encoding: "utf8" })).stdout;
    } catch (error) {
      throw failure(args, error, (error as { stderr?: string }).stderr ?? "");
    }
  };
  // Pulumi's own progress goes to stderr as it happens; its last lines are kept for the error message.
  const stream = (args: readonly string[], input?: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn("pulumi", [...args], { cwd, env, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
      let tail = "";
      const forward = (chunk: Buffer): void => {
        const s = chunk.toString("utf8");
        stderr.write(s);
        tail = (tail + s).slice(-4000);
      };
      child.stdout?.on("data", forward);
      child.stderr?.on("data", forward);
      child.on("error", (error) => reject(failure(args, error, tail)));
      child.on("close", (code) =>
        code === 0
          ? resolve()
          : reject(
              failure(
                args,
                Object.assign(new Error("exit"), { code: code ?? 1 }),
                tail
                  .split("\n")
                  .filter((l) => /error|fail/i.test(l))
                  .join("\n") || tail,
              ),
            ),
      );
      if (input !== undefined) child.stdin?.end(input);
    });
  const s = ["--stack", stack];
  return {
    exportState: () => capture(["stack", "export", ...s]),
    settings: async () => {
      const json = await capture(["config", "--json", ...s]);
      let doc: unknown;
      try {
        doc = JSON.parse(json);
      } catch {
        throw new PulumiCommandError(
          `pulumi config --json ${s.join(" ")} printed something that is not JSON; upgrade the Pulumi CLI, or pass --tenant`,
        );
      }
      const out: Record<string, string> = {};
      if (typeof doc === "object" && doc !== null) {
        for (const [key, v] of Object.entries(doc)) {
          const value = typeof v === "object" && v !== null ? (v as { value?: unknown; secret?: unknown }) : {};
          if (value.secret !== true && typeof value.value === "string") out[key] = value.value;
        }
      }
      return out;
    },
    history: () => capture(["stack", "history", "--json", "--page-size", "0", ...s]),
    up: (extra) => stream(["up", "--yes", "--non-interactive", ...s, ...extra]),
    importState: (state) => stream(["stack", "import", ...s], state),
    refresh: () => stream(["refresh", "--yes", "--non-interactive", ...s]),
  };
}
