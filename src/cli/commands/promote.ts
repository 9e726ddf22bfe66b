// `intune-plan promote --stack NAME [paths...] [--to P] [--force --reason TEXT] [--yes]` and `intune-plan rollback`
// (the same, one phase back): moves a Pulumi stack to the next (previous) phase of the plan through the Pulumi
// engine, after its gate, with a record of who, when and why in the stack's update history.
//
// 1. The live phase is the stack's, not the settings file's: the phase its last successful update applied
//    (`pulumi stack history`). A Pulumi.NAME.yaml that says otherwise is reported and does not decide.
// 2. The step: the next phase (promote) or the previous one (rollback), or `--to`; a step that skips a phase is
//    refused unless `--force`.
// 3. Promote only: the live phase's gate, read from the tenant exactly as `status` reads it (go-live from the
//    stack's record first, then the plan's start). A failing gate refuses with every failing criterion (exit 3)
//    unless `--force --reason "..."`, which is recorded with what it overrode.
// 4. The reviewer diff (the project's diff engine on the two phases, as `diff --base-phase A --phase B`) on stdout.
// 5. Without `--yes` that is all (a preview, like `pulumi preview`: nothing is applied). With `--yes`:
//    `pulumi up --yes --skip-preview --config intune-plan:phase=B --message "<record>"` (Pulumi's own output on
//    stderr). The engine writes the record into the stack's history with the update, and only a succeeded update
//    counts as a go-live, so a failed `up` records nothing false.
//
// Why the `pulumi` commands and not the Automation API: the Automation API drives the same CLI (it needs it on
// PATH), adds a second way of being configured (workspace options against the user's environment), and hides the
// command a reviewer or an operator could run by hand; `recover` already speaks to Pulumi this way
// (pulumi-stack.ts), with its error messages and hints.
import { userInfo } from "node:os";
import type { ParseArgsOptionsConfig } from "node:util";
import { compile } from "../../compile/compile.ts";
import type { DesiredState } from "../../compile/desired-state.ts";
import { audienceOf } from "../../diff/audience.ts";
import { diffStates } from "../../diff/diff.ts";
import { viewOfDesired } from "../../compile/state-view.ts";
import { firstOf, planLiveSince } from "../../rollout/live-since.ts";
import type { PromotionRecord, RolloutAction } from "../../rollout/promotion.ts";
import { actorOf, decide, promotionMessage, rolloutStep, stackLiveSince, StepError } from "../../rollout/promotion.ts";
import { criterionLine } from "../../render/status-text.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";
import { UsageError, UserFailure } from "../cli-errors.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan } from "../load-plan.ts";
import { PulumiCommandError, pulumiStack } from "../pulumi-stack.ts";
import { renderReport } from "../render-report.ts";
import { connectTenant } from "../tenant-connection.ts";
import { GATE_CLOSED, readRolloutStatus, readStackRollout } from "./status.ts";

/** Refused: the gate does not pass, or the step skips a phase (`--force --reason` overrides). Same code as status. */
export const REFUSED = GATE_CLOSED;

const OPTIONS = {
  stack: { type: "string" },
  to: { type: "string" },
  force: { type: "boolean", default: false },
  reason: { type: "string" },
  yes: { type: "boolean", default: false },
  plan: { type: "string" },
  tenant: { type: "string" },
  auth: { type: "string" },
  format: { type: "string", default: "text" },
} as const satisfies ParseArgsOptionsConfig;

