// What `intune-plan explain` answers, as its versioned JSON document (`explain --format json`, docs/json-formats.md):
// for one plan group in one phase, the plan objects that reach it and how, those that exclude it, and the value
// each setting ends up with, where policies disagree which value wins or why none does. Text and Markdown are
// views of this document.
import type { Json, Kind } from "../compile/desired-state.ts";
import type { OverlapLevel } from "../plan/reach.ts";
import type { AssignableSection } from "../plan/schema.ts";

/** One way an object's assignment reaches the group. */
export type Route =
  /** The group is this phase's audience and the object is phased into that phase. */
  | { readonly kind: "audience"; readonly phase: string }
  /** The object's `assignment.include` names the group. */
  | { readonly kind: "include" }
  /** The object targets all users / all devices, and the group holds users / devices (or their devices). */
  | { readonly kind: "allUsers" }
  | { readonly kind: "allDevices" };

export interface ExplainedFilter {
  readonly address: string;
  readonly displayName: string;
  readonly platform: string;
  readonly mode: "include" | "exclude";
}

/** An object that reaches what is explained (a group, or a tenant's user or device), as both reports show it. */
export interface ReachedObject {
  /** `<section>.<key>`, as in the desired state. */
  readonly address: string;
  readonly section: AssignableSection;
  readonly kind: Kind;
  readonly displayName: string;
  readonly platform: string;
  readonly odataType: string | null;
  /**
   * "certain": every member gets the object (subject to its filter); "possible": only some may (a device group
   * reached through allUsers: only devices with a signed-in user); `reasons` say which.
   */
  readonly level: Exclude<OverlapLevel, "none">;
  readonly reasons: readonly string[];
  /** The first phase in which the object reaches it (null when the plan has no phases). */
  readonly since: string | null;
  readonly filter: ExplainedFilter | null;
}

export interface ExplainedObject extends ReachedObject {
  readonly routes: readonly Route[];
  /** Other groups the assignment excludes: their members (when also members of this group) do not get it. */
  readonly excludes: readonly string[];
}

/** An object whose assignment would reach the group but excludes it: members of the group do not get it. */
export interface ExcludedObject {
  readonly address: string;
  readonly displayName: string;
  readonly routes: readonly Route[];
}

/**
 * - `single`: one reached object sets the setting; its value applies.
 * - `agreed`: several set it, all to the same value (a redundant duplicate, IP091 when certain).
 * - `conflict` / `may-conflict`: different values for members that surely / possibly get both (IP090, an error /
 *   a warning); `value` is null: the project's rule is that no value can be relied on until they agree.
 * - `disjoint`: different values, but their assignment filters never match the same device: each applies to its own.
 * - `priority`: enrollment restrictions of one platform: the one with the lowest priority number applies.
 * - `most-restrictive`: compliance policies that surely or possibly both reach members disagree: Intune evaluates the
 *   most restrictive value (IP261, a warning); `value` is that value, null when the strictness rules do not order them.
 * - `merged`: a setting Intune merges across policies (Defender exclusions, ASR rules, device control lists, firewall
 *   rules; IP260, a warning); `value` is the merged superset the device gets.
 * The rules are plan/setting-resolution.ts's, the validator's own.
 */
export type SettingVerdict = "single" | "agreed" | "conflict" | "may-conflict" | "disjoint" | "priority" | "most-restrictive" | "merged";

export interface SettingSource {
  readonly object: string;
  readonly value: Json;
}

/** The validator's own finding (IP090 / IP091 / IP260 / IP261) for a pair of the sources, as `validate` reports it. */
export interface SettingFinding {
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly message: string;
}

export interface ExplainedSetting {
  /** The Graph property, or the settings-catalog settingDefinitionId, or the enrollment-restriction field. */
  readonly setting: string;
  /** What the setting belongs to: the `@odata.type` (short), `settings catalog`, or `enrollment restriction (platform)`. */
  readonly appliesTo: string;
  readonly section: AssignableSection;
  readonly verdict: SettingVerdict;
  /** The value members get, when one value applies (every verdict but conflict and may-conflict). */
  readonly value: Json | null;
  /** The objects whose value that is. */
  readonly from: readonly string[];
  readonly sources: readonly SettingSource[];
  /** For every verdict but `single` and `agreed`: the rule that decides, the project's and Intune's. */
  readonly rule: string | null;
  /**
   * For conflicts of compliance and app protection: the value Intune enforces (its most restrictive), when
   * intune-plan's strictness rules order the values; null otherwise.
   */
  readonly intuneApplies: { readonly value: Json; readonly from: readonly string[] } | null;
  readonly findings: readonly SettingFinding[];
}

export interface ExplainReport {
  readonly formatVersion: "1";
  readonly plan: string;
  /** The active phase (default: the last, the rollout's end state), or null when the plan has no phases. */
  readonly phase: string | null;
  readonly group: {
    readonly address: string;
    readonly key: string;
    readonly displayName: string;
    readonly membership: "assigned" | "dynamic";
    readonly members: "users" | "devices";
    /** The phase whose audience holds the group, if any. */
    readonly audienceOf: string | null;
  };
  /** Objects that reach the group in the phase, by address. */
  readonly objects: readonly ExplainedObject[];
  readonly excluded: readonly ExcludedObject[];
  /** Every setting the reached objects set, by what it applies to, then by name. */
  readonly settings: readonly ExplainedSetting[];
}
