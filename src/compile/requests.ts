// The ordered Graph requests an apply of a DesiredState makes against an empty tenant: create every object in
// dependency order, run its follow-up actions, then replace each assignment set. `{id:<address>}` in a path and
// `$ref` in a body stand for ids that exist only once the referenced object is created.
import type { DesiredAssignmentSet, DesiredState, DesiredTarget, Json, JsonObject } from "./desired-state.ts";
import { ref } from "./refs.ts";

export interface PlannedRequest {
  readonly method: "POST";
  readonly url: string;
  readonly body: JsonObject;
  /** The plan address the request acts for. */
  readonly address: string;
}

const TARGET_TYPES: Readonly<Record<DesiredTarget["kind"], string>> = {
  group: "#microsoft.graph.groupAssignmentTarget",
  exclusionGroup: "#microsoft.graph.exclusionGroupAssignmentTarget",
  allDevices: "#microsoft.graph.allDevicesAssignmentTarget",
  allLicensedUsers: "#microsoft.graph.allLicensedUsersAssignmentTarget",
};

/** The `/assign` body for an assignment set: the complete list Graph will hold (it replaces, never merges). */
export function assignBody(set: DesiredAssignmentSet): JsonObject {
  const items: Json[] = set.targets.map((t) => ({
    target: {
      "@odata.type": TARGET_TYPES[t.kind],
      ...(t.group ? { groupId: ref(t.group) } : {}),
      ...(t.filter ? { deviceAndAppManagementAssignmentFilterId: ref(t.filter.address), deviceAndAppManagementAssignmentFilterType: t.filter.mode } : {}),
    },
  }));
  return { [set.bodyKey]: items };
}

export function plannedRequests(state: DesiredState): PlannedRequest[] {
  const urlOf = new Map(state.objects.map((o) => [o.address, `/${o.apiVersion}${o.collection}`]));
  const out: PlannedRequest[] = [];
  for (const o of state.objects) {
    out.push({ method: "POST", url: `/${o.apiVersion}${o.collection}`, body: o.body, address: o.address });
    for (const a of o.actions) out.push({ method: "POST", url: `/${o.apiVersion}${o.collection}/{id:${o.address}}${a.path}`, body: a.body, address: o.address });
  }
  for (const set of state.assignments) {
    out.push({ method: "POST", url: `${urlOf.get(set.of) ?? ""}/{id:${set.of}}${set.action}`, body: assignBody(set), address: set.address });
  }
  return out;
}
