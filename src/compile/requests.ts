// The ordered Graph requests an apply of a DesiredState makes against an empty tenant: create every object in
// dependency order, run its follow-up actions, write a notification template's messages and add a group's planned
// members, then replace each assignment set that has targets. URLs are absolute, on the Graph endpoint of the
// tenant's cloud, as they are sent. `{id:<address>}` in a path and `$ref` in a body stand for ids that exist only once the referenced object is created;
// `{user:<userPrincipalName>}` / `{device:<name>}` for the directory object a planned member name resolves to (the
// reads that resolve them, and the look-ups a create makes, are not listed); `{ secret: NAME }` stays a reference.
import type { DesiredAssignmentSet, DesiredState, DesiredTarget, Json, JsonObject } from "./desired-state.ts";
import { KINDS } from "../kinds/index.ts";
import { ref } from "./refs.ts";
import { inWriteOrder, MESSAGES, readMessages } from "../kinds/notification-template.ts";

export interface PlannedRequest {
  /** PATCH only for a tenant singleton, which every tenant, even an empty one, already has (docs/tenant-singletons.md). */
  readonly method: "POST" | "PATCH";
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

/** One assignment as Graph takes it: `{ target }` (GRAPH-NOTES §1.4). */
export function assignmentItem(t: DesiredTarget): JsonObject {
  return {
    target: {
      "@odata.type": TARGET_TYPES[t.kind],
      ...(t.group ? { groupId: ref(t.group) } : {}),
      ...(t.filter
        ? { deviceAndAppManagementAssignmentFilterId: ref(t.filter.address), deviceAndAppManagementAssignmentFilterType: t.filter.mode }
        : {}),
    },
    // A remediation's run settings travel on each assignment (deviceHealthScriptAssignment).
    ...t.settings,
  };
}

/** The `/assign` body for an assignment set: the complete list Graph will hold (it replaces, never merges). */
export function assignBody(set: DesiredAssignmentSet): JsonObject {
  const items: Json[] = set.targets.map(assignmentItem);
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
    // The singleton's PATCH; the apply reads the tenant's settings first and sends them back with the plan's on top.
    if (KINDS[o.kind].lifecycle === "singleton") {
      out.push({ method: "PATCH", url: `${base}/${o.apiVersion}${o.collection}`, body: { settings: o.body }, address: o.address });
      continue;
    }
    // A reference (a managed Google Play or line-of-business app) is found in the tenant, never written: the look-up
    // is a read, which the list leaves out; its assignment set is sent like any other.
    if (KINDS[o.kind].lifecycle === "reference") continue;
    // A notification template's messages are not part of its POST: each is POSTed to the child collection after it.
    const { [MESSAGES]: messages, ...own } = o.body;
    const body = o.kind === "notificationTemplate" ? own : o.body;
    out.push({ method: "POST", url: `${base}/${o.apiVersion}${o.collection}`, body: onEndpoint(body, base), address: o.address });
    for (const a of o.actions)
      out.push({
        method: "POST",
        url: `${base}/${o.apiVersion}${o.collection}/{id:${o.address}}${a.path}`,
        body: a.body,
        address: o.address,
      });
    if (o.kind === "notificationTemplate")
      for (const m of inWriteOrder(readMessages(messages)))
        out.push({
          method: "POST",
          url: `${base}/${o.apiVersion}${o.collection}/{id:${o.address}}/${MESSAGES}`,
          body: m,
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
    // Terms and conditions: one POST to the child collection per target (GRAPH-NOTES §9.2).
    if (set.action === "/assignments") {
      for (const t of set.targets)
        out.push({
          method: "POST",
          url: `${urlOf.get(set.of) ?? base}/{id:${set.of}}/assignments`,
          body: assignmentItem(t),
          address: set.address,
        });
      continue;
    }
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
