// Desired objects → the bodies Graph is sent (pure): symbolic references become this tenant's ids, secret
// references become their values (only here, only in memory), and each kind's write quirks are applied:
// compliance actions travel separately on update (§6.1), a built-in role's bind URL uses this tenant's endpoint.
import type { DesiredAssignmentSet, DesiredObject, Json, JsonObject } from "../compile/desired-state.ts";
import { isRef, resolveRefs } from "../compile/refs.ts";
import { assignBody, assignmentItem } from "../compile/requests.ts";
import { isSecretRef } from "../graph-model/secrets.ts";
import { MESSAGES } from "../kinds/notification-template.ts";

/** Resolves a plan address to its id in this tenant; throws when the object does not exist there yet. */
export type IdOf = (address: string) => string;
/** Resolves a secret name to its value; throws when it is not configured. */
export type SecretOf = (name: string) => string;

export class MissingSecretError extends Error {}

function resolveSecrets(value: Json, secretOf: SecretOf): Json {
  if (isSecretRef(value)) return secretOf(value.secret);
  if (Array.isArray(value)) return value.map((v) => resolveSecrets(v, secretOf));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSecrets(v, secretOf)]));
  return value;
}

/**
 * The write body of an object: refs → ids (bind references → URLs on this endpoint), secrets → values. A notification
 * template's localized messages are a child collection, written after it (apply-object.ts syncMessages).
 */
/** The object's own body, without what is written to child collections after it (a template's messages). */
export function ownBody(obj: Pick<DesiredObject, "kind" | "body">): JsonObject {
  if (obj.kind !== "notificationTemplate") return obj.body;
  const { [MESSAGES]: _messages, ...own } = obj.body;
  return own;
}

export function writeBody(obj: DesiredObject, idOf: IdOf, secretOf: SecretOf, endpoint: string): JsonObject {
  const bind = obj.body["roleDefinition@odata.bind"];
  const body: JsonObject = {
    ...ownBody(obj),
    ...(bind === undefined
      ? {}
      : {
          "roleDefinition@odata.bind": isRef(bind)
            ? `${endpoint}/beta/deviceManagement/roleDefinitions('${idOf(bind.$ref)}')`
            : String(bind).replace(/^https:\/\/[^/]+/, endpoint),
        }),
  };
  return resolveSecrets(resolveRefs(body, idOf), secretOf) as JsonObject;
}

/** The PATCH/PUT body: classic compliance sends its actions through scheduleActionsForRules instead. */
export function updateBody(obj: DesiredObject, idOf: IdOf, secretOf: SecretOf, endpoint: string): JsonObject {
  const body = writeBody(obj, idOf, secretOf, endpoint);
  if (obj.kind !== "compliancePolicy") return body;
  const { scheduledActionsForRule: _sent, ...rest } = body;
  return rest;
}

export function scheduledActionsBody(obj: DesiredObject, idOf: IdOf): JsonObject {
  return { deviceComplianceScheduledActionForRules: resolveRefs(obj.body["scheduledActionsForRule"] ?? [], idOf) };
}

export function actionBodies(obj: DesiredObject, idOf: IdOf): { path: string; body: JsonObject }[] {
  return obj.actions.map((a) => ({ path: a.path, body: resolveRefs(a.body, idOf) }));
}

export function assignmentBody(set: DesiredAssignmentSet, idOf: IdOf): JsonObject {
  return resolveRefs(assignBody(set), idOf);
}

/** Each target of a set as its own assignment body (terms and conditions' child assignments, GRAPH-NOTES §9.2). */
export function assignmentItems(set: DesiredAssignmentSet, idOf: IdOf): JsonObject[] {
  return set.targets.map((t) => resolveRefs(assignmentItem(t), idOf));
}
