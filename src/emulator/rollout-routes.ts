// Graph's reporting routes over the simulated rollout (rollout-outcomes.ts): per-policy device and user status
// overviews, per-device statuses, per-setting summaries, managed devices with their compliance state (group
// members are directory.ts's); for settings-catalog policies Intune's report action
// getConfigurationPolicyDeviceSummaryReport, and for app protection each policy's deploymentSummary, both counted
// from the same simulated devices as the overviews. Also the emulator's admin clock, `/_emulator/clock`, which is not Graph: tests and demos move the
// simulated days with it. Without a simulation these routes answer as a tenant with no enrolled devices would.
import { badRequest, notFound } from "./errors.ts";
import type { JsonRecord, JsonValue } from "./graph-types.ts";
import type { RolloutSimulation, SimDevice } from "./rollout-model.ts";
import { enrolledAt, reportsAt, setClock, simulatedDay } from "./rollout-model.ts";
import type { DeviceOutcome, Family, SimStatus } from "./rollout-outcomes.ts";
import { COLLECTION_OF, RolloutView } from "./rollout-outcomes.ts";
import { listPage, parseQuery } from "./odata.ts";
import type { StoredEntity, TenantData } from "./store.ts";
import { entities, own } from "./store.ts";

export interface RolloutAnswer {
  readonly status: number;
  readonly body?: JsonRecord | string;
  readonly headers?: Record<string, string>;
}

const POLICY =
  /^\/deviceManagement\/(deviceCompliancePolicies|deviceConfigurations)(?:\/|\(')([^/')]+)'?\)?\/(deviceStatusOverview|userStatusOverview|deviceStatuses|deviceSettingStateSummaries)$/;
const WORST: readonly SimStatus[] = ["error", "conflict", "pending", "success", "notApplicable"];
/** Graph's complianceStatus for a device's report on one policy. */
const DEVICE_STATUS: Readonly<Record<Family, Readonly<Record<SimStatus, string>>>> = {
  configuration: { success: "compliant", error: "error", conflict: "conflict", pending: "unknown", notApplicable: "notApplicable" },
  compliance: { success: "compliant", error: "nonCompliant", conflict: "conflict", pending: "unknown", notApplicable: "notApplicable" },
  settingsCatalog: { success: "compliant", error: "error", conflict: "conflict", pending: "unknown", notApplicable: "notApplicable" },
};
const SUMMARY_REPORT = "/deviceManagement/reports/getConfigurationPolicyDeviceSummaryReport";
const DEPLOYMENT =
  /^\/deviceAppManagement\/(iosManagedAppProtections|androidManagedAppProtections)(?:\/|\(')([^/')]+)'?\)?\/deploymentSummary$/;
/** GET …/termsAndConditions/{id}/acceptanceStatuses (Microsoft Graph beta "List termsAndConditionsAcceptanceStatuses"). */
const ACCEPTANCE = /^\/deviceManagement\/termsAndConditions(?:\/|\(')([^/')]+)'?\)?\/acceptanceStatuses$/;
const OS: Readonly<Record<SimDevice["platform"], string>> = {
  windows: "Windows",
  iOS: "iOS",
  macOS: "macOS",
  androidWorkProfile: "Android",
  androidFullyManaged: "Android",
};

const iso = (ms: number): string => new Date(ms).toISOString();

function counts(family: Family, outcomes: readonly { status: SimStatus }[]): JsonRecord {
  const n = (s: SimStatus): number => outcomes.filter((o) => o.status === s).length;
  // Compliance reports a device that fails as non-compliant (failedCount); configuration as an error (errorCount).
  return {
    pendingCount: n("pending"),
    notApplicableCount: n("notApplicable"),
    successCount: n("success"),
    conflictCount: n("conflict"),
    errorCount: family === "compliance" ? 0 : n("error"),
    failedCount: family === "compliance" ? n("error") : 0,
  };
}

/** Each user's worst report across the devices of theirs the policy reaches. */
function byUser(outcomes: readonly DeviceOutcome[]): { status: SimStatus }[] {
  const worst = new Map<string, SimStatus>();
  for (const o of outcomes) {
    const before = worst.get(o.device.userId);
    if (before === undefined || WORST.indexOf(o.status) < WORST.indexOf(before)) worst.set(o.device.userId, o.status);
  }
  return [...worst.values()].map((status) => ({ status }));
}

function page(
  items: readonly JsonRecord[],
  params: URLSearchParams,
  base: string,
  path: string,
  contextUrl: string,
  pageSize: number,
): JsonRecord {
  return listPage(items, parseQuery(params, "intune"), params, { base, path, contextUrl, pageSize });
}

