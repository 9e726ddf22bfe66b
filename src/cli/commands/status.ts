// `intune-plan status [paths...] [--stack NAME] [--tenant T] [--phase P] [--live-since DATE] [--clock DATE|+N] [--format ...]`:
// every phase of the plan against a tenant, in rollout order: when it went live, its audience and reach, its
// policies' health, and its gate's verdict with the reasons. Read-only on a tenant; the stages are pure (read
// health, evaluate the gate, render) with the reads and the clock at this edge.
//
// Exit codes a pipeline can gate on: 0 the active phase's gate passes, 3 it does not, 1 errors (the plan, the
// tenant), 64 usage. Not 2: preview, drift and diff use 2 for "changes present", and a job that treats 2 as
// "something to apply" must never read a closed gate as that. 3 is free in every command, so one rule fits all.
import type { ParseArgsOptionsConfig } from "node:util";
import { compile } from "../../compile/compile.ts";
import { ROLLOUT_SEEDS } from "../../emulator/rollout-seeds.ts";
import type { PhaseQuery } from "../../graph/rollout-health.ts";
import { readPhaseHealth } from "../../graph/rollout-health.ts";
import { whyNotADate } from "../../plan/plan-date.ts";
import type { Phase, Plan } from "../../plan/schema.ts";
import type { LiveSinceSource } from "../../rollout/live-since.ts";
import { firstOf, planLiveSince } from "../../rollout/live-since.ts";
import type { StackUpdate } from "../../rollout/promotion.ts";
import { goLives, livePhase, parseStackHistory, stackLiveSince } from "../../rollout/promotion.ts";
import type { StatusReport } from "../../rollout/status-report.ts";
import { activePhaseOf, phasePolicies, statusReport } from "../../rollout/status-report.ts";
import { renderStatusMarkdown } from "../../render/status-markdown.ts";
import { renderStatusText } from "../../render/status-text.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";
import { UsageError } from "../cli-errors.ts";
import { applyToEmulator } from "../emulator-phase.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan, requirePhase } from "../load-plan.ts";
import type { PulumiStack } from "../pulumi-stack.ts";
import { PulumiCommandError, pulumiStack } from "../pulumi-stack.ts";
import type { StackSettings } from "../stack-source.ts";
import { readStackSettings } from "../stack-source.ts";
import type { TenantConnection } from "../tenant-connection.ts";
import { connectTenant, tenantOptions } from "../tenant-connection.ts";

/** The active phase's gate does not pass (see the file comment for why 3). */
export const GATE_CLOSED = 3;

const DEFAULT_TENANT = "emulator:pilot-healthy";

const OPTIONS = {
  stack: { type: "string" },
  tenant: { type: "string" },
  phase: { type: "string" },
  "live-since": { type: "string" },
  clock: { type: "string" },
  auth: { type: "string" },
  format: { type: "string", default: "text" },
  faults: { type: "string" },
} as const satisfies ParseArgsOptionsConfig;

export const statusSpec: CommandSpec<typeof OPTIONS> = {
  name: "status",
  summary: "phase health and gate verdicts from a tenant",
  positionals: PLAN_PATHS,
  options: OPTIONS,
  help: {
    stack: {
      value: "NAME",
      text: "a Pulumi stack (run here, the project's folder): its last successful update's phase is the active\nphase, its recorded go-lives (promote, rollback, pulumi up) say when each phase went live, and Pulumi.NAME.yaml gives\nthe plan and the tenant unless told otherwise",
    },
    tenant: {
      value: "T",
      text: `emulator[:seed] (started here; a pilot-* seed gets the active phase applied first), a running
emulator's URL (http://127.0.0.1:PORT), or a real tenant's cloud: global, usgov, usgovdod, china, or its Graph endpoint
(default: the stack's graphEndpoint, else ${DEFAULT_TENANT})`,
    },
    phase: {
      value: "P",
      text: "the active phase (default: the stack's live phase, else the last phase whose start date has come, else the first)",
    },
    "live-since": {
      value: "DATE",
      text: "when the active phase went live (YYYY-MM-DD or an ISO date-time; default: the stack's record, else its start in the plan)",
    },
    clock: { value: "DATE|+N", text: "the simulated date of an emulator started here: a date, or N days after its rollout's start" },
    auth: { value: "M", text: "how to sign in to a real tenant: clientSecret, certificate, workloadIdentity, managedIdentity or azureCli" },
    format: { choices: ["text", "markdown", "json"], text: "terminal text, Markdown (job summary, PR comment), or versioned JSON" },
    faults: { value: "SPEC", text: "fault injection for the in-process emulator (see intune-plan emulator --help)" },
  },
  description:
    "Reads, for the active phase and every phase before it, each policy's device and user status, the audience's\nenrolled devices and their compliance, and evaluates the phase's gate: soak days since it went live, success rate,\nerrors and conflicts per policy, enrolled users against the phase's size, and measurable goals. Read-only.",
  exits: "0 the active phase's gate passes, 3 it does not pass, 1 the plan has errors or the tenant cannot be read, 64 usage",
};

/** `--live-since`: a calendar day or an ISO date-time. */
function liveSinceOption(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const why = whyNotADate(text);
    if (why !== undefined) throw new UsageError(`--live-since ${text} is not a date: ${why}`);
    return text;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(Date.parse(text)))
    throw new UsageError(`--live-since ${text} is not a date: use YYYY-MM-DD or an ISO date-time such as 2027-07-05T09:00:00Z`);
  return text;
}

