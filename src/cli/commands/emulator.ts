// `intune-plan emulator [--port N] [--state FILE] [--seed NAME] [--faults SPEC]`: the local Graph emulator as a
// long-running server (Ctrl-C stops it). With --state, it starts from the file when it exists (with its journal,
// FILE.journal, replayed); each write is appended to the journal and fsynced before the reply, and the journal is
// folded into the file atomically at start, at stop and as it grows (the file is always a whole state; FILE.bak
// holds the one before).
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseFaults } from "../../emulator/faults.ts";
import type { SeedName } from "../../emulator/seeds.ts";
import { seedTenant, SEEDS } from "../../emulator/seeds.ts";
import { startEmulator } from "../../emulator/server.ts";
import type { TenantData } from "../../emulator/store.ts";
import { loadTenant, StateFileError } from "../../emulator/store.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";

export async function emulatorCommand(args: string[], io: CliIO, until: Promise<unknown> = new Promise((resolve) => { process.once("SIGINT", resolve); process.once("SIGTERM", resolve); })): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: "string", default: "0" }, state: { type: "string" }, seed: { type: "string", default: "legacy-contoso" }, faults: { type: "string" } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { io.stderr.write(`--port ${values.port ?? ""} is not a port number\n`); return EXIT.usage; }
  const seed = values.seed as SeedName;
  if (!SEEDS.includes(seed)) { io.stderr.write(`unknown --seed ${seed}; use ${SEEDS.join(" or ")}\n`); return EXIT.usage; }
  let faults;
  try { faults = parseFaults(values.faults); } catch (e) { io.stderr.write(`${(e as Error).message}\n`); return EXIT.usage; }
  // A state file that cannot be read stops the start (exit 1, one line naming it): starting from the seed would
  // overwrite the tenant it held at the first write.
  let data: TenantData;
  try { data = values.state && existsSync(values.state) ? loadTenant(values.state) : seedTenant(seed); } catch (e) {
    if (!(e instanceof StateFileError)) throw e;
    io.stderr.write(`${e.message}\n`);
    return EXIT.errors;
  }
  const emulator = await startEmulator({ data, port, faults, ...(values.state ? { stateFile: values.state } : {}) });
  io.stdout.write(`Graph emulator listening on ${emulator.url} (tenant ${data.tenantId}${values.state ? `, state in ${values.state}` : ""})\n  beta: ${emulator.url}/beta   v1.0: ${emulator.url}/v1.0\n  try: intune-plan preview plan/ --tenant ${emulator.url}\n`);
  await until;
  await emulator.close();
  io.stderr.write("emulator stopped\n");
  return EXIT.ok;
}