function policyReport(
  data: TenantData,
  sim: RolloutSimulation | undefined,
  family: Family,
  entity: StoredEntity,
  report: string,
  params: URLSearchParams,
  base: string,
  path: string,
): JsonRecord {
  const view = sim ? new RolloutView(data, sim) : undefined;
  const outcomes = view ? view.outcomes(family, entity) : [];
  const id = String(entity.body["id"]);
  const kind = family === "compliance" ? "deviceCompliance" : "deviceConfiguration";
  const stamp = {
    lastUpdateDateTime: sim?.now ?? String(entity.body["lastModifiedDateTime"] ?? ""),
    configurationVersion: typeof entity.body["version"] === "number" ? entity.body["version"] : 1,
  };
  if (report === "deviceStatusOverview") {
    const c = counts(family, outcomes);
    return {
      "@odata.type": `#microsoft.graph.${kind}DeviceOverview`,
      id: `${id}_overview`,
      ...c,
      notApplicablePlatformCount: c["notApplicableCount"] ?? 0,
      ...stamp,
    };
  }
  if (report === "userStatusOverview")
    return {
      "@odata.type": `#microsoft.graph.${kind}UserOverview`,
      id: `${id}_userOverview`,
      ...counts(family, byUser(outcomes)),
      ...stamp,
    };
  if (report === "deviceStatuses") {
    const items = outcomes.map((o): JsonRecord => ({
      "@odata.type": `#microsoft.graph.${kind}DeviceStatus`,
      id: `${id}_${o.device.id}`,
      deviceDisplayName: o.device.deviceName,
      deviceModel: null,
      platform: 0,
      userName: o.user?.displayName ?? null,
      userPrincipalName: o.user?.userPrincipalName ?? null,
      status: DEVICE_STATUS[family][o.status],
      lastReportedDateTime:
        sim && o.status !== "pending" ? iso(Math.max(reportsAt(sim, o.device), enrolledAt(sim, o.device))) : "0001-01-01T00:00:00Z",
      complianceGracePeriodExpirationDateTime: "9999-12-31T23:59:59Z",
    }));
    return page(
      items,
      params,
      base,
      path,
      `${base}/$metadata#deviceManagement/${COLLECTION_OF[family].split("/").pop() ?? ""}('${id}')/deviceStatuses`,
      100,
    );
  }
  // deviceSettingStateSummaries: one row per setting the policy writes that some device reports against.
  const settings = new Map<string, number>();
  for (const o of outcomes) for (const s of o.conflicts) settings.set(s, (settings.get(s) ?? 0) + 1);
  const rows = [...settings]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([settingName, conflictDeviceCount]): JsonRecord => ({
      "@odata.type": "#microsoft.graph.settingStateDeviceSummary",
      id: `${id}_${settingName}`,
      settingName,
      instancePath: settingName,
      conflictDeviceCount,
      unknownDeviceCount: 0,
      notApplicableDeviceCount: 0,
      compliantDeviceCount: 0,
      remediatedDeviceCount: 0,
      nonCompliantDeviceCount: 0,
      errorDeviceCount: 0,
    }));
  return {
    "@odata.context": `${base}/$metadata#deviceManagement/${COLLECTION_OF[family].split("/").pop() ?? ""}('${id}')/deviceSettingStateSummaries`,
    value: rows,
  };
}

/**
 * The answer of `POST /deviceManagement/reports/getConfigurationPolicyDeviceSummaryReport` for the policies its
 * filter names (`PolicyId eq '…'`): Intune's report table, `Schema` (column names and types) and `Values` (rows in
 * that column order), one row per policy, counting the same device outcomes as deviceStatusOverview does.
 * Column names as read by public tooling (IntuneAssignmentChecker's Get-ConfigurationPolicyDeviceSummaryReport:
 * NumberOfCompliantDevices, …NonCompliant…, …Error…, …Conflict…, …NotApplicable…, …InProgress…).
 */
