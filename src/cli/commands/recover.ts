// `intune-plan recover --stack NAME [--tenant T] [--auth M] [--since TIME] [--dry-run]`: finishes what a killed
// `pulumi up` left pending, without ever giving the stack an object it did not create. Each pending object create is
// looked up in the tenant by collection, type and name (decide.ts says what follows from what is found); the state
// is then written with the imports in and the pending records out (pulumi stack import, see settle-state.ts) and
// refreshed, so the next `pulumi up` finishes the recovered objects instead of stopping on their names.
// `--stack-export FILE` reads an export instead and only says what it would do. One line per pending operation on
// stdout; Pulumi's own output on stderr. Exit 0 when everything is settled, 1 when something was refused (each
// refusal says its fix) or a step failed, 64 on usage errors.
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { ParseArgsOptionsConfig } from "node:util";
import { findByName } from "../../graph/apply-object.ts";
import type { GraphClient } from "../../graph/client.ts";
import { CLOUDS } from "../../graph/endpoints.ts";
import type { Decision, TenantMatch } from "../../recover/decide.ts";
import { CLOCK_SKEW_MS, decide } from "../../recover/decide.ts";
import type { PendingState } from "../../recover/pending-state.ts";
import { readPendingState } from "../../recover/pending-state.ts";
import { StackExportError } from "../../graph/stack-export.ts";
import { settledExport } from "../../recover/settle-state.ts";
import type { TimeBound, UpdateRecord } from "../../recover/time-bound.ts";
import { interruptedUpdateBound, parseHistory, parseSince } from "../../recover/time-bound.ts";
import { ADOPT_SINCE_VARIABLE } from "../../recover/adopt-since.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import type { PulumiStack } from "../pulumi-stack.ts";
import { PulumiCommandError, pulumiStack } from "../pulumi-stack.ts";
import { connectTenant } from "../tenant-connection.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand } from "../command-spec.ts";
import { UsageError } from "../cli-errors.ts";

const OPTIONS = {
  stack: { type: "string" },
  "stack-export": { type: "string" },
  tenant: { type: "string" },
  auth: { type: "string" },
  since: { type: "string" },
  "dry-run": { type: "boolean", default: false },
} as const satisfies ParseArgsOptionsConfig;

export const recoverSpec: CommandSpec<typeof OPTIONS> = {
  name: "recover",
  summary: "after a killed pulumi up: settle the creates it left pending",
  options: OPTIONS,
  required: ["stack"],
  help: {
    stack: { value: "NAME", text: "the stack an interrupted pulumi up left pending operations in (run in the Pulumi project's folder)" },
    "stack-export": { value: "FILE", text: "read the stack's export from FILE instead, and only show what recover would do" },
    tenant: { value: "T", text: "the tenant (default: the stack's intune-plan:graphEndpoint): a running emulator's URL, or a cloud" },
    auth: { value: "M", text: "how to sign in to a real tenant (default: the stack's intune-plan:auth, else the AZURE_* variables)" },
    since: { value: "TIME", text: "the interrupted update began no earlier than TIME (ISO 8601, e.g. 2026-03-01T09:30:00Z)" },
    "dry-run": { text: "print the decision for each pending operation and write nothing" },
  },
  description:
    "After pulumi cancel: imports into the stack each pending create whose object Graph made during that run, forgets\nthe ones never made, and never takes over an older object with the same name. Then pulumi up converges. With\nnothing pending (an up run with PULUMI_SKIP_CHECKPOINTS=true), prints the INTUNE_PLAN_ADOPT_CREATED_SINCE=TIME\npulumi up that takes over what the lost run made.",
  exits: "0 settled (or nothing pending), 1 a pending create was refused (its line says the fix) or a step failed, 64 usage",
};

export interface RecoverDeps {
  /** The Pulumi CLI for a stack (tests pass a fake one). */
  readonly pulumi: (stack: string, io: CliIO) => PulumiStack;
  readonly env: NodeJS.ProcessEnv;
  readonly wait: (ms: number) => Promise<void>;
}

