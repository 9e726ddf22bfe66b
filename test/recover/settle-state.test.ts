// The export recover hands to `pulumi stack import`: imports become resources (after everything they depend on),
// no pending operation is left, and nothing else in the export changes.
import { describe, expect, it } from "vitest";
import type { Decision } from "../../src/recover/decide.ts";
import { readPendingState } from "../../src/recover/pending-state.ts";
import { settledExport } from "../../src/recover/settle-state.ts";
import {
  exportOf,
  exportText,
  heldObject,
  objectUrn,
  pendingAssignments,
  pendingObject,
  SECRET_ENVELOPE,
} from "../helpers/pending-export.ts";

const WIFI = { address: "configuration.wifi", displayName: "Wi-Fi", secret: true as const };
const HR = { address: "groups.hr", displayName: "HR" };
const FINANCE = { address: "groups.finance", displayName: "Finance" };

const decision = (urn: string, action: Decision["action"], id?: string): Decision => ({
  urn,
  label: urn,
  action,
  reason: "test",
  ...(id === undefined ? {} : { id }),
});

describe("recover: the settled export", () => {
  it("appends each import with its id and outputs, and leaves no pending operation", () => {
    const spec = {
      resources: [heldObject(FINANCE, "g-1")],
      pending: [pendingObject(WIFI), pendingObject(HR), pendingAssignments("groups.finance", "g-1")],
    };
    const state = readPendingState(exportText(spec), "x");
    const assignments = "urn:pulumi:s::intune-plan::pulumi-nodejs:dynamic/intune:Assignments::groups.finance#assignments";
    const settled = settledExport(state, [
      decision(objectUrn(WIFI), "import", "w-1"),
      decision(objectUrn(HR), "clear"),
      decision(assignments, "import", "g-1#assignments"),
    ]);
    const before = exportOf(spec);
    const deployment = settled["deployment"] as { resources: Record<string, unknown>[]; pending_operations: unknown[] } & Record<
      string,
      unknown
    >;
    expect(deployment.pending_operations).toEqual([]);
    expect(deployment.resources.map((r) => r["urn"])).toEqual([
      ...(before["deployment"] as { resources: { urn: string }[] }).resources.map((r) => r.urn),
      objectUrn(WIFI),
      assignments,
    ]);
    const wifi = deployment.resources.at(-2) ?? {};
    expect(wifi["id"]).toBe("w-1");
    // The object's outputs lack secretValues, the provider's mark of an unfinished create: the next up updates it.
    expect(Object.keys(wifi["outputs"] as object).sort()).toEqual(["__provider", "graphId", "ids", "object", "resource"]);
    // Inputs are carried as exported: the secret stays ciphertext.
    expect((wifi["inputs"] as { secretValues: unknown }).secretValues).toEqual({ WIFI_PSK: SECRET_ENVELOPE });
    expect(wifi["parent"]).toBe("urn:pulumi:s::intune-plan::pulumi:pulumi:Stack::intune-plan-s");
    const set = deployment.resources.at(-1) ?? {};
    expect(set["outputs"]).toMatchObject({ resource: "assignments", graphId: "g-1#assignments", ids: { "groups.finance": "g-1" } });
    for (const key of ["manifest", "secrets_providers", "metadata"])
      expect(deployment[key]).toEqual((before["deployment"] as Record<string, unknown>)[key]);
    expect(settled["version"]).toBe(3);
  });
});