function summaryReport(data: TenantData, sim: RolloutSimulation | undefined, body: JsonValue | undefined): JsonRecord {
  const input = typeof body === "object" && body !== null && !Array.isArray(body) ? body : {};
  const filter = typeof input["filter"] === "string" ? input["filter"] : "";
  const ids = [...filter.matchAll(/PolicyId\s+eq\s+'([^']*)'/gi)].map((m) => m[1] ?? "");
  const columns: readonly (readonly [string, string])[] = [
    ["PolicyId", "String"],
    ["PolicyName", "String"],
    ["UnifiedPolicyType", "Int32"],
    ["NumberOfCompliantDevices", "Int32"],
    ["NumberOfNonCompliantDevices", "Int32"],
    ["NumberOfErrorDevices", "Int32"],
    ["NumberOfConflictDevices", "Int32"],
    ["NumberOfInProgressDevices", "Int32"],
    ["NumberOfNotApplicableDevices", "Int32"],
  ];
  const view = sim ? new RolloutView(data, sim) : undefined;
  const policies = entities(data, COLLECTION_OF.settingsCatalog);
  const rows = (ids.length > 0 ? ids.map((id) => own(policies, id)) : Object.values(policies))
    .filter((e): e is StoredEntity => e !== undefined)
    .map((entity): JsonValue[] => {
      const outcomes = view ? view.outcomes("settingsCatalog", entity) : [];
      const n = (st: SimStatus): number => outcomes.filter((o) => o.status === st).length;
      return [
        String(entity.body["id"]),
        String(entity.body["name"] ?? ""),
        0,
        n("success"),
        0,
        n("error"),
        n("conflict"),
        n("pending"),
        n("notApplicable"),
      ];
    });
  const skip = typeof input["skip"] === "number" ? input["skip"] : 0;
  const top = typeof input["top"] === "number" && input["top"] > 0 ? input["top"] : 50;
  return {
    TotalRowCount: rows.length,
    Schema: columns.map(([Column, PropertyType]) => ({ Column, PropertyType })),
    Values: rows.slice(skip, skip + top),
    SessionId: "",
  };
}

/**
 * An app-protection policy's managedAppPolicyDeploymentSummary: the users the policy reaches (MAM targets users)
 * with a simulated device of its platform that has checked in by now, overall and per target app.
 */
function deploymentSummary(data: TenantData, sim: RolloutSimulation | undefined, entity: StoredEntity): JsonRecord {
  const android = String(entity.body["@odata.type"] ?? "").includes("android");
  const users = new Set<string>();
  if (sim) {
    const view = new RolloutView(data, sim);
    const now = Date.parse(sim.now);
    const reached = view.reached(entity);
    for (const d of sim.devices) {
      const platform = android ? d.platform.startsWith("android") : d.platform === "iOS";
      if (platform && reached.has(d.id) && now >= reportsAt(sim, d)) users.add(d.userId);
    }
  }
  return {
    "@odata.type": "#microsoft.graph.managedAppPolicyDeploymentSummary",
    id: `${String(entity.body["id"])}_deploymentSummary`,
    displayName: entity.body["displayName"] ?? null,
    configurationDeployedUserCount: users.size,
    lastRefreshTime: sim?.now ?? String(entity.body["lastModifiedDateTime"] ?? ""),
    version: entity.body["version"] ?? null,
    configurationDeploymentSummaryPerApp: entity.apps.map((a): JsonRecord => ({
      "@odata.type": "#microsoft.graph.managedAppPolicyDeploymentSummaryPerApp",
      mobileAppIdentifier: a["mobileAppIdentifier"] ?? null,
      configurationAppliedUserCount: users.size,
    })),
  };
}

/** managedDevice entities for every enrolled device; complianceState is its worst report on the compliance policies reaching it. */
function managedDevices(data: TenantData, sim: RolloutSimulation): JsonRecord[] {
  const view = new RolloutView(data, sim);
  const worst = new Map<string, SimStatus>();
  for (const policy of Object.values(entities(data, COLLECTION_OF.compliance))) {
    for (const o of view.outcomes("compliance", policy)) {
      if (o.status === "notApplicable") continue;
      const before = worst.get(o.device.id);
      if (before === undefined || WORST.indexOf(o.status) < WORST.indexOf(before)) worst.set(o.device.id, o.status);
    }
  }
  const state: Readonly<Record<SimStatus, string>> = {
    error: "noncompliant",
    conflict: "conflict",
    pending: "unknown",
    success: "compliant",
    notApplicable: "compliant",
  };
  return view.enrolled().map((d): JsonRecord => {
    const user = view.userOf(d);
    return {
      "@odata.type": "#microsoft.graph.managedDevice",
      id: d.id,
      deviceName: d.deviceName,
      userId: d.userId,
      userPrincipalName: user?.userPrincipalName ?? null,
      userDisplayName: user?.displayName ?? null,
      operatingSystem: OS[d.platform],
      managementAgent: "mdm",
      enrolledDateTime: iso(enrolledAt(sim, d)),
      lastSyncDateTime: iso(Math.min(Date.parse(sim.now), Math.max(reportsAt(sim, d), enrolledAt(sim, d)))),
      complianceState: state[worst.get(d.id) ?? "success"],
    };
  });
}

/**
 * A terms-and-conditions policy's termsAndConditionsAcceptanceStatus list (GRAPH-NOTES §9.2: userDisplayName,
 * acceptedVersion, acceptedDateTime, userPrincipalName). Intune shows the terms when a user enrolls (Microsoft Graph
 * beta termsAndConditions resource: "presented to users upon their first attempt to enroll into Intune"), so in the
 * simulation a user the policy reaches accepts the version it has when their first device enrolls. Without a
 * simulation nobody has accepted.
 */
