// Kind adapters (src/kinds/): each plan object compiles to a body its own toPlan reads back to the same plan object,
// and the role definition adapter reads both shapes of rolePermissions Graph answers with.
import { describe, expect, it } from "vitest";
import type { CompileContext, ImportContext } from "../../src/kinds/kind.ts";
import { assignmentFilter } from "../../src/kinds/assignment-filter.ts";
import { deviceCategory } from "../../src/kinds/device-category.ts";
import { roleDefinition } from "../../src/kinds/role-definition.ts";
import { updateProfile, updateProfileCollection } from "../../src/kinds/update-profile.ts";
import type { JsonObject } from "../../src/graph-model/json.ts";

// References stay plan keys both ways here: the compile side writes { $ref }, the import side reads scope tags back.
const compileCtx: CompileContext = { scopeTags: () => ({}), ref: (address) => ({ $ref: address }) };
const notes: string[] = [];
const importCtx: ImportContext = {
  common: (body) => (typeof body["description"] === "string" ? { description: body["description"] } : {}),
  withAssignment: (o) => o,
  // Graph's defaults are left out by the real import (import-plan.ts settingsOf); these bodies hold none.
  settings: (body) => {
    const rest = Object.fromEntries(
      Object.entries(body).filter(([k]) => !["@odata.type", "displayName", "description", "roleScopeTagIds"].includes(k)),
    );
    return Object.keys(rest).length > 0 ? rest : undefined;
  },
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

  it("update profiles of each type read back as the plan object they compiled from, in their own collection", () => {
    const profiles = [
      {
        displayName: "Windows 11 24H2",
        description: "Feature update",
        type: "feature",
        settings: {
          featureUpdateVersion: "Windows 11, version 24H2",
          rolloutSettings: {
            offerStartDateTimeInUTC: "2026-07-01T00:00:00Z",
            offerEndDateTimeInUTC: "2026-08-01T00:00:00Z",
            offerIntervalInDays: 7,
          },
        },
      },
      {
        displayName: "Expedite June",
        type: "quality",
        settings: { expeditedUpdateSettings: { qualityUpdateRelease: "2026-06-09T00:00:00Z", daysUntilForcedReboot: 1 } },
      },
      { displayName: "Drivers", type: "driver", settings: { approvalType: "automatic", deploymentDeferralInDays: 7 } },
    ] as const;
    for (const p of profiles) {
      const shape = updateProfile.toGraph(p, compileCtx);
      expect(shape.odataType).toBe(`#microsoft.graph.windows${p.type.charAt(0).toUpperCase()}${p.type.slice(1)}UpdateProfile`);
      const body = back({ "@odata.type": shape.odataType, ...shape.body });
      expect(updateProfile.toPlan({}, body, importCtx)).toEqual(p);
    }
    expect(updateProfileCollection("driver")).toBe("/deviceManagement/windowsDriverUpdateProfiles");
    expect(
      updateProfile.toPlan({}, { displayName: "X", "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration" }, importCtx),
    ).toBeUndefined();
    expect(notes).toEqual([
      "update profile type #microsoft.graph.windowsUpdateForBusinessConfiguration is not a plan update type; left out",
    ]);
  });
});
