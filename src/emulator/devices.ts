// Simulated devices, so deployment status reads as Graph reports it (deviceStatusOverview): every group has a
// member count (seeded, or derived from its id), a policy reaches the members of its included groups minus the
// excluded ones, and the outcome splits deterministically into success / error / conflict / pending.
import { ALL_DEVICES_ID, ALL_USERS_ID } from "./collections.ts";
import type { JsonRecord } from "./graph-types.ts";
import type { StoredEntity, TenantData } from "./store.ts";
import { entities, own } from "./store.ts";

export function memberCount(data: TenantData, groupId: string): number {
  const seeded = own(data.members, groupId);
  if (seeded !== undefined) return seeded;
  const listed = own(entities(data, "/groups"), groupId)?.members?.length ?? 0;
  if (listed > 0) return listed;
  let h = 7;
  for (const c of groupId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 5 + (h % 46);
}

function reached(data: TenantData, entity: StoredEntity): number {
  const everyone = Object.keys(entities(data, "/groups")).reduce((n, id) => n + memberCount(data, id), 0);
  let total = 0;
  for (const a of entity.assignments) {
    const target = a["target"] as JsonRecord;
    const type = String(target["@odata.type"]);
    const id = String(a["id"]).split("_").pop() ?? "";
    const n = id === ALL_DEVICES_ID || id === ALL_USERS_ID ? everyone : memberCount(data, String(target["groupId"]));
    total += type.endsWith("exclusionGroupAssignmentTarget") ? -n : n;
  }
  return Math.max(0, total);
}

/** `deviceComplianceDeviceOverview` / `deviceConfigurationDeviceOverview` for one policy. */
export function statusOverview(data: TenantData, entity: StoredEntity, kind: "compliance" | "configuration"): JsonRecord {
  const n = reached(data, entity);
  const error = Math.floor(n * 0.04);
  const conflict = Math.floor(n * 0.02);
  const pending = Math.floor(n * 0.1);
  return {
    "@odata.type": `#microsoft.graph.${kind === "compliance" ? "deviceComplianceDeviceOverview" : "deviceConfigurationDeviceOverview"}`,
    id: `${String(entity.body["id"])}_overview`,
    pendingCount: pending,
    notApplicableCount: 0,
    notApplicablePlatformCount: 0,
    successCount: n - error - conflict - pending,
    errorCount: error,
    failedCount: error,
    conflictCount: conflict,
    lastUpdateDateTime: String(entity.body["lastModifiedDateTime"] ?? ""),
    configurationVersion: typeof entity.body["version"] === "number" ? entity.body["version"] : 1,
  };
}
