// A rollout over time, simulated: users in groups, their devices, when each device enrolls and checks in, and how
// likely a policy is to fail on it on a given day. Plain JSON inside TenantData (`rollout`), so it persists with
// the state file. Everything follows from the seed and the clock: the same seed and day give the same reports.
//
// Membership is by group displayName, not id: a plan applied to the emulator creates its groups with new ids, and
// the simulated directory then already knows who is in "Intune rollout - IT limited pilot" (as Entra would for an
// assigned group an admin filled in). Groups the simulation does not name have no simulated members.
import { createHash } from "node:crypto";

/** Device platforms as the simulation knows them; a policy applies to one (its @odata.type says which). */
export type SimPlatform = "windows" | "iOS" | "androidWorkProfile" | "androidFullyManaged" | "macOS";

export interface SimUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  /** displayNames of the user groups this user is in. */
  readonly groups: readonly string[];
}

export interface SimDevice {
  readonly id: string;
  readonly deviceName: string;
  readonly userId: string;
  readonly platform: SimPlatform;
  /** displayNames of the device groups this device is in (beyond its user's groups). */
  readonly groups: readonly string[];
  /** Hours after the rollout's start when the device enrolls. */
  readonly enrollsAtHour: number;
  /** Hours from enrollment to its first policy report: until then every policy is pending on it. */
  readonly reportsAfterHours: number;
}

/** Share of device-policy pairs that fail: `base`, growing by `perDay` each day since the start (capped at 1). */
export interface FailureCurve {
  readonly base: number;
  readonly perDay: number;
}

export interface RolloutSimulation {
  readonly seed: number;
  /** Day 0 of the rollout (ISO date-time, UTC). */
  readonly start: string;
  /** The simulated clock (ISO date-time, UTC); moved by the admin route and the `clock` option, never by itself. */
  now: string;
  readonly users: readonly SimUser[];
  readonly devices: readonly SimDevice[];
  readonly failures: FailureCurve;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Whole and fractional days from the rollout's start to its clock. */
export const simulatedDay = (sim: RolloutSimulation): number => (Date.parse(sim.now) - Date.parse(sim.start)) / DAY;

/** When the device enrolls, and when it first reports, as epoch milliseconds. */
export const enrolledAt = (sim: RolloutSimulation, d: SimDevice): number => Date.parse(sim.start) + d.enrollsAtHour * HOUR;
export const reportsAt = (sim: RolloutSimulation, d: SimDevice): number => enrolledAt(sim, d) + d.reportsAfterHours * HOUR;

/** A number in [0, 1) that depends only on its parts: the draws that decide outcomes. */
export function draw(...parts: readonly (string | number)[]): number {
  return createHash("sha256").update(parts.join("\u0000")).digest().readUInt32BE(0) / 2 ** 32;
}

/** A GUID-shaped id from its parts (version 4 layout), stable run to run. */
export function simId(...parts: readonly (string | number)[]): string {
  const h = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Moves the clock: `advanceDays` forward from now, or to `to` (an ISO date or date-time). The clock never goes
 * before the start; a value that is not a date is refused with the reason, and nothing changes.
 */
export function setClock(sim: RolloutSimulation, change: { readonly advanceDays?: number; readonly to?: string }): string | undefined {
  let next: number;
  if (change.to !== undefined) {
    next = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(change.to) ? `${change.to}T00:00:00Z` : change.to);
    if (Number.isNaN(next)) return `'${change.to}' is not a date (use YYYY-MM-DD or an ISO date-time)`;
  } else if (change.advanceDays !== undefined) {
    if (!Number.isFinite(change.advanceDays)) return "advanceDays must be a number of days";
    next = Date.parse(sim.now) + change.advanceDays * DAY;
  } else return "give advanceDays (a number of days) or to (a date)";
  if (next < Date.parse(sim.start)) return `the clock cannot go before the rollout's start ${sim.start}`;
  sim.now = new Date(next).toISOString();
  return undefined;
}

/** The failure share on the simulation's current day. */
export const failureShare = (sim: RolloutSimulation): number =>
  Math.min(1, sim.failures.base + sim.failures.perDay * Math.max(0, simulatedDay(sim)));

/**
 * The `clock` option (emulator command, in-process emulators): a date, or `+N` days after the rollout's start.
 * Returns what is wrong with it, or undefined once the clock is set.
 */
export function setClockOption(sim: RolloutSimulation | undefined, text: string): string | undefined {
  if (!sim) return "the clock belongs to a simulated rollout: use it with a pilot-* seed";
  const days = /^\+(\d+(?:\.\d+)?)$/.exec(text);
  if (days) return setClock(sim, { to: new Date(Date.parse(sim.start) + Number(days[1]) * DAY).toISOString() });
  return setClock(sim, { to: text });
}
