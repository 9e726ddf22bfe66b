// `intune-plan` command line: dispatch, usage, and the promise that user input never ends in a stack trace.
import type { CliIO } from "./io.ts";
import { EXIT, guardedIO } from "./io.ts";
import { AmbiguousMatchError, CredentialConfigError, NameTakenError, StackExportError } from "../graph/tenant-errors.ts";
import { GraphRequestError } from "../graph/errors.ts";
import { TenantOptionError } from "./tenant-option-error.ts";
import { VERSION } from "./version.ts";

const USAGE = `intune-plan ${VERSION}: infrastructure-as-code plans for Microsoft Intune

Usage: intune-plan <command> [options]

  validate [paths...] [--format text|json|sarif]   check plan files; exit 1 on errors
  compile [paths...] [--phase P] [--format text|json] [--requests [--tenant CLOUD]]
                                                   desired Graph state for a phase, or the request list
                                                   as sent to CLOUD's Graph endpoint (default global)
  diff [paths...] --base <rev|path> [--head <rev|path>] [--phase P [--base-phase Q] | --all-phases]
       [--format text|markdown|json|sarif] [--detailed-exitcode]
                                                   compare two plan revisions for review
  preview [paths...] [--tenant T] [--phase P] [--stack NAME | --stack-export FILE]
          [--format text|markdown|json|sarif] [--detailed-exitcode]
                                                   the plan against a tenant, read-only (T: emulator[:seed]
                                                   (default), an emulator URL, or a cloud with --auth); with a
                                                   Pulumi stack, what it owns is matched by id, as pulumi preview
  drift [paths...] [--tenant T] [--phase P]        what differs on objects the tenant and the plan share
  import --out DIR [--tenant T] [--name NAME]      the tenant's Intune objects as a plan file
  recover --stack NAME [--tenant T] [--since TIME] [--dry-run]
                                                   after a killed pulumi up: import the pending creates whose
                                                   objects it made, clear the rest, never take over another's
                                                   object (--stack-export FILE: only show what it would do)
  emulator [--port N] [--state FILE] [--seed empty|legacy-contoso] [--faults SPEC]
                                                   run the local Graph emulator until Ctrl-C
  calendar [paths...] [--format markdown|ics|json] rollout and communication schedule per phase
  licenses [paths...] [--format text|json]         licences the plan needs
  permissions [paths...] [--mode apply|preview] [--format text|json]
                                                   least Graph application permissions
  schema                                           JSON Schema of plan files (for editors)

Paths default to ./plan. Every --format json is a versioned document (docs/json-formats.md).
Exit codes: 0 clean, 1 errors, 2 changes present, 64 usage.
`;

type Command = (args: string[], io: CliIO) => number | Promise<number>;

/**
 * Each command's module is imported when that command runs, not before: `validate` must not pay for loading the
 * Graph SDK, @azure/identity, the emulator or the diff engine (about 0.4 s of every run when all were eager).
 * A Map, not an object literal: a command name is user input, and `constructor` or `__proto__` must not find
 * Object.prototype's members (`intune-plan constructor` called Object and printed a stack).
 */
const COMMANDS: ReadonlyMap<string, () => Promise<Command>> = new Map(Object.entries({
  validate: async () => (await import("./commands/validate.ts")).validateCommand,
  compile: async () => (await import("./commands/compile.ts")).compileCommand,
  diff: async () => (await import("./commands/diff.ts")).diffCommand,
  preview: async () => { const { previewCommand } = await import("./commands/preview.ts"); return (args, io) => previewCommand(args, io, "preview"); },
  drift: async () => { const { previewCommand } = await import("./commands/preview.ts"); return (args, io) => previewCommand(args, io, "drift"); },
  import: async () => (await import("./commands/import.ts")).importCommand,
  recover: async () => { const { recoverCommand } = await import("./commands/recover.ts"); return (args, io) => recoverCommand(args, io); },
  emulator: async () => { const { emulatorCommand } = await import("./commands/emulator.ts"); return (args, io) => emulatorCommand(args, io); },
  calendar: async () => (await import("./commands/calendar.ts")).calendarCommand,
  licenses: async () => { const { reportCommand } = await import("./commands/reports.ts"); return (args, io) => reportCommand("licenses", args, io); },
  permissions: async () => { const { reportCommand } = await import("./commands/reports.ts"); return (args, io) => reportCommand("permissions", args, io); },
  schema: async () => (await import("./commands/reports.ts")).schemaCommand,
} satisfies Record<string, () => Promise<Command>>));

/**
 * Runs one command. Everything it prints goes through guardedIO: scrubbed of known secrets (AZURE_CLIENT_SECRET,
 * the plan's secret values) whichever path printed it, and ended quietly when stdout's reader goes away.
 */
export async function run(argv: readonly string[], rawIO: CliIO): Promise<number> {
  const io = guardedIO(rawIO);
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") { io.stdout.write(USAGE); return name === undefined ? EXIT.usage : EXIT.ok; }
  if (name === "--version") { io.stdout.write(`${VERSION}\n`); return EXIT.ok; }
  const load = COMMANDS.get(name);
  if (!load) { io.stderr.write(`unknown command ${name}\n\n${USAGE}`); return EXIT.usage; }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    // Argument errors from parseArgs are usage errors; anything else is a bug, reported without a stack trace
    // unless INTUNE_PLAN_DEBUG is set.
    const e = error as Error & { code?: string };
    if (e.code?.startsWith("ERR_PARSE_ARGS") || error instanceof TenantOptionError) { io.stderr.write(`${e.message}\n`); return EXIT.usage; }
    // Graph and tenant failures are the user's to act on: status, Graph code, request id and a hint, no stack.
    if (error instanceof GraphRequestError) { io.stderr.write(`intune-plan: ${error.describe()}\n`); return EXIT.errors; }
    if (error instanceof AmbiguousMatchError || error instanceof NameTakenError || error instanceof CredentialConfigError || error instanceof StackExportError) { io.stderr.write(`intune-plan: ${e.message}\n`); return EXIT.errors; }
    io.stderr.write(`intune-plan: internal error: ${e.message}\n${process.env["INTUNE_PLAN_DEBUG"] ? `${e.stack ?? ""}\n` : "Set INTUNE_PLAN_DEBUG=1 for details and report this as a bug.\n"}`);
    return EXIT.errors;
  }
}
