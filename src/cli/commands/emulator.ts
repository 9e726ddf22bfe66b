// `intune-plan emulator [--port N] [--state FILE] [--seed NAME] [--faults SPEC]`: the local Graph emulator as a
// long-running server. SIGINT (Ctrl-C) or SIGTERM stops it and exits 0. With --state, it starts from the file when
// it exists (with its journal, FILE.journal, replayed); each write is appended to the journal and fsynced before the
// reply, and the journal is folded into the file atomically at start, at stop and as it grows (the file is always a
// whole state; FILE.bak holds the one before).
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { ParseArgsOptionsConfig } from "node:util";
import type { FaultSpec } from "../../emulator/faults.ts";
import { parseFaults } from "../../emulator/faults.ts";
import { setClockOption } from "../../emulator/rollout-model.ts";
import type { SeedName } from "../../emulator/seeds.ts";
import { seedTenant, SEEDS } from "../../emulator/seeds.ts";
import type { RunningEmulator } from "../../emulator/server.ts";
import { startEmulator } from "../../emulator/server.ts";
import type { TenantData } from "../../emulator/store.ts";
import { loadTenant, StateFileError } from "../../emulator/store.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand } from "../command-spec.ts";
import { UsageError, UserFailure } from "../cli-errors.ts";

const OPTIONS = {
  port: { type: "string", default: "0" },
  state: { type: "string" },
  seed: { type: "string", default: "legacy-contoso" },
  faults: { type: "string" },
  clock: { type: "string" },
  definitions: { type: "string", default: "catalog" },
} as const satisfies ParseArgsOptionsConfig;

export const emulatorSpec: CommandSpec<typeof OPTIONS> = {
  name: "emulator",
  summary: "run the local Graph emulator until Ctrl-C or SIGTERM",
  options: OPTIONS,
  help: {
    port: { value: "N", text: "the port on 127.0.0.1; 0 picks a free one" },
    state: { value: "FILE", text: "start from FILE when it exists, and save every write to it (its folder must exist)" },
    seed: { choices: SEEDS, text: "the tenant to start with when there is no state file" },
    faults: {
      value: "SPEC",
      text: "inject faults: latency=MS,throttle=P,retry-after=integer|fractional|date|missing|mixed,\nunavailable=P,lag=N,lost=P,reject=PATH,seed=N",
    },
    definitions: {
      choices: ["catalog", "any"],
      text: "settings-catalog writes checked against the emulator's catalog of setting definitions, as Graph does,\nor any id taken (generated load-test plans)",
    },
    clock: {
      value: "DATE|+N",
      text: "the simulated rollout's clock (pilot-* seeds): a date, or N days after the rollout's start\n(default: day 3); POST /_emulator/clock {\"advanceDays\": N} moves it while running",
    },
  },
  description:
    "A real HTTP server on 127.0.0.1 that speaks Microsoft Graph's wire format for every kind the plan produces;\npreview, import and Pulumi reach it by its URL. Ctrl-C (SIGINT) or SIGTERM stops it.",
  exits: "0 stopped by a signal, 1 the port is taken or the state file cannot be used, 64 usage",
};

/**
 * The first SIGINT or SIGTERM. Listened for from the command's start, so a signal while the server starts still ends
 * in a clean stop (exit 0) instead of Node's default kill; `dispose` removes the listeners.
 */
function stopSignal(): { readonly stopped: Promise<unknown>; dispose(): void } {
  let dispose = (): void => undefined;
  const stopped = new Promise((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
    dispose = () => {
      process.off("SIGINT", resolve);
      process.off("SIGTERM", resolve);
    };
  });
  return { stopped, dispose: () => dispose() };
}

/** A state file that does not exist yet must be creatable at the first write: its folder is checked now. */
function checkStateFolder(file: string): void {
  const folder = dirname(resolve(file));
  try {
    if (!statSync(folder).isDirectory()) throw new Error("not a folder");
    accessSync(folder, constants.W_OK);
  } catch {
    throw new UserFailure(
      `--state ${file}: the folder ${folder} does not exist or cannot be written; create it, or name a file in a folder you can write to`,
    );
  }
}

async function listen(
  data: TenantData,
  port: number,
  faults: FaultSpec,
  stateFile: string | undefined,
  settingDefinitions: "catalog" | "any",
): Promise<RunningEmulator> {
  try {
    return await startEmulator({ data, port, faults, settingDefinitions, ...(stateFile !== undefined ? { stateFile } : {}) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new UserFailure(
        `port ${port} on 127.0.0.1 is already in use (another emulator?): stop what holds it, or choose another port with --port N (--port 0 picks a free one)`,
      );
    if (code === "EACCES")
      throw new UserFailure(`port ${port} needs privileges this process lacks: choose a port above 1023, or --port 0 for a free one`);
    throw error;
  }
}

export async function emulatorCommand(args: string[], io: CliIO, until?: Promise<unknown>): Promise<number> {
  const signal = until === undefined ? stopSignal() : undefined;
  try {
    const { values } = parseCommand(emulatorSpec, args);
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535)
      throw new UsageError(`--port ${values.port} is not a port number: use 0 to 65535 (0 picks a free one)`);
    const seed = values.seed as SeedName;
    if (values.definitions !== "catalog" && values.definitions !== "any")
      throw new UsageError(`--definitions ${values.definitions}: use catalog or any`);
    const definitions = values.definitions;
    let faults: FaultSpec;
    try {
      faults = parseFaults(values.faults);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    // A state file that cannot be read stops the start (exit 1, one line naming it): starting from the seed would
    // overwrite the tenant it held at the first write.
    let data: TenantData;
    try {
      data = values.state && existsSync(values.state) ? loadTenant(values.state) : seedTenant(seed);
    } catch (e) {
      if (!(e instanceof StateFileError)) throw e;
      throw new UserFailure(e.message);
    }
    if (values.clock !== undefined) {
      const problem = setClockOption(data.rollout, values.clock);
      if (problem) throw new UsageError(`--clock ${values.clock}: ${problem}`);
    }
    if (values.state !== undefined && !existsSync(values.state)) checkStateFolder(values.state);
    const emulator = await listen(data, port, faults, values.state, definitions);
    io.stdout.write(
      `Graph emulator listening on ${emulator.url} (tenant ${data.tenantId}${values.state ? `, state in ${values.state}` : ""})\n  beta: ${emulator.url}/beta   v1.0: ${emulator.url}/v1.0\n  try: intune-plan preview plan/ --tenant ${emulator.url}\n`,
    );
    await (until ?? signal?.stopped);
    await emulator.close();
    io.stderr.write("emulator stopped\n");
    return EXIT.ok;
  } finally {
    signal?.dispose();
  }
}
