// Plan + active phase → DesiredState. Pure and deterministic: the same plan and phase give the same bytes.
import { isCatalogCompliancePlatform } from "../graph-model/vocabulary.ts";
import type { Plan } from "../plan/schema.ts";
import { KEYED_SECTION_NAMES } from "../plan/schema.ts";
import type { AssignableObject } from "../plan/targets.ts";
import { assignableObjects, conditionalAccessInPhase, effectiveTargets, phaseIndex } from "../plan/targets.ts";
import type { DesiredAssignmentSet, DesiredObject, DesiredState, DesiredTarget, JsonObject, Kind } from "./desired-state.ts";
import { KIND_ORDER } from "./desired-state.ts";
import type { CompileContext, KindAdapter } from "../kinds/kind.ts";
import type { KindInfo } from "../kinds/index.ts";
import { KINDS } from "../kinds/index.ts";
import { appProtectionPolicy } from "../kinds/app-protection-policy.ts";
import { assignmentFilter } from "../kinds/assignment-filter.ts";
import { managedAppConfiguration } from "../kinds/managed-app-configuration.ts";
import { MOBILE_APP_CONFIGURATION_ASSIGN, mobileAppConfiguration } from "../kinds/mobile-app-configuration.ts";
import { deviceCategory } from "../kinds/device-category.ts";
import { deviceConfiguration } from "../kinds/device-configuration.ts";
import { group } from "../kinds/group.ts";
import { operationApprovalPolicy } from "../kinds/operation-approval-policy.ts";
import { conditionalAccessPolicy } from "../kinds/conditional-access-policy.ts";
import { roleAssignment } from "../kinds/role-assignment.ts";
import { notificationTemplate } from "../kinds/notification-template.ts";
import { roleDefinition } from "../kinds/role-definition.ts";
import { scopeTag } from "../kinds/scope-tag.ts";
import { settingsCatalogPolicy } from "../kinds/settings-catalog-policy.ts";
import { catalogCompliancePolicy } from "../kinds/catalog-compliance-policy.ts";
import { compliancePolicy } from "../kinds/compliance-policy.ts";
import { enrollmentRestriction } from "../kinds/enrollment-restriction.ts";
import { autopilotProfile } from "../kinds/autopilot-profile.ts";
import { enrollmentStatusPage } from "../kinds/enrollment-status-page.ts";
import { updateProfile } from "../kinds/update-profile.ts";
import { deviceCleanupRule } from "../kinds/device-cleanup-rule.ts";
import { TENANT_SETTINGS_NAME, tenantSettings } from "../kinds/tenant-settings.ts";
import type { CleanupPlatform } from "../plan/schema.ts";
import { termsAndConditions } from "../kinds/terms-and-conditions.ts";
import { platformScript } from "../kinds/platform-script.ts";
import { remediation, runSchedule } from "../kinds/remediation.ts";
import { isReferenceApp, mobileApp, mobileAppReference } from "../kinds/mobile-app.ts";
import { APP_ASSIGNMENT_SETTINGS_TYPES } from "../graph-model/vocabulary.ts";
import type { AppIntent } from "../graph-model/vocabulary.ts";
import { compareText } from "../text-order.ts";
import { ref, refsIn } from "./refs.ts";

const tagRefs = (tags: readonly string[] | undefined): JsonObject =>
  tags && tags.length > 0 ? { roleScopeTagIds: tags.map((t) => ref(`scopeTags.${t}`)) } : {};
/** What the compiler lends the adapters (kinds/kind.ts) for one plan. */
const contextOf = (plan: Plan): CompileContext => ({
  scopeTags: tagRefs,
  ref,
  template: (t) => (t === undefined ? "" : t in plan.notificationTemplates ? ref(`notificationTemplates.${t}`) : t),
  policyTemplate: (id) => (plan.policyTemplates && Object.hasOwn(plan.policyTemplates, id) ? plan.policyTemplates[id] : undefined),
});

function object(
  address: string,
  kind: Kind,
  collection: string,
  odataType: string | null,
  displayName: string,
  body: JsonObject,
  actions: DesiredObject["actions"] = [],
  apiVersion: "beta" | "v1.0" = "beta",
): DesiredObject {
  const full = odataType ? { "@odata.type": odataType, ...body } : body;
  return { address, kind, collection, apiVersion, odataType, displayName, body: full, actions, dependsOn: refsIn(full) };
}

/** The object at `<section>.key` of a kind, built by the kind's adapter (kinds/). */
function build<P extends { displayName: string }>(
  kind: Kind,
  key: string,
  obj: P,
  adapter: KindAdapter<P>,
  ctx: CompileContext,
): DesiredObject {
  const shape = adapter.toGraph(obj, ctx, key);
  const info = KINDS[kind];
  return object(
    `${info.section}.${key}`,
    kind,
    shape.collection ?? info.collection,
    shape.odataType,
    obj.displayName,
    shape.body,
    shape.actions,
    info.version,
  );
}

