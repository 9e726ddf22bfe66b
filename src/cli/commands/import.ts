// `intune-plan import --tenant <emulator[:seed]|url|cloud> --out DIR [--name NAME]`: the tenant's Intune objects as a
// plan file that validates and compiles back to the same bodies. Refuses to overwrite an existing file.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { importPlan } from "../../graph/import-plan.ts";
import { readTenant } from "../../graph/tenant-reader.ts";
import { checkPlan } from "../../plan/check-plan.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { passGate } from "../load-plan.ts";
import { connectTenant } from "../tenant-connection.ts";

export async function importCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args, options: { tenant: { type: "string", default: "emulator" }, out: { type: "string" }, name: { type: "string", default: "imported" }, auth: { type: "string" }, faults: { type: "string" } } });
  if (!values.out) { io.stderr.write("import needs --out DIR (where the plan file is written)\n"); return EXIT.usage; }
  const name = values.name ?? "imported";
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) { io.stderr.write(`--name ${name}: use lower-case letters, digits and hyphens\n`); return EXIT.usage; }
  const file = join(values.out, `${name}.yaml`);
  if (existsSync(file)) { io.stderr.write(`${file} exists; intune-plan import does not overwrite files\n`); return EXIT.usage; }
  const connection = await connectTenant({ tenant: values.tenant ?? "emulator", auth: values.auth, faults: values.faults });
  try {
    const read = await readTenant(connection.client, { label: connection.label });
    const { plan, notes } = importPlan(read, name);
    const text = `# Imported by intune-plan from ${connection.label}. Review, then split it the way your teams own it.\n# Every object says adopt: true: the first pulumi up takes these existing objects over instead of refusing their names.\n${stringify(plan, { lineWidth: 0 })}`;
    const checked = checkPlan([{ path: file, bytes: Buffer.from(text) }]);
    mkdirSync(values.out, { recursive: true });
    writeFileSync(file, text);
    for (const n of notes) io.stderr.write(`note: ${n}\n`);
    const count = Object.entries(plan).filter(([k]) => k !== "plan").reduce((n, [, s]) => n + Object.keys(s).length, 0);
    io.stdout.write(`${file}: ${count} objects imported from ${connection.label} in ${read.requests} requests\n`);
    // The importer must write plans the gate passes: a refusal here is our bug, said as such.
    return passGate(checked, io, { refusal: "the imported plan does not validate; please report this:" }) ? EXIT.ok : EXIT.errors;
  } finally {
    await connection.close();
  }
}
