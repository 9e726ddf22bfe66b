// I/O edge of `preview --stack`: a Pulumi stack's export, from `pulumi stack export --stack NAME` (the pulumi on
// PATH, run in the working directory, the Pulumi project, with this process's environment, so PULUMI_BACKEND_URL,
// PULUMI_CONFIG_PASSPHRASE and the current login apply) or from a file holding that output; and the stack's
// settings file (Pulumi.<stack>.yaml), whose phase, plan and Graph endpoint preview uses unless told otherwise.
// Failures are StackExportError (cause and fix, no stack trace). Secret values are never read or printed.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import type { StackOwnership } from "../compile/state-view.ts";
import { parseStackExport, StackExportError } from "../graph/stack-export.ts";
import { pulumiSaid } from "./pulumi-stack.ts";

const run = promisify(execFile);
/** Exports hold every resource's inputs and outputs twice over (the serialized provider included): allow plenty. */
const MAX_EXPORT_BYTES = 512 * 1024 * 1024;

export type StackSource = { readonly stack: string } | { readonly file: string };

async function exportStack(stack: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    return (await run("pulumi", ["stack", "export", "--stack", stack], { cwd, env, maxBuffer: MAX_EXPORT_BYTES, encoding: "utf8" })).stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string; code?: string | number };
    if (e.code === "ENOENT") {
      throw new StackExportError(
        `pulumi is not on PATH, so which objects stack ${stack} owns cannot be read. Install the Pulumi CLI and put it on PATH, or export the stack where pulumi runs (pulumi stack export --stack ${stack} --file stack.json) and pass --stack-export stack.json.`,
      );
    }
    const said = pulumiSaid(e.stderr ?? "");
    throw new StackExportError(
      `pulumi stack export --stack ${stack} failed${typeof e.code === "number" ? ` (exit ${e.code})` : ""}${said ? `: ${said}` : ""}. Check the stack name (pulumi stack ls), the backend pulumi is logged in to (pulumi login, PULUMI_BACKEND_URL), and that ${cwd} is the Pulumi project's folder.`,
    );
  }
}

function readExportFile(file: string, cwd: string): string {
  try {
    return readFileSync(isAbsolute(file) ? file : join(cwd, file), "utf8");
  } catch (error) {
    throw new StackExportError(
      `--stack-export ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}). Write it with pulumi stack export --stack NAME --file ${file}, or pass --stack NAME to run that here.`,
    );
  }
}

export async function readStackOwnership(source: StackSource, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<StackOwnership> {
  if ("stack" in source)
    return parseStackExport(
      await exportStack(source.stack, cwd, env),
      `the output of pulumi stack export --stack ${source.stack}`,
      source.stack,
    );
  return parseStackExport(readExportFile(source.file, cwd), source.file);
}

/** The stack settings preview takes over (providers/index.ts reads the same keys). Never the secret ones. */
export interface StackSettings {
  readonly file: string;
  readonly phase?: string;
  readonly plan?: readonly string[];
  readonly graphEndpoint?: string;
  readonly auth?: string;
  readonly tenantId?: string;
  readonly clientId?: string;
}

/** Pulumi.<stack>.yaml in `cwd` (a qualified org/project/stack name uses its last part), or undefined without one. */
export function readStackSettings(cwd: string, stack: string): StackSettings | undefined {
  const name = `Pulumi.${stack.split("/").at(-1) ?? stack}.yaml`;
  const file = join(cwd, name);
  if (!existsSync(file)) return undefined;
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (error) {
    // The parser quotes the offending line, which may hold a secure value: only its position is repeated.
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new StackExportError(`${name} is not valid YAML${line ? ` (line ${line})` : ""}; fix it, or pass --phase and --tenant yourself.`);
  }
  const config = typeof doc === "object" && doc !== null && "config" in doc ? (doc as { config?: unknown }).config : undefined;
  const get = (key: string): string | undefined => {
    const v = typeof config === "object" && config !== null ? (config as Record<string, unknown>)[`intune-plan:${key}`] : undefined;
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  const plan =
    get("plan")
      ?.split(",")
      .map((p) => p.trim())
      .filter(Boolean) ?? [];
  const optional = (key: "phase" | "graphEndpoint" | "auth" | "tenantId" | "clientId"): Partial<Record<typeof key, string>> => {
    const v = get(key);
    return v === undefined ? {} : { [key]: v };
  };
  return {
    file: name,
    ...optional("phase"),
    ...(plan.length > 0 ? { plan } : {}),
    ...optional("graphEndpoint"),
    ...optional("auth"),
    ...optional("tenantId"),
    ...optional("clientId"),
  };
}
