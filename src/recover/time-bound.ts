// The earliest time the interrupted update can have begun (pure). recover imports a tenant object only when Graph
// created it after that time: an object older than the update that "created" it is someone else's.
//
// Pulumi does not record when a pending create began (see pending-state.ts), so the bound is the latest of what
// the stack does record, each of which is never later than the start of the interrupted update:
//   - the pending resource's own `created`, should a Pulumi version write one;
//   - the creation of the root `pulumi:pulumi:Stack` resource, the first step of the stack's first update;
//   - the end of the last successful `update` or `destroy` in `pulumi stack history`: updates hold the stack's
//     lock, so the interrupted one began after it ended. A successful `up` after the interruption only moves the
//     bound later, which makes recover refuse rather than import (the safe side): it cannot have succeeded while a
//     pending object existed under its name, since the provider then stops on the taken name. Refreshes are left
//     out because one can succeed with creates still pending, and an update that failed may be the interrupted one;
//   - `--since`, a time the user vouches for (a CI job's start): it can only move the bound later.
import { whyNotADate } from "../plan/plan-date.ts";
import type { PendingOperation, PendingState } from "./pending-state.ts";
import { isFields } from "./pending-state.ts";

export interface TimeBound {
  /** Milliseconds since the epoch. */
  readonly at: number;
  /** As the source wrote it. */
  readonly text: string;
  /** Where it comes from, for the user. */
  readonly source: string;
}

export interface UpdateRecord {
  readonly kind: string;
  readonly result: string;
  readonly endTime: string | undefined;
}

/** `pulumi stack history --json`; undefined when it is not that (the bound then does without it). */
export function parseHistory(json: string): UpdateRecord[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(doc)) return undefined;
  const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
  return doc.filter(isFields).map((u) => ({ kind: str(u["kind"]) ?? "", result: str(u["result"]) ?? "", endTime: str(u["endTime"]) }));
}

function bound(text: string | undefined, source: string): TimeBound | undefined {
  const at = text === undefined ? NaN : Date.parse(text);
  return text !== undefined && Number.isFinite(at) ? { at, text, source } : undefined;
}

/** A user's `--since`: undefined unless it is a time on a day the calendar has (Date.parse takes 2026-02-30). */
export function parseSince(text: string): TimeBound | undefined {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(text)?.[0];
  if (day !== undefined && whyNotADate(day) !== undefined) return undefined;
  return bound(text, "--since");
}

/**
 * The latest known time no later than the start of the update that left `op` pending (or, with `created` undefined,
 * of the last update, which may have left no record); undefined if none is known.
 */
export function interruptedUpdateBound(
  op: Pick<PendingOperation, "created">,
  state: PendingState,
  history: readonly UpdateRecord[] | undefined,
  since: TimeBound | undefined,
): TimeBound | undefined {
  const lastSuccess = (history ?? [])
    .filter((u) => (u.kind === "update" || u.kind === "destroy") && u.result === "succeeded")
    .map((u) => bound(u.endTime, `the end of the last successful pulumi ${u.kind === "update" ? "up" : "destroy"}`));
  const candidates = [
    bound(op.created, "the pending resource's creation time"),
    bound(state.stackCreated, "the stack resource's creation"),
    ...lastSuccess,
    since,
  ].filter((b): b is TimeBound => b !== undefined);
  return candidates.reduce<TimeBound | undefined>((best, b) => (best === undefined || b.at > best.at ? b : best), undefined);
}
