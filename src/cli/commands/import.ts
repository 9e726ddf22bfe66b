// `intune-plan import --tenant <emulator[:seed]|url|cloud> --out DIR [--name NAME]`: the tenant's Intune objects as a
// plan file that validates and compiles back to the same bodies. `import --from FORMAT PATH` does the same from the
// files a community tool exported (src/file-import/): what the plan cannot say is reported per file, the secrets to
// set are listed, and each object's round trip is checked. Refuses to overwrite an existing file.
import { readPolicyTemplates, TEMPLATES_FILE, templatesText } from "../../graph/policy-templates.ts";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ParseArgsOptionsConfig } from "node:util";
import { stringify } from "yaml";
import { compile } from "../../compile/compile.ts";
import { importFiles } from "../../file-import/import-files.ts";
import { roundTrip } from "../../file-import/round-trip.ts";
import type { FileFormat } from "../../file-import/source-file.ts";
import { FILE_FORMATS } from "../../file-import/source-file.ts";
import { FORMAT_LABELS } from "../../file-import/formats.ts";
import { importPlan } from "../../graph/import-plan.ts";
import { readTenant } from "../../graph/tenant-reader.ts";
import type { CheckedPlan } from "../../plan/check-plan.ts";
import { checkPlan } from "../../plan/check-plan.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { passGate } from "../load-plan.ts";
import { connectTenant } from "../tenant-connection.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand } from "../command-spec.ts";
import { UsageError, UserFailure } from "../cli-errors.ts";
import { readSourceFiles } from "../source-files.ts";

const OPTIONS = {
  out: { type: "string" },
  from: { type: "string" },
  tenant: { type: "string" },
  name: { type: "string", default: "imported" },
  auth: { type: "string" },
  faults: { type: "string" },
} as const satisfies ParseArgsOptionsConfig;

