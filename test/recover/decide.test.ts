// recover's decisions: a pending create and what the tenant holds under its name → import, clear or refuse. The rule
// under test: an object the stack did not create is never given to it.
import { describe, expect, it } from "vitest";
import type { TenantMatch } from "../../src/recover/decide.ts";
import { decide } from "../../src/recover/decide.ts";
import { readPendingState } from "../../src/recover/pending-state.ts";
import type { TimeBound } from "../../src/recover/time-bound.ts";
import type { ExportSpec, ObjectSpec } from "../helpers/pending-export.ts";
import { assignmentsUrn, exportText, heldObject, objectUrn, pendingAssignments, pendingObject } from "../helpers/pending-export.ts";

const BEGAN: TimeBound = { at: Date.parse("2026-12-03T09:00:00Z"), text: "2026-12-03T09:00:00Z", source: "the stack resource's creation" };
const FINANCE: ObjectSpec = { address: "groups.finance", displayName: "Finance" };
const HR: ObjectSpec = { address: "groups.hr", displayName: "HR" };
const COMPLIANCE: ObjectSpec = {
  address: "compliance.ios-baseline",
  displayName: "iOS - Baseline",
  kind: "compliancePolicy",
  collection: "/deviceManagement/deviceCompliancePolicies",
  apiVersion: "beta",
  odataType: "#microsoft.graph.iosCompliancePolicy",
};

/** `bound` null: nothing records when the interrupted update began. */
function decisions(spec: ExportSpec, matches: Record<string, TenantMatch[]>, bound: TimeBound | null = BEGAN) {
  const state = readPendingState(exportText(spec), "test export");
  return decide({
    state,
    matches: new Map(Object.entries(matches)),
    bounds: new Map(state.pending.map((op) => [op.urn, bound ?? undefined])),
  });
}

const match = (id: string, createdDateTime?: string): TenantMatch => ({ id, createdDateTime });

describe("recover: pending object creates", () => {
  it("imports the one object with the name when Graph created it after the interrupted update began", () => {
    const [d] = decisions({ pending: [pendingObject(FINANCE)] }, { [objectUrn(FINANCE)]: [match("g-1", "2026-12-03T09:00:07.1230000Z")] });
    expect(d).toMatchObject({ action: "import", id: "g-1", label: "groups.finance" });
    expect(d?.reason).toBe(
      'the tenant\'s only "Finance" was created 2026-12-03T09:00:07.1230000Z, after the interrupted update began (not before 2026-12-03T09:00:00Z)',
    );
  });

  it("refuses an older object with the same name: it is someone else's, and the fix is adopt: true or a rename", () => {
    const [d] = decisions({ pending: [pendingObject(FINANCE)] }, { [objectUrn(FINANCE)]: [match("foreign", "2025-06-02T09:00:00Z")] });
    expect(d?.action).toBe("refuse");
    expect(d?.id).toBeUndefined();
    expect(d?.reason).toContain(
      "the tenant's \"Finance\" (foreign) was created 2025-06-02T09:00:00Z, before the interrupted update began (not before 2026-12-03T09:00:00Z, the stack resource's creation, less 5 min for clock skew): it is someone else's and is never taken over",
    );
    expect(d?.fix).toContain("set adopt: true on groups.finance");
  });

  it("allows five minutes of clock skew between Graph and the Pulumi runner, not more", () => {
    const at = (iso: string) => decisions({ pending: [pendingObject(FINANCE)] }, { [objectUrn(FINANCE)]: [match("g-1", iso)] })[0]?.action;
    expect(at("2026-12-03T08:56:00Z")).toBe("import");
    expect(at("2026-12-03T08:55:00Z")).toBe("import");
    expect(at("2026-12-03T08:54:59Z")).toBe("refuse");
  });

  it("clears the record when the tenant has no object with the name: the create never reached Graph", () => {
    const [d] = decisions({ pending: [pendingObject(COMPLIANCE)] }, { [objectUrn(COMPLIANCE)]: [] });
    expect(d).toMatchObject({ action: "clear", label: "compliance.ios-baseline" });
    expect(d?.reason).toContain('the tenant has no "iOS - Baseline" in /deviceManagement/deviceCompliancePolicies');
  });

  it("refuses when two objects have the name, and takes neither", () => {
    const [d] = decisions(
      { pending: [pendingObject(FINANCE)] },
      { [objectUrn(FINANCE)]: [match("a", "2026-12-03T09:00:05Z"), match("b", "2026-12-03T09:00:06Z")] },
    );
    expect(d).toMatchObject({ action: "refuse" });
    expect(d?.reason).toContain('2 objects named "Finance" in /groups (a, b)');
  });

  it("refuses when Graph gives no creation time, or nothing says when the update began", () => {
    const noTime = decisions({ pending: [pendingObject(FINANCE)] }, { [objectUrn(FINANCE)]: [match("g-1")] })[0];
    expect(noTime?.action).toBe("refuse");
    expect(noTime?.reason).toContain("Graph keeps no creation time");
    const noBound = decisions(
      { pending: [pendingObject(FINANCE)] },
      { [objectUrn(FINANCE)]: [match("g-1", "2026-12-03T09:00:07Z")] },
      null,
    )[0];
    expect(noBound?.action).toBe("refuse");
    expect(noBound?.fix).toContain("--since");
  });

  it("imports whatever has the name when the plan adopts it, as the create would have", () => {
    const adopted = { ...FINANCE, adopt: true as const };
    const [d] = decisions({ pending: [pendingObject(adopted)] }, { [objectUrn(adopted)]: [match("old", "2020-01-01T00:00:00Z")] });
    expect(d).toMatchObject({ action: "import", id: "old" });
  });

  it("clears a pending create the stack already holds (a later update created it)", () => {
    const [d] = decisions({ resources: [heldObject(FINANCE, "g-9")], pending: [pendingObject(FINANCE)] }, {});
    expect(d).toMatchObject({ action: "clear" });
    expect(d?.reason).toContain("already holds it as g-9");
  });

  it("never gives one Graph object to two resources", () => {
    const owned = decisions(
      { resources: [heldObject(HR, "g-1")], pending: [pendingObject(FINANCE)] },
      { [objectUrn(FINANCE)]: [match("g-1", "2026-12-03T09:00:07Z")] },
    )[0];
    expect(owned).toMatchObject({ action: "refuse" });
    expect(owned?.reason).toContain("already belongs to groups.hr");
    const twice = decisions(
      { pending: [pendingObject(FINANCE), pendingObject(HR)] },
      { [objectUrn(FINANCE)]: [match("g-1", "2026-12-03T09:00:07Z")], [objectUrn(HR)]: [match("g-1", "2026-12-03T09:00:07Z")] },
    );
    expect(twice.map((d) => d.action)).toEqual(["refuse", "refuse"]);
  });
});

