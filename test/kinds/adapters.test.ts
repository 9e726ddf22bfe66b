// Kind adapters (src/kinds/): each plan object compiles to a body its own toPlan reads back to the same plan object,
// and the role definition adapter reads both shapes of rolePermissions Graph answers with.
import { describe, expect, it } from "vitest";
import type { CompileContext, ImportContext } from "../../src/kinds/kind.ts";
import { assignmentFilter } from "../../src/kinds/assignment-filter.ts";
import { deviceCategory } from "../../src/kinds/device-category.ts";
import { roleDefinition } from "../../src/kinds/role-definition.ts";
import type { JsonObject } from "../../src/graph-model/json.ts";

// References stay plan keys both ways here: the compile side writes { $ref }, the import side reads scope tags back.
const compileCtx: CompileContext = { scopeTags: () => ({}), ref: (address) => ({ $ref: address }) };
const notes: string[] = [];
const importCtx: ImportContext = {
  common: (body) => (typeof body["description"] === "string" ? { description: body["description"] } : {}),
  withAssignment: (o) => o,
  note: (m) => notes.push(m),
};
const back = (body: JsonObject): JsonObject => JSON.parse(JSON.stringify(body)) as JsonObject;

describe("kind adapters", () => {
  it("role definitions, device categories and filters read back as the plan object they compiled from", () => {
    const role = { displayName: "Helpdesk", description: "Tier 1", allowedActions: ["Microsoft.Intune_Organization_Read"] };
    expect(roleDefinition.toPlan({}, back(roleDefinition.toGraph(role, compileCtx).body), importCtx)).toEqual(role);
    const category = { displayName: "Kiosk" };
    expect(deviceCategory.toPlan({}, back(deviceCategory.toGraph(category, compileCtx).body), importCtx)).toEqual(category);
    const filter = {
      displayName: "Corporate Windows",
      platform: "windows10AndLater",
      rule: '(device.deviceOwnership -eq "Corporate")',
      management: "apps",
    } as const;
    expect(assignmentFilter.toPlan({}, back(assignmentFilter.toGraph(filter, compileCtx).body), importCtx)).toEqual(filter);
    expect(notes).toEqual([]);
  });

  it("a role definition's actions are read from the list shape and from the older object shape", () => {
    const list = {
      displayName: "R",
      rolePermissions: [{ resourceActions: [{ allowedResourceActions: ["a", "b"] }, { allowedResourceActions: ["c"] }] }],
    };
    const legacy = { displayName: "R", rolePermissions: { allowedResourceActions: ["a"] } };
    expect(roleDefinition.toPlan({}, list, importCtx)).toMatchObject({ allowedActions: ["a", "b", "c"] });
    expect(roleDefinition.toPlan({}, legacy, importCtx)).toMatchObject({ allowedActions: ["a"] });
    expect(roleDefinition.toPlan({}, { displayName: "R" }, importCtx)).toMatchObject({ allowedActions: [] });
  });
});
