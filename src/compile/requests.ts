// The ordered Graph requests an apply of a DesiredState makes against an empty tenant: create every object in
// dependency order, run its follow-up actions and add a group's planned members, then replace each assignment set
// that has targets. URLs are absolute, on the Graph endpoint of the tenant's cloud, as they are sent. `{id:<address>}`
// in a path and `$ref` in a body stand for ids that exist only once the referenced object is created;
// `{user:<userPrincipalName>}` / `{device:<name>}` for the directory object a planned member name resolves to (the
// reads that resolve them, and the look-ups a create makes, are not listed); `{ secret: NAME }` stays a reference.
import type { DesiredAssignmentSet, DesiredState, DesiredTarget, Json, JsonObject } from "./desired-state.ts";
import { ref } from "./refs.ts";

export interface PlannedRequest {
  readonly method: "POST";
  /** Absolute: `<endpoint>/<apiVersion><collection>…`. */
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
      ...(t.filter
        ? { deviceAndAppManagementAssignmentFilterId: ref(t.filter.address), deviceAndAppManagementAssignmentFilterType: t.filter.mode }
        : {}),
    },
    ...t.settings,
  }));
  return { [set.bodyKey]: items };
}

/** The request list as its versioned JSON document (`compile --requests --format json`, docs/json-formats.md). */
export interface RequestList {
  readonly formatVersion: "1";
  readonly plan: string;
  readonly phase: string | null;
  /** The Graph endpoint the URLs are on (a cloud's, or an emulator's). */
  readonly endpoint: string;
  readonly requests: readonly PlannedRequest[];
}

/** A body as sent to `endpoint`: a bind URL (a built-in role's) names that endpoint's host, as the apply sends it. */
function onEndpoint(body: JsonObject, endpoint: string): JsonObject {
  const bind = body["roleDefinition@odata.bind"];
  return typeof bind === "string" ? { ...body, "roleDefinition@odata.bind": bind.replace(/^https?:\/\/[^/]+/, endpoint) } : body;
}

/** Every request an apply of `state` to an empty tenant behind `endpoint` (no trailing slash) sends, in order. */
export function plannedRequests(state: DesiredState, endpoint: string): PlannedRequest[] {
  const base = endpoint.replace(/\/+$/, "");
  const urlOf = new Map(state.objects.map((o) => [o.address, `${base}/${o.apiVersion}${o.collection}`]));
  const out: PlannedRequest[] = [];
  for (const o of state.objects) {
    out.push({ method: "POST", url: `${base}/${o.apiVersion}${o.collection}`, body: onEndpoint(o.body, base), address: o.address });
    for (const a of o.actions)
      out.push({
        method: "POST",
        url: `${base}/${o.apiVersion}${o.collection}/{id:${o.address}}${a.path}`,
        body: a.body,
        address: o.address,
      });
    for (const name of o.members?.names ?? []) {
      const member = `${base}/v1.0/directoryObjects/{${o.members?.of === "devices" ? "device" : "user"}:${name}}`;
      out.push({
        method: "POST",
        url: `${base}/${o.apiVersion}${o.collection}/{id:${o.address}}/members/$ref`,
        body: { "@odata.id": member },
        address: o.address,
      });
    }
  }
  // A created object has no assignments yet: an empty set sends nothing.
  for (const set of state.assignments) {
    if (set.targets.length === 0) continue;
    out.push({
      method: "POST",
      url: `${urlOf.get(set.of) ?? base}/{id:${set.of}}${set.action}`,
      body: assignBody(set),
      address: set.address,
    });
  }
  return out;
}

export const requestList = (state: DesiredState, endpoint: string): RequestList => ({
  formatVersion: "1",
  plan: state.plan,
  phase: state.phase,
  endpoint: endpoint.replace(/\/+$/, ""),
  requests: plannedRequests(state, endpoint),
});
