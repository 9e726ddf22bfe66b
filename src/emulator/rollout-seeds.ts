// Starting tenants for a rollout in progress (`--seed pilot-healthy|pilot-errors|pilot-conflict`): Contoso's limited
// pilot as plan/ describes it (50 IT volunteers in "Intune rollout - IT limited pilot", going live 2027-07-05),
// simulated over days. Every user has a Windows laptop, most an iPhone, some an Android work-profile phone; devices
// enroll during the first two days and report a few hours later. The tenant holds no plan objects: apply the plan
// (pulumi up, or `status` against an in-process emulator) and the simulated devices report on what it assigns.
//   pilot-healthy   failures stay rare (0.5 % of device-policy pairs)
//   pilot-errors    failures start at 1 % and grow by 1.5 points a day
//   pilot-conflict  healthy, but a 2021 Windows update ring the plan does not own still reaches the pilot's
//                   Windows devices (through a legacy device group) and defers quality updates 14 days where the
//                   plan's pilot ring says 0: those devices report a conflict on both policies.
import type { JsonRecord } from "./graph-types.ts";
import type { FailureCurve, RolloutSimulation, SimDevice, SimUser } from "./rollout-model.ts";
import { draw, simId } from "./rollout-model.ts";
import type { TenantData } from "./store.ts";
import type { EmulatedTenant } from "./tenant.ts";
import { specFor } from "./tenant.ts";

export const ROLLOUT_SEEDS = ["pilot-healthy", "pilot-errors", "pilot-conflict"] as const;
export type RolloutSeedName = (typeof ROLLOUT_SEEDS)[number];

/** The limited pilot's go-live in plan/rollout.yaml; the clock starts three days later. */
export const PILOT_START = "2027-07-05T08:00:00.000Z";
const PILOT_GROUP = "Intune rollout - IT limited pilot";
const LEGACY_WINDOWS_GROUP = "Legacy - IT Windows devices";
const PILOT_USERS = 50;

const FAILURES: Readonly<Record<RolloutSeedName, FailureCurve>> = {
  "pilot-healthy": { base: 0.005, perDay: 0 },
  "pilot-errors": { base: 0.01, perDay: 0.015 },
  "pilot-conflict": { base: 0.005, perDay: 0 },
};

const SEED_NUMBER: Readonly<Record<RolloutSeedName, number>> = { "pilot-healthy": 1, "pilot-errors": 2, "pilot-conflict": 3 };

/** The pilot's users and devices; `legacyWindows` puts every Windows device in the legacy device group too. */
function pilot(seed: number, legacyWindows: boolean): { users: SimUser[]; devices: SimDevice[] } {
  const users: SimUser[] = [];
  const devices: SimDevice[] = [];
  for (let i = 1; i <= PILOT_USERS; i++) {
    const n = String(i).padStart(2, "0");
    const user: SimUser = {
      id: simId(seed, "user", i),
      userPrincipalName: `pilot${n}@contoso.example`,
      displayName: `Pilot user ${n}`,
      groups: [PILOT_GROUP],
    };
    users.push(user);
    const kinds: SimDevice["platform"][] = [
      "windows",
      ...(draw(seed, "iphone", i) < 0.6 ? ["iOS" as const] : []),
      ...(draw(seed, "android", i) < 0.2 ? ["androidWorkProfile" as const] : []),
    ];
    for (const platform of kinds) {
      const tag = platform === "windows" ? "LT" : platform === "iOS" ? "IP" : "AN";
      devices.push({
        id: simId(seed, "device", i, platform),
        deviceName: `CTS-${tag}-${n}`,
        userId: user.id,
        platform,
        groups: legacyWindows && platform === "windows" ? [LEGACY_WINDOWS_GROUP] : [],
        enrollsAtHour: Math.floor(draw(seed, "enroll", i, platform) * 48),
        reportsAfterHours: 1 + Math.floor(draw(seed, "report", i, platform) * 12),
      });
    }
  }
  return { users, devices };
}

function create(tenant: EmulatedTenant, path: string, body: JsonRecord): string {
  const spec = specFor(path);
  if (!spec) throw new Error(`no collection ${path}`);
  return String(tenant.create(spec, body).body["id"]);
}

/** Adds the rollout simulation (and, for pilot-conflict, the legacy ring) to a tenant built from Graph's built-ins. */
export function seedRollout(tenant: EmulatedTenant, data: TenantData, name: RolloutSeedName): void {
  const seed = SEED_NUMBER[name];
  const conflict = name === "pilot-conflict";
  const { users, devices } = pilot(seed, conflict);
  const sim: RolloutSimulation = {
    seed,
    start: PILOT_START,
    now: new Date(Date.parse(PILOT_START) + 3 * 86_400_000).toISOString(),
    users,
    devices,
    failures: FAILURES[name],
  };
  data.rollout = sim;
  if (!conflict) return;
  const group = create(tenant, "/groups", {
    displayName: LEGACY_WINDOWS_GROUP,
    mailEnabled: false,
    mailNickname: "legacy-it-windows",
    securityEnabled: true,
    groupTypes: [],
    description: "IT's Windows devices, from the 2021 co-management project",
  });
  const ring = create(tenant, "/deviceManagement/deviceConfigurations", {
    "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration",
    displayName: "Legacy - Windows update ring (2021)",
    qualityUpdatesDeferralPeriodInDays: 14,
    featureUpdatesDeferralPeriodInDays: 0,
    automaticUpdateMode: "autoInstallAtMaintenanceTime",
    microsoftUpdateServiceAllowed: true,
  });
  const spec = specFor("/deviceManagement/deviceConfigurations");
  if (!spec?.assign) throw new Error("no assign on deviceConfigurations");
  tenant.assign(spec, ring, { assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: group } }] });
}
