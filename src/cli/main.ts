// `intune-plan` command line: dispatch, help, and the promise that user input never ends in a stack trace.
import { NameTakenError } from "../graph/apply-object.ts";
import { CredentialConfigError } from "../graph/credentials.ts";
import { GraphRequestError } from "../graph/errors.ts";
import { StackExportError } from "../graph/stack-export.ts";
import { AmbiguousMatchError } from "../graph/tenant-reader.ts";
import type { ParseArgsOptionsConfig } from "node:util";
import type { CliIO } from "./io.ts";
import { EXIT, guardedIO } from "./io.ts";
import { UsageError, UserFailure } from "./cli-errors.ts";
import type { CommandSpec } from "./command-spec.ts";
import { asksForHelp, commandHelp } from "./command-spec.ts";
import { calendarCommand, calendarSpec } from "./commands/calendar.ts";
import { compileCommand, compileSpec } from "./commands/compile.ts";
import { diffCommand, diffSpec } from "./commands/diff.ts";
import { emulatorCommand, emulatorSpec } from "./commands/emulator.ts";
import { explainCommand, explainSpec } from "./commands/explain.ts";
import { importCommand, importSpec } from "./commands/import.ts";
import { driftSpec, previewCommand, previewSpec } from "./commands/preview.ts";
import { recoverCommand, recoverSpec } from "./commands/recover.ts";
import { licensesCommand, licensesSpec, permissionsCommand, permissionsSpec, schemaCommand, schemaSpec } from "./commands/reports.ts";
import { validateCommand, validateSpec } from "./commands/validate.ts";
import { TenantOptionError } from "./tenant-connection.ts";
import { VERSION } from "./version.ts";

interface Command {
  readonly spec: CommandSpec;
  readonly run: (args: string[], io: CliIO) => number | Promise<number>;
}

/** Each spec's option table is typed for its own command; the table only needs what every spec has. */
const entry = <O extends ParseArgsOptionsConfig>(spec: CommandSpec<O>, run: Command["run"]): [string, Command] => [spec.name, { spec, run }];

/** A Map, not an object literal: a command name is user input, and `constructor` or `__proto__` must not find
 * Object.prototype's members (`intune-plan constructor` called Object and printed a stack). */
const COMMANDS: ReadonlyMap<string, Command> = new Map([
  entry(validateSpec, validateCommand),
  entry(compileSpec, compileCommand),
  entry(diffSpec, diffCommand),
  entry(previewSpec, (args, io) => previewCommand(args, io, "preview")),
  entry(driftSpec, (args, io) => previewCommand(args, io, "drift")),
  entry(importSpec, importCommand),
  entry(recoverSpec, (args, io) => recoverCommand(args, io)),
  entry(emulatorSpec, (args, io) => emulatorCommand(args, io)),
  entry(calendarSpec, calendarCommand),
  entry(explainSpec, explainCommand),
  entry(licensesSpec, licensesCommand),
  entry(permissionsSpec, permissionsCommand),
  entry(schemaSpec, schemaCommand),
]);

const NAMES = [...COMMANDS.keys()];

const USAGE = `intune-plan ${VERSION}: infrastructure-as-code plans for Microsoft Intune

Usage: intune-plan <command> [options]

${[...COMMANDS.values()].map(({ spec }) => `  ${spec.name.padEnd(13)}${spec.summary}`).join("\n")}

Run 'intune-plan help <command>' (or 'intune-plan <command> --help') for a command's options.
Paths default to ./plan. Every --format json is a versioned document (docs/json-formats.md).
Exit codes: 0 clean, 1 errors, 2 changes present (diff, preview and drift with --detailed-exitcode), 64 usage.
`;

/** A message as the user reads it: one `intune-plan[ command]:` prefix, whatever the message already began with. */
const said = (prefix: string, message: string): string => `${prefix}: ${message.replace(/^(?:\s*(?:intune-plan|error|Error)\s*:\s*)+/, "")}\n`;

/**
 * Runs one command. Everything it prints goes through guardedIO: scrubbed of known secrets (AZURE_CLIENT_SECRET,
 * the plan's secret values) whichever path printed it, and ended quietly when stdout's reader goes away.
 */
export async function run(argv: readonly string[], rawIO: CliIO): Promise<number> {
  const io = guardedIO(rawIO);
  const [name, ...rest] = argv;
  if (name === undefined) { io.stderr.write(USAGE); return EXIT.usage; }
  if (name === "--version" || name === "version") { io.stdout.write(`${VERSION}\n`); return EXIT.ok; }
  if (name === "help" || name === "--help" || name === "-h") {
    const topic = name === "help" ? rest[0] : undefined;
    if (topic === undefined) { io.stdout.write(USAGE); return EXIT.ok; }
    const command = COMMANDS.get(topic);
    if (!command) { io.stderr.write(said("intune-plan", `unknown command ${topic}; the commands are ${NAMES.join(", ")}`)); return EXIT.usage; }
    io.stdout.write(commandHelp(command.spec));
    return EXIT.ok;
  }
  const command = COMMANDS.get(name);
  if (!command) { io.stderr.write(`${said("intune-plan", `unknown command ${name}; the commands are ${NAMES.join(", ")}`)}Run 'intune-plan help' for usage.\n`); return EXIT.usage; }
  if (asksForHelp(rest)) { io.stdout.write(commandHelp(command.spec)); return EXIT.ok; }
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
  if (error instanceof GraphRequestError) { io.stderr.write(said("intune-plan", error.describe())); return EXIT.errors; }
  if (error instanceof UserFailure || error instanceof AmbiguousMatchError || error instanceof NameTakenError || error instanceof CredentialConfigError || error instanceof StackExportError) {
    io.stderr.write(said("intune-plan", error.message));
    return EXIT.errors;
  }
  const e = error instanceof Error ? error : new Error(String(error));
  io.stderr.write(`intune-plan: internal error: ${e.message}\n${process.env["INTUNE_PLAN_DEBUG"] ? `${e.stack ?? ""}\n` : "Set INTUNE_PLAN_DEBUG=1 for details and report this as a bug.\n"}`);
  return EXIT.errors;
}
