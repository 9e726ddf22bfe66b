// When the interrupted update can have begun at the earliest: never later than it really did (or recover could take
// over an object made just before it), as late as the stack's records allow.
import { describe, expect, it } from "vitest";
import type { PendingOperation, PendingState } from "../../src/recover/pending-state.ts";
import { readPendingState } from "../../src/recover/pending-state.ts";
import { interruptedUpdateBound, parseHistory, parseSince } from "../../src/recover/time-bound.ts";
import { exportText, pendingObject } from "../helpers/pending-export.ts";

const FINANCE = { address: "groups.finance", displayName: "Finance" };
const state = (stackCreated?: string | null) =>
  readPendingState(exportText({ stackCreated: stackCreated ?? null, pending: [pendingObject(FINANCE)] }), "x");
const history = (entries: unknown[]) => parseHistory(JSON.stringify(entries));
function first(s: PendingState): PendingOperation {
  const op = s.pending[0];
  if (!op) throw new Error("the export has no pending operation");
  return op;
}

describe("recover: the earliest start of the interrupted update", () => {
  it("is the stack resource's creation when that is all there is", () => {
    const s = state("2026-12-03T09:03:25.826835803Z");
    expect(interruptedUpdateBound(first(s), s, [], undefined)).toEqual({
      at: Date.parse("2026-12-03T09:03:25.826Z"),
      text: "2026-12-03T09:03:25.826835803Z",
      source: "the stack resource's creation",
    });
  });

  it("is the end of the last successful up when that is later; failed updates and refreshes do not count", () => {
    const s = state("2026-01-01T00:00:00Z");
    const h = history([
      { kind: "update", result: "succeeded", startTime: "2026-11-30T10:00:00.000Z", endTime: "2026-11-30T10:02:00.000Z" },
      { kind: "update", result: "failed", startTime: "2026-12-01T10:00:00.000Z", endTime: "2026-12-01T10:01:00.000Z" },
      { kind: "refresh", result: "succeeded", startTime: "2026-12-02T10:00:00.000Z", endTime: "2026-12-02T10:01:00.000Z" },
      { kind: "update", result: "in-progress", startTime: "2026-12-03T10:00:00.000Z" },
    ]);
    const b = interruptedUpdateBound(first(s), s, h, undefined);
    expect(b?.text).toBe("2026-11-30T10:02:00.000Z");
    expect(b?.source).toBe("the end of the last successful pulumi up");
  });

  it("takes --since only when it is later, and the pending resource's own time when an export has one", () => {
    const s = state("2026-12-01T00:00:00Z");
    expect(interruptedUpdateBound(first(s), s, [], parseSince("2026-12-03T08:00:00Z"))?.source).toBe("--since");
    expect(interruptedUpdateBound(first(s), s, [], parseSince("2020-01-01T00:00:00Z"))?.source).toBe("the stack resource's creation");
    const op = { ...first(s), created: "2026-12-03T09:00:00Z" };
    expect(interruptedUpdateBound(op, s, [], undefined)?.source).toBe("the pending resource's creation time");
  });

  it("is unknown when nothing records a time; history that is not history is ignored; --since must be a date", () => {
    const s = state(null);
    expect(interruptedUpdateBound(first(s), s, undefined, undefined)).toBeUndefined();
    expect(parseHistory("not json")).toBeUndefined();
    expect(parseHistory("{}")).toBeUndefined();
    expect(parseSince("yesterday")).toBeUndefined();
  });
});
