// `intune-plan definitions [paths...] [--tenant T] [--out FILE] [--all]`: reads from a tenant the settings-catalog
// definitions the plan uses (with the children they name), or every definition, and writes the setting-definitions
// snapshot that `validate` checks settings-catalog settings against offline (graph-model/setting-definitions.ts).
// When the plan's policies name templates (endpoint security, security baselines), it also writes the templates they
// name, with their settings and any newer versions, as policy-templates.json beside it (graph-model/policy-templates.ts).
//
// The plan is read without its current snapshot: refreshing a snapshot must work when the old one refuses the plan.
// Ids the tenant does not have are listed on stderr (they stay out of the snapshot, so validate reports them with a
// suggestion); the file is still written. Exit 1 when the plan does not check or the tenant cannot be read.
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ParseArgsOptionsConfig } from "node:util";
import type { DefinitionUsage } from "../../graph/setting-definitions.ts";
import { readSettingDefinitions, SNAPSHOT_FILE, snapshotText } from "../../graph/setting-definitions.ts";
import { checkPlan } from "../../plan/check-plan.ts";
import { readPlanInputs } from "../../plan/read.ts";
import { planSettingIds } from "../../plan/settings-catalog.ts";
import { readPolicyTemplates, TEMPLATES_FILE, templatesText } from "../../graph/policy-templates.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";
import { UserFailure } from "../cli-errors.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { passGate } from "../load-plan.ts";
import { connectTenant } from "../tenant-connection.ts";

const OPTIONS = {
  tenant: { type: "string", default: "emulator" },
  out: { type: "string" },
  all: { type: "boolean", default: false },
  auth: { type: "string" },
  faults: { type: "string" },
} as const satisfies ParseArgsOptionsConfig;

export const definitionsSpec: CommandSpec<typeof OPTIONS> = {
  name: "definitions",
  summary: "write the settings-catalog definitions snapshot validate checks settings against",
  positionals: PLAN_PATHS,
  options: OPTIONS,
  help: {
    tenant: {
      value: "T",
      text: "emulator[:seed] (started here), a running emulator's URL (http://127.0.0.1:PORT), or a real tenant's cloud:\nglobal, usgov, usgovdod, china, or its Graph endpoint",
    },
    out: { value: "FILE", text: `where to write the snapshot (default: the first plan folder's ${SNAPSHOT_FILE})` },
    all: { text: "every definition of the tenant's catalog, not only those the plan uses (large on a real tenant)" },
    auth: { value: "M", text: "how to sign in to a real tenant: clientSecret, certificate, workloadIdentity, managedIdentity or azureCli" },
    faults: { value: "SPEC", text: "fault injection for the in-process emulator (see intune-plan emulator --help)" },
  },
  description: `Reads the settings catalog's definitions (GET /beta/deviceManagement/configurationSettings and
/complianceSettings) that the plan's settings-catalog policies use, with the child settings they name, and
writes them as ${SNAPSHOT_FILE}: each id's value type (choice options, integer bounds, string, secret,
collections, groups and their children), platforms and display name. With the snapshot in the plan folder,
validate reports unknown setting ids and options with a "did you mean", wrong value types and settings of
another platform, offline. When the plan's policies name templates (template: { family, id }), it also reads
those templates (GET /beta/deviceManagement/configurationPolicyTemplates and …/{id}/settingTemplates), with any
newer versions, and writes them as ${TEMPLATES_FILE} beside it: validate checks each policy against its template
and warns of a newer version, and compile writes the setting template references the template requires.
Read-only on the tenant.`,
  exits: "0 written (ids the tenant lacks are listed on stderr), 1 the plan has errors or the tenant cannot be read, 64 usage",
};

/** The plan folder a path names: itself when it is a folder (no file extension), else the folder holding it. */
const folderOf = (path: string): string => (/\.ya?ml$/i.test(path) ? dirname(path) : path);

export async function definitionsCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand(definitionsSpec, args);
  const paths = positionals.length > 0 ? positionals : ["plan"];
  let wanted: "all" | Record<DefinitionUsage, string[]> = "all";
  let templateIds: string[] = [];
  if (!values.all) {
    // Without its snapshot (see the file comment); the gate prints what is wrong with the plan otherwise.
    const { inputs, diagnostics } = readPlanInputs(paths);
    const plan = passGate(checkPlan(inputs, diagnostics), io, {
      refusal: "the plan does not check; fix it before reading its definitions:",
    });
    if (!plan) return EXIT.errors;
    wanted = planSettingIds(plan);
    templateIds = Object.values(plan.configuration).flatMap((p) => (p.template ? [p.template.id] : []));
  }
  const out = resolve(io.cwd, values.out ?? join(folderOf(paths[0] ?? "plan"), SNAPSHOT_FILE));
  const connection = await connectTenant({ tenant: values.tenant, auth: values.auth, faults: values.faults });
  try {
    const read = await readSettingDefinitions(connection.client, wanted);
    const text = snapshotText(read, `${connection.label}, ${(await connection.now()).slice(0, 10)}`);
    try {
      writeFileSync(out, text);
    } catch (error) {
      throw new UserFailure(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    // No "did you mean" here: what was read is only the plan's ids, rarely the one meant (validate suggests from the file).
    for (const m of read.missing) io.stderr.write(`not in the tenant's ${m.usage} settings: ${m.id}\n`);
    const known = Object.keys(read.definitions);
    if (read.skipped.length > 0) io.stderr.write(`left out (a kind the snapshot has no word for): ${read.skipped.join(", ")}\n`);
    io.stdout.write(`${out}: ${known.length} setting definitions from ${connection.label}\n`);
    if (templateIds.length > 0) {
      const templatesOut = join(dirname(out), TEMPLATES_FILE);
      const templates = await readPolicyTemplates(connection.client, templateIds);
      try {
        writeFileSync(templatesOut, templatesText(templates, `${connection.label}, ${(await connection.now()).slice(0, 10)}`));
      } catch (error) {
        throw new UserFailure(`cannot write ${templatesOut}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      for (const id of templates.missing) io.stderr.write(`not a template of the tenant: ${id}\n`);
      io.stdout.write(`${templatesOut}: ${Object.keys(templates.templates).length} policy templates from ${connection.label}\n`);
    }
    return EXIT.ok;
  } finally {
    await connection.close();
  }
}
