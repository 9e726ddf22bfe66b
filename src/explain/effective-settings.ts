// The value each setting ends up with for a group's members, given the objects that reach the group: one source
// applies as is; agreeing sources apply; disagreeing sources that may meet on a device are resolved by Intune's rule
// for the setting, the one the validator uses (plan/setting-resolution.ts): compliance values to the most restrictive
// (IP261), merged settings to their superset (IP260), other configuration settings are a conflict (IP090, overlap
// levels from reach.ts); and enrollment restrictions go by priority. Pure.
import type { Json, Kind } from "../compile/desired-state.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { relaxation } from "../diff/relaxation.ts";
import type { JsonObject } from "../plan/settings-catalog.ts";
import { mergeCatalogValues, mostRestrictiveValue, resolutionOf } from "../plan/setting-resolution.ts";
import { canonicalJson } from "../canonical-json.ts";
import { compareText } from "../text-order.ts";
import type { FilterUse, Overlap, Populations } from "../plan/reach.ts";
import { both, stronger } from "../plan/reach.ts";
import type { AssignableSection, Plan } from "../plan/schema.ts";
import type { ExplainedSetting, SettingFinding, SettingVerdict } from "./explain-report.ts";
import type { SetValue } from "./object-settings.ts";

/** One reached object, as far as its settings are concerned. */
export interface SettingHolder {
  readonly address: string;
  readonly section: AssignableSection;
  readonly key: string;
  readonly overlap: Overlap;
  readonly filter: FilterUse | undefined;
  readonly settings: readonly SetValue[];
}

const RULES: Readonly<Record<Exclude<AssignableSection, "enrollmentRestrictions">, string>> = {
  // Terms and conditions set nothing on a device (explain/object-settings.ts gives them no settings).
  termsAndConditions: "",
  // Autopilot profiles and status pages list no settings (object-settings.ts): these texts are never shown today.
  autopilot:
    "A device uses one Autopilot profile; which one wins when several reach it is Intune's choice (UNCONFIRMED which). Make the targets disjoint.",
  enrollmentStatusPages:
    "Intune shows the enrollment status page with the lowest priority number among those that reach the user or device.",
  configuration:
    "Device configuration has no precedence in Intune: a setting that two profiles set to different values for one device is reported as a conflict, and neither value applies reliably. intune-plan reports it as IP090 (an error when both surely reach the same devices, a warning when they may): align the values or make the targets disjoint.",
  compliance:
    "Intune evaluates a device against every compliance policy assigned to it: when they disagree on a setting, the most restrictive value applies (Microsoft Learn, device-profile-troubleshoot, 'Compliance and device configuration policies that conflict'). intune-plan reports it as IP261, a warning naming that value: set it in one policy so that the plan states what is enforced.",
  appProtection:
    "When app protection policies that reach one user disagree, Intune applies the most restrictive value. intune-plan still reports the disagreement as IP090 (an error when certain, a warning when possible): align the values.",
  updates:
    "Which release Intune deploys when several update profiles of one kind reach one device is UNCONFIRMED, and intune-plan does not compare update profiles with each other: make their targets disjoint, one profile of each kind per device.",
  appConfiguration:
    "An app receives the custom settings of every app configuration policy that reaches its user; which value an app uses when two disagree is the app's choice (UNCONFIRMED). intune-plan reports the disagreement as IP090: align the values.",
  deviceAppConfiguration:
    "An app on an enrolled device receives one MDM app configuration; which one Intune delivers when several reach the device for the same app is UNCONFIRMED, and intune-plan does not compare them: make their targets disjoint.",
  scripts: "Every platform script assigned to a device runs; scripts have no settings that can disagree.",
  remediations: "Every remediation assigned to a device runs on its own schedule; remediations have no settings that can disagree.",
  // Conditional Access lists no settings (object-settings.ts): this text is never shown today.
  conditionalAccess:
    "Entra evaluates every Conditional Access policy that applies to a sign-in, and access needs the controls of all of them; a block in any one wins.",
  // Apps list no settings (object-settings.ts): this text is never shown today.
  apps: "Each app is its own deployment; two apps set no value that could disagree.",
};
const DISJOINT =
  "Their assignment filters never match the same device: each value applies only to the devices its own filter lets through.";