/** A group with its planned members: each name once (the first spelling), sorted, so the state is stable. */
function withMembers(group: DesiredObject, list: readonly string[] | undefined, of: "users" | "devices"): DesiredObject {
  if (list === undefined) return group;
  const names = new Map<string, string>();
  for (const name of list) if (!names.has(name.trim().toLowerCase())) names.set(name.trim().toLowerCase(), name.trim());
  return { ...group, members: { of, names: [...names.values()].sort(compareText) } };
}

function compileObjects(plan: Plan, active: number): DesiredObject[] {
  const out: DesiredObject[] = [];
  const ctx = contextOf(plan);
  const add = <P extends { displayName: string }>(kind: Kind, key: string, obj: P, adapter: KindAdapter<P>): void => {
    out.push(build(kind, key, obj, adapter, ctx));
  };
  for (const [key, g] of Object.entries(plan.groups))
    out.push(withMembers(build("group", key, g, group, ctx), g.membership === "assigned" ? g.memberList : undefined, g.members));
  for (const [key, t] of Object.entries(plan.scopeTags)) add("scopeTag", key, t, scopeTag);
  for (const [key, c] of Object.entries(plan.enrollmentCategories)) add("deviceCategory", key, c, deviceCategory);
  for (const [key, f] of Object.entries(plan.filters)) add("assignmentFilter", key, f, assignmentFilter);
  for (const [key, r] of Object.entries(plan.roleDefinitions)) add("roleDefinition", key, r, roleDefinition);
  for (const [key, r] of Object.entries(plan.roles)) add("roleAssignment", key, r, roleAssignment);
  for (const [key, t] of Object.entries(plan.notificationTemplates)) add("notificationTemplate", key, t, notificationTemplate);
  for (const [key, p] of Object.entries(plan.compliance)) {
    // Linux compliance is settings-catalog compliance, another collection with its own kind (GRAPH-NOTES §6.2).
    if (isCatalogCompliancePlatform(p.platform)) {
      add("catalogCompliancePolicy", key, p, catalogCompliancePolicy);
      continue;
    }
    add("compliancePolicy", key, p, compliancePolicy);
  }
  for (const [key, p] of Object.entries(plan.configuration))
    if (p.profile === "settingsCatalog") add("settingsCatalogPolicy", key, p, settingsCatalogPolicy);
    else add("deviceConfiguration", key, p, deviceConfiguration);
  for (const [key, p] of Object.entries(plan.appProtection)) add("appProtectionPolicy", key, p, appProtectionPolicy);
  for (const [key, p] of Object.entries(plan.appConfiguration)) add("managedAppConfiguration", key, p, managedAppConfiguration);
  for (const [key, p] of Object.entries(plan.deviceAppConfiguration)) add("mobileAppConfiguration", key, p, mobileAppConfiguration);
  for (const [key, s] of Object.entries(plan.scripts)) add("platformScript", key, s, platformScript);
  for (const [key, r] of Object.entries(plan.remediations)) add("remediation", key, r, remediation);
  for (const [key, r] of Object.entries(plan.enrollmentRestrictions)) add("enrollmentRestriction", key, r, enrollmentRestriction);
  for (const [key, p] of Object.entries(plan.autopilot)) add("autopilotProfile", key, p, autopilotProfile);
  for (const [key, e] of Object.entries(plan.enrollmentStatusPages)) add("enrollmentStatusPage", key, e, enrollmentStatusPage);
  for (const [key, u] of Object.entries(plan.updates)) add("updateProfile", key, u, updateProfile);
  // Tenant singletons (docs/tenant-singletons.md): the tenant's own objects, adopted by every apply (adopt: true).
  if (plan.tenantSettings.compliance) {
    const { odataType, body } = tenantSettings.toGraph(plan.tenantSettings.compliance, ctx, "compliance");
    out.push({
      ...object("tenantSettings.compliance", "tenantSettings", KINDS.tenantSettings.collection, odataType, TENANT_SETTINGS_NAME, body),
      adopt: true,
    });
  }
  for (const [platform, rule] of Object.entries(plan.deviceCleanup)) {
    if (!rule) continue;
    const { odataType, body } = deviceCleanupRule.toGraph({ ...rule, platform: platform as CleanupPlatform }, ctx, platform);
    // Matched by platform (KINDS nameProperty): the platform is the name the tenant is searched for.
    out.push({
      ...object(`deviceCleanup.${platform}`, "deviceCleanupRule", KINDS.deviceCleanupRule.collection, odataType, platform, body),
      adopt: true,
    });
  }
  for (const [key, t] of Object.entries(plan.termsAndConditions)) add("termsAndConditions", key, t, termsAndConditions);
  for (const [key, p] of Object.entries(plan.approvalPolicies)) add("operationApprovalPolicy", key, p, operationApprovalPolicy);
  // Apps (S17): a referenced app (managed Google Play, line-of-business) is found in the tenant and adopted, never
  // created (KINDS.mobileAppReference lifecycle "reference").
  for (const [key, a] of Object.entries(plan.apps))
    if (isReferenceApp(a.type)) out.push({ ...build("mobileAppReference", key, a, mobileAppReference, ctx), adopt: true });
    else add("mobileApp", key, a, mobileApp);
  // A Conditional Access policy's targets and state are its body's, so the phase is compiled into it.
  for (const [key, p] of Object.entries(plan.conditionalAccess))
    add("conditionalAccessPolicy", key, conditionalAccessInPhase(plan, key, p, active), conditionalAccessPolicy);
  return out;
}

