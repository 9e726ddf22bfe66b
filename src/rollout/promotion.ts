// Promotion and rollback as data, and where their record lives. Pure: the plan, the stack's update history and the
// gate's verdict in; the step to take (or why not) and the record to keep out.
//
// The record lives in the stack's own update history (`pulumi stack history --json`), which the backend writes
// with every update and nobody has to commit: each update keeps the stack settings it ran with (so the phase it
// applied), its result and end time, and its message. `promote` and `rollback` apply with
// `pulumi up --message "<sentence> #intune-plan-rollout {json}"`, the JSON holding who, when on the tenant's clock,
// from which phase, and whether `--force` overrode the gate and with what reason. Only a *succeeded* update counts:
// a failed or cancelled `up` leaves no go-live. A plain `pulumi up` that changed the phase counts too (its end
// time, by `pulumi up`), so the record cannot be bypassed by applying another way.
import type { Phase, Plan } from "../plan/schema.ts";
import type { GateVerdict } from "./gate.ts";
import type { LiveSince, LiveSinceSource } from "./live-since.ts";

export type RolloutAction = "promote" | "rollback";

/** What `promote` and `rollback` write into the update's message. */
export interface PromotionRecord {
  readonly action: RolloutAction;
  readonly phase: string;
  /** The phase live before (null: the stack had none live). */
  readonly from: string | null;
  /** The tenant's clock when the update began, ISO UTC (an emulator's simulated clock). */
  readonly at: string;
  readonly by: string;
  readonly forced: boolean;
  readonly reason?: string;
}

/** One update of the stack, as far as the rollout cares. */
export interface StackUpdate {
  readonly version: number;
  readonly kind: string;
  readonly result: string;
  readonly endTime?: string;
  /** `intune-plan:phase` in the settings the update ran with. */
  readonly phase?: string;
  readonly record?: PromotionRecord;
  /** `git.author` of the update's environment, when Pulumi recorded one. */
  readonly author?: string;
}

const MARK = " #intune-plan-rollout ";

/** The `pulumi up --message` that carries `record`: a sentence for `pulumi stack history`, then the JSON. */
export function promotionMessage(record: PromotionRecord): string {
  const verb = record.action === "promote" ? "Promote" : "Roll back";
  const from = record.from === null ? "" : ` from ${record.from}`;
  const forced = record.forced ? `, forced: ${record.reason ?? ""}` : record.reason ? ` (${record.reason})` : "";
  return `${verb} to ${record.phase}${from} by ${record.by}${forced}${MARK}${JSON.stringify(record)}`;
}

type Fields = Readonly<Record<string, unknown>>;
const isFields = (v: unknown): v is Fields => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The record in an update's message; undefined for any other message (a plain `pulumi up`, a foreign text). */
export function recordOf(message: string | undefined): PromotionRecord | undefined {
  if (message === undefined) return undefined;
  // The reason is free text and appears in the sentence too: the record is the mark whose rest is JSON.
  let doc: unknown;
  for (let at = message.indexOf(MARK); at >= 0 && doc === undefined; at = message.indexOf(MARK, at + 1)) {
    try {
      doc = JSON.parse(message.slice(at + MARK.length));
    } catch {
      /* the mark inside a reason */
    }
  }
  if (!isFields(doc)) return undefined;
  const action = doc["action"],
    phase = str(doc["phase"]),
    when = str(doc["at"]),
    by = str(doc["by"]),
    from = doc["from"];
  if (
    (action !== "promote" && action !== "rollback") ||
    !phase ||
    !when ||
    Number.isNaN(Date.parse(when)) ||
    !by ||
    typeof doc["forced"] !== "boolean"
  )
    return undefined;
  const reason = str(doc["reason"]);
  return {
    action,
    phase,
    from: typeof from === "string" ? from : null,
    at: when,
    by,
    forced: doc["forced"],
    ...(reason !== undefined ? { reason } : {}),
  };
}