function spec(action: RolloutAction): CommandSpec<typeof OPTIONS> {
  const promote = action === "promote";
  return {
    name: action,
    positionals: PLAN_PATHS,
    options: OPTIONS,
    required: ["stack"],
    summary: promote
      ? "move a stack to the next phase when its gate passes, through pulumi up"
      : "return a stack to the previous phase, through pulumi up",
    help: {
      stack: { value: "NAME", text: "the Pulumi stack (run here, the project's folder, with your PULUMI_* environment)" },
      to: {
        value: "P",
        text: promote
          ? "the phase to promote to (default: the next one; skipping a phase needs --force)"
          : "the phase to return to (default: the previous one; skipping a phase needs --force)",
      },
      force: {
        text: promote
          ? "apply although the gate does not pass or a phase is skipped (needs --reason; recorded)"
          : "apply although a phase is skipped (needs --reason; recorded)",
      },
      reason: { value: "TEXT", text: "why: recorded in the stack's history with the update (required with --force)" },
      yes: { text: "apply: without it the command shows the gate and the reviewer diff and changes nothing" },
      plan: { value: "FILE", text: "pass a reviewed Pulumi update plan to pulumi up --plan (from pulumi preview --save-plan)" },
      tenant: {
        value: "T",
        text: "the tenant the gate is read from and whose clock records the go-live (default: the stack's graphEndpoint)",
      },
      auth: {
        value: "M",
        text: "how to sign in to a real tenant: clientSecret, certificate, workloadIdentity, managedIdentity or azureCli",
      },
      format: { choices: ["text", "markdown"], text: "the reviewer diff as terminal text, or Markdown (job summary)" },
    },
    description: promote
      ? "Takes the stack's live phase from its last successful update, checks that phase's gate against the tenant\n(as status does) and refuses with every failing criterion, shows the reviewer diff of the promotion, then applies it\nwith pulumi up (--yes). The update's message records who, when (the tenant's clock), the phases and any --force\nwith its reason; status --stack reads it."
      : "Takes the stack's live phase from its last successful update and returns it to the phase before, as promote\ndoes (reviewer diff first, pulumi up with --yes, recorded in the stack's history); no gate is needed to go back.",
    exits: `0 applied (or, without --yes, shown and allowed), ${REFUSED} refused${promote ? ": the gate does not pass or a phase would be skipped" : ": a phase would be skipped"} (--force --reason overrides), 1 pulumi or the tenant failed or the plan has errors, 64 usage`,
  };
}

export const promoteSpec = spec("promote");
/** The OS account running this, when it has one (a container may not). */
const account = (): string | undefined => {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
};
export const rollbackSpec = spec("rollback");

