// What each simulated device reports for each policy at the simulation's clock. A device reports nothing before it
// enrolls; after enrolling it is pending until its first report; then a policy for another platform is not
// applicable, a setting another policy reaching the same device sets differently is a conflict (both policies
// report it: Intune has no precedence between them), a failure draw below the day's failure share is an error
// (non-compliant for compliance policies), and the rest succeed. Conflicts therefore come from what devices
// actually receive, never from a percentage.
import { ALL_DEVICES_ID, ALL_USERS_ID } from "./collections.ts";
import type { JsonRecord, JsonValue } from "./graph-types.ts";
import type { RolloutSimulation, SimDevice, SimPlatform, SimUser } from "./rollout-model.ts";
import { draw, enrolledAt, failureShare, reportsAt } from "./rollout-model.ts";
import type { StoredEntity, TenantData } from "./store.ts";
import { entities, own } from "./store.ts";

export type Family = "compliance" | "configuration" | "settingsCatalog";
export type SimStatus = "success" | "error" | "conflict" | "pending" | "notApplicable";

export interface DeviceOutcome {
  readonly device: SimDevice;
  readonly user: SimUser | undefined;
  readonly status: SimStatus;
  /** The settings in conflict on this device (status conflict). */
  readonly conflicts: readonly string[];
}

export const COLLECTION_OF: Readonly<Record<Family, string>> = {
  compliance: "/deviceManagement/deviceCompliancePolicies",
  configuration: "/deviceManagement/deviceConfigurations",
  settingsCatalog: "/deviceManagement/configurationPolicies",
};

/** The platform of a settings-catalog policy's `platforms` (a flags enum: windows10, macOS, iOS, android, …). */
function catalogPlatform(platforms: JsonValue | undefined): SimPlatform | undefined {
  const p = typeof platforms === "string" ? platforms : "";
  if (/windows/i.test(p)) return "windows";
  if (/macOS/i.test(p)) return "macOS";
  if (/iOS/i.test(p)) return "iOS";
  if (/android/i.test(p)) return "androidWorkProfile";
  return undefined;
}

/** The platform a policy of either shape is for: @odata.type, or a settings-catalog policy's `platforms`. */
export function policyPlatform(entity: StoredEntity): SimPlatform | undefined {
  return platformOf(entity.body["@odata.type"]) ?? catalogPlatform(entity.body["platforms"]);
}

/** Properties that describe the policy rather than set anything on a device. */
const NOT_SETTINGS = new Set([
  "id",
  "@odata.type",
  "displayName",
  "description",
  "createdDateTime",
  "lastModifiedDateTime",
  "version",
  "roleScopeTagIds",
  "supportsScopeTags",
  "isAssigned",
  "scheduledActionsForRule",
  "deviceManagementApplicabilityRuleDeviceMode",
  "deviceManagementApplicabilityRuleOsEdition",
  "deviceManagementApplicabilityRuleOsVersion",
]);

/** The platform a policy's @odata.type is for; undefined when the simulation cannot tell (then it applies to none). */
export function platformOf(odataType: JsonValue | undefined): SimPlatform | undefined {
  const t = typeof odataType === "string" ? odataType.replace(/^#?microsoft\.graph\./, "") : "";
  if (/^windows/i.test(t)) return "windows";
  if (/^ios/i.test(t)) return "iOS";
  if (/^macOS/i.test(t)) return "macOS";
  if (/^androidDeviceOwner/i.test(t)) return "androidFullyManaged";
  if (/^android/i.test(t)) return "androidWorkProfile";
  return undefined;
}

/** The settings a policy writes (non-null values), for conflict detection; a settings-catalog policy's by definition id. */
function settingsOf(entity: StoredEntity): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(entity.body["platforms"]) || typeof entity.body["platforms"] === "string") {
    for (const s of Array.isArray(entity.body["settings"]) ? entity.body["settings"] : []) {
      const instance = typeof s === "object" && s !== null && !Array.isArray(s) ? s["settingInstance"] : undefined;
      if (typeof instance === "object" && instance !== null && !Array.isArray(instance))
        out.set(String(instance["settingDefinitionId"]), JSON.stringify(instance));
    }
    return out;
  }
  for (const [k, v] of Object.entries(entity.body))
    if (!NOT_SETTINGS.has(k) && v !== null && v !== undefined) out.set(k, JSON.stringify(v));
  return out;
}

