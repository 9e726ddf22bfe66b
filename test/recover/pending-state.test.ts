// Reading a stack export: a trimmed real one from a killed `pulumi up`, and the ways an export can be unusable.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readPendingState } from "../../src/recover/pending-state.ts";
import { StackExportError } from "../../src/graph/stack-export.ts";
import { exportText, pendingAssignments } from "../helpers/pending-export.ts";

const REAL = readFileSync(new URL("../fixtures/recover/killed-up.export.json", import.meta.url), "utf8");

describe("recover: reading what a killed pulumi up left pending", () => {
  it("reads the pending creates of a real export: no id, no outputs and no created time on them", () => {
    const state = readPendingState(REAL, "killed-up.export.json");
    expect(state.stack).toBe("s");
    expect(state.stackCreated).toBe("2026-12-03T09:03:25.826835803Z");
    expect(state.pending.map((op) => [op.operation, op.subject.kind, op.created])).toEqual([
      ["creating", "object", undefined],
      ["creating", "object", undefined],
      ["creating", "object", undefined],
    ]);
    expect(state.pending[0]?.subject).toEqual({
      kind: "object",
      object: {
        address: "enrollmentRestrictions.block-personal-macos",
        kind: "enrollmentRestriction",
        collection: "/deviceManagement/deviceEnrollmentConfigurations",
        apiVersion: "beta",
        odataType: "#microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration",
        displayName: "Block personal macOS devices",
        adopt: false,
      },
    });
    expect(state.resources.map((r) => [r.address, r.id])).toEqual([
      [undefined, "2f4ecb5a-dd7f-4410-a524-8721463afd85"],
      ["scopeTags.cambridge", "1"],
      ["groups.finance", "4bd7b078-7c43-4023-a6e4-8ddca39800fa"],
    ]);
  });

  it("reads a pending assignment set's object and the object id it was written against", () => {
    const state = readPendingState(exportText({ pending: [pendingAssignments("compliance.ios-baseline", "c-1")] }), "x");
    expect(state.pending[0]?.subject).toEqual({
      kind: "assignments",
      address: "compliance.ios-baseline#assignments",
      of: "compliance.ios-baseline",
      objectId: "c-1",
    });
  });

  it("says what is wrong with an unusable export, without quoting it", () => {
    expect(() => readPendingState('{"deployment": {"resources": [ "v1:secret-ciphertext', "stack.json")).toThrow(StackExportError);
    expect(() => readPendingState('{"deployment": {"resources": [ "v1:secret-ciphertext', "stack.json")).toThrow(
      /^stack.json is not JSON \(it breaks at character \d+\)/,
    );
    expect(() => readPendingState("{}", "stack.json")).toThrow(/has no "deployment" object/);
    expect(() => readPendingState('{"deployment": {"pending_operations": [{"type": "creating"}]}}', "stack.json")).toThrow(
      /pending operation 1 has no resource URN or type/,
    );
    const odd = readPendingState(
      '{"deployment": {"pending_operations": [{"type": "creating", "resource": {"urn": "urn:pulumi:s::p::pulumi-nodejs:dynamic/intune:Group::g", "type": "pulumi-nodejs:dynamic/intune:Group", "inputs": {"resource": "object"}}}]}}',
      "stack.json",
    );
    expect(odd.pending[0]?.subject).toEqual({ kind: "unknown", why: "its inputs have no object" });
  });
});