function acceptanceStatuses(data: TenantData, sim: RolloutSimulation | undefined, entity: StoredEntity): JsonRecord[] {
  if (!sim) return [];
  const view = new RolloutView(data, sim);
  const reached = view.reached(entity);
  const first = new Map<string, number>();
  for (const d of sim.devices) if (reached.has(d.id)) first.set(d.userId, Math.min(first.get(d.userId) ?? Infinity, enrolledAt(sim, d)));
  const version = typeof entity.body["version"] === "number" ? entity.body["version"] : 1;
  return sim.users
    .filter((u) => first.has(u.id))
    .map((u): JsonRecord => ({
      "@odata.type": "#microsoft.graph.termsAndConditionsAcceptanceStatus",
      id: `${String(entity.body["id"])}_${u.id}`,
      userDisplayName: u.displayName,
      acceptedVersion: version,
      acceptedDateTime: iso(first.get(u.id) ?? 0),
      userPrincipalName: u.userPrincipalName,
    }));
}

/**
 * The rollout routes, or undefined when the request is not one of them (routes.ts goes on). `path` is below the
 * version and without the query.
 */
export function rolloutRoute(
  data: TenantData,
  method: string,
  path: string,
  params: URLSearchParams,
  base: string,
  body?: JsonValue,
): RolloutAnswer | undefined {
  const sim = data.rollout;
  if (method === "POST" && path === SUMMARY_REPORT) return { status: 200, body: summaryReport(data, sim, body) };
  if (method !== "GET") return undefined;
  const deployment = DEPLOYMENT.exec(path);
  if (deployment) {
    const id = decodeURIComponent(deployment[2] ?? "");
    const entity = own(entities(data, `/deviceAppManagement/${deployment[1] ?? ""}`), id);
    if (!entity) throw notFound(id, "intune");
    return { status: 200, body: deploymentSummary(data, sim, entity) };
  }
  const terms = ACCEPTANCE.exec(path);
  if (terms) {
    const id = decodeURIComponent(terms[1] ?? "");
    const entity = own(entities(data, "/deviceManagement/termsAndConditions"), id);
    if (!entity) throw notFound(id, "intune");
    return {
      status: 200,
      body: page(
        acceptanceStatuses(data, sim, entity),
        params,
        base,
        path,
        `${base}/$metadata#deviceManagement/termsAndConditions('${id}')/acceptanceStatuses`,
        1000,
      ),
    };
  }
  const policy = POLICY.exec(path);
  if (policy) {
    const family: Family = policy[1] === "deviceCompliancePolicies" ? "compliance" : "configuration";
    // Without a simulation the device overview keeps the older member-count model (devices.ts).
    if (!sim && policy[3] === "deviceStatusOverview") return undefined;
    const entity = own(entities(data, COLLECTION_OF[family]), decodeURIComponent(policy[2] ?? ""));
    if (!entity) throw notFound(decodeURIComponent(policy[2] ?? ""), "intune");
    return { status: 200, body: policyReport(data, sim, family, entity, policy[3] ?? "", params, base, path) };
  }
  if (path === "/deviceManagement/managedDevices") {
    return {
      status: 200,
      body: page(sim ? managedDevices(data, sim) : [], params, base, path, `${base}/$metadata#deviceManagement/managedDevices`, 1000),
    };
  }
  return undefined;
}

/** `GET /_emulator/clock` reads the simulated clock; `POST` with `{ "advanceDays": N }` or `{ "to": DATE }` moves it. */
export function clockRoute(data: TenantData, method: string, body: JsonValue | undefined): RolloutAnswer {
  const sim = data.rollout;
  if (!sim)
    throw badRequest("This emulated tenant has no rollout simulation (start it with a pilot-* seed) and so no clock to move.", "intune");
  if (method === "POST") {
    const input = typeof body === "object" && body !== null && !Array.isArray(body) ? body : {};
    const advance = input["advanceDays"];
    const to = input["to"];
    const problem = setClock(sim, {
      ...(typeof advance === "number" ? { advanceDays: advance } : {}),
      ...(typeof to === "string" ? { to } : {}),
    });
    if (problem) throw badRequest(problem, "intune");
  } else if (method !== "GET") throw badRequest(`${method} is not supported on /_emulator/clock; use GET or POST`, "intune");
  return { status: 200, body: { start: sim.start, now: sim.now, day: simulatedDay(sim) } };
}

/** The tenant's clock for timestamps: the simulated one when there is a simulation (undefined: the real one). */
export function simulatedClock(data: TenantData): (() => Date) | undefined {
  return data.rollout ? () => new Date(data.rollout?.now ?? Date.now()) : undefined;
}