const TARGET_ORDER: Readonly<Record<DesiredTarget["kind"], number>> = { allDevices: 0, allLicensedUsers: 1, group: 2, exclusionGroup: 3 };

/** /assign body keys other than `assignments` (GRAPH-NOTES §1.4; scripts: Graph docs assign actions, IntuneCD assignment_key). */
const BODY_KEYS: Partial<Readonly<Record<AssignableObject["section"], DesiredAssignmentSet["bodyKey"]>>> = {
  enrollmentRestrictions: "enrollmentConfigurationAssignments",
  // The status page is a deviceEnrollmentConfiguration too: same assign action and body key (GRAPH-NOTES §9.1).
  enrollmentStatusPages: "enrollmentConfigurationAssignments",
  scripts: "deviceManagementScriptAssignments",
  remediations: "deviceHealthScriptAssignments",
  // POST /deviceAppManagement/mobileApps/{id}/assign { mobileAppAssignments: [...] } (Graph beta intune-apps-mobileapp-assign).
  apps: "mobileAppAssignments",
};

/**
 * Sections whose kind has no /assign (KINDS childAssignments: terms and conditions, GRAPH-NOTES §9.2; Autopilot
 * profiles): each target is a child entity, POSTed and DELETEd one by one under …/{id}/assignments.
 */
const CHILD_ASSIGNMENTS: ReadonlySet<string> = new Set(
  Object.values(KINDS)
    .filter((k: KindInfo) => k.childAssignments !== undefined)
    .map((k) => k.section),
);

/** Sections whose kind takes its targets in its body (KINDS targetsInBody: Conditional Access): no assignment set. */
const TARGETS_IN_BODY: ReadonlySet<string> = new Set(
  Object.values(KINDS)
    .filter((k: KindInfo) => k.targetsInBody === true)
    .map((k) => k.section),
);

/** A remediation's run settings on each of its (non-exclusion) targets: whether to remediate, and when. */
function runSettings(plan: Plan, obj: AssignableObject): JsonObject | undefined {
  if (obj.section !== "remediations") return undefined;
  const r = plan.remediations[obj.key];
  return r ? { runRemediationScript: r.remediation !== undefined, runSchedule: runSchedule(r.schedule) } : undefined;
}

/**
 * An app assignment's properties beside its target (mobileAppAssignment, Graph beta intune-apps-mobileappassignment):
 * the intent, and the type's assignment settings when the plan states any (APP_ASSIGNMENT_SETTINGS_TYPES).
 */
function appIntent(plan: Plan, key: string, intent: AppIntent, settings: Readonly<Record<string, unknown>> | undefined): JsonObject {
  const app = plan.apps[key];
  const type = app ? APP_ASSIGNMENT_SETTINGS_TYPES[app.type] : undefined;
  return {
    intent,
    ...(settings && type ? { settings: { "@odata.type": `#microsoft.graph.${type}`, ...(settings as JsonObject) } } : {}),
  };
}

/** An app's further fixed assignments (`assignment.also`), each with its own intent, in every phase. */
function alsoTargets(plan: Plan, obj: AssignableObject): DesiredTarget[] {
  if (obj.section !== "apps") return [];
  const spec = plan.apps[obj.key]?.assignment;
  return (spec?.also ?? []).flatMap((a) => {
    const settings = appIntent(plan, obj.key, a.intent, a.settings);
    const filter = a.filter ? { filter: { address: `filters.${a.filter}`, mode: a.filterMode ?? "include" } } : {};
    return a.include.map((g): DesiredTarget => ({
      kind: g === "allDevices" ? "allDevices" : g === "allUsers" ? "allLicensedUsers" : "group",
      ...(g === "allDevices" || g === "allUsers" ? {} : { group: `groups.${g}` }),
      ...filter,
      settings,
    }));
  });
}

