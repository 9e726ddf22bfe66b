// `intune-plan` command line: dispatch, help, and the promise that user input never ends in a stack trace.
import type { ParseArgsOptionsConfig } from "node:util";
import type { CliIO } from "./io.ts";
import { EXIT, guardedIO } from "./io.ts";
import { AmbiguousMatchError, CredentialConfigError, NameTakenError, StackExportError } from "../graph/tenant-errors.ts";
import { GraphRequestError } from "../graph/errors.ts";
import { UsageError, UserFailure } from "./cli-errors.ts";
import type { CommandSpec } from "./command-spec.ts";
import { asksForHelp, commandHelp } from "./command-spec.ts";
import { PulumiCommandError } from "./pulumi-stack.ts";
import { TenantOptionError } from "./tenant-option-error.ts";
import { VERSION } from "./version.ts";

interface Command {
  readonly spec: CommandSpec;
  readonly run: (args: string[], io: CliIO) => number | Promise<number>;
}

/** Each spec's option table is typed for its own command; the table only needs what every spec has. */
const entry = <O extends ParseArgsOptionsConfig>(spec: CommandSpec<O>, run: Command["run"]): Command => ({ spec, run });

/**
 * Each command's module (its spec and its code) is imported when that command runs or its help is asked for, not
 * before: `validate` must not pay for loading the Graph SDK, @azure/identity, the emulator or the diff engine (about
 * 0.4 s of every run when all were eager). A Map, not an object literal: a command name is user input, and
 * `constructor` or `__proto__` must not find Object.prototype's members (`intune-plan constructor` called Object).
 */
const COMMANDS: ReadonlyMap<string, () => Promise<Command>> = new Map(
  Object.entries({
    validate: async () => {
      const m = await import("./commands/validate.ts");
      return entry(m.validateSpec, m.validateCommand);
    },
    compile: async () => {
      const m = await import("./commands/compile.ts");
      return entry(m.compileSpec, m.compileCommand);
    },
    diff: async () => {
      const m = await import("./commands/diff.ts");
      return entry(m.diffSpec, m.diffCommand);
    },
    preview: async () => {
      const m = await import("./commands/preview.ts");
      return entry(m.previewSpec, (args, io) => m.previewCommand(args, io, "preview"));
    },
    drift: async () => {
      const m = await import("./commands/preview.ts");
      return entry(m.driftSpec, (args, io) => m.previewCommand(args, io, "drift"));
    },
    import: async () => {
      const m = await import("./commands/import.ts");
      return entry(m.importSpec, m.importCommand);
    },
    recover: async () => {
      const m = await import("./commands/recover.ts");
      return entry(m.recoverSpec, (args, io) => m.recoverCommand(args, io));
    },
    definitions: async () => {
      const m = await import("./commands/definitions.ts");
      return entry(m.definitionsSpec, m.definitionsCommand);
    },
    emulator: async () => {
      const m = await import("./commands/emulator.ts");
      return entry(m.emulatorSpec, (args, io) => m.emulatorCommand(args, io));
    },
    status: async () => {
      const m = await import("./commands/status.ts");
      return entry(m.statusSpec, m.statusCommand);
    },
    promote: async () => {
      const m = await import("./commands/promote.ts");
      return entry(m.promoteSpec, (args, io) => m.rolloutCommand("promote", args, io));
    },
    rollback: async () => {
      const m = await import("./commands/promote.ts");
      return entry(m.rollbackSpec, (args, io) => m.rolloutCommand("rollback", args, io));
    },
    calendar: async () => {
      const m = await import("./commands/calendar.ts");
      return entry(m.calendarSpec, m.calendarCommand);
    },
    explain: async () => {
      const m = await import("./commands/explain.ts");
      return entry(m.explainSpec, m.explainCommand);
    },
    docs: async () => {
      const m = await import("./commands/docs.ts");
      return entry(m.docsSpec, m.docsCommand);
    },
    licenses: async () => {
      const m = await import("./commands/reports.ts");
      return entry(m.licensesSpec, m.licensesCommand);
    },
    permissions: async () => {
      const m = await import("./commands/reports.ts");
      return entry(m.permissionsSpec, m.permissionsCommand);
    },
    schema: async () => {
      const m = await import("./commands/reports.ts");
      return entry(m.schemaSpec, m.schemaCommand);
    },
  } satisfies Record<string, () => Promise<Command>>),
);