/** `pulumi stack history --json` (all pages: `--page-size 0`), oldest first; throws on anything else. */
export function parseStackHistory(json: string): StackUpdate[] {
  const doc: unknown = JSON.parse(json);
  // A stack with no update prints null.
  if (doc === null) return [];
  if (!Array.isArray(doc)) throw new Error("pulumi stack history --json did not print a list");
  const updates = doc.filter(isFields).map((u, i): StackUpdate => {
    const config = isFields(u["config"]) ? u["config"] : {};
    const phaseValue = config["intune-plan:phase"];
    const phase = isFields(phaseValue) && phaseValue["secret"] !== true ? str(phaseValue["value"]) : undefined;
    const env = isFields(u["environment"]) ? u["environment"] : {};
    const record = recordOf(str(u["message"]));
    const endTime = str(u["endTime"]),
      author = str(env["git.author"]);
    return {
      version: typeof u["version"] === "number" && u["version"] > 0 ? u["version"] : -i,
      kind: str(u["kind"]) ?? "",
      result: str(u["result"]) ?? "",
      ...(endTime !== undefined ? { endTime } : {}),
      ...(phase !== undefined ? { phase } : {}),
      ...(record ? { record } : {}),
      ...(author !== undefined ? { author } : {}),
    };
  });
  // Pulumi lists the newest first; the service numbers updates, the file backend prints version 0 for all, so
  // unnumbered ones keep the listing's order, reversed.
  return updates.sort((a, b) => a.version - b.version);
}

/** One moment the stack's live phase changed. */
export interface GoLive extends LiveSince {
  readonly phase: string;
}

/** Every change of the live phase, oldest first: each succeeded `update` whose phase differs from the one before. */
export function goLives(updates: readonly StackUpdate[]): GoLive[] {
  const out: GoLive[] = [];
  for (const u of updates) {
    if (u.kind !== "update" || u.result !== "succeeded" || u.phase === undefined) continue;
    if (out.at(-1)?.phase === u.phase) continue;
    const r = u.record?.phase === u.phase ? u.record : undefined;
    const at = r?.at ?? u.endTime;
    if (at === undefined) continue;
    out.push(
      r
        ? {
            phase: u.phase,
            at,
            source: "stack",
            by: r.by,
            action: r.action,
            forced: r.forced,
            ...(r.reason !== undefined ? { reason: r.reason } : {}),
          }
        : {
            phase: u.phase,
            at: new Date(at).toISOString(),
            source: "stack",
            by: u.author !== undefined ? `pulumi up (${u.author})` : "pulumi up",
          },
    );
  }
  return out;
}

/** The phase the stack's last succeeded update applied; undefined when none did. */
export function livePhase(updates: readonly StackUpdate[]): string | undefined {
  return goLives(updates).at(-1)?.phase;
}

/**
 * When each phase went live according to the stack: a phase is live while the stack's phase is it or a later one
 * (a later phase keeps the earlier audiences), since the go-live that ended the last stretch below it. A phase the
 * stack is not at or past is not known here (the plan's intent answers for it).
 */
export function stackLiveSince(plan: Plan, updates: readonly StackUpdate[]): LiveSinceSource {
  const order = new Map(plan.phases.map((p, i) => [p.key, i]));
  const events = goLives(updates).filter((e) => order.has(e.phase));
  return {
    liveSince(phase) {
      const i = order.get(phase.key);
      const last = events.at(-1);
      if (i === undefined || !last || (order.get(last.phase) ?? -1) < i) return undefined;
      let k = events.length - 1;
      while (k > 0 && (order.get(events[k - 1]?.phase ?? "") ?? -1) >= i) k--;
      const e = events[k];
      if (!e) return undefined;
      const { phase: _phase, ...since } = e;
      return since;
    },
  };
}

/** The step asked for: from the live phase to the target, with the phases it would skip. */
export interface RolloutStep {
  readonly action: RolloutAction;
  /** undefined: nothing is live yet (the first promotion). */
  readonly from: Phase | undefined;
  readonly to: Phase;
  readonly skipped: readonly Phase[];
}

export class StepError extends Error {}