/** The stack's update history and settings, for `--stack` (status) and for promote and rollback. */
export interface StackRollout {
  readonly stack: string;
  readonly settings: StackSettings | undefined;
  readonly updates: readonly StackUpdate[];
  /** The phase of the stack's last succeeded update (undefined: none yet). */
  readonly live: string | undefined;
}

export async function readStackRollout(
  stack: string,
  io: CliIO,
  pulumi: PulumiStack = pulumiStack(stack, io.cwd, io.stderr),
): Promise<StackRollout> {
  const settings = readStackSettings(io.cwd, stack);
  const text = await pulumi.history();
  let updates: StackUpdate[];
  try {
    updates = parseStackHistory(text);
  } catch (error) {
    throw new PulumiCommandError(
      `pulumi stack history --json --stack ${stack} printed something unexpected (${(error as Error).message}); upgrade the Pulumi CLI`,
    );
  }
  return { stack, settings, updates, live: livePhase(updates) };
}

export interface RolloutReadInput {
  readonly plan: Plan;
  readonly active: Phase;
  readonly connection: TenantConnection;
  readonly now: string;
  readonly liveSince: LiveSinceSource;
  readonly io: CliIO;
}

/** Reads the health of the active phase and every phase before it, and evaluates the gates (status, promote). */
export async function readRolloutStatus(input: RolloutReadInput): Promise<StatusReport> {
  const { plan, active, connection, io } = input;
  const desired = compile(plan, active.key);
  if (connection.seed !== undefined && (ROLLOUT_SEEDS as readonly string[]).includes(connection.seed)) {
    io.stderr.write(
      `${connection.label}: applying phase ${active.key} (${desired.objects.length} objects) to the simulated tenant first, as pulumi up would\n`,
    );
    await applyToEmulator(connection.client, desired);
  }
  const through = plan.phases.slice(0, plan.phases.indexOf(active) + 1);
  const queries: PhaseQuery[] = through.map((phase) => ({
    phase: phase.key,
    audience: phase.audience.map((g) => ({ address: `groups.${g}`, displayName: plan.groups[g]?.displayName ?? g })),
    policies: phasePolicies(desired, phase),
  }));
  io.stderr.write(`reading ${connection.label} ...\n`);
  const before = connection.client.stats.requests;
  const health = await readPhaseHealth(connection.client, queries);
  const requests = connection.client.stats.requests - before;
  io.stderr.write(
    `read the rollout in ${requests} requests (${connection.client.stats.retries} retried) for ${queries.length} phase${queries.length === 1 ? "" : "s"} and ${new Set(queries.flatMap((q) => q.policies.map((p) => p.address))).size} policies\n`,
  );
  return statusReport({
    plan,
    active,
    tenant: connection.label,
    asOf: input.now,
    requests,
    health: new Map(health.map((h) => [h.phase, h])),
    liveSince: input.liveSince,
  });
}

export async function statusCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand(statusSpec, args);
  const liveSince = values["live-since"] !== undefined ? liveSinceOption(values["live-since"]) : undefined;
  const stack = values.stack !== undefined ? await readStackRollout(values.stack, io) : undefined;
  const settings = stack?.settings;
  const plan = loadPlan(positionals.length > 0 ? positionals : (settings?.plan ?? []), io);
  if (!plan) return EXIT.errors;
  if (plan.phases.length === 0) throw new UsageError("the plan has no phases, so there is no rollout to report on");
  requirePhase(plan, values.phase);
  const asked = values.phase ?? (stack?.live !== undefined && plan.phases.some((p) => p.key === stack.live) ? stack.live : undefined);
  if (stack)
    io.stderr.write(
      `stack ${stack.stack}: ${stack.live !== undefined ? `phase ${stack.live} live (its last successful update)` : "no successful update yet"}, ${goLives(stack.updates).length} go-lives recorded${settings?.graphEndpoint !== undefined && values.tenant === undefined ? `; tenant ${settings.graphEndpoint} (from ${settings.file})` : ""}\n`,
    );
  const connection = await connectTenant({ ...tenantOptions(values, settings, DEFAULT_TENANT), clock: values.clock });
  try {
    const now = await connection.now();
    const active = activePhaseOf(plan, now, asked);
    if (!active) throw new UsageError("the plan has no phases");
    if (asked === undefined)
      io.stderr.write(`active phase ${active.key} (the last whose start has come by ${now.slice(0, 10)}; --phase picks another)\n`);
    // Trust: what the user says (--live-since), then what the stack recorded, then the plan's intent.
    const sources: LiveSinceSource[] = [
      ...(liveSince !== undefined ? [planLiveSince({ phase: active.key, date: liveSince })] : []),
      ...(stack ? [stackLiveSince(plan, stack.updates)] : []),
      planLiveSince(),
    ];
    const report = await readRolloutStatus({ plan, active, connection, now, liveSince: firstOf(...sources), io });
    io.stdout.write(
      values.format === "json"
        ? `${JSON.stringify(report, null, 2)}\n`
        : values.format === "markdown"
          ? `${renderStatusMarkdown(report)}\n`
          : `${renderStatusText(report)}\n`,
    );
    return report.verdict === "passes" ? EXIT.ok : GATE_CLOSED;
  } finally {
    await connection.close();
  }
}