const NAMES = [...COMMANDS.keys()];

/** The overview: every command's summary, so every command's module is loaded (only for help and mistakes). */
async function usage(): Promise<string> {
  const commands = await Promise.all([...COMMANDS.values()].map((load) => load()));
  return `intune-plan ${VERSION}: infrastructure-as-code plans for Microsoft Intune

Usage: intune-plan <command> [options]

${commands.map(({ spec }) => `  ${spec.name.padEnd(13)}${spec.summary}`).join("\n")}

Run 'intune-plan help <command>' (or 'intune-plan <command> --help') for a command's options.
Paths default to ./plan. Every --format json is a versioned document (docs/json-formats.md).
Exit codes: 0 clean, 1 errors, 2 changes present (diff, preview and drift with --detailed-exitcode),
3 the active phase's gate does not pass (status) or a promotion is refused (promote, rollback), 64 usage.
`;
}

/** A message as the user reads it: one `intune-plan[ command]:` prefix, whatever the message already began with. */
const said = (prefix: string, message: string): string =>
  `${prefix}: ${message.replace(/^(?:\s*(?:intune-plan|error|Error)\s*:\s*)+/, "")}\n`;

/**
 * Runs one command. Everything it prints goes through guardedIO: scrubbed of known secrets (AZURE_CLIENT_SECRET,
 * the plan's secret values) whichever path printed it, and ended quietly when stdout's reader goes away.
 */
export async function run(argv: readonly string[], rawIO: CliIO): Promise<number> {
  const io = guardedIO(rawIO);
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(await usage());
    return EXIT.usage;
  }
  if (name === "--version" || name === "version") {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (name === "help" || name === "--help" || name === "-h") {
    const topic = name === "help" ? rest[0] : undefined;
    if (topic === undefined) {
      io.stdout.write(await usage());
      return EXIT.ok;
    }
    const load = COMMANDS.get(topic);
    if (!load) {
      io.stderr.write(said("intune-plan", `unknown command ${topic}; the commands are ${NAMES.join(", ")}`));
      return EXIT.usage;
    }
    io.stdout.write(commandHelp((await load()).spec));
    return EXIT.ok;
  }
  const load = COMMANDS.get(name);
  if (!load) {
    io.stderr.write(
      `${said("intune-plan", `unknown command ${name}; the commands are ${NAMES.join(", ")}`)}Run 'intune-plan help' for usage.\n`,
    );
    return EXIT.usage;
  }
  const command = await load();
  if (asksForHelp(rest)) {
    io.stdout.write(commandHelp(command.spec));
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return failed(name, error, io);
  }
}

/** A command's early end, said once, without a stack trace unless INTUNE_PLAN_DEBUG is set (then it is a bug). */
function failed(name: string, error: unknown, io: CliIO): number {
  if (error instanceof UsageError || error instanceof TenantOptionError) {
    io.stderr.write(`${said(`intune-plan ${name}`, error.message)}Run 'intune-plan ${name} --help' for usage.\n`);
    return EXIT.usage;
  }
  // Graph and tenant failures are the user's to act on: status, Graph code, request id and a hint, no stack.
  if (error instanceof GraphRequestError) {
    io.stderr.write(said("intune-plan", error.describe()));
    return EXIT.errors;
  }
  if (
    error instanceof UserFailure ||
    error instanceof AmbiguousMatchError ||
    error instanceof NameTakenError ||
    error instanceof CredentialConfigError ||
    error instanceof StackExportError ||
    error instanceof PulumiCommandError
  ) {
    io.stderr.write(said("intune-plan", error.message));
    return EXIT.errors;
  }
  const e = error instanceof Error ? error : new Error(String(error));
  io.stderr.write(
    `intune-plan: internal error: ${e.message}\n${process.env["INTUNE_PLAN_DEBUG"] ? `${e.stack ?? ""}\n` : "Set INTUNE_PLAN_DEBUG=1 for details and report this as a bug.\n"}`,
  );
  return EXIT.errors;
}
