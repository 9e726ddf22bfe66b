// The emulated tenant's operations: create, read, list, update, delete and the actions, with Graph's validation
// and write semantics (GRAPH-NOTES §12.4–5). Throws GraphFault for anything Graph would refuse; no HTTP here.
import type { CollectionSpec } from "./collections.ts";
import { ALL_DEVICES_ID, ALL_USERS_ID, BUILT_IN_ROLES, COLLECTIONS } from "./collections.ts";
import { badRequest, GraphFault, notFound } from "./errors.ts";
import type { JsonRecord, JsonValue } from "./graph-types.ts";
import { bodyProblem } from "./graph-types.ts";
import type { StoredEntity, TenantData } from "./store.ts";
import { emptyTenant, entities, harden, nextGuid, own } from "./store.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SERVER_OWNED = ["id", "createdDateTime", "lastModifiedDateTime", "version", "isAssigned", "settingCount", "deployedAppCount", "supportsScopeTags", "creationSource", "priorityMetaData", "isBuiltIn", "isBuiltInRoleDefinition", "deletedDateTime", "renewedDateTime", "securityIdentifier", "payloads", "permissions", "@odata.context"];
const TARGET_TYPES = new Set(["groupAssignmentTarget", "exclusionGroupAssignmentTarget", "allDevicesAssignmentTarget", "allLicensedUsersAssignmentTarget", "scopeTagGroupAssignmentTarget"]);
const MAILNICKNAME = /^[\x21-\x7e]{1,64}$/;
const isRecord = (v: JsonValue | undefined): v is JsonRecord => typeof v === "object" && v !== null && !Array.isArray(v);
const shortType = (t: JsonValue | undefined): string => (typeof t === "string" ? t.replace(/^#?microsoft\.graph\./, "") : "");

/** What a client wrote, without the properties Graph owns (Graph ignores them on write) or binds (kept as links). */
const withoutServerOwned = (body: JsonRecord): JsonRecord => Object.fromEntries(Object.entries(body).filter(([k]) => !SERVER_OWNED.includes(k) && !k.endsWith("@odata.bind")));

export const specFor = (path: string): CollectionSpec | undefined => COLLECTIONS.find((c) => c.path === path);

/** A tenant with Graph's built-ins: the Default scope tag, the built-in roles, the default enrollment configurations. */
export function builtInTenant(tenantId: string): TenantData {
  const data = emptyTenant(tenantId);
  const at = "2024-01-01T00:00:00Z";
  entities(data, "/deviceManagement/roleScopeTags")["0"] = { body: { id: "0", displayName: "Default", description: "Default scope tag", isBuiltIn: true, createdDateTime: at, lastModifiedDateTime: at }, assignments: [], apps: [] };
  for (const r of BUILT_IN_ROLES) {
    entities(data, "/deviceManagement/roleDefinitions")[r.id] = { body: { "@odata.type": "#microsoft.graph.deviceAndAppManagementRoleDefinition", id: r.id, displayName: r.displayName, description: "", isBuiltIn: true, isBuiltInRoleDefinition: true, rolePermissions: [{ resourceActions: [{ allowedResourceActions: [], notAllowedResourceActions: [] }] }], roleScopeTagIds: ["0"] }, assignments: [], apps: [] };
  }
  const enrollment = entities(data, "/deviceManagement/deviceEnrollmentConfigurations");
  enrollment[`${tenantId}_DefaultPlatformRestrictions`] = { body: { "@odata.type": "#microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration", id: `${tenantId}_DefaultPlatformRestrictions`, displayName: "All users and all devices", description: "This is the default Device Type Restriction applied with the lowest priority to all users regardless of group membership.", priority: 0, version: 1, deviceEnrollmentConfigurationType: "platformRestrictions", createdDateTime: at, lastModifiedDateTime: at }, assignments: [], apps: [] };
  enrollment[`${tenantId}_DefaultLimit`] = { body: { "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration", id: `${tenantId}_DefaultLimit`, displayName: "All users and all devices", description: "This is the default Device Limit Restriction applied with the lowest priority to all users regardless of group membership.", priority: 0, version: 1, limit: 15, deviceEnrollmentConfigurationType: "limit", createdDateTime: at, lastModifiedDateTime: at }, assignments: [], apps: [] };
  return data;
}

export class EmulatedTenant {
  readonly data: TenantData;
  private readonly lag: number;
  private readonly clock: () => Date;
  /** `data` is hardened in place (prototype-free records, see store.ts): ids from requests are looked up in it. */
  constructor(data: TenantData, lag = 0, clock: () => Date = () => new Date()) {
    this.data = harden(data);
    this.lag = lag;
    this.clock = clock;
  }

  private now(): string { return this.clock().toISOString().replace(/\.(\d{3})Z$/, ".$10000Z"); }

  /** One request has passed: fresh groups come closer to visible (replication lag). */
  tick(): void {
    for (const e of Object.values(entities(this.data, "/groups"))) if (e.hiddenFor) e.hiddenFor--;
  }

  private visible = (e: StoredEntity): boolean => !e.hiddenFor;

  all(spec: CollectionSpec): StoredEntity[] {
    return Object.values(entities(this.data, spec.path)).filter(this.visible);
  }

  get(spec: CollectionSpec, id: string): StoredEntity {
    const e = own(entities(this.data, spec.path), id);
    if (!e || !this.visible(e)) throw notFound(id, spec.service);
    return e;
  }

  linked = (collection: string, id: string): StoredEntity | undefined => own(entities(this.data, collection), id);

  private validate(spec: CollectionSpec, body: JsonRecord, creating: boolean): string {
    const declared = shortType(body["@odata.type"]);
    if (creating && spec.polymorphic && !declared) throw badRequest(`Cannot create an abstract class. The @odata.type of a new ${spec.entityType} is required.`, spec.service);
    const problem = bodyProblem(spec.entityType, body);
    if (problem) throw badRequest(problem, spec.service);
    if (creating) for (const r of spec.required) if (body[r] === undefined || body[r] === null) throw badRequest(`Invalid value specified for property '${r}' of resource '${spec.entityType}'.`, spec.service);
    return declared || spec.entityType;
  }

  private checkKindRules(spec: CollectionSpec, body: JsonRecord, creating: boolean): void {
    if (spec.path === "/groups") {
      if (body["mailNickname"] !== undefined && !(typeof body["mailNickname"] === "string" && MAILNICKNAME.test(body["mailNickname"]) && !/[@()\\[\]";:.<>, ]/.test(body["mailNickname"]))) throw badRequest("Invalid value specified for property 'mailNickname' of resource 'Group'.", "directory");
      const types = Array.isArray(body["groupTypes"]) ? body["groupTypes"] : [];
      if (types.includes("DynamicMembership") && typeof body["membershipRule"] !== "string") throw badRequest("Dynamic membership groups need a membershipRule.", "directory");
      if (typeof body["membershipRule"] === "string" && (body["membershipRule"].length > 3072 || !/(user|device)\.\w+/.test(body["membershipRule"]))) throw badRequest("Invalid membershipRule.", "directory");
    }
    if (spec.path.endsWith("deviceCompliancePolicies")) {
      if (creating || body["scheduledActionsForRule"] !== undefined) {
        if (!creating) throw badRequest("scheduledActionsForRule cannot be changed with PATCH; use scheduleActionsForRules", "intune");
        checkOneBlock(body["scheduledActionsForRule"]);
      }
    }
    if (spec.path.endsWith("roleScopeTags") && typeof body["displayName"] === "string") {
      const name = body["displayName"].toLowerCase();
      if (this.all(spec).some((e) => String(e.body["displayName"]).toLowerCase() === name && e.body["id"] !== body["id"])) throw badRequest(`A scope tag named '${body["displayName"]}' already exists.`, "intune");
    }
    if (spec.path.endsWith("deviceEnrollmentConfigurations") && !creating && body["priority"] !== undefined) throw badRequest("priority cannot be changed with PATCH; use setPriority", "intune");
  }

  create(spec: CollectionSpec, input: JsonRecord): StoredEntity {
    const body: JsonRecord = { ...input };
    if (spec.path.endsWith("roleAssignments") && typeof body["scopeType"] === "string") body["scopeType"] = body["scopeType"].charAt(0).toLowerCase() + body["scopeType"].slice(1);
    const type = this.validate(spec, body, true);
    this.checkKindRules(spec, body, true);
    const links = this.resolveBinds(spec, body);
    const written = withoutServerOwned(body);
    const id = spec.ids === "integer" ? String(this.data.nextInteger++) : spec.ids === "mam" ? `T_${nextGuid(this.data)}` : nextGuid(this.data);
    const now = this.now();
    const stored: JsonRecord = {
      ...(spec.polymorphic || input["@odata.type"] ? { "@odata.type": `#microsoft.graph.${type}` } : {}),
      id, ...written, createdDateTime: now, lastModifiedDateTime: now,
      ...(spec.service === "intune" && !spec.path.endsWith("roleScopeTags") && !spec.path.endsWith("roleDefinitions") && !spec.path.endsWith("roleAssignments") && !spec.path.endsWith("assignmentFilters") && !spec.path.endsWith("configurationPolicies") && !spec.path.endsWith("deviceCategories") ? { version: spec.ids === "mam" ? `"${nextGuid(this.data).slice(0, 8)}-0000-0d00-0000-000000000000"` : 1 } : {}),
      ...(spec.path.endsWith("roleScopeTags") || spec.path.endsWith("roleDefinitions") ? { isBuiltIn: false } : {}),
      ...(spec.path === "/groups" ? { securityIdentifier: `S-1-12-1-${this.data.idCounter}`, renewedDateTime: now } : {}),
      ...(spec.path.endsWith("deviceEnrollmentConfigurations") ? { priority: this.nextPriority(spec), deviceEnrollmentConfigurationType: "singlePlatformRestriction" } : {}),
    };
    const entity: StoredEntity = { body: stored, assignments: [], apps: [], ...(links ? { links } : {}), ...(spec.path === "/groups" && this.lag > 0 ? { hiddenFor: this.lag } : {}) };
    entities(this.data, spec.path)[id] = entity;
    return entity;
  }

  private nextPriority(spec: CollectionSpec): number {
    return 1 + Math.max(0, ...this.all(spec).map((e) => (typeof e.body["priority"] === "number" ? e.body["priority"] : 0)));
  }

  private resolveBinds(spec: CollectionSpec, body: JsonRecord): Record<string, string> | undefined {
    const bind = body["roleDefinition@odata.bind"];
    if (bind === undefined) return undefined;
    const id = typeof bind === "string" ? /roleDefinitions(?:\('([^']+)'\)|\/([^/?]+))$/.exec(bind) : null;
    const roleId = id?.[1] ?? id?.[2];
    if (!roleId || !own(entities(this.data, "/deviceManagement/roleDefinitions"), roleId)) throw badRequest(`roleDefinition@odata.bind does not name a role definition: ${String(bind)}`, spec.service);
    return { roleDefinition: roleId };
  }

  update(spec: CollectionSpec, id: string, input: JsonRecord, verb: "PATCH" | "PUT"): StoredEntity {
    const entity = this.get(spec, id);
    if (entity.body["isBuiltIn"] === true || id.endsWith("_DefaultPlatformRestrictions") || id.endsWith("_DefaultLimit")) throw badRequest("Built-in objects cannot be changed.", spec.service);
    const body: JsonRecord = { ...input };
    if (spec.path.endsWith("roleAssignments") && typeof body["scopeType"] === "string") body["scopeType"] = body["scopeType"].charAt(0).toLowerCase() + body["scopeType"].slice(1);
    const declared = shortType(body["@odata.type"]);
    const current = shortType(entity.body["@odata.type"]);
    if (declared && current && declared !== current) throw badRequest(`The @odata.type of an existing object cannot change (${current} → ${declared}).`, spec.service);
    this.validate(spec, current && !declared ? { ...body, "@odata.type": `#microsoft.graph.${current}` } : body, false);
    this.checkKindRules(spec, { ...body, id }, false);
    for (const k of spec.immutable) if (body[k] !== undefined && JSON.stringify(body[k]) !== JSON.stringify(entity.body[k])) throw badRequest(`Property '${k}' cannot be changed after creation.`, spec.service);
    const links = this.resolveBinds(spec, body);
    if (links) entity.links = links;
    const written = withoutServerOwned(body);
    const kept: JsonRecord = verb === "PUT"
      ? Object.fromEntries(Object.entries(entity.body).filter(([k]) => SERVER_OWNED.includes(k) || k === "@odata.type"))
      : entity.body;
    entity.body = { ...kept, ...written, lastModifiedDateTime: this.now(), ...(typeof entity.body["version"] === "number" ? { version: entity.body["version"] + 1 } : {}) };
    return entity;
  }

  remove(spec: CollectionSpec, id: string): void {
    const entity = this.get(spec, id);
    if (entity.body["isBuiltIn"] === true || id === "0" || id.includes("_Default")) throw badRequest("Built-in objects cannot be deleted.", spec.service);
    Reflect.deleteProperty(entities(this.data, spec.path), id);
  }

  assign(spec: CollectionSpec, id: string, input: JsonRecord): JsonRecord[] {
    const entity = this.get(spec, id);
    if (!spec.assign) throw badRequest("This object has no assign action.", spec.service);
    const list = input[spec.assign.bodyKey];
    if (!Array.isArray(list)) throw badRequest(`The assign body needs '${spec.assign.bodyKey}' (the complete list of assignments).`, spec.service);
    if (id.includes("_Default")) throw badRequest("Assignments of the default configurations are not editable.", spec.service);
    const out: JsonRecord[] = [];
    for (const item of list) {
      const target = isRecord(item) && isRecord(item["target"]) ? item["target"] : undefined;
      const type = shortType(target?.["@odata.type"]);
      if (!target || !TARGET_TYPES.has(type)) throw badRequest(`Each assignment needs a target with a known @odata.type (got '${String(target?.["@odata.type"] ?? "none")}').`, spec.service);
      const groupId = type === "scopeTagGroupAssignmentTarget" ? target["entraObjectId"] : target["groupId"];
      if (type.includes("roup")) {
        if (typeof groupId !== "string" || !GUID.test(groupId)) throw badRequest(`Invalid GroupId : ${String(groupId)} provided, a valid AADGroupId is expected.`, spec.service);
        const group = own(entities(this.data, "/groups"), groupId.toLowerCase());
        if (!group || !this.visible(group)) throw badRequest(`Invalid GroupId : ${groupId} provided, a valid AADGroupId is expected.`, spec.service);
      }
      const filterId = target["deviceAndAppManagementAssignmentFilterId"];
      const filterType = target["deviceAndAppManagementAssignmentFilterType"];
      const hasFilter = typeof filterId === "string" && filterId !== "" && filterId !== "00000000-0000-0000-0000-000000000000" && filterType !== "none";
      if (hasFilter && !own(entities(this.data, "/deviceManagement/assignmentFilters"), filterId)) throw badRequest(`Assignment filter ${filterId} does not exist.`, spec.service);
      const storedType = type === "scopeTagGroupAssignmentTarget" ? "groupAssignmentTarget" : type;
      const virtual = type === "allDevicesAssignmentTarget" ? ALL_DEVICES_ID : type === "allLicensedUsersAssignmentTarget" ? ALL_USERS_ID : String(groupId);
      out.push({
        "@odata.type": `#microsoft.graph.${spec.assign.assignmentType}`,
        id: `${id}_${virtual}`, source: "direct", sourceId: id,
        ...(spec.assign.assignmentType === "deviceConfigurationAssignment" ? { intent: "apply" } : {}),
        target: {
          "@odata.type": `#microsoft.graph.${storedType}`,
          ...(storedType.includes("roup") ? { groupId: String(groupId).toLowerCase() } : {}),
          deviceAndAppManagementAssignmentFilterId: hasFilter ? filterId : null,
          deviceAndAppManagementAssignmentFilterType: hasFilter ? (filterType ?? "include") : "none",
        },
      });
    }
    entity.assignments = out;
    entity.body["lastModifiedDateTime"] = this.now();
    if (spec.path !== "/deviceManagement/roleScopeTags") entity.body["isAssigned"] = out.length > 0;
    return out;
  }

  targetApps(spec: CollectionSpec, id: string, input: JsonRecord): void {
    const entity = this.get(spec, id);
    const apps = input["apps"];
    if (!Array.isArray(apps)) throw badRequest("targetApps needs 'apps'.", spec.service);
    entity.apps = apps.map((a) => {
      const ident = isRecord(a) && isRecord(a["mobileAppIdentifier"]) ? a["mobileAppIdentifier"] : undefined;
      const bundle = ident?.["bundleId"] ?? ident?.["packageId"];
      if (typeof bundle !== "string" || !/(ios|android)MobileAppIdentifier$/.test(String(ident?.["@odata.type"]))) throw badRequest("Each app needs a mobileAppIdentifier with an iOS bundleId or an Android packageId.", spec.service);
      return { id: `${bundle}.${String(ident?.["@odata.type"]).includes("ios") ? "ios" : "android"}`, mobileAppIdentifier: ident ?? null, version: "1" };
    });
    if (typeof input["appGroupType"] === "string") entity.body["appGroupType"] = input["appGroupType"];
    entity.body["deployedAppCount"] = entity.apps.length;
  }

  setPriority(spec: CollectionSpec, id: string, input: JsonRecord): void {
    const entity = this.get(spec, id);
    const priority = input["priority"];
    if (typeof priority !== "number" || !Number.isInteger(priority) || priority < 1) throw badRequest("priority must be a whole number of at least 1.", spec.service);
    // Intune keeps custom priorities unique: the ones at or after the new place move down.
    const others = this.all(spec).filter((e) => e !== entity && typeof e.body["priority"] === "number" && e.body["priority"] >= priority && e.body["priority"] > 0).sort((a, b) => Number(a.body["priority"]) - Number(b.body["priority"]));
    let next = priority;
    for (const o of others) { if (Number(o.body["priority"]) === next) { o.body["priority"] = next + 1; next++; } }
    entity.body["priority"] = priority;
  }

  scheduleActions(spec: CollectionSpec, id: string, input: JsonRecord): void {
    const entity = this.get(spec, id);
    const rules = input["deviceComplianceScheduledActionForRules"];
    checkOneBlock(rules);
    entity.body["scheduledActionsForRule"] = rules ?? [];
  }
}

/** Intune's create rule for classic compliance: one rule whose actions hold exactly one block (GRAPH-NOTES §6.1). */
function checkOneBlock(rules: JsonValue | undefined): void {
  const configs = Array.isArray(rules) ? rules.flatMap((r) => (isRecord(r) && Array.isArray(r["scheduledActionConfigurations"]) ? r["scheduledActionConfigurations"] : [])) : [];
  if (configs.filter((c) => isRecord(c) && c["actionType"] === "block").length !== 1) throw new GraphFault(400, "BadRequest", "Compliance policy must have one and only one block scheduled action");
}