const MERGED =
  "Intune merges this setting across the policies that reach a device (Defender Antivirus exclusions, attack surface reduction rules, device control lists, firewall rules): the device gets the superset. intune-plan reports it as IP260, a warning naming the merged result.";
const PRIORITY =
  "Per platform, Intune applies only the enrollment restriction with the lowest priority number among those that reach the user; the others do not apply at all.";
const KINDS: Partial<Readonly<Record<AssignableSection, Kind>>> = { compliance: "compliancePolicy", appProtection: "appProtectionPolicy" };

/** The plan's value as JSON (plan values come from YAML: JSON-shaped already). */
const asJson = (v: unknown): Json => JSON.parse(JSON.stringify(v) ?? "null") as Json;
const pathKey = (a: SetValue, b: SetValue): string => `${JSON.stringify(a.path)}|${JSON.stringify(b.path)}`;

/** The validator's IP090 / IP091 findings by the pair of plan paths they name (either order). */
export function findingsByPair(diagnostics: readonly Diagnostic[]): Map<string, SettingFinding[]> {
  const out = new Map<string, SettingFinding[]>();
  for (const d of diagnostics) {
    const other = d.related?.[0]?.path;
    if (!["IP090", "IP091", "IP260", "IP261"].includes(d.code) || !other) continue;
    const finding: SettingFinding = { code: d.code, severity: d.severity, message: d.message };
    for (const key of [`${JSON.stringify(d.path)}|${JSON.stringify(other)}`, `${JSON.stringify(other)}|${JSON.stringify(d.path)}`])
      out.set(key, [...(out.get(key) ?? []), finding]);
  }
  return out;
}

/** The value every other value is weaker than, by the diff's strictness rules; undefined when they do not say. */
function mostRestrictive(
  kind: Kind,
  setting: string,
  values: readonly { value: Json; from: string }[],
): { value: Json; from: string[] } | undefined {
  const distinct = [...new Map(values.map((v) => [JSON.stringify(v.value), v.value])).values()];
  const best = distinct.find((v) => distinct.every((w) => w === v || relaxation(kind, [setting], v, w) !== undefined));
  if (best === undefined) return undefined;
  return { value: best, from: values.filter((v) => JSON.stringify(v.value) === JSON.stringify(best)).map((v) => v.from) };
}

/** The enrollment restriction that applies per platform: the lowest priority number among those reached. */
function enrollmentWinners(plan: Plan, holders: readonly SettingHolder[]): Map<string, { address: string; count: number }> {
  const out = new Map<string, { address: string; priority: number; count: number }>();
  for (const h of holders) {
    const r = h.section === "enrollmentRestrictions" ? plan.enrollmentRestrictions[h.key] : undefined;
    if (!r) continue;
    const known = out.get(r.platform);
    if (!known || r.priority < known.priority)
      out.set(r.platform, { address: h.address, priority: r.priority, count: (known?.count ?? 0) + 1 });
    else known.count += 1;
  }
  return out;
}