export async function rolloutCommand(
  action: RolloutAction,
  args: string[],
  io: CliIO,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values, positionals } = parseCommand(action === "promote" ? promoteSpec : rollbackSpec, args);
  const stackName = values.stack;
  if (stackName === undefined)
    throw new UsageError(`${action} needs --stack NAME, the Pulumi stack to ${action === "promote" ? "promote" : "roll back"}`);
  const reason = values.reason?.trim();
  if (values.force && !reason) throw new UsageError('--force needs --reason "...": the override is recorded with why');
  if (values.format !== "text" && values.format !== "markdown") throw new UsageError(`unknown --format ${values.format}`);
  const pulumi = pulumiStack(stackName, io.cwd, io.stderr, env);
  const stack = await readStackRollout(stackName, io, pulumi);
  const settings = stack.settings;
  const paths = positionals.length > 0 ? positionals : (settings?.plan ?? []);
  const plan = loadPlan(paths, io);
  if (!plan) return EXIT.errors;
  if (settings?.phase !== undefined && stack.live !== undefined && settings.phase !== stack.live) {
    io.stderr.write(
      `${settings.file} says phase ${settings.phase}, but the stack's last successful update applied ${stack.live}: going from ${stack.live}\n`,
    );
  }
  if (stack.live === undefined && stack.updates.some((u) => u.kind === "update" && u.result === "succeeded")) {
    // The program applies the last phase when none is set: "nothing live" would be a guess, and a wrong one a rollback.
    throw new UserFailure(
      `stack ${stackName} has been updated without intune-plan:phase in its settings, so which phase is live is not recorded. Run pulumi up --config intune-plan:phase=<the phase the tenant is at> once, then promote.`,
    );
  }
  let step;
  try {
    step = rolloutStep(plan, action, stack.live, values.to);
  } catch (error) {
    if (error instanceof StepError) throw new UsageError(error.message);
    throw error;
  }
  io.stderr.write(`stack ${stackName}: ${step.from ? `phase ${step.from.key} live` : "nothing live yet"}; ${action} to ${step.to.key}\n`);

  const tenant = values.tenant ?? settings?.graphEndpoint;
  if (tenant === undefined)
    throw new UsageError(
      `the tenant is not known: ${settings?.file ?? `Pulumi.${stackName}.yaml`} has no intune-plan:graphEndpoint; pass --tenant`,
    );
  const connection = await connectTenant(
    { tenant, auth: values.auth ?? settings?.auth, tenantId: settings?.tenantId, clientId: settings?.clientId },
    env,
  );
  let at: string;
  let decision;
  try {
    at = await connection.now();
    let gate;
    if (action === "promote" && step.from) {
      const report = await readRolloutStatus({
        plan,
        active: step.from,
        connection,
        now: at,
        liveSince: firstOf(stackLiveSince(plan, stack.updates), planLiveSince()),
        io,
      });
      gate = report.phases.find((p) => p.phase === step.from?.key)?.gate ?? undefined;
      if (gate)
        io.stderr.write(
          `gate of ${step.from.key} on ${connection.label} as of ${at.slice(0, 16).replace("T", " ")} UTC: ${gate.passes ? "passes" : "does not pass"}\n${gate.criteria.map((c) => `  ${c.passed ? "ok  " : "FAIL"} ${criterionLine(c)}\n`).join("")}`,
        );
    }
    decision = decide(step, gate, values.force);
  } finally {
    await connection.close();
  }
  if (!decision.proceed) {
    io.stderr.write(
      `intune-plan ${action}: refused, ${stackName} stays at ${step.from?.key ?? "nothing"}:\n${decision.reasons.map((r) => `  - ${r}\n`).join("")}Wait for the gate (intune-plan status --stack ${stackName}), or override with --force --reason "..." (recorded).\n`,
    );
    return REFUSED;
  }
  if (decision.forced)
    io.stderr.write(`--force overrides:\n${decision.overridden.map((r) => `  - ${r}\n`).join("")}reason recorded: ${reason ?? ""}\n`);

  const base: DesiredState = step.from
    ? compile(plan, step.from.key)
    : { formatVersion: "1", plan: plan.name, phase: null, objects: [], assignments: [] };
  const set = diffStates(
    viewOfDesired(base, step.from ? `phase ${step.from.key}` : "nothing live"),
    viewOfDesired(compile(plan, step.to.key), `phase ${step.to.key}`),
    { plan: plan.name, audience: audienceOf(plan), phases: plan.phases.map((p) => p.key) },
  );
  io.stdout.write(renderReport({ formatVersion: "1", changeSets: [set] }, values.format));
  const record: PromotionRecord = {
    action,
    phase: step.to.key,
    from: step.from?.key ?? null,
    at,
    by: actorOf(env, account()),
    forced: decision.forced,
    ...(reason ? { reason } : {}),
  };
  if (!values.yes) {
    io.stderr.write(`not applied: run again with --yes to ${action} ${stackName} to ${step.to.key} through pulumi up\n`);
    return EXIT.ok;
  }
  io.stderr.write(
    `$ pulumi up --stack ${stackName} --config intune-plan:phase=${step.to.key}${values.plan !== undefined ? ` --plan ${values.plan}` : ""}\n`,
  );
  try {
    await pulumi.up([
      "--skip-preview",
      "--config",
      `intune-plan:phase=${step.to.key}`,
      "--message",
      promotionMessage(record),
      ...(values.plan !== undefined ? ["--plan", values.plan] : []),
    ]);
  } catch (error) {
    if (error instanceof PulumiCommandError) {
      io.stderr.write(
        `intune-plan ${action}: ${error.message}\n${step.to.key} is not recorded as live: the stack's history holds the failed update. ${settings?.file ?? `Pulumi.${stackName}.yaml`} now says ${step.to.key}; fix the cause and run ${action} again (or rollback).\n`,
      );
      return EXIT.errors;
    }
    throw error;
  }
  io.stdout.write(
    `${action === "promote" ? "promoted" : "rolled back"} ${stackName} to ${step.to.key}${step.from ? ` from ${step.from.key}` : ""} at ${at} by ${record.by}${record.forced ? `, forced: ${reason ?? ""}` : ""} (recorded in the stack's history)\n`,
  );
  return EXIT.ok;
}