function assignmentSet(plan: Plan, obj: AssignableObject, active: number): DesiredAssignmentSet {
  const address = `${obj.section}.${obj.key}`;
  const t = effectiveTargets(plan, obj, active);
  const filter = t.filter ? { address: `filters.${t.filter.key}`, mode: t.filter.mode } : undefined;
  const app = obj.section === "apps" ? plan.apps[obj.key]?.assignment : undefined;
  const settings = app ? appIntent(plan, obj.key, app.intent, app.settings) : runSettings(plan, obj);
  const withFilter = (x: DesiredTarget): DesiredTarget => ({ ...x, ...(filter ? { filter } : {}), ...(settings ? { settings } : {}) });
  // Every app assignment carries an intent, an exclusion's too (Graph's assign example gives each one an intent).
  const exclusionSettings = app ? { settings: { intent: app.intent } } : {};
  const targets: DesiredTarget[] = [
    ...t.virtual.map((v) => withFilter({ kind: v === "allDevices" ? "allDevices" : "allLicensedUsers" })),
    ...t.include.map((g) => withFilter({ kind: "group", group: `groups.${g}` })),
    ...(t.include.length + t.virtual.length > 0
      ? t.exclude.map((g): DesiredTarget => ({ kind: "exclusionGroup", group: `groups.${g}`, ...exclusionSettings }))
      : []),
    ...alsoTargets(plan, obj),
  ].sort((a, b) => TARGET_ORDER[a.kind] - TARGET_ORDER[b.kind] || compareText(a.group ?? "", b.group ?? ""));
  const dependsOn = [
    ...new Set([address, ...targets.flatMap((x) => [x.group, x.filter?.address].filter((v): v is string => v !== undefined))]),
  ].sort();
  return {
    address: `${address}#assignments`,
    of: address,
    action: CHILD_ASSIGNMENTS.has(obj.section)
      ? "/assignments"
      : obj.section === "deviceAppConfiguration"
        ? MOBILE_APP_CONFIGURATION_ASSIGN
        : "/assign",
    bodyKey: BODY_KEYS[obj.section] ?? "assignments",
    targets,
    dependsOn,
  };
}

/** Scope-tag auto-assignment is an assignment set too: devices in these groups get the tag. */
function scopeTagSets(plan: Plan): DesiredAssignmentSet[] {
  return Object.entries(plan.scopeTags).map(([key, tag]) => {
    const targets = (tag.autoAssign ?? [])
      .map((g): DesiredTarget => ({ kind: "group", group: `groups.${g}` }))
      .sort((a, b) => compareText(a.group ?? "", b.group ?? ""));
    return {
      address: `scopeTags.${key}#assignments`,
      of: `scopeTags.${key}`,
      action: "/assign",
      bodyKey: "assignments",
      targets,
      dependsOn: [`scopeTags.${key}`, ...targets.map((x) => x.group as string)].sort(),
    };
  });
}

const byAddress = <T extends { address: string }>(a: T, b: T): number => compareText(a.address, b.address);

/**
 * Compiles a validated plan for `phase` (a phase key; undefined = the last phase). Throws only for a phase key
 * the plan does not define: callers check the key against plan.phases first, as the compile command does.
 */
export function compile(plan: Plan, phase: string | undefined): DesiredState {
  const active = phaseIndex(plan, phase);
  if (phase !== undefined && active < 0) throw new Error(`unknown phase ${phase}`);
  const identity = new Map(
    KEYED_SECTION_NAMES.flatMap((section) =>
      Object.entries(plan[section]).map(([key, o]) => [
        `${section}.${key}`,
        {
          ...(o.adopt === true ? { adopt: true as const } : {}),
          ...(o.renamedFrom?.length ? { renamedFrom: o.renamedFrom.map((old: string) => `${section}.${old}`) } : {}),
        },
      ]),
    ),
  );
  const objects = compileObjects(plan, active)
    .map((o): DesiredObject => ({ ...o, ...identity.get(o.address) }))
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || byAddress(a, b));
  const assignments = [
    ...assignableObjects(plan)
      .filter((o) => !TARGETS_IN_BODY.has(o.section))
      .map((o) => assignmentSet(plan, o, active)),
    ...scopeTagSets(plan),
  ].sort(byAddress);
  return { formatVersion: "1", plan: plan.name, phase: active >= 0 ? (plan.phases[active]?.key ?? null) : null, objects, assignments };
}