const DEFAULT_DEPS: RecoverDeps = {
  pulumi: (stack, io) => pulumiStack(stack, io.cwd, io.stderr),
  env: process.env,
  wait: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** A new group can stay invisible for a while (replication): it is looked for this often before it counts as absent. */
const GROUP_LOOKUPS = 8;

function line(d: Decision): string {
  return `${d.action.padEnd(7)} ${d.label}${d.id !== undefined ? ` → ${d.id}` : ""}: ${d.reason}${d.fix !== undefined ? `. Fix: ${d.fix}` : ""}\n`;
}

/** The stack's export as text, and where it came from (for messages). */
function exportFile(file: string, cwd: string): string {
  try {
    return readFileSync(isAbsolute(file) ? file : join(cwd, file), "utf8");
  } catch (error) {
    throw new StackExportError(
      `--stack-export ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}). Write it with pulumi stack export --stack NAME --file ${file}, or pass --stack NAME to read the stack here.`,
    );
  }
}

/**
 * Tenant objects that could be each pending object create's, by URN. A group that is not found is looked for again
 * with growing pauses, as apply-object.ts does after a lost create: "absent" clears the record, and the next
 * pulumi up would then make a second group if the first was only still replicating.
 */
async function lookUp(state: PendingState, client: GraphClient, wait: RecoverDeps["wait"]): Promise<Map<string, TenantMatch[]>> {
  const held = new Set(state.resources.map((r) => r.urn));
  const out = new Map<string, TenantMatch[]>();
  for (const op of state.pending) {
    if (op.operation !== "creating" || op.subject.kind !== "object" || held.has(op.urn)) continue;
    const lookups = op.subject.object.kind === "group" ? GROUP_LOOKUPS : 1;
    let found = await findByName(client, op.subject.object);
    for (let i = 1; found.length === 0 && i < lookups; i++) {
      await wait(Math.min(2000, 25 * 2 ** i));
      found = await findByName(client, op.subject.object);
    }
    out.set(
      op.urn,
      found.map((item) => ({
        id: String(item["id"]),
        createdDateTime: typeof item["createdDateTime"] === "string" ? item["createdDateTime"] : undefined,
      })),
    );
  }
  return out;
}

/**
 * Writes the decisions into the stack (pulumi stack import) and refreshes it. The export the decisions were made on
 * must still be the stack's: another pulumi command in between would be overwritten, so recover stops instead.
 */
async function writeState(
  pulumi: PulumiStack,
  run: { name: string; source: string; state: PendingState; decisions: readonly Decision[] },
  io: CliIO,
): Promise<void> {
  const again = readPendingState(await pulumi.exportState(), run.source);
  if (JSON.stringify(again.document["deployment"]) !== JSON.stringify(run.state.document["deployment"])) {
    throw new PulumiCommandError(
      `stack ${run.name} changed while recover was reading the tenant (another pulumi command ran); nothing was written. Run recover again.`,
    );
  }
  await pulumi.importState(`${JSON.stringify(settledExport(run.state, run.decisions))}\n`);
  io.stdout.write(
    `wrote the state: ${run.decisions.filter((d) => d.action === "import").length} imported, ${run.state.pending.length} pending records removed; refreshing ...\n`,
  );
  try {
    await pulumi.refresh();
  } catch (error) {
    if (!(error instanceof PulumiCommandError)) throw error;
    throw new PulumiCommandError(
      `${error.message} The pending operations are already settled in the state; run pulumi refresh --stack ${run.name} once the cause is fixed.`,
    );
  }
}

function summary(decisions: readonly Decision[]): string {
  const n = (a: Decision["action"]): number => decisions.filter((d) => d.action === a).length;
  return `${n("import")} to import, ${n("clear")} to clear, ${n("settle")} for the refresh to settle, ${n("refuse")} refused`;
}

/**
 * What to do when the interrupted `up` left no record at all (PULUMI_SKIP_CHECKPOINTS=true saves the state only at
 * its end): its objects are the tenant's namesakes created since it began, which adopt-since.ts lets the next `up`
 * take over.
 */
function noRecordHint(bound: TimeBound | undefined): string {
  // ISO 8601, seconds unless the source had milliseconds, whatever form the bound's source wrote: no shell quoting.
  const when = bound === undefined ? "<when it began>" : new Date(bound.at).toISOString().replace(".000Z", "Z");
  return [
    "If the interrupted pulumi up ran with PULUMI_SKIP_CHECKPOINTS=true, the stack has no record of what it created, and the",
    "next pulumi up stops on each such object's name. Let that up take over the plan's objects Graph created since the",
    `interrupted one began${bound === undefined ? " (nothing in the stack says when: give a CI job's start time)" : ` (not before ${bound.text}, ${bound.source})`}:`,
    `  ${ADOPT_SINCE_VARIABLE}=${when} pulumi up --continue-on-error`,
    "It refuses what Graph keeps no creation time for (scope tags, device categories, roles, notification templates);",
    "set adopt: true on those the lost run made, and run it again.",
    "",
  ].join("\n");
}

export async function recoverCommand(args: string[], io: CliIO, deps: RecoverDeps = DEFAULT_DEPS): Promise<number> {
  const { values } = parseCommand(recoverSpec, args);
  const stack = values.stack;
  const file = values["stack-export"];
  if (stack === undefined && file === undefined)
    throw new UsageError("recover needs the stack an interrupted pulumi up left pending: --stack NAME");
  if (stack === undefined && values.tenant === undefined)
    throw new UsageError(
      "--stack-export alone does not say which tenant the stack manages: add --stack NAME (its intune-plan:graphEndpoint) or --tenant T",
    );
  if (values.tenant !== undefined && /^emulator(:|$)/.test(values.tenant))
    throw new UsageError(
      `--tenant ${values.tenant} starts a fresh in-process emulator, which holds nothing the stack made: pass the running emulator's URL (http://127.0.0.1:PORT) or the stack's cloud`,
    );
  const since = values.since === undefined ? undefined : parseSince(values.since);
  if (values.since !== undefined && since === undefined)
    throw new UsageError(`--since ${values.since} is not a date and time; use ISO 8601, e.g. 2026-03-01T09:30:00Z`);
  const pulumi = stack === undefined ? undefined : deps.pulumi(stack, io);
  /** Who writes the state: nobody on a dry run or when the export came from a file. */
  const actor = values["dry-run"] || file !== undefined ? undefined : pulumi;

  try {
    const source = file ?? `the output of pulumi stack export --stack ${stack ?? ""}`;
    const exported = pulumi && file === undefined ? await pulumi.exportState() : exportFile(file ?? "", io.cwd);
    const state = readPendingState(exported, source);
    const name = stack ?? state.stack ?? "(unknown)";
    const readHistory = async (): Promise<readonly UpdateRecord[] | undefined> =>
      pulumi ? parseHistory(await pulumi.history()) : undefined;
    if (state.pending.length === 0) {
      const bound = interruptedUpdateBound({ created: undefined }, state, await readHistory(), since);
      io.stdout.write(`stack ${name}: no pending operations; nothing to recover\n${noRecordHint(bound)}`);
      return EXIT.ok;
    }

    const settings = pulumi ? await pulumi.settings() : {};
    const setting = (key: string): string | undefined => settings[`intune-plan:${key}`];
    const history = await readHistory();
    if (!pulumi)
      io.stderr.write(
        "without --stack the update history is not read, so the interrupted update is only known to have begun after the stack was created; --since TIME narrows that\n",
      );
    const bounds = new Map<string, TimeBound | undefined>(
      state.pending.map((op) => [op.urn, interruptedUpdateBound(op, state, history, since)]),
    );

    const endpoint = values.tenant ?? setting("graphEndpoint") ?? CLOUDS.global.graph;
    const env = {
      ...deps.env,
      ...(setting("tenantId") ? { AZURE_TENANT_ID: setting("tenantId") } : {}),
      ...(setting("clientId") ? { AZURE_CLIENT_ID: setting("clientId") } : {}),
    };
    const connection = await connectTenant({ tenant: endpoint, auth: values.auth ?? setting("auth") }, env);
    let matches: Map<string, TenantMatch[]>;
    try {
      io.stderr.write(`stack ${name}: ${state.pending.length} pending operations; looking for their objects in ${connection.label} ...\n`);
      matches = await lookUp(state, connection.client, deps.wait);
    } finally {
      await connection.close();
    }

    const decisions = decide({ state, matches, bounds });
    const first = state.pending[0] === undefined ? undefined : bounds.get(state.pending[0].urn);
    const began =
      first === undefined
        ? "when it began is not known"
        : `it began no earlier than ${first.text} (${first.source}); objects up to ${Math.round(CLOCK_SKEW_MS / 60_000)} min older count as newer, for clock skew`;
    io.stdout.write(`stack ${name}: ${state.pending.length} operations left pending by an interrupted update; ${began}\n`);
    for (const d of decisions) io.stdout.write(line(d));
    io.stdout.write(`${summary(decisions)}\n`);
    const refused = decisions.filter((d) => d.action === "refuse");
    const imports = decisions.filter((d) => d.action === "import").length;
    const closing =
      refused.length > 0
        ? `${refused.length} refused: nothing was taken over; pulumi up stops on ${refused.length === 1 ? "its name" : "their names"} until the fix above is made\n`
        : "";

    if (refused.some((d) => d.blocks === true)) {
      io.stdout.write("nothing changed: a pending create recover cannot judge is in the stack (see above)\n");
      return EXIT.errors;
    }
    if (!actor) {
      const target = stack ?? "NAME";
      io.stdout.write(
        `${values["dry-run"] ? "dry run" : "--stack-export"}: nothing changed. recover would write the state with ${imports} imported and all ${state.pending.length} pending records removed (pulumi stack import --stack ${target}), then run pulumi refresh --yes --non-interactive --stack ${target}\n${closing}`,
      );
      return refused.length > 0 ? EXIT.errors : EXIT.ok;
    }

    await writeState(actor, { name, source, state, decisions }, io);
    io.stdout.write(
      refused.length > 0 ? closing : `recovered: run pulumi up to finish the ${imports} imported resources and create what was cleared\n`,
    );
    return refused.length > 0 ? EXIT.errors : EXIT.ok;
  } catch (error) {
    if (error instanceof StackExportError || error instanceof PulumiCommandError) {
      io.stderr.write(`intune-plan: ${error.message}\n`);
      return EXIT.errors;
    }
    throw error;
  }
}