describe("recover: pending assignment sets and other operations", () => {
  it("imports an assignment set as <objectId>#assignments when its object is in the stack or being imported", () => {
    const inState = decisions(
      { resources: [heldObject(COMPLIANCE, "c-1")], pending: [pendingAssignments("compliance.ios-baseline", "c-1")] },
      {},
    )[0];
    expect(inState).toMatchObject({ action: "import", id: "c-1#assignments", label: "compliance.ios-baseline#assignments" });
    const importing = decisions(
      { pending: [pendingObject(COMPLIANCE), pendingAssignments("compliance.ios-baseline", "c-2")] },
      { [objectUrn(COMPLIANCE)]: [match("c-2", "2026-12-03T09:00:07Z")] },
    );
    expect(importing.map((d) => [d.action, d.id])).toEqual([
      ["import", "c-2"],
      ["import", "c-2#assignments"],
    ]);
    expect(importing[1]?.reason).toContain("being imported as c-2");
  });

  it("clears an assignment set whose object is neither in the stack nor imported, or is another object now", () => {
    const gone = decisions(
      { pending: [pendingObject(COMPLIANCE), pendingAssignments("compliance.ios-baseline", "c-2")] },
      { [objectUrn(COMPLIANCE)]: [] },
    );
    expect(gone.map((d) => d.action)).toEqual(["clear", "clear"]);
    const moved = decisions(
      { resources: [heldObject(COMPLIANCE, "c-3")], pending: [pendingAssignments("compliance.ios-baseline", "c-1")] },
      {},
    )[0];
    expect(moved?.action).toBe("clear");
    expect(moved?.reason).toContain("is now c-3, not the c-1");
    expect(
      decisions({ resources: [heldObject(COMPLIANCE, "c-3")], pending: [pendingAssignments("compliance.ios-baseline", undefined)] }, {})[0]
        ?.urn,
    ).toBe(assignmentsUrn("compliance.ios-baseline"));
  });

  it("leaves non-create operations to the refresh, clears Pulumi's own creates and blocks on creates it cannot judge", () => {
    const update = pendingObject(FINANCE, "updating");
    const provider = {
      resource: {
        urn: "urn:pulumi:s::intune-plan::pulumi:providers:pulumi-nodejs::tenant",
        type: "pulumi:providers:pulumi-nodejs",
        inputs: {},
      },
      type: "creating",
    };
    const bucket = {
      resource: { urn: "urn:pulumi:s::intune-plan::aws:s3/bucket:Bucket::logs", type: "aws:s3/bucket:Bucket", inputs: {} },
      type: "creating",
    };
    const [u, p, b] = decisions({ resources: [heldObject(FINANCE, "g-1")], pending: [update, provider, bucket] }, {});
    expect(u).toMatchObject({ action: "settle" });
    expect(p).toMatchObject({ action: "clear", label: "tenant" });
    expect(b).toMatchObject({ action: "refuse", blocks: true, label: "logs" });
  });
});
