// The emulated tenant's operations: create, read, list, update, delete and the actions, with Graph's validation
// and write semantics (GRAPH-NOTES §12.4–5). Throws GraphFault for anything Graph would refuse; no HTTP here.
import { CollectionIndex } from "./collection-index.ts";
import type { CollectionSpec } from "./collections.ts";
import { ALL_DEVICES_ID, ALL_USERS_ID, BUILT_IN_ROLES, COLLECTIONS, DEFAULT_DEVICE_MANAGEMENT_SETTINGS } from "./collections.ts";
import { badRequest, GraphFault, notFound } from "./errors.ts";
import type { JsonRecord, JsonValue } from "./graph-types.ts";
import { bodyProblem, properties, SERVER_OWNED } from "./graph-types.ts";
import type { StoredEntity, TenantData } from "./store.ts";
import { emptyTenant, entities, harden, nextGuid, own } from "./store.ts";
import { DefinitionTable } from "./catalog-settings.ts";
import { SETTING_DEFINITIONS } from "./setting-definitions.ts";
import { POLICY_TEMPLATES } from "./policy-templates.ts";

/** The settings catalog every emulated tenant has (setting-definitions.ts); built once, read only. */
export const SETTINGS_CATALOG = new DefinitionTable(SETTING_DEFINITIONS);

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
/** Settings-catalog compliance (GRAPH-NOTES §6.2); note that "deviceCompliancePolicies" also ends in compliancePolicies. */
const CATALOG_COMPLIANCE = "/deviceManagement/compliancePolicies";
const MAILNICKNAME = /^[\x21-\x7e]{1,64}$/;
const isRecord = (v: JsonValue | undefined): v is JsonRecord => typeof v === "object" && v !== null && !Array.isArray(v);
/** The enrollment status page's type in the shared deviceEnrollmentConfigurations collection (GRAPH-NOTES §9.1). */
const ENROLLMENT_STATUS_PAGE_TYPE = "windows10EnrollmentCompletionPageConfiguration";
const shortType = (t: JsonValue | undefined): string => (typeof t === "string" ? t.replace(/^#?microsoft\.graph\./, "") : "");

/** What a client wrote, without the properties Graph owns (Graph ignores them on write) or binds (kept as links). */
const withoutServerOwned = (body: JsonRecord): JsonRecord =>
  Object.fromEntries(Object.entries(body).filter(([k]) => !NOT_FROM_CLIENT.has(k) && !k.endsWith("@odata.bind")));

/** Where the deviceManagement singleton is stored (one entity, keyed by the tenant id). */
export const DEVICE_MANAGEMENT = "/deviceManagement";

export const specFor = (path: string): CollectionSpec | undefined => COLLECTIONS.find((c) => c.path === path);

/**
 * The creation and modification times Graph keeps for an entity of `type`: only those its schema has. Scope tags,
 * device categories, role definitions and assignments have neither, notification templates only
 * lastModifiedDateTime; what recover and a create bounded by creation time (recover/adopt-since.ts) can tell about
 * an object depends on it. A type the schema does not know keeps both.
 */
function timestamps(type: string, now: string): JsonRecord {
  let kept = TIMESTAMPS_KEPT.get(type);
  if (kept === undefined) {
    const known = properties(type);
    kept = ["createdDateTime", "lastModifiedDateTime"].filter((p) => known.size === 0 || known.has(p));
    TIMESTAMPS_KEPT.set(type, kept);
  }
  return Object.fromEntries(kept.map((p) => [p, now]));
}
/** timestamps()'s answer per type: properties() walks the type's bases, and every create asks. */
const TIMESTAMPS_KEPT = new Map<string, readonly string[]>();

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
  // The tenant's default enrollment status page (GRAPH-NOTES §9.1: built-in defaults at priority 0).
  enrollment[`${tenantId}_DefaultWindows10EnrollmentCompletionPageConfiguration`] = {
    body: {
      "@odata.type": "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration",
      id: `${tenantId}_DefaultWindows10EnrollmentCompletionPageConfiguration`,
      displayName: "All users and all devices",
      description:
        "This is the default enrollment status screen configuration applied with the lowest priority to all users and all devices regardless of group membership.",
      priority: 0,
      version: 1,
      deviceEnrollmentConfigurationType: "windows10EnrollmentCompletionPageConfiguration",
      showInstallationProgress: false,
      blockDeviceSetupRetryByUser: false,
      allowDeviceResetOnInstallFailure: false,
      allowLogCollectionOnInstallFailure: false,
      customErrorMessage: null,
      installProgressTimeoutInMinutes: 60,
      allowDeviceUseOnInstallFailure: false,
      selectedMobileAppIds: [],
      trackInstallProgressForAutopilotOnly: false,
      disableUserStatusTrackingAfterFirstUser: false,
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
   * "catalog": settings-catalog writes are checked against SETTINGS_CATALOG and POLICY_TEMPLATES as Graph checks them
   * against its own (an unknown definition, option, template or template setting is a 400). "any": every id is taken,
   * for load tests whose generated plans use made-up ids no tenant has and for real exports that use more of
   * Microsoft's catalogue than the emulator holds (server.ts's settingDefinitions option).
   */
  settingDefinitions: "catalog" | "any" = "catalog";

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
    if (creating && declared && spec.notCreatable?.includes(declared))
      throw badRequest(`Objects of type '${declared}' cannot be created; they are synchronised by the service.`, spec.service);
    if (creating)
      for (const r of [...spec.required, ...(spec.requiredByType?.[declared] ?? [])])
        if (body[r] === undefined || body[r] === null)
          throw badRequest(`Invalid value specified for property '${r}' of resource '${declared || spec.entityType}'.`, spec.service);
    return declared || spec.entityType;
  }

  private checkKindRules(spec: CollectionSpec, body: JsonRecord, creating: boolean): void {
    // An MDM app configuration names the apps it configures by their mobileApp ids (Graph beta
    // managedDeviceMobileAppConfiguration.targetedMobileApps); one that names no app of the tenant is refused
    // (UNCONFIRMED how Graph words it: 400 here), and a configuration must name at least one on create.
    if (spec.path === MOBILE_APP_CONFIGURATIONS) {
      const apps = body["targetedMobileApps"];
      if (creating && (!Array.isArray(apps) || apps.length === 0))
        throw badRequest("targetedMobileApps must name at least one app.", "intune");
      if (Array.isArray(apps))
        for (const a of apps)
          if (typeof a !== "string" || !own(entities(this.data, MOBILE_APPS), a))
            throw badRequest(`targetedMobileApps: no mobile app with id ${JSON.stringify(a)}.`, "intune");
    }
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
    if ((spec.path.endsWith("configurationPolicies") || spec.path === CATALOG_COMPLIANCE) && this.settingDefinitions === "catalog") {
      const problem = SETTINGS_CATALOG.settingsProblem(body["settings"], spec.path === CATALOG_COMPLIANCE ? "compliance" : "configuration");
      if (problem) throw badRequest(problem, "intune");
    }
    if (spec.path.endsWith("configurationPolicies") && this.settingDefinitions === "catalog") checkTemplateReferences(body);
    if (spec.path === CATALOG_COMPLIANCE && body["scheduledActionsForRule"] !== undefined)
      throw badRequest("scheduledActionsForRule is written with setScheduledActions", "intune");
    if (spec.path.endsWith("roleScopeTags") && typeof body["displayName"] === "string") {
      const name = body["displayName"].toLowerCase();
      if (this.named(spec, name).some((e) => e.body["id"] !== body["id"]))
        throw badRequest(`A scope tag named '${body["displayName"]}' already exists.`, "intune");
    }
    if (spec.path.endsWith("managedDeviceCleanupRules")) {
      // §9.3: a second rule for a platform is answered with 500 (TF's mock message; UNCONFIRMED wording).
      const platform = body["deviceCleanupRulePlatformType"];
      if (
        platform !== undefined &&
        this.all(spec).some((e) => e.body["deviceCleanupRulePlatformType"] === platform && e.body["id"] !== body["id"])
      )
        throw new GraphFault(500, "InternalServerError", "A cleanup rule already exists for the specified platform type");
      // 30–270 days (TF managed_device_cleanup_rule validator; how Graph answers a value outside is UNCONFIRMED: 400 here).
      const days = body["deviceInactivityBeforeRetirementInDays"];
      if (days !== undefined && !(typeof days === "number" && Number.isInteger(days) && days >= 30 && days <= 270))
        throw badRequest("deviceInactivityBeforeRetirementInDays must be between 30 and 270.", "intune");
    }
    // Script content is base64 (Graph docs deviceManagementScript.scriptContent "Binary"): anything else is refused.
    for (const k of ["scriptContent", "detectionScriptContent", "remediationScriptContent"])
      if (typeof body[k] === "string" && !/^[A-Za-z0-9+/]*={0,2}$/.test(body[k]))
        throw badRequest(`Invalid value specified for property '${k}' of resource '${spec.entityType}': not base64.`, "intune");
    if (spec.path.endsWith("deviceEnrollmentConfigurations") && !creating && body["priority"] !== undefined)
      throw badRequest("priority cannot be changed with PATCH; use setPriority", "intune");
    checkUpdateProfile(spec.path, body);
  }

  create(spec: CollectionSpec, input: JsonRecord): StoredEntity {
    // The portal creates a targeted app configuration with its apps, assignments and settings inline (deep insert,
    // GRAPH-NOTES §8.2 capture): they are taken out here and written afterwards as targetApps, /assign and
    // changeSettings write them.
    const { apps: inlineApps, assignments: inlineAssignments, settings: inlineSettings, ...own } = input;
    const deep = spec.ids === "mamConfiguration";
    const body: JsonRecord = deep ? { ...own } : { ...input };
    if (spec.path.endsWith("roleAssignments") && typeof body["scopeType"] === "string")
      body["scopeType"] = body["scopeType"].charAt(0).toLowerCase() + body["scopeType"].slice(1);
    const type = this.validate(spec, body, true);
    this.checkKindRules(spec, body, true);
    const links = this.resolveBinds(spec, body);
    const written = withoutServerOwned(withTemplateFacts(spec, body));
    const id =
      spec.ids === "integer"
        ? String(this.data.nextInteger++)
        : spec.ids === "mam"
          ? `T_${nextGuid(this.data)}`
          : spec.ids === "mamConfiguration"
            ? `A_${nextGuid(this.data)}`
            : nextGuid(this.data);
    const now = this.now();
    const stored: JsonRecord = {
      ...(spec.polymorphic || input["@odata.type"] ? { "@odata.type": `#microsoft.graph.${type}` } : {}),
      id,
      ...written,
      ...timestamps(type, now),
      ...(spec.service === "intune" &&
      !spec.path.endsWith("roleScopeTags") &&
      !spec.path.endsWith("roleDefinitions") &&
      !spec.path.endsWith("roleAssignments") &&
      !spec.path.endsWith("assignmentFilters") &&
      !spec.path.endsWith("configurationPolicies") &&
      spec.path !== CATALOG_COMPLIANCE &&
      !spec.path.endsWith("deviceCategories") &&
      !spec.path.endsWith("notificationMessageTemplates")
        ? {
            version:
              spec.ids === "mam" || spec.ids === "mamConfiguration"
                ? `"${nextGuid(this.data).slice(0, 8)}-0000-0d00-0000-000000000000"`
                : 1,
          }
        : {}),
      ...(spec.path.endsWith("roleScopeTags") || spec.path.endsWith("roleDefinitions") ? { isBuiltIn: false } : {}),
      ...(spec.path === "/groups" ? { securityIdentifier: `S-1-12-1-${this.data.idCounter}`, renewedDateTime: now } : {}),
      ...(spec.path.endsWith("deviceEnrollmentConfigurations")
        ? {
            priority: this.nextPriority(spec, type),
            deviceEnrollmentConfigurationType: type === ENROLLMENT_STATUS_PAGE_TYPE ? type : "singlePlatformRestriction",
          }
        : {}),
      ...updateProfileFacts(spec.path, written),
      // What the §8.2 create capture echoes beside the written properties (appGroupType when omitted is UNCONFIRMED:
      // the capture sent allApps; selectedPublicApps is what targetApps sets).
      ...(deep
        ? {
            appGroupType: written["appGroupType"] ?? "selectedPublicApps",
            targetedAppManagementLevels: written["targetedAppManagementLevels"] ?? "unspecified",
            deployedAppCount: 0,
            isAssigned: false,
          }
        : {}),
      ...(spec.path === MOBILE_APPS ? mobileAppFacts(type) : {}),
    };
    if (spec.path === CONDITIONAL_ACCESS) fillConditionalAccess(stored);
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
    if (deep) {
      if (Array.isArray(inlineApps)) this.targetApps(spec, id, { apps: inlineApps });
      if (Array.isArray(inlineAssignments)) this.assign(spec, id, { assignments: inlineAssignments });
      if (Array.isArray(inlineSettings)) this.changeSettings(spec, id, { settings: inlineSettings });
    }
    return entity;
  }

  /**
   * Priorities are kept per kind of configuration: the portal orders status pages and restrictions in separate lists
   * (per-type sequences are UNCONFIRMED in the Graph docs; this is the conservative reading).
   */
  private samePriorityList(spec: CollectionSpec, type: string): StoredEntity[] {
    const esp = ENROLLMENT_STATUS_PAGE_TYPE;
    return this.all(spec).filter((e) => (shortType(e.body["@odata.type"]) === esp) === (type === esp));
  }

  private nextPriority(spec: CollectionSpec, type: string): number {
    return (
      1 + Math.max(0, ...this.samePriorityList(spec, type).map((e) => (typeof e.body["priority"] === "number" ? e.body["priority"] : 0)))
    );
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
    // Moving a policy to another template in place is UNCONFIRMED (the portal offers no such edit): refused here.
    if (spec.path.endsWith("configurationPolicies") && verb === "PUT" && templateIdOf(body) !== templateIdOf(entity.body))
      throw badRequest("The templateReference of an existing policy cannot change.", spec.service);
    const written = withoutServerOwned(withTemplateFacts(spec, body));
    const kept: JsonRecord =
      verb === "PUT"
        ? Object.fromEntries(
            Object.entries(entity.body).filter(
              // Settings-catalog compliance keeps its actions: they are written with setScheduledActions, not the PUT.
              ([k]) =>
                NOT_FROM_CLIENT.has(k) || k === "@odata.type" || (spec.path === CATALOG_COMPLIANCE && k === "scheduledActionsForRule"),
            ),
          )
        : entity.body;
    entity.body = {
      ...kept,
      ...written,
      lastModifiedDateTime: this.now(),
      // Terms and conditions keep their version: it is "incremented when an administrator makes a change to the terms
      // and wishes to require users to re-accept" (Microsoft Graph beta termsAndConditions resource), not by a PATCH.
      ...(typeof entity.body["version"] === "number" && !spec.childAssignments ? { version: entity.body["version"] + 1 } : {}),
    };
    Object.assign(entity.body, updateProfileFacts(spec.path, entity.body));
    if (spec.path === CONDITIONAL_ACCESS) fillConditionalAccess(entity.body);
    this.wrote(spec.path, id, true);
    return entity;
  }

  /**
   * The deviceManagement singleton, which every tenant has: stored under DEVICE_MANAGEMENT with its `settings`, made
   * with Graph's defaults the first time it is read or written (so tenants from older state files have it too).
   */
  deviceManagement(): StoredEntity {
    const record = entities(this.data, DEVICE_MANAGEMENT);
    const existing = own(record, this.data.tenantId);
    if (existing) return existing;
    const made: StoredEntity = {
      body: { id: this.data.tenantId, settings: { ...DEFAULT_DEVICE_MANAGEMENT_SETTINGS } },
      assignments: [],
      apps: [],
    };
    record[this.data.tenantId] = made;
    return made;
  }

  /**
   * PATCH /deviceManagement: only `settings` is writable here (validated as deviceManagementSettings), merged into
   * what the tenant holds (GRAPH-NOTES §12.5: PATCH merges the properties sent).
   */
  patchDeviceManagement(input: JsonRecord): void {
    for (const key of Object.keys(input))
      if (key !== "settings" && key !== "@odata.type")
        throw badRequest(`Property '${key}' of deviceManagement cannot be written by this emulator.`, "intune");
    const settings = input["settings"];
    if (settings === undefined) return;
    const problem = bodyProblem("deviceManagementSettings", settings);
    if (problem) throw badRequest(problem, "intune");
    const entity = this.deviceManagement();
    const { "@odata.type": _type, ...written } = settings as JsonRecord;
    const held = entity.body["settings"];
    entity.body = {
      ...entity.body,
      settings: { ...(typeof held === "object" && held !== null && !Array.isArray(held) ? held : {}), ...written },
    };
    this.wrote(DEVICE_MANAGEMENT, this.data.tenantId, true);
  }

  remove(spec: CollectionSpec, id: string): void {
    const entity = this.get(spec, id);
    if (entity.body["isBuiltIn"] === true || id === "0" || id.includes("_Default"))
      throw badRequest("Built-in objects cannot be deleted.", spec.service);
    if (spec.childAssignments?.blocksDelete && entity.assignments.length > 0)
      throw badRequest("The profile is assigned; delete its assignments before deleting it.", spec.service);
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
    const type = spec.assign.assignmentType;
    const out = list.map((item) => this.assignmentOf(spec, id, item, type));
    entity.assignments = out;
    this.wrote(spec.path, id, true);
    entity.body["lastModifiedDateTime"] = this.now();
    if (spec.path !== "/deviceManagement/roleScopeTags") entity.body["isAssigned"] = out.length > 0;
    return out;
  }

  /**
   * POST …/{id}/assignments where assignments are child entities (terms and conditions, GRAPH-NOTES §9.2): adds one.
   * Its id is `<policyId>_<groupId>` as for every Intune assignment (§1.4), so the same target twice is one
   * assignment (UNCONFIRMED whether Graph answers a repeat with 201 or an error; the emulator keeps one and answers 201).
   */
  addChildAssignment(spec: CollectionSpec, id: string, input: JsonRecord): JsonRecord {
    const entity = this.get(spec, id);
    if (!spec.childAssignments) throw badRequest("This object has no assignments collection.", spec.service);
    const added = this.assignmentOf(spec, id, input, spec.childAssignments.assignmentType);
    entity.assignments = [...entity.assignments.filter((a) => a["id"] !== added["id"]), added];
    this.wrote(spec.path, id, true);
    return added;
  }

  /** DELETE …/{id}/assignments/{assignmentId}: 404 when there is no such assignment. */
  removeChildAssignment(spec: CollectionSpec, id: string, assignmentId: string): void {
    const entity = this.get(spec, id);
    if (!spec.childAssignments) throw badRequest("This object has no assignments collection.", spec.service);
    const kept = entity.assignments.filter((a) => a["id"] !== assignmentId);
    if (kept.length === entity.assignments.length) throw notFound(assignmentId, spec.service);
    entity.assignments = kept;
    this.wrote(spec.path, id, true);
  }

  /** One assignment of `id` as Graph stores it, its target checked as Graph checks it (§1.4). */
  private assignmentOf(spec: CollectionSpec, id: string, item: JsonValue | undefined, assignmentType: string): JsonRecord {
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
    // An app's assignment (mobileAppAssignment): Graph's install intent is required, and the settings, when given, are
    // checked against their type (Graph beta intune-apps-mobileappassignment). Graph returns settings null when none.
    if (assignmentType === "mobileAppAssignment") {
      const intent = isRecord(item) ? item["intent"] : undefined;
      if (typeof intent !== "string" || !APP_INTENTS.includes(intent))
        throw badRequest(
          `Invalid value specified for property 'intent' of resource 'mobileAppAssignment': ${JSON.stringify(intent ?? null)}.`,
          spec.service,
        );
      const settings = isRecord(item) ? item["settings"] : undefined;
      if (settings !== undefined && settings !== null) {
        const problem = bodyProblem("mobileAppAssignment", { "@odata.type": "#microsoft.graph.mobileAppAssignment", intent, settings });
        if (problem) throw badRequest(problem, spec.service);
      }
      run["intent"] = intent;
      run["settings"] = isRecord(settings) ? { ...settings } : null;
    }
    if (assignmentType === "deviceHealthScriptAssignment" && isRecord(item)) {
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
      type === "allDevicesAssignmentTarget" ? ALL_DEVICES_ID : type === "allLicensedUsersAssignmentTarget" ? ALL_USERS_ID : String(groupId);
    return {
      "@odata.type": `#microsoft.graph.${assignmentType}`,
      id: `${id}_${virtual}`,
      source: "direct",
      sourceId: id,
      ...(assignmentType === "deviceConfigurationAssignment" ? { intent: "apply" } : {}),
      ...run,
      target: {
        "@odata.type": `#microsoft.graph.${storedType}`,
        ...(storedType.includes("roup") ? { groupId: String(groupId).toLowerCase() } : {}),
        deviceAndAppManagementAssignmentFilterId: hasFilter ? filterId : null,
        deviceAndAppManagementAssignmentFilterType: hasFilter ? (filterType ?? "include") : "none",
      },
    };
  }

  /** Replaces a group's explicit members (directory object ids); the journal records the group. */
  setMembers(spec: CollectionSpec, id: string, members: readonly string[]): void {
    const entity = this.get(spec, id);
    entity.members = [...members];
    this.wrote(spec.path, id, true);
  }

  /**
   * Adds an app that Intune makes outside any client's POST, as seeds do: a managed Google Play app Intune synced
   * from Google, a line-of-business app whose content was uploaded (checked against its type like a create).
   */
  addAppMadeElsewhere(body: JsonRecord, id: string): string {
    const spec = specFor(MOBILE_APPS);
    if (!spec) throw new Error("no mobileApps collection");
    const type = shortType(body["@odata.type"]);
    const problem = bodyProblem(spec.entityType, body);
    if (!type || problem) throw new Error(problem ?? "an app needs its @odata.type");
    const now = this.now();
    entities(this.data, MOBILE_APPS)[id] = {
      body: {
        ...body,
        "@odata.type": `#microsoft.graph.${type}`,
        id,
        createdDateTime: now,
        lastModifiedDateTime: now,
        ...mobileAppFacts(type),
      },
      assignments: [],
      apps: [],
    };
    this.wrote(MOBILE_APPS, id, false);
    return id;
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

  /** POST …/changeSettings (GRAPH-NOTES §8.2): the settings-catalog settings of a targeted app configuration, replaced whole. */
  changeSettings(spec: CollectionSpec, id: string, input: JsonRecord): void {
    const entity = this.get(spec, id);
    const settings = input["settings"];
    if (!Array.isArray(settings) || settings.some((s) => !isRecord(s) || !isRecord(s["settingInstance"])))
      throw badRequest("changeSettings needs 'settings', each with a settingInstance.", spec.service);
    entity.body["settings"] = settings;
    entity.body["lastModifiedDateTime"] = this.now();
    this.wrote(spec.path, id, true);
  }

  setPriority(spec: CollectionSpec, id: string, input: JsonRecord): void {
    const entity = this.get(spec, id);
    const priority = input["priority"];
    if (typeof priority !== "number" || !Number.isInteger(priority) || priority < 1)
      throw badRequest("priority must be a whole number of at least 1.", spec.service);
    // Intune keeps custom priorities unique: the ones at or after the new place move down.
    const others = this.samePriorityList(spec, shortType(entity.body["@odata.type"]))
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

  /**
   * A notification template's localized messages (GRAPH-NOTES has no section; sources in kinds/notification-template.ts):
   * ids `<templateId>_<locale>`, one message per locale, one default per template. Kept in the template's body under
   * localizedNotificationMessages, which present.ts shows only on $expand and the template's own writes cannot set
   * (a navigation property: bodyProblem refuses it inline).
   */
  messages(spec: CollectionSpec, id: string): JsonRecord[] {
    const list = this.get(spec, id).body["localizedNotificationMessages"];
    return Array.isArray(list) ? list.filter(isRecord) : [];
  }

  message(spec: CollectionSpec, id: string, messageId: string): JsonRecord {
    const found = this.messages(spec, id).find((m) => m["id"] === messageId);
    if (!found) throw notFound(messageId, spec.service);
    return found;
  }

  addMessage(spec: CollectionSpec, id: string, input: JsonRecord): JsonRecord {
    const problem = bodyProblem("localizedNotificationMessage", input);
    if (problem) throw badRequest(problem, spec.service);
    // UNCONFIRMED which properties Graph requires: every capture sends all three, so the emulator asks for them.
    for (const r of ["locale", "subject", "messageTemplate"])
      if (typeof input[r] !== "string" || input[r] === "")
        throw badRequest(`Invalid value specified for property '${r}' of resource 'localizedNotificationMessage'.`, spec.service);
    const locale = String(input["locale"]);
    const list = this.messages(spec, id);
    // UNCONFIRMED status: a second message for a locale is refused (its id would be taken).
    if (list.some((m) => String(m["locale"]).toLowerCase() === locale.toLowerCase()))
      throw new GraphFault(409, "Conflict", `A localized message for locale '${locale}' already exists.`);
    const message: JsonRecord = {
      id: `${id}_${locale.toLowerCase()}`,
      lastModifiedDateTime: this.now(),
      locale,
      subject: input["subject"] ?? null,
      messageTemplate: input["messageTemplate"] ?? null,
      isDefault: false,
    };
    this.writeMessages(spec, id, [...list, message]);
    if (input["isDefault"] === true) this.makeDefault(spec, id, String(message["id"]));
    return this.message(spec, id, String(message["id"]));
  }

  updateMessage(spec: CollectionSpec, id: string, messageId: string, input: JsonRecord): JsonRecord {
    const current = this.message(spec, id, messageId);
    const problem = bodyProblem("localizedNotificationMessage", input);
    if (problem) throw badRequest(problem, spec.service);
    if (input["locale"] !== undefined && String(input["locale"]).toLowerCase() !== String(current["locale"]).toLowerCase())
      throw badRequest("Property 'locale' cannot be changed after creation.", spec.service);
    // Graph docs: isDefault "can only be set. To unset, set this property to true on another Localized Notification Message."
    if (input["isDefault"] === false && current["isDefault"] === true)
      throw badRequest("isDefault can only be set: make another message the default instead.", spec.service);
    const changed: JsonRecord = { ...current, lastModifiedDateTime: this.now() };
    for (const k of ["subject", "messageTemplate"]) if (input[k] !== undefined) changed[k] = input[k] ?? null;
    this.writeMessages(
      spec,
      id,
      this.messages(spec, id).map((m) => (m["id"] === messageId ? changed : m)),
    );
    if (input["isDefault"] === true) this.makeDefault(spec, id, messageId);
    return this.message(spec, id, messageId);
  }

  removeMessage(spec: CollectionSpec, id: string, messageId: string): void {
    const current = this.message(spec, id, messageId);
    this.writeMessages(
      spec,
      id,
      this.messages(spec, id).filter((m) => m !== current),
    );
    // UNCONFIRMED: what Graph does when the default locale's message is deleted; here the template has no default then.
    if (current["isDefault"] === true) this.get(spec, id).body["defaultLocale"] = null;
  }

  private makeDefault(spec: CollectionSpec, id: string, messageId: string): void {
    const list = this.messages(spec, id).map((m): JsonRecord => ({ ...m, isDefault: m["id"] === messageId }));
    this.writeMessages(spec, id, list);
    this.get(spec, id).body["defaultLocale"] = list.find((m) => m["id"] === messageId)?.["locale"] ?? null;
  }

  private writeMessages(spec: CollectionSpec, id: string, list: JsonRecord[]): void {
    const entity = this.get(spec, id);
    entity.body["localizedNotificationMessages"] = list;
    entity.body["lastModifiedDateTime"] = this.now();
    this.wrote(spec.path, id, true);
  }

  scheduleActions(spec: CollectionSpec, id: string, input: JsonRecord): void {
    const entity = this.get(spec, id);
    const rules = input["deviceComplianceScheduledActionForRules"];
    checkOneBlock(rules);
    entity.body["scheduledActionsForRule"] = rules ?? [];
    this.wrote(spec.path, id, true);
  }

  /**
   * Settings-catalog compliance actions: `POST …/compliancePolicies/{id}/setScheduledActions` with `scheduledActions`
   * replaces them (GRAPH-NOTES §6.2, ICD Compliance.py, TF linux_device_compliance_policy crud.go). The one-block rule
   * of classic compliance is applied here too: UNCONFIRMED for this collection, and the stricter choice.
   */
  setScheduledActions(spec: CollectionSpec, id: string, input: JsonRecord): JsonValue[] {
    const entity = this.get(spec, id);
    const rules = input["scheduledActions"];
    if (!Array.isArray(rules)) throw badRequest("setScheduledActions needs 'scheduledActions'.", "intune");
    const problem = rules.map((r) => bodyProblem("deviceManagementComplianceScheduledActionForRule", isRecord(r) ? r : {})).find(Boolean);
    if (problem) throw badRequest(problem, "intune");
    checkOneBlock(rules);
    entity.body["scheduledActionsForRule"] = rules;
    entity.body["lastModifiedDateTime"] = this.now();
    this.wrote(spec.path, id, true);
    return rules;
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

/**
 * The feature update releases Intune offers and the end of servicing each one reports as endOfSupportDate (the
 * Terraform provider's OneOf list in windows_feature_update_policy/resource.go; the dates are Microsoft's published
 * Enterprise servicing ends, as the emulator's own data). A version Intune does not offer is refused (UNCONFIRMED
 * message).
 */
const FEATURE_RELEASES: Readonly<Record<string, string>> = {
  "Windows 11, version 25H2": "2028-10-10T00:00:00Z",
  "Windows 11, version 24H2": "2027-10-12T00:00:00Z",
  "Windows 11, version 23H2": "2026-11-10T00:00:00Z",
  "Windows 10, version 22H2": "2025-10-14T00:00:00Z",
};
const RELEASE_DATE = /^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?Z$/;

function intIn(value: JsonValue | undefined, min: number, max: number): boolean {
  return value === undefined || value === null || (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max);
}

/**
 * Intune's checks on update profiles: a known feature release, an offer interval of 1–14 days (Terraform provider
 * validator), an expedited release given as a date at midnight UTC with a forced reboot after 0–2 days (Microsoft365DSC
 * IntuneWindowsUpdateForBusinessQualityUpdateProfileWindows10 docs), a driver deferral of 0–30 days (UNCONFIRMED range,
 * the one Windows Update for Business approval rules take).
 */
function checkUpdateProfile(path: string, body: JsonRecord): void {
  const invalid = (property: string, type: string): GraphFault =>
    badRequest(`Invalid value specified for property '${property}' of resource '${type}'.`, "intune");
  if (path.endsWith("/windowsFeatureUpdateProfiles")) {
    const version = body["featureUpdateVersion"];
    if (version !== undefined && (typeof version !== "string" || !Object.hasOwn(FEATURE_RELEASES, version)))
      throw invalid("featureUpdateVersion", "WindowsFeatureUpdateProfile");
    const rollout = body["rolloutSettings"];
    if (isRecord(rollout) && !intIn(rollout["offerIntervalInDays"], 1, 14))
      throw invalid("offerIntervalInDays", "WindowsUpdateRolloutSettings");
  }
  if (path.endsWith("/windowsQualityUpdateProfiles") && body["expeditedUpdateSettings"] !== undefined) {
    const settings = body["expeditedUpdateSettings"];
    const release = isRecord(settings) ? settings["qualityUpdateRelease"] : undefined;
    if (typeof release !== "string" || !RELEASE_DATE.test(release))
      throw invalid("qualityUpdateRelease", "ExpeditedWindowsQualityUpdateSettings");
    if (!isRecord(settings) || !intIn(settings["daysUntilForcedReboot"], 0, 2))
      throw invalid("daysUntilForcedReboot", "ExpeditedWindowsQualityUpdateSettings");
  }
  if (path.endsWith("/windowsDriverUpdateProfiles") && !intIn(body["deploymentDeferralInDays"], 0, 30))
    throw invalid("deploymentDeferralInDays", "WindowsDriverUpdateProfile");
}

const CONDITIONAL_ACCESS = "/identity/conditionalAccess/policies";

/**
 * A Conditional Access policy as Graph reads it back: every list it was not given as [], every condition and the
 * session controls as null (the responses on microsoft-graph-docs-contrib v1.0 conditionalaccessroot-post-policies.md).
 * Conditions and grant controls are complex values a PATCH replaces whole here (the emulator merges top-level only).
 */
function fillConditionalAccess(body: JsonRecord): void {
  const lists = (value: JsonValue | undefined, keys: readonly string[]): JsonRecord => {
    const given = isRecord(value) ? value : {};
    return { ...Object.fromEntries(keys.map((k) => [k, []])), ...given };
  };
  const conditions = isRecord(body["conditions"]) ? body["conditions"] : {};
  body["conditions"] = {
    signInRiskLevels: [],
    platforms: null,
    locations: null,
    ...conditions,
    applications: lists(conditions["applications"], ["includeApplications", "excludeApplications", "includeUserActions"]),
    users: lists(conditions["users"], ["includeUsers", "excludeUsers", "includeGroups", "excludeGroups", "includeRoles", "excludeRoles"]),
  };
  if (isRecord(body["grantControls"])) body["grantControls"] = lists(body["grantControls"], ["customAuthenticationFactors", "termsOfUse"]);
  else body["grantControls"] = null;
  body["sessionControls"] ??= null;
}

/** What Intune computes on an update profile from the release it names (server-owned: clients never write them). */
function updateProfileFacts(path: string, body: JsonRecord): JsonRecord {
  if (path.endsWith("/windowsFeatureUpdateProfiles")) {
    const version = typeof body["featureUpdateVersion"] === "string" ? body["featureUpdateVersion"] : "";
    return { deployableContentDisplayName: version || null, endOfSupportDate: FEATURE_RELEASES[version] ?? null };
  }
  if (path.endsWith("/windowsQualityUpdateProfiles")) {
    const settings = body["expeditedUpdateSettings"];
    const release = isRecord(settings) && typeof settings["qualityUpdateRelease"] === "string" ? settings["qualityUpdateRelease"] : "";
    const day = release.slice(0, 10);
    return { releaseDateDisplayName: day || null, deployableContentDisplayName: day ? `${day.slice(0, 7)} security update` : null };
  }
  if (path.endsWith("/windowsDriverUpdateProfiles")) return { deviceReporting: 0, newUpdates: 0 };
  return {};
}

const MOBILE_APPS = "/deviceAppManagement/mobileApps";
const MOBILE_APP_CONFIGURATIONS = "/deviceAppManagement/mobileAppConfigurations";
const APP_INTENTS: readonly string[] = ["required", "available", "uninstall", "availableWithoutEnrollment"];

/**
 * What Intune adds to a new app (GRAPH-NOTES §11 N2; Graph beta mobileApp: publishingState, uploadState, isAssigned and
 * the relationship counts are read-only): a store or Office app is published at once, a LOB app waits for its content.
 */
function mobileAppFacts(type: string): JsonRecord {
  const lob = type.endsWith("LobApp");
  return {
    publishingState: lob ? "notPublished" : "published",
    uploadState: lob ? 0 : 1,
    isAssigned: false,
    dependentAppCount: 0,
    supersedingAppCount: 0,
    supersededAppCount: 0,
    ...(lob ? { size: 0, committedContentVersion: null } : {}),
    ...(type === "winGetApp" ? { manifestHash: "0000000000000000000000000000000000000000000000000000000000000000" } : {}),
  };
}

/** A configuration policy's templateId ("" for a policy made from no template). */
const templateIdOf = (body: JsonRecord): string => {
  const ref = body["templateReference"];
  return isRecord(ref) && typeof ref["templateId"] === "string" ? ref["templateId"] : "";
};

/**
 * A settings-catalog write that names a template (GRAPH-NOTES §7.2 templateReference): the templateId must be a template
 * the tenant has, and a setting that carries a settingInstanceTemplateReference (or its value a
 * settingValueTemplateReference) must carry the ids the template gives its settingDefinitionId. Graph's wording for
 * either refusal is UNCONFIRMED; the status and the Intune error shape are Graph's (§10.3).
 */
function checkTemplateReferences(body: JsonRecord): void {
  const templateId = templateIdOf(body);
  if (templateId === "") return;
  const template = POLICY_TEMPLATES.get(templateId);
  if (!template) throw badRequest(`Template '${templateId}' was not found.`, "intune");
  // A policy of another platform or technologies than its template's is refused too (wording UNCONFIRMED).
  const tokens = (v: JsonValue | undefined): string =>
    String(v ?? "")
      .split(",")
      .map((t) => t.trim().toLowerCase())
      .sort()
      .join(",");
  for (const k of ["platforms", "technologies"] as const)
    if (body[k] !== undefined && tokens(body[k]) !== tokens(template.template[k]))
      throw badRequest(`The policy's ${k} '${String(body[k])}' are not those of template '${templateId}'.`, "intune");
  for (const s of Array.isArray(body["settings"]) ? body["settings"] : []) {
    const instance = isRecord(s) ? s["settingInstance"] : undefined;
    if (!isRecord(instance)) continue;
    const definitionId = String(instance["settingDefinitionId"] ?? "");
    const ref = instance["settingInstanceTemplateReference"];
    const expected = Object.hasOwn(template.settings, definitionId) ? template.settings[definitionId] : undefined;
    if (isRecord(ref) && ref["settingInstanceTemplateId"] !== expected?.[0])
      throw badRequest(
        `Setting '${definitionId}': settingInstanceTemplateId '${String(ref["settingInstanceTemplateId"])}' is not the template's.`,
        "intune",
      );
    for (const prop of ["choiceSettingValue", "simpleSettingValue"]) {
      const value = instance[prop];
      const valueRef = isRecord(value) ? value["settingValueTemplateReference"] : undefined;
      if (isRecord(valueRef) && valueRef["settingValueTemplateId"] !== expected?.[1])
        throw badRequest(
          `Setting '${definitionId}': settingValueTemplateId '${String(valueRef["settingValueTemplateId"])}' is not the template's.`,
          "intune",
        );
    }
  }
}

/**
 * The body as stored: a template's reference completed with the template's family, display name and display version,
 * which Graph fills in and returns on read (they are read-only: Graph beta deviceManagementConfigurationPolicyTemplateReference).
 */
function withTemplateFacts(spec: CollectionSpec, body: JsonRecord): JsonRecord {
  if (!spec.path.endsWith("configurationPolicies")) return body;
  const template = POLICY_TEMPLATES.get(templateIdOf(body));
  if (!template) return body;
  return {
    ...body,
    templateReference: {
      templateId: template.template["id"] ?? "",
      templateFamily: template.template["templateFamily"] ?? "none",
      templateDisplayName: template.template["displayName"] ?? null,
      templateDisplayVersion: template.template["displayVersion"] ?? null,
    },
  };
}