export const importSpec: CommandSpec<typeof OPTIONS> = {
  name: "import",
  summary: "the tenant's Intune objects (or a tool's exported files) as a plan file",
  positionals: { name: "PATH", text: "with --from: the exported file or folder to read" },
  options: OPTIONS,
  required: ["out"],
  help: {
    out: { value: "DIR", text: "the folder the plan file NAME.yaml is written to (an existing file is never overwritten)" },
    from: {
      choices: FILE_FORMATS,
      text: "read PATH instead of a tenant: the Intune portal's policy export, an IntuneManagement export folder, an IntuneCD backup (JSON or YAML), or Graph JSON files",
    },
    tenant: {
      value: "T",
      text: "emulator[:seed], a running emulator's URL, or a real tenant's cloud or Graph endpoint (default: emulator)",
    },
    name: { value: "NAME", text: "the plan's name and file name: lower-case letters, digits and hyphens" },
    auth: { value: "M", text: "how to sign in to a real tenant: clientSecret, certificate, workloadIdentity, managedIdentity or azureCli" },
    faults: { value: "SPEC", text: "fault injection for the in-process emulator (see intune-plan emulator --help)" },
  },
  description:
    "Reads every Intune object the tenant holds and writes them as one plan file that validates and compiles back to\nthe same bodies. Every object says adopt: true, so the first pulumi up takes them over instead of refusing\ntheir names. With --from FORMAT PATH it reads exported files instead: what the plan cannot say is reported per\nfile with the reason, credentials become { secret: NAME } references listed for you to set, and each object is\ncompiled back and compared with its file.",
  exits:
    "0 written, 1 a tenant failure, nothing importable in PATH, the file cannot be written, or the written plan does not validate; 64 usage",
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

/** The plan with the script files it names, checked as `validate` would check the written files. */
function checkImported(file: string, text: string, files: readonly { path: string; text: string }[]): CheckedPlan {
  const scripts = new Map(files.map((f) => [f.path, f.text]));
  return checkPlan([
    {
      path: file,
      bytes: Buffer.from(text),
      readScript: (relative) => {
        const got = scripts.get(relative);
        return got === undefined ? { missing: relative } : { text: got };
      },
    },
  ]);
}

/** The template ids an imported plan's settings-catalog policies name. */
function templatesOf(plan: Record<string, unknown>): string[] {
  const configuration = plan["configuration"];
  if (typeof configuration !== "object" || configuration === null) return [];
  return Object.values(configuration as Record<string, Record<string, unknown>>).flatMap((p) => {
    const t = p["template"] as { id?: unknown } | undefined;
    return typeof t?.id === "string" ? [t.id] : [];
  });
}

/** Writes the plan file and its script files, refusing before the first write if any of them exists. */
function writeImport(out: string, file: string, text: string, files: readonly { path: string; text: string }[]): void {
  for (const f of files) {
    const target = join(out, f.path);
    if (existsSync(target)) throw new UsageError(`${target} exists; intune-plan import does not overwrite files: pick another --out`);
  }
  writePlanFile(out, file, text);
  for (const f of files) writePlanFile(dirname(join(out, f.path)), join(out, f.path), f.text);
}

/** `import --from FORMAT PATH`: the files' objects as a plan, their leftovers reported, their round trip checked. */
function importFromFiles(format: FileFormat, path: string, out: string, file: string, name: string, io: CliIO): number {
  const imported = importFiles(format, readSourceFiles(path), name, path);
  const reported = imported.reports.map((r) => `${r.file}${r.object ? ` [${r.object}]` : ""}: ${r.reason}`);
  if (imported.objects.length === 0) {
    const shown = reported.slice(0, 10).map((line) => `\n  ${line}`);
    throw new UserFailure(
      `${path}: nothing in it reads as ${FORMAT_LABELS[format]} (${imported.fileCount} files)${shown.join("")}${reported.length > 10 ? `\n  … ${reported.length - 10} more` : ""}`,
    );
  }
  const checked = checkImported(file, imported.text, imported.result.files);
  writeImport(out, file, imported.text, imported.result.files);
  for (const line of reported) io.stderr.write(`reported: ${line}\n`);
  io.stdout.write(
    `${file}: ${imported.objects.length} objects imported from ${imported.fileCount} files (${FORMAT_LABELS[format]}); ${reported.length} reported as not imported or not as written\n`,
  );
  if (imported.secrets.length > 0) {
    io.stdout.write("Secrets the plan refers to; set each before pulumi up (or as an environment variable of that name):\n");
    for (const s of imported.secrets) io.stdout.write(`  pulumi config set --secret ${s.name} …   # ${s.address} (${s.file})\n`);
  }
  const plan = passGate(checked, io, { refusal: "the imported plan does not validate; fix the objects named below in the written file:" });
  if (!plan) return EXIT.errors;
  const templated = Object.values(plan.configuration).filter((p) => p.template).length;
  if (templated > 0)
    io.stderr.write(
      `note: ${templated} ${templated === 1 ? "policy is" : "policies are"} made from Intune templates; run intune-plan definitions ${out} --tenant <tenant> to write ${TEMPLATES_FILE} beside the plan, so that validate checks them against their templates and compile writes the setting template references\n`,
    );
  const trip = roundTrip(imported, compile(plan, undefined));
  const differing = trip.filter((t) => t.differences.length > 0);
  io.stdout.write(`round trip: ${trip.length - differing.length} of ${trip.length} objects compile back to their file's body\n`);
  for (const t of differing)
    for (const d of t.differences) io.stderr.write(`differs after the round trip: ${t.file} [${t.address}]: ${d}\n`);
  return EXIT.ok;
}

export async function importCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand(importSpec, args);
  if (!values.out) throw new UsageError("import needs --out DIR (where the plan file is written)");
  const name = values.name;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new UsageError(`--name ${name}: use lower-case letters, digits and hyphens`);
  const file = join(values.out, `${name}.yaml`);
  if (values.from !== undefined) {
    const format = FILE_FORMATS.find((f) => f === values.from);
    if (!format) throw new UsageError(`unknown --from ${values.from}; use ${FILE_FORMATS.join(", ")}`);
    if (values.tenant !== undefined || values.auth !== undefined || values.faults !== undefined)
      throw new UsageError("--from reads files and --tenant, --auth and --faults read a tenant: use one or the other");
    const [path, ...extra] = positionals;
    if (path === undefined || extra.length > 0)
      throw new UsageError(`--from ${format} reads one PATH (a file or folder); got ${positionals.length}`);
    if (existsSync(file)) throw new UsageError(`${file} exists; intune-plan import does not overwrite files: pick another --out or --name`);
    return importFromFiles(format, path, values.out, file, name, io);
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0] ?? ""}: a PATH is read only with --from FORMAT`);
  if (existsSync(file)) throw new UsageError(`${file} exists; intune-plan import does not overwrite files: pick another --out or --name`);
  const connection = await connectTenant({ tenant: values.tenant ?? "emulator", auth: values.auth, faults: values.faults });
  try {
    const read = await readTenant(connection.client, { label: connection.label });
    const { plan, notes, files } = importPlan(read, name);
    const text = `# Imported by intune-plan from ${connection.label}. Review, then split it the way your teams own it.\n# Every object says adopt: true: the first pulumi up takes these existing objects over instead of refusing their names.\n${stringify(plan, { lineWidth: 0 })}`;
    // Script text goes to files next to the plan, which names them by relative path (scripts/<key>/<file>.ps1).
    const checked = checkImported(file, text, files);
    writeImport(values.out, file, text, files);
    for (const n of notes) io.stderr.write(`note: ${n}\n`);
    const count = Object.entries(plan)
      .filter(([k]) => k !== "plan")
      .reduce((n, [, s]) => n + Object.keys(s).length, 0);
    io.stdout.write(`${file}: ${count} objects imported from ${connection.label} in ${read.requests} requests\n`);
    // Template-based policies (endpoint security, baselines): the templates they name go beside the plan, as
    // `intune-plan definitions` writes them, so that compile writes the setting template references again.
    const templateIds = templatesOf(plan);
    if (templateIds.length > 0) {
      const target = join(values.out, TEMPLATES_FILE);
      if (existsSync(target)) io.stderr.write(`note: ${target} exists and is not overwritten; refresh it with intune-plan definitions\n`);
      else {
        const templates = await readPolicyTemplates(connection.client, templateIds);
        writePlanFile(values.out, target, templatesText(templates, `${connection.label}, ${(await connection.now()).slice(0, 10)}`));
        io.stdout.write(`${target}: ${Object.keys(templates.templates).length} policy templates from ${connection.label}\n`);
      }
    }
    // The importer must write plans the gate passes: a refusal here is our bug, said as such.
    return passGate(checked, io, { refusal: "the imported plan does not validate; please report this:" }) ? EXIT.ok : EXIT.errors;
  } finally {
    await connection.close();
  }
}
