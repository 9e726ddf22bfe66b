// `intune-plan import --tenant <emulator[:seed]|url|cloud> --out DIR [--name NAME]`: the tenant's Intune objects as a
// plan file that validates and compiles back to the same bodies. Refuses to overwrite an existing file.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ParseArgsOptionsConfig } from "node:util";
import { stringify } from "yaml";
import { importPlan } from "../../graph/import-plan.ts";
import { readTenant } from "../../graph/tenant-reader.ts";
import { checkPlan } from "../../plan/check-plan.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { passGate } from "../load-plan.ts";
import { connectTenant } from "../tenant-connection.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand } from "../command-spec.ts";
import { UsageError, UserFailure } from "../cli-errors.ts";

const OPTIONS = {
  out: { type: "string" },
  tenant: { type: "string", default: "emulator" },
  name: { type: "string", default: "imported" },
  auth: { type: "string" },
  faults: { type: "string" },
} as const satisfies ParseArgsOptionsConfig;

export const importSpec: CommandSpec<typeof OPTIONS> = {
  name: "import",
  summary: "the tenant's Intune objects as a plan file",
  options: OPTIONS,
  required: ["out"],
  help: {
    out: { value: "DIR", text: "the folder the plan file NAME.yaml is written to (an existing file is never overwritten)" },
    tenant: { value: "T", text: "emulator[:seed], a running emulator's URL, or a real tenant's cloud or Graph endpoint" },
    name: { value: "NAME", text: "the plan's name and file name: lower-case letters, digits and hyphens" },
    auth: { value: "M", text: "how to sign in to a real tenant: clientSecret, certificate, workloadIdentity, managedIdentity or azureCli" },
    faults: { value: "SPEC", text: "fault injection for the in-process emulator (see intune-plan emulator --help)" },
  },
  description:
    "Reads every Intune object the tenant holds and writes them as one plan file that validates and compiles back to\nthe same bodies. Every object says adopt: true, so the first pulumi up takes them over instead of refusing\ntheir names.",
  exits: "0 written, 1 a tenant failure, the file cannot be written, or the written plan does not validate (a bug); 64 usage",
};

/** Writes the new plan file, never over an existing one; a folder that cannot hold it is the user's to fix. */
function writePlanFile(folder: string, file: string, text: string): void {
  const cannot = (error: unknown, why: string): UserFailure =>
    new UserFailure(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}): ${why}`);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw cannot(error, "--out must name a folder you can write to (it is created when missing)");
  }
  try {
    writeFileSync(file, text, { flag: "wx" });
  } catch (error) {
    throw cannot(
      error,
      (error as NodeJS.ErrnoException).code === "EEXIST"
        ? "it appeared while the tenant was read; nothing was overwritten"
        : "--out must name a folder you can write to",
    );
  }
}

export async function importCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommand(importSpec, args);
  if (!values.out) throw new UsageError("import needs --out DIR (where the plan file is written)");
  const name = values.name;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new UsageError(`--name ${name}: use lower-case letters, digits and hyphens`);
  const file = join(values.out, `${name}.yaml`);
  if (existsSync(file)) throw new UsageError(`${file} exists; intune-plan import does not overwrite files: pick another --out or --name`);
  const connection = await connectTenant({ tenant: values.tenant, auth: values.auth, faults: values.faults });
  try {
    const read = await readTenant(connection.client, { label: connection.label });
    const { plan, notes, files } = importPlan(read, name);
    const text = `# Imported by intune-plan from ${connection.label}. Review, then split it the way your teams own it.\n# Every object says adopt: true: the first pulumi up takes these existing objects over instead of refusing their names.\n${stringify(plan, { lineWidth: 0 })}`;
    // Script text goes to files next to the plan, which names them by relative path (scripts/<key>/<file>.ps1).
    const scripts = new Map(files.map((f) => [f.path, f.text]));
    const checked = checkPlan([
      {
        path: file,
        bytes: Buffer.from(text),
        readScript: (relative) => {
          const got = scripts.get(relative);
          return got === undefined ? { missing: relative } : { text: got };
        },
      },
    ]);
    for (const f of files) {
      const target = join(values.out, f.path);
      if (existsSync(target)) throw new UsageError(`${target} exists; intune-plan import does not overwrite files: pick another --out`);
    }
    writePlanFile(values.out, file, text);
    for (const f of files) writePlanFile(dirname(join(values.out, f.path)), join(values.out, f.path), f.text);
    for (const n of notes) io.stderr.write(`note: ${n}\n`);
    const count = Object.entries(plan)
      .filter(([k]) => k !== "plan")
      .reduce((n, [, s]) => n + Object.keys(s).length, 0);
    io.stdout.write(`${file}: ${count} objects imported from ${connection.label} in ${read.requests} requests\n`);
    // The importer must write plans the gate passes: a refusal here is our bug, said as such.
    return passGate(checked, io, { refusal: "the imported plan does not validate; please report this:" }) ? EXIT.ok : EXIT.errors;
  } finally {
    await connection.close();
  }
}