/** Next (promote) or previous (rollback) phase from `current`, or `to` when given; StepError says why not. */
export function rolloutStep(plan: Plan, action: RolloutAction, current: string | undefined, to: string | undefined): RolloutStep {
  const keys = plan.phases.map((p) => p.key);
  const index = (key: string, what: string): number => {
    const i = keys.indexOf(key);
    if (i < 0) throw new StepError(`${what} ${key} is not a phase of the plan; its phases are ${keys.join(", ") || "(none)"}`);
    return i;
  };
  if (keys.length === 0) throw new StepError("the plan has no phases, so there is nothing to promote");
  const c = current === undefined ? -1 : index(current, "the stack's live phase");
  let t: number;
  if (action === "promote") {
    t = to === undefined ? c + 1 : index(to, "--to");
    if (t >= keys.length) throw new StepError(`${current ?? ""} is the plan's last phase: there is nothing to promote to`);
    if (t <= c) throw new StepError(`--to ${to ?? ""} is not after the live phase ${current ?? ""}: use intune-plan rollback to go back`);
  } else {
    if (c < 0) throw new StepError("nothing is live on this stack yet, so there is nothing to roll back");
    t = to === undefined ? c - 1 : index(to, "--to");
    if (t < 0)
      throw new StepError(
        `${current ?? ""} is the plan's first phase: there is no phase to roll back to (pulumi destroy removes the rollout)`,
      );
    if (t >= c)
      throw new StepError(`--to ${to ?? ""} is not before the live phase ${current ?? ""}: use intune-plan promote to go forward`);
  }
  const target = plan.phases[t];
  if (!target) throw new StepError(`no phase at position ${t + 1}`);
  const skipped = action === "promote" ? plan.phases.slice(c + 1, t) : plan.phases.slice(t + 1, c);
  return { action, from: c < 0 ? undefined : plan.phases[c], to: target, skipped };
}

export type Decision =
  | { readonly proceed: true; readonly forced: boolean; readonly overridden: readonly string[] }
  | { readonly proceed: false; readonly reasons: readonly string[] };

/**
 * Whether to apply `step`. A promotion needs the live phase's gate to pass (none is needed for the first phase, or
 * for a rollback: going back is how a failing phase is stopped), and no step skips a phase. `--force` overrides
 * both; the reasons it overrode are kept, and it is recorded as forced only when it overrode something.
 */
export function decide(step: RolloutStep, gate: GateVerdict | undefined, force: boolean): Decision {
  const reasons: string[] = [];
  if (step.skipped.length > 0)
    reasons.push(
      `${step.action === "promote" ? "promoting" : "rolling back"} from ${step.from?.key ?? "nothing live"} to ${step.to.key} skips ${step.skipped.map((p) => p.key).join(", ")}`,
    );
  if (step.action === "promote" && step.from !== undefined) {
    if (!gate) reasons.push(`the gate of ${step.from.key} was not evaluated`);
    else
      for (const c of gate.criteria)
        if (!c.passed)
          reasons.push(`gate of ${step.from.key}: ${c.criterion === "goal" ? `goal "${c.goal ?? ""}": ` : `${c.criterion}: `}${c.message}`);
  }
  if (reasons.length === 0) return { proceed: true, forced: false, overridden: [] };
  return force ? { proceed: true, forced: true, overridden: reasons } : { proceed: false, reasons };
}

/** Who or what applies: the GitHub Actions actor and run, else the signed-in user (`account`: the OS's answer). */
export function actorOf(env: NodeJS.ProcessEnv, account?: string): string {
  const actor = env["GITHUB_ACTOR"];
  if (actor)
    return `${actor} (GitHub Actions${env["GITHUB_WORKFLOW"] ? ` ${env["GITHUB_WORKFLOW"]}` : ""}${env["GITHUB_RUN_ID"] ? ` run ${env["GITHUB_RUN_ID"]}` : ""})`;
  return env["USER"] ?? env["USERNAME"] ?? env["LOGNAME"] ?? account ?? "unknown";
}