export function effectiveSettings(
  plan: Plan,
  holders: readonly SettingHolder[],
  populations: Populations,
  findings: ReadonlyMap<string, readonly SettingFinding[]>,
): ExplainedSetting[] {
  const byId = new Map<string, { holder: SettingHolder; set: SetValue }[]>();
  for (const holder of holders) for (const set of holder.settings) byId.set(set.id, [...(byId.get(set.id) ?? []), { holder, set }]);
  const winners = enrollmentWinners(plan, holders);
  const out: ExplainedSetting[] = [];
  for (const [id, list] of byId) {
    const first = list[0];
    if (!first) continue;
    const { section } = first.holder;
    const sources = list.map(({ holder, set }) => ({ object: holder.address, value: asJson(set.value) }));
    const base = { setting: first.set.setting, appliesTo: first.set.appliesTo, section, sources };
    const pairFindings = list.flatMap((a, i) => list.slice(i + 1).flatMap((b) => findings.get(pathKey(a.set, b.set)) ?? []));
    const plain = (verdict: SettingVerdict, value: Json | null, from: readonly string[], rule: string | null): ExplainedSetting => ({
      ...base,
      verdict,
      value,
      from,
      rule,
      intuneApplies: null,
      findings: pairFindings,
    });
    if (section === "enrollmentRestrictions") {
      const winner = winners.get(id.split(":")[1] ?? "");
      if (!winner || winner.count < 2) {
        out.push(plain("single", sources[0]?.value ?? null, [first.holder.address], null));
        continue;
      }
      const applied = sources.find((s) => s.object === winner.address);
      out.push(
        plain(
          "priority",
          applied?.value ?? null,
          applied ? [winner.address] : [],
          `${PRIORITY} Here that is ${winner.address}${applied ? "" : ", which does not set it"}.`,
        ),
      );
      continue;
    }
    if (list.length === 1) {
      out.push(plain("single", sources[0]?.value ?? null, [first.holder.address], null));
      continue;
    }
    if (new Set(list.map((x) => x.set.compare)).size === 1) {
      out.push(
        plain(
          "agreed",
          sources[0]?.value ?? null,
          sources.map((s) => s.object),
          null,
        ),
      );
      continue;
    }
    // The strongest overlap of two holders with different values: both reach the group, and their filters meet.
    let worst: Overlap = { level: "none", reasons: [] };
    list.forEach((a, i) =>
      list.slice(i + 1).forEach((b) => {
        if (a.set.compare === b.set.compare || a.holder.address === b.holder.address) return;
        const o = both(
          both(a.holder.overlap, b.holder.overlap),
          populations.filtersOverlap(a.holder.filter, b.holder.filter, a.holder.address, b.holder.address),
        );
        if (stronger(o.level, worst.level)) worst = o;
      }),
    );
    if (worst.level === "none") {
      out.push(plain("disjoint", null, [], DISJOINT));
      continue;
    }
    const why = worst.reasons.length > 0 ? ` Why they may meet: ${[...new Set(worst.reasons)].join("; ")}.` : "";
    const resolution = resolutionOf(section, id);
    if (resolution === "mostRestrictive") {
      const catalog = id.startsWith("catalog:");
      // Settings-catalog compliance compares instance bodies (the validator's values); template settings the plan's.
      const comparable = list.map(({ set }) => (catalog ? (JSON.parse(set.compare) as Json) : asJson(set.value)));
      const winner = mostRestrictiveValue(first.set.setting, catalog, comparable);
      const wins = winner === undefined ? [] : list.filter((_, i) => canonicalJson(comparable[i]) === canonicalJson(winner));
      const applied = wins[0] ? asJson(wins[0].set.value) : null;
      const from = wins.map((w) => w.holder.address);
      out.push({
        ...plain("most-restrictive", applied, from, `${RULES.compliance}${why}`),
        intuneApplies: applied === null ? null : { value: applied, from },
      });
      continue;
    }
    if (resolution === "merge") {
      const merged = mergeCatalogValues(
        first.set.setting,
        list.map(({ set }) => JSON.parse(set.compare) as JsonObject),
      );
      if (merged) {
        out.push(
          plain(
            "merged",
            merged.value,
            sources.map((s) => s.object),
            `${MERGED}${why}`,
          ),
        );
        continue;
      }
    }
    const kind = KINDS[section];
    const strictest = kind
      ? mostRestrictive(
          kind,
          first.set.setting,
          sources.map((s) => ({ value: s.value, from: s.object })),
        )
      : undefined;
    out.push({
      ...plain(worst.level === "certain" ? "conflict" : "may-conflict", null, [], `${RULES[section]}${why}`),
      intuneApplies: strictest ?? null,
    });
  }
  return out.sort((a, b) => compareText(a.appliesTo, b.appliesTo) || compareText(a.setting, b.setting));
}
