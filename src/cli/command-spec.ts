// A command's contract with its user: synopsis, options (the parseArgs table itself, so help cannot drift from what
// is parsed), allowed values, exit codes. From it come the command's help and its usage errors: what is wrong, what
// is allowed, never Node's parser text.
import type { ParseArgsOptionsConfig } from "node:util";
import { parseArgs } from "node:util";
import { suggest } from "../diagnostics/suggest.ts";
import { UsageError } from "./cli-errors.ts";

/** How help shows one option: its value's name (string options), the values it allows, one line of text. */
export interface OptionHelp {
  readonly value?: string;
  readonly choices?: readonly string[];
  readonly text: string;
}

export interface CommandSpec<O extends ParseArgsOptionsConfig = ParseArgsOptionsConfig> {
  readonly name: string;
  /** One line for the overview (`intune-plan help`). */
  readonly summary: string;
  /** What the positional arguments are (e.g. "paths..."), with their help line; absent: none are accepted. */
  readonly positionals?: { readonly name: string; readonly text: string };
  readonly options: O;
  readonly help: { readonly [K in keyof O]: OptionHelp };
  /** Options that must appear (shown without brackets in the synopsis); checking them stays the command's job. */
  readonly required?: readonly (keyof O & string)[];
  /** Full sentences shown under the synopsis. */
  readonly description: string;
  /** The exit codes this command uses, e.g. "0 clean (warnings allowed), 1 errors, 64 usage". */
  readonly exits: string;
}

const orList = (values: readonly string[]): string =>
  values.length < 2 ? values.join("") : `${values.slice(0, -1).join(", ")} or ${values.at(-1) ?? ""}`;

const optionWord = (spec: CommandSpec, name: string): string => {
  const h = spec.help[name];
  return spec.options[name]?.type === "boolean" ? `--${name}` : `--${name} ${h?.choices ? h.choices.join("|") : (h?.value ?? "VALUE")}`;
};

/** The synopsis: `intune-plan NAME [paths...] --base REV [--format text|json]`. */
export function synopsis(spec: CommandSpec): string {
  const words = Object.keys(spec.options).map((name) =>
    spec.required?.includes(name) ? optionWord(spec, name) : `[${optionWord(spec, name)}]`,
  );
  return [`intune-plan ${spec.name}`, ...(spec.positionals ? [`[${spec.positionals.name}]`] : []), ...words].join(" ");
}

/** The command's help, for `intune-plan NAME --help` and `intune-plan help NAME`. */
export function commandHelp(spec: CommandSpec): string {
  const rows: [string, string][] = [
    ...(spec.positionals ? [[spec.positionals.name, spec.positionals.text] as [string, string]] : []),
    ...Object.keys(spec.options).map((name): [string, string] => {
      const h = spec.help[name];
      const fallback = spec.options[name]?.default;
      const shown = typeof fallback === "string" && fallback !== "" ? ` (default: ${fallback})` : "";
      return [optionWord(spec, name), `${h?.text ?? ""}${shown}`];
    }),
    ["-h, --help", "show this help"],
  ];
  const width = Math.min(30, Math.max(...rows.map(([w]) => w.length)) + 2);
  const pad = " ".repeat(width + 2);
  const table = rows.map(([w, text]) => {
    const body = text.replace(/\s*\n\s*/g, " ");
    return w.length + 2 > width ? `  ${w}\n${wrap(`${pad}${body}`, pad)}` : wrap(`  ${w.padEnd(width)}${body}`, pad);
  });
  return `${wrap(`Usage: ${synopsis(spec)}`, "       ")}\n\n${spec.description}\n\n${table.join("\n")}\n\n${wrap(`Exit codes: ${spec.exits}.`, "")}\n`;
}

/** `text` broken at spaces into lines of at most WIDTH characters, continuation lines starting with `indent`. */
function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/(?<=\S) /)) {
    if (line !== "" && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent + word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line].join("\n");
}

const WIDTH = 116;

/** True when the arguments ask for help (before a `--` that ends the options). */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

/**
 * parseArgs with the command's table; a parse error becomes a UsageError in the command's words, and a value
 * outside an option's choices is refused here, before the command reads anything.
 */
export function parseCommand<O extends ParseArgsOptionsConfig>(
  spec: CommandSpec<O>,
  args: string[],
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: spec.options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageOf(spec, error);
  }
  if (!spec.positionals && parsed.positionals.length > 0)
    throw new UsageError(`unexpected argument ${parsed.positionals[0] ?? ""}: ${spec.name} takes no paths`);
  const values = parsed.values as Record<string, unknown>;
  for (const [name, h] of Object.entries(spec.help) as [string, OptionHelp][]) {
    const value = values[name];
    if (h.choices && typeof value === "string" && !h.choices.includes(value))
      throw new UsageError(`unknown --${name} ${value}; use ${orList(h.choices)}`);
  }
  return parsed;
}

/** Node's parse error, said in the command's words. */
function usageOf(spec: CommandSpec, error: unknown): Error {
  const e = error as Error & { code?: string };
  if (!e.code?.startsWith("ERR_PARSE_ARGS")) return e;
  const flag = /'(-{1,2}[^' <=]+)/.exec(e.message)?.[1] ?? "";
  const name = flag.replace(/^-+/, "");
  const known = Object.keys(spec.options);
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const close = suggest(name, known);
    const takes = known.length === 0 ? `${spec.name} takes no options` : `${spec.name} takes ${known.map((k) => `--${k}`).join(", ")}`;
    return new UsageError(`unknown option ${flag}${close ? ` (did you mean --${close}?)` : `; ${takes}`}`);
  }
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    if (spec.options[name]?.type === "boolean") return new UsageError(`--${name} takes no value`);
    const choices = spec.help[name]?.choices;
    return new UsageError(`--${name} needs a value${choices ? `: ${orList(choices)}` : ` (${spec.help[name]?.value ?? "VALUE"})`}`);
  }
  return new UsageError(e.message);
}

/** The positional arguments of every command that reads a plan. */
export const PLAN_PATHS = { name: "paths...", text: "plan folders (every *.yaml directly inside) or files; default ./plan" } as const;