/** One family's policies with what they reach, computed once per request. */
export class RolloutView {
  readonly sim: RolloutSimulation;
  private readonly data: TenantData;
  private readonly users: ReadonlyMap<string, SimUser>;
  private readonly reach = new Map<StoredEntity, Set<string>>();

  constructor(data: TenantData, sim: RolloutSimulation) {
    this.data = data;
    this.sim = sim;
    this.users = new Map(sim.users.map((u) => [u.id, u]));
  }

  userOf(device: SimDevice): SimUser | undefined {
    return this.users.get(device.userId);
  }

  /** Devices enrolled by the clock. */
  enrolled(): SimDevice[] {
    const now = Date.parse(this.sim.now);
    return this.sim.devices.filter((d) => enrolledAt(this.sim, d) <= now);
  }

  /** The simulated users in a group (by its displayName), and devices in it directly. */
  membersOf(groupName: string): { users: SimUser[]; devices: SimDevice[] } {
    return {
      users: this.sim.users.filter((u) => u.groups.includes(groupName)),
      devices: this.sim.devices.filter((d) => d.groups.includes(groupName)),
    };
  }

  private groupName(groupId: JsonValue | undefined): string | undefined {
    const g = own(entities(this.data, "/groups"), String(groupId));
    return typeof g?.body["displayName"] === "string" ? g.body["displayName"] : undefined;
  }

  /** Ids of the enrolled devices a policy's assignments reach (includes minus exclusions; filters are not simulated). */
  reached(entity: StoredEntity): Set<string> {
    const cached = this.reach.get(entity);
    if (cached) return cached;
    const included = new Set<string>();
    const excluded = new Set<string>();
    for (const a of entity.assignments) {
      const target = (a["target"] ?? {}) as JsonRecord;
      const type = String(target["@odata.type"] ?? "");
      const virtual = String(a["id"] ?? "")
        .split("_")
        .pop();
      const everyone = virtual === ALL_DEVICES_ID || virtual === ALL_USERS_ID || /allDevices|allLicensedUsers/.test(type);
      const name = everyone ? undefined : this.groupName(target["groupId"]);
      const into = type.endsWith("exclusionGroupAssignmentTarget") ? excluded : included;
      for (const d of this.enrolled()) {
        if (everyone || (name !== undefined && (d.groups.includes(name) || (this.userOf(d)?.groups.includes(name) ?? false))))
          into.add(d.id);
      }
    }
    for (const id of excluded) included.delete(id);
    this.reach.set(entity, included);
    return included;
  }

  /** What every device the policy reaches reports for it now. */
  outcomes(family: Family, entity: StoredEntity): DeviceOutcome[] {
    const reached = this.reached(entity);
    const platform = policyPlatform(entity);
    const mine = settingsOf(entity);
    const others = Object.values(entities(this.data, COLLECTION_OF[family])).filter((e) => e !== entity);
    const now = Date.parse(this.sim.now);
    const share = failureShare(this.sim);
    const name = String(entity.body["displayName"] ?? entity.body["name"] ?? entity.body["id"]);
    return this.sim.devices
      .filter((d) => reached.has(d.id))
      .map((device): DeviceOutcome => {
        const user = this.userOf(device);
        const at = (status: SimStatus, conflicts: readonly string[] = []): DeviceOutcome => ({ device, user, status, conflicts });
        if (platform !== device.platform) return at("notApplicable");
        if (now < reportsAt(this.sim, device)) return at("pending");
        const conflicts = new Set<string>();
        for (const other of others) {
          if (policyPlatform(other) !== device.platform || !this.reached(other).has(device.id)) continue;
          for (const [k, v] of settingsOf(other)) if (mine.has(k) && mine.get(k) !== v) conflicts.add(k);
        }
        if (conflicts.size > 0) return at("conflict", [...conflicts].sort());
        return draw(this.sim.seed, device.id, name) < share ? at("error") : at("success");
      });
  }
}
