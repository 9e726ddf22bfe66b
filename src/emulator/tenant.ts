// The emulated tenant's operations: create, read, list, update, delete and the actions, with Graph's validation
// and write semantics (GRAPH-NOTES §12.4–5). Throws GraphFault for anything Graph would refuse; no HTTP here.
import { CollectionIndex } from "./collection-index.ts";
import type { CollectionSpec } from "./collections.ts";
import { ALL_DEVICES_ID, ALL_USERS_ID, BUILT_IN_ROLES, COLLECTIONS } from "./collections.ts";
import { badRequest, GraphFault, notFound } from "./errors.ts";
import type { JsonRecord, JsonValue } from "./graph-types.ts";
import { bodyProblem, SERVER_OWNED } from "./graph-types.ts";
import type { StoredEntity, TenantData } from "./store.ts";
import { emptyTenant, entities, harden, nextGuid, own } from "./store.ts";

/** One entity a write left behind: its state now, or null once deleted (a journal record's unit, see server.ts). */
export interface EntityWrite {
  readonly collection: string;
  readonly id: string;
  readonly entity: StoredEntity | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What a write never stores from a client: Graph's own properties, the legacy `permissions` copy, response context. */
const NOT_FROM_CLIENT: ReadonlySet<string> = new Set([...SERVER_OWNED, "permissions", "@odata.context"]);
const TARGET_TYPES = new Set([
  "groupAssignmentTarget",
  "exclusionGroupAssignmentTarget",
  "allDevicesAssignmentTarget",
  "allLicensedUsersAssignmentTarget",
  "scopeTagGroupAssignmentTarget",
]);
const MAILNICKNAME = /^[\x21-\x7e]{1,64}$/;
const isRecord = (v: JsonValue | undefined): v is JsonRecord => typeof v === "object" && v !== null && !Array.isArray(v);
const shortType = (t: JsonValue | undefined): string => (typeof t === "string" ? t.replace(/^#?microsoft\.graph\./, "") : "");

/** What a client wrote, without the properties Graph owns (Graph ignores them on write) or binds (kept as links). */
const withoutServerOwned = (body: JsonRecord): JsonRecord =>
  Object.fromEntries(Object.entries(body).filter(([k]) => !NOT_FROM_CLIENT.has(k) && !k.endsWith("@odata.bind")));

export const specFor = (path: string): CollectionSpec | undefined => COLLECTIONS.find((c) => c.path === path);

/** A tenant with Graph's built-ins: the Default scope tag, the built-in roles, the default enrollment configurations. */
export function builtInTenant(tenantId: string): TenantData {
  const data = emptyTenant(tenantId);
  const at = "2024-01-01T00:00:00Z";
  entities(data, "/deviceManagement/roleScopeTags")["0"] = {
    body: {
      id: "0",
      displayName: "Default",
      description: "Default scope tag",
      isBuiltIn: true,
      createdDateTime: at,
      lastModifiedDateTime: at,
    },
    assignments: [],
    apps: [],
  };
  for (const r of BUILT_IN_ROLES) {
    entities(data, "/deviceManagement/roleDefinitions")[r.id] = {
      body: {
        "@odata.type": "#microsoft.graph.deviceAndAppManagementRoleDefinition",
        id: r.id,
        displayName: r.displayName,
        description: "",
        isBuiltIn: true,
        isBuiltInRoleDefinition: true,
        rolePermissions: [{ resourceActions: [{ allowedResourceActions: [], notAllowedResourceActions: [] }] }],
        roleScopeTagIds: ["0"],
      },
      assignments: [],
      apps: [],
    };
  }
  const enrollment = entities(data, "/deviceManagement/deviceEnrollmentConfigurations");
  enrollment[`${tenantId}_DefaultPlatformRestrictions`] = {
    body: {
      "@odata.type": "#microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration",
      id: `${tenantId}_DefaultPlatformRestrictions`,
      displayName: "All users and all devices",
      description:
        "This is the default Device Type Restriction applied with the lowest priority to all users regardless of group membership.",
      priority: 0,
      version: 1,
      deviceEnrollmentConfigurationType: "platformRestrictions",
      createdDateTime: at,
      lastModifiedDateTime: at,
    },
    assignments: [],
    apps: [],
  };
  enrollment[`${tenantId}_DefaultLimit`] = {
    body: {
      "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration",
      id: `${tenantId}_DefaultLimit`,
      displayName: "All users and all devices",
      description:
        "This is the default Device Limit Restriction applied with the lowest priority to all users regardless of group membership.",
      priority: 0,
      version: 1,
      limit: 15,
      deviceEnrollmentConfigurationType: "limit",
      createdDateTime: at,
      lastModifiedDateTime: at,
    },
    assignments: [],
    apps: [],
  };
  return data;
}

export class EmulatedTenant {
  readonly data: TenantData;
  /** Entities presented to answer requests so far: what a look-up or a page costs, for tests that count it. */
  touched = 0;
  private readonly lag: number;
  private readonly clock: () => Date;
  /** Built per collection on first use, then kept current by every write below (collection-index.ts). */
  private readonly indexes = new Map<string, CollectionIndex>();
  /** Groups still hidden by replication lag: a request ticks these, not every group. */
  private readonly hidden = new Set<StoredEntity>();
  /** Collection → ids written since the last takeWrites(). */
  private readonly writes = new Map<string, Set<string>>();

  /**
   * `data` is hardened in place (prototype-free records, see store.ts): ids from requests are looked up in it.
   * After this, entities change only through this object's methods: its indexes follow those writes, not edits
   * made to `data` behind its back (a test may still set `data.members`, which nothing indexes).
   */
  constructor(data: TenantData, lag = 0, clock: () => Date = () => new Date()) {
    this.data = harden(data);
    this.lag = lag;
    this.clock = clock;
    for (const e of Object.values(entities(data, "/groups"))) if (e.hiddenFor) this.hidden.add(e);
  }

  private now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.(\d{3})Z$/, ".$10000Z");
  }

  /** One request has passed: fresh groups come closer to visible (replication lag). */
  tick(): void {
    for (const e of this.hidden) {
      if (e.hiddenFor) e.hiddenFor--;
      if (!e.hiddenFor) this.hidden.delete(e);
    }
  }

  private visible = (e: StoredEntity): boolean => !e.hiddenFor;

  private index(path: string): CollectionIndex {
    let index = this.indexes.get(path);
    if (!index) {
      index = new CollectionIndex(entities(this.data, path), specFor(path)?.nameProperty ?? "displayName");
      this.indexes.set(path, index);
    }
    return index;
  }

  /** Records that `id` in `path` was created (`existed` false), changed or deleted: indexes and journal follow. */
  private wrote(path: string, id: string, existed: boolean): void {
    this.indexes.get(path)?.changed(id, existed);
    let ids = this.writes.get(path);
    if (!ids) {
      ids = new Set();
      this.writes.set(path, ids);
    }
    ids.add(id);
  }

  /** Every entity written since the last call, as it is now; clears the list. O(entities written). */
  takeWrites(): EntityWrite[] {
    const out: EntityWrite[] = [];
    for (const [collection, ids] of this.writes)
      for (const id of ids) out.push({ collection, id, entity: own(entities(this.data, collection), id) ?? null });
    this.writes.clear();
    return out;
  }

  /** The visible entities of a collection, in list order. O(collection): for rules over a whole collection. */
  all(spec: CollectionSpec): StoredEntity[] {
    const record = entities(this.data, spec.path);
    const index = this.index(spec.path);
    const out: StoredEntity[] = [];
    for (let i = 0; i < index.size; i++) {
      const e = own(record, index.at(i) ?? "");
      if (e && this.visible(e)) out.push(e);
    }
    return out;
  }

  /** The visible entities whose name property equals `name` (case ignored), in list order. O(matches). */
  named(spec: CollectionSpec, name: string): StoredEntity[] {
    const record = entities(this.data, spec.path);
    return this.index(spec.path)
      .named(name)
      .map((id) => own(record, id))
      .filter((e): e is StoredEntity => e !== undefined && this.visible(e));
  }

  /**
   * Up to `size` visible entities from list position `from`, and the position after them when more follow.
   * O(size + hidden groups skipped): a page never walks the rest of the collection.
   */
  page(spec: CollectionSpec, from: number, size: number): { entities: StoredEntity[]; next: number | undefined } {
    const record = entities(this.data, spec.path);
    const index = this.index(spec.path);
    const shown = (at: number): StoredEntity | undefined => {
      const e = own(record, index.at(at) ?? "");
      return e && this.visible(e) ? e : undefined;
    };
    const out: StoredEntity[] = [];
    let at = from;
    for (; at < index.size && out.length < size; at++) {
      const e = shown(at);
      if (e) out.push(e);
    }
    while (at < index.size && !shown(at)) at++;
    return { entities: out, next: at < index.size ? at : undefined };
  }

  /** How many visible entities a collection holds. O(1). */
  count(spec: CollectionSpec): number {
    return this.index(spec.path).size - (spec.path === "/groups" ? this.hidden.size : 0);
  }

  get(spec: CollectionSpec, id: string): StoredEntity {
    const e = own(entities(this.data, spec.path), id);
    if (!e || !this.visible(e)) throw notFound(id, spec.service);
    return e;
  }

  linked = (collection: string, id: string): StoredEntity | undefined => own(entities(this.data, collection), id);

  private validate(spec: CollectionSpec, body: JsonRecord, creating: boolean): string {
    const declared = shortType(body["@odata.type"]);
    if (creating && spec.polymorphic && !declared)
      throw badRequest(`Cannot create an abstract class. The @odata.type of a new ${spec.entityType} is required.`, spec.service);
    const problem = bodyProblem(spec.entityType, body);
    if (problem) throw badRequest(problem, spec.service);
    if (creating)
      for (const r of spec.required)
        if (body[r] === undefined || body[r] === null)
          throw badRequest(`Invalid value specified for property '${r}' of resource '${spec.entityType}'.`, spec.service);
    return declared || spec.entityType;
  }

  private checkKindRules(spec: CollectionSpec, body: JsonRecord, creating: boolean): void {
    if (spec.path === "/groups") {
      if (
        body["mailNickname"] !== undefined &&
        !(
          typeof body["mailNickname"] === "string" &&
          MAILNICKNAME.test(body["mailNickname"]) &&
          !/[@()\\[\]";:.<>, ]/.test(body["mailNickname"])
        )
      )
        throw badRequest("Invalid value specified for property 'mailNickname' of resource 'Group'.", "directory");
      const types = Array.isArray(body["groupTypes"]) ? body["groupTypes"] : [];
      if (types.includes("DynamicMembership") && typeof body["membershipRule"] !== "string")
        throw badRequest("Dynamic membership groups need a membershipRule.", "directory");
      if (
        typeof body["membershipRule"] === "string" &&
        (body["membershipRule"].length > 3072 || !/(user|device)\.\w+/.test(body["membershipRule"]))
      )
        throw badRequest("Invalid membershipRule.", "directory");
    }
    if (spec.path.endsWith("deviceCompliancePolicies")) {
      if (creating || body["scheduledActionsForRule"] !== undefined) {
        if (!creating) throw badRequest("scheduledActionsForRule cannot be changed with PATCH; use scheduleActionsForRules", "intune");
        checkOneBlock(body["scheduledActionsForRule"]);
      }
    }
    if (spec.path.endsWith("roleScopeTags") && typeof body["displayName"] === "string") {
      const name = body["displayName"].toLowerCase();
      if (this.named(spec, name).some((e) => e.body["id"] !== body["id"]))
        throw badRequest(`A scope tag named '${body["displayName"]}' already exists.`, "intune");
    }
    // Script content is base64 (Graph docs deviceManagementScript.scriptContent "Binary"): anything else is refused.
    for (const k of ["scriptContent", "detectionScriptContent", "remediationScriptContent"])
      if (typeof body[k] === "string" && !/^[A-Za-z0-9+/]*={0,2}$/.test(body[k]))
        throw badRequest(`Invalid value specified for property '${k}' of resource '${spec.entityType}': not base64.`, "intune");
    if (spec.path.endsWith("deviceEnrollmentConfigurations") && !creating && body["priority"] !== undefined)
      throw badRequest("priority cannot be changed with PATCH; use setPriority", "intune");
  }

  create(spec: CollectionSpec, input: JsonRecord): StoredEntity {
    const body: JsonRecord = { ...input };
    if (spec.path.endsWith("roleAssignments") && typeof body["scopeType"] === "string")
      body["scopeType"] = body["scopeType"].charAt(0).toLowerCase() + body["scopeType"].slice(1);
    const type = this.validate(spec, body, true);
    this.checkKindRules(spec, body, true);
    const links = this.resolveBinds(spec, body);
    const written = withoutServerOwned(body);
    const id =
      spec.ids === "integer" ? String(this.data.nextInteger++) : spec.ids === "mam" ? `T_${nextGuid(this.data)}` : nextGuid(this.data);
    const now = this.now();
    const stored: JsonRecord = {
      ...(spec.polymorphic || input["@odata.type"] ? { "@odata.type": `#microsoft.graph.${type}` } : {}),
      id,
      ...written,
      createdDateTime: now,
      lastModifiedDateTime: now,
      ...(spec.service === "intune" &&
      !spec.path.endsWith("roleScopeTags") &&
      !spec.path.endsWith("roleDefinitions") &&
      !spec.path.endsWith("roleAssignments") &&
      !spec.path.endsWith("assignmentFilters") &&
      !spec.path.endsWith("configurationPolicies") &&
      !spec.path.endsWith("deviceCategories")
        ? { version: spec.ids === "mam" ? `"${nextGuid(this.data).slice(0, 8)}-0000-0d00-0000-000000000000"` : 1 }
        : {}),
      ...(spec.path.endsWith("roleScopeTags") || spec.path.endsWith("roleDefinitions") ? { isBuiltIn: false } : {}),
      ...(spec.path === "/groups" ? { securityIdentifier: `S-1-12-1-${this.data.idCounter}`, renewedDateTime: now } : {}),
      ...(spec.path.endsWith("deviceEnrollmentConfigurations")
        ? { priority: this.nextPriority(spec), deviceEnrollmentConfigurationType: "singlePlatformRestriction" }
        : {}),
    };
    const entity: StoredEntity = {
      body: stored,
      assignments: [],
      apps: [],
      ...(links ? { links } : {}),
      ...(spec.path === "/groups" && this.lag > 0 ? { hiddenFor: this.lag } : {}),
    };
    entities(this.data, spec.path)[id] = entity;
    if (entity.hiddenFor) this.hidden.add(entity);
    this.wrote(spec.path, id, false);
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
    if (!roleId || !own(entities(this.data, "/deviceManagement/roleDefinitions"), roleId))
      throw badRequest(`roleDefinition@odata.bind does not name a role definition: ${String(bind)}`, spec.service);
    return { roleDefinition: roleId };
  }

  update(spec: CollectionSpec, id: string, input: JsonRecord, verb: "PATCH" | "PUT"): StoredEntity {
    const entity = this.get(spec, id);
    if (entity.body["isBuiltIn"] === true || id.endsWith("_DefaultPlatformRestrictions") || id.endsWith("_DefaultLimit"))
      throw badRequest("Built-in objects cannot be changed.", spec.service);
    const body: JsonRecord = { ...input };
    if (spec.path.endsWith("roleAssignments") && typeof body["scopeType"] === "string")
      body["scopeType"] = body["scopeType"].charAt(0).toLowerCase() + body["scopeType"].slice(1);
    const declared = shortType(body["@odata.type"]);
    const current = shortType(entity.body["@odata.type"]);
    if (declared && current && declared !== current)
      throw badRequest(`The @odata.type of an existing object cannot change (${current} → ${declared}).`, spec.service);
    this.validate(spec, current && !declared ? { ...body, "@odata.type": `#microsoft.graph.${current}` } : body, false);
    this.checkKindRules(spec, { ...body, id }, false);
    for (const k of spec.immutable)
      if (body[k] !== undefined && JSON.stringify(body[k]) !== JSON.stringify(entity.body[k]))
        throw badRequest(`Property '${k}' cannot be changed after creation.`, spec.service);
    const links = this.resolveBinds(spec, body);
    if (links) entity.links = links;
    const written = withoutServerOwned(body);
    const kept: JsonRecord =
      verb === "PUT"
        ? Object.fromEntries(Object.entries(entity.body).filter(([k]) => NOT_FROM_CLIENT.has(k) || k === "@odata.type"))
        : entity.body;
    entity.body = {
      ...kept,
      ...written,
      lastModifiedDateTime: this.now(),
      ...(typeof entity.body["version"] === "number" ? { version: entity.body["version"] + 1 } : {}),
    };
    this.wrote(spec.path, id, true);
    return entity;
  }

  remove(spec: CollectionSpec, id: string): void {
    const entity = this.get(spec, id);
    if (entity.body["isBuiltIn"] === true || id === "0" || id.includes("_Default"))
      throw badRequest("Built-in objects cannot be deleted.", spec.service);
    Reflect.deleteProperty(entities(this.data, spec.path), id);
    this.wrote(spec.path, id, true);
  }

  assign(spec: CollectionSpec, id: string, input: JsonRecord): JsonRecord[] {
    const entity = this.get(spec, id);
    if (!spec.assign) throw badRequest("This object has no assign action.", spec.service);
    const list = input[spec.assign.bodyKey];
    if (!Array.isArray(list))
      throw badRequest(`The assign body needs '${spec.assign.bodyKey}' (the complete list of assignments).`, spec.service);
    if (id.includes("_Default")) throw badRequest("Assignments of the default configurations are not editable.", spec.service);
    const out: JsonRecord[] = [];
    for (const item of list) {
      const target = isRecord(item) && isRecord(item["target"]) ? item["target"] : undefined;
      const type = shortType(target?.["@odata.type"]);
      if (!target || !TARGET_TYPES.has(type))
        throw badRequest(
          `Each assignment needs a target with a known @odata.type (got '${String(target?.["@odata.type"] ?? "none")}').`,
          spec.service,
        );
      const groupId = type === "scopeTagGroupAssignmentTarget" ? target["entraObjectId"] : target["groupId"];
      if (type.includes("roup")) {
        if (typeof groupId !== "string" || !GUID.test(groupId))
          throw badRequest(`Invalid GroupId : ${String(groupId)} provided, a valid AADGroupId is expected.`, spec.service);
        const group = own(entities(this.data, "/groups"), groupId.toLowerCase());
        if (!group || !this.visible(group))
          throw badRequest(`Invalid GroupId : ${groupId} provided, a valid AADGroupId is expected.`, spec.service);
      }
      const filterId = target["deviceAndAppManagementAssignmentFilterId"];
      const filterType = target["deviceAndAppManagementAssignmentFilterType"];
      const hasFilter =
        typeof filterId === "string" && filterId !== "" && filterId !== "00000000-0000-0000-0000-000000000000" && filterType !== "none";
      if (hasFilter && !own(entities(this.data, "/deviceManagement/assignmentFilters"), filterId))
        throw badRequest(`Assignment filter ${filterId} does not exist.`, spec.service);
      const storedType = type === "scopeTagGroupAssignmentTarget" ? "groupAssignmentTarget" : type;
      // A remediation's assignment carries its run settings (deviceHealthScriptAssignment: runRemediationScript,
      // runSchedule, checked against Graph's types); Graph returns times as HH:mm:ss.fffffff (N12).
      const run: JsonRecord = {};
      if (spec.assign.assignmentType === "deviceHealthScriptAssignment" && isRecord(item)) {
        const { target: _t, ...rest } = item;
        const problem = bodyProblem("deviceHealthScriptAssignment", {
          "@odata.type": "#microsoft.graph.deviceHealthScriptAssignment",
          ...rest,
        });
        if (problem) throw badRequest(problem, spec.service);
        run["runRemediationScript"] = rest["runRemediationScript"] === true;
        const schedule = rest["runSchedule"];
        run["runSchedule"] = isRecord(schedule)
          ? {
              ...schedule,
              ...(typeof schedule["time"] === "string" && /^\d{2}:\d{2}:\d{2}$/.test(schedule["time"])
                ? { time: `${schedule["time"]}.0000000` }
                : {}),
            }
          : null;
      }
      const virtual =
        type === "allDevicesAssignmentTarget"
          ? ALL_DEVICES_ID
          : type === "allLicensedUsersAssignmentTarget"
            ? ALL_USERS_ID
            : String(groupId);
      out.push({
        "@odata.type": `#microsoft.graph.${spec.assign.assignmentType}`,
        id: `${id}_${virtual}`,
        source: "direct",
        sourceId: id,
        ...(spec.assign.assignmentType === "deviceConfigurationAssignment" ? { intent: "apply" } : {}),
        ...run,
        target: {
          "@odata.type": `#microsoft.graph.${storedType}`,
          ...(storedType.includes("roup") ? { groupId: String(groupId).toLowerCase() } : {}),
          deviceAndAppManagementAssignmentFilterId: hasFilter ? filterId : null,
          deviceAndAppManagementAssignmentFilterType: hasFilter ? (filterType ?? "include") : "none",
        },
      });
    }
    entity.assignments = out;
    this.wrote(spec.path, id, true);
    entity.body["lastModifiedDateTime"] = this.now();
    if (spec.path !== "/deviceManagement/roleScopeTags") entity.body["isAssigned"] = out.length > 0;
    return out;
  }

  /** Replaces a group's explicit members (directory object ids); the journal records the group. */
  setMembers(spec: CollectionSpec, id: string, members: readonly string[]): void {
    const entity = this.get(spec, id);
    entity.members = [...members];
    this.wrote(spec.path, id, true);
  }

  /** Adds a directory object (a user or a device) as seeds and tests do; Graph's own routes only read them. */
  addDirectoryObject(path: "/users" | "/devices", body: JsonRecord): string {
    const id = typeof body["id"] === "string" ? body["id"] : nextGuid(this.data);
    entities(this.data, path)[id] = { body: { ...body, id }, assignments: [], apps: [] };
    this.wrote(path, id, false);
    return id;
  }

  targetApps(spec: CollectionSpec, id: string, input: JsonRecord): void {
    const entity = this.get(spec, id);
    const apps = input["apps"];
    if (!Array.isArray(apps)) throw badRequest("targetApps needs 'apps'.", spec.service);
    entity.apps = apps.map((a) => {
      const ident = isRecord(a) && isRecord(a["mobileAppIdentifier"]) ? a["mobileAppIdentifier"] : undefined;
      const bundle = ident?.["bundleId"] ?? ident?.["packageId"];
      if (typeof bundle !== "string" || !/(ios|android)MobileAppIdentifier$/.test(String(ident?.["@odata.type"])))
        throw badRequest("Each app needs a mobileAppIdentifier with an iOS bundleId or an Android packageId.", spec.service);
      return {
        id: `${bundle}.${String(ident?.["@odata.type"]).includes("ios") ? "ios" : "android"}`,
        mobileAppIdentifier: ident ?? null,
        version: "1",
      };
    });
    if (typeof input["appGroupType"] === "string") entity.body["appGroupType"] = input["appGroupType"];
    entity.body["deployedAppCount"] = entity.apps.length;
    this.wrote(spec.path, id, true);
  }

  setPriority(spec: CollectionSpec, id: string, input: JsonRecord): void {
    const entity = this.get(spec, id);
    const priority = input["priority"];
    if (typeof priority !== "number" || !Number.isInteger(priority) || priority < 1)
      throw badRequest("priority must be a whole number of at least 1.", spec.service);
    // Intune keeps custom priorities unique: the ones at or after the new place move down.
    const others = this.all(spec)
      .filter((e) => e !== entity && typeof e.body["priority"] === "number" && e.body["priority"] >= priority && e.body["priority"] > 0)
      .sort((a, b) => Number(a.body["priority"]) - Number(b.body["priority"]));
    let next = priority;
    for (const o of others) {
      if (Number(o.body["priority"]) === next) {
        o.body["priority"] = next + 1;
        next++;
        this.wrote(spec.path, String(o.body["id"]), true);
      }
    }
    entity.body["priority"] = priority;
    this.wrote(spec.path, id, true);
  }

  scheduleActions(spec: CollectionSpec, id: string, input: JsonRecord): void {
    const entity = this.get(spec, id);
    const rules = input["deviceComplianceScheduledActionForRules"];
    checkOneBlock(rules);
    entity.body["scheduledActionsForRule"] = rules ?? [];
    this.wrote(spec.path, id, true);
  }
}

/** Intune's create rule for classic compliance: one rule whose actions hold exactly one block (GRAPH-NOTES §6.1). */
function checkOneBlock(rules: JsonValue | undefined): void {
  const configs = Array.isArray(rules)
    ? rules.flatMap((r) => (isRecord(r) && Array.isArray(r["scheduledActionConfigurations"]) ? r["scheduledActionConfigurations"] : []))
    : [];
  if (configs.filter((c) => isRecord(c) && c["actionType"] === "block").length !== 1)
    throw new GraphFault(400, "BadRequest", "Compliance policy must have one and only one block scheduled action");
}
