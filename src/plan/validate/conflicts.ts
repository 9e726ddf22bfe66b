// Setting conflicts (IP090), redundant duplicates (IP091), merges (IP260) and most-restrictive compliance values
// (IP261): two policies that set the same Graph property on the same @odata.type, or the same settingDefinitionId,
// for targets that overlap in the same phase (S23). What a disagreement means is Intune's rule for the setting
// (plan/setting-resolution.ts, each rule cited there): configuration settings conflict (a certain overlap, reach.ts,
// is an error, a possible one a warning), the settings Intune merges (Defender exclusions, ASR rules, device control
// lists, firewall rules) are reported as the merge they make, and compliance settings as the most restrictive value
// Intune applies. A policy pair is reported once per setting, at its strongest overlap in its earliest phase. Cost per setting: each target's entries against one entry per distinct
// value, group pairs through overlap-index.ts, and All users / All devices policies by value-and-filter class, so it
// grows with what can conflict, not with policies squared.
import type { Diagnostic, PlanPath } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { APP_PROTECTION_TYPES, COMPLIANCE_TYPES, CONFIGURATION_TYPES, isCatalogCompliancePlatform } from "../../graph-model/vocabulary.ts";
import type { AssignableSection, Plan } from "../schema.ts";
import { canonicalJson } from "../../canonical-json.ts";
import { expandCatalogSettings } from "../settings-catalog.ts";
import type { Json } from "../../graph-model/json.ts";
import type { JsonObject } from "../settings-catalog.ts";
import { catalogEntries, describeMerged, mergeCatalogValues, mostRestrictiveValue, resolutionOf } from "../setting-resolution.ts";
import { overlappingPairs } from "../overlap-index.ts";
import { resolveAppId } from "../apps.ts";
import type { Overlap } from "../reach.ts";
import { both, Populations, stronger } from "../reach.ts";
import type { EffectiveTargets } from "../targets.ts";
import { assignableObjects, effectiveTargets } from "../targets.ts";

interface Assertion {
  readonly policy: number;
  /** The value's canonical JSON, compared between policies. */
  readonly value: string;
  /** The plan's own value, shown in a finding (as written, keys in its order); absent: shown as `value`. */
  readonly raw?: unknown;
  /** A settings-catalog instance body (what merges and strictness read); absent for template settings (see raw). */
  readonly instance?: JsonObject;
  /** An ASR rule of the policy's ASR rules setting: an equal rule is that setting's duplicate, not a finding. */
  readonly part?: boolean;
  readonly path: PlanPath;
}

interface PolicyRef {
  readonly section: AssignableSection;
  readonly key: string;
}

function settingAssertions(plan: Plan): { policies: PolicyRef[]; bySetting: Map<string, Assertion[]> } {
  const policies: PolicyRef[] = [];
  const bySetting = new Map<string, Assertion[]>();
  const add = (setting: string, a: Assertion): void => {
    const list = bySetting.get(setting);
    if (list) list.push(a);
    else bySetting.set(setting, [a]);
  };
  const template = (section: AssignableSection, key: string, type: string | undefined, settings: unknown): void => {
    if (!type || typeof settings !== "object" || settings === null || Array.isArray(settings)) return;
    const policy = policies.push({ section, key }) - 1;
    for (const [prop, v] of Object.entries(settings)) {
      add(`${type}:${prop}`, { policy, value: canonicalJson(v), raw: v, path: [section, key, "settings", prop] });
    }
  };
  const catalog = (section: AssignableSection, key: string, planSettings: unknown): void => {
    const { settings, issues } = expandCatalogSettings(planSettings);
    if (issues.length > 0) return;
    const policy = policies.push({ section, key }) - 1;
    for (const e of catalogEntries(settings, !Array.isArray(planSettings))) {
      add(`catalog:${e.id}`, {
        policy,
        value: e.compare,
        instance: e.value,
        ...(e.partOf ? { part: true } : {}),
        path: [section, key, "settings", ...e.at],
      });
    }
  };
  for (const [key, p] of Object.entries(plan.compliance)) {
    // Linux compliance settings are settings-catalog settings (GRAPH-NOTES §6.2).
    if (isCatalogCompliancePlatform(p.platform)) catalog("compliance", key, p.settings);
    else template("compliance", key, COMPLIANCE_TYPES[p.platform], p.settings);
  }
  for (const [key, p] of Object.entries(plan.appProtection)) template("appProtection", key, APP_PROTECTION_TYPES[p.platform], p.settings);
  // App configuration: a custom setting is the app's, so two policies disagree when they send one name to one app with
  // different values (explain/object-settings.ts customSettingValues names it the same way).
  for (const [key, p] of Object.entries(plan.appConfiguration)) {
    if (!p.customSettings) continue;
    const policy = policies.push({ section: "appConfiguration", key }) - 1;
    const apps = new Set(p.apps.map((a) => resolveAppId(a, p.platform)).filter((a): a is string => a !== undefined));
    for (const [name, v] of Object.entries(p.customSettings))
      for (const app of apps)
        add(`appConfig:${p.platform}:${app}:${name}`, {
          policy,
          value: canonicalJson(String(v)),
          raw: v,
          path: ["appConfiguration", key, "customSettings", name],
        });
  }
  for (const [key, p] of Object.entries(plan.configuration)) {
    if (p.profile !== "settingsCatalog") {
      template("configuration", key, CONFIGURATION_TYPES[p.profile][p.platform], p.settings);
      continue;
    }
    catalog("configuration", key, p.settings);
  }
  return { policies, bySetting };
}

const shown = (a: Assertion): string => (a.raw === undefined ? a.value : JSON.stringify(a.raw));

/** A group key, or `*allUsers` / `*allDevices`. */
type Token = string;

interface Finding {
  readonly setting: string;
  readonly a: Assertion;
  readonly b: Assertion;
  readonly ta: Token;
  readonly tb: Token;
  readonly overlap: Overlap;
  readonly phase: string;
}

const ALL_USERS = "*allUsers";
const ALL_DEVICES = "*allDevices";
const CERTAIN: Overlap = { level: "certain", reasons: [] };
const label = (t: Token): string => (t.startsWith("*") ? t.slice(1) : `group ${t}`);

/** The first assertion of each distinct value: comparing against these finds every differing pair of a bucket. */
function representatives(list: readonly Assertion[]): readonly Assertion[] {
  // Most buckets hold one policy (a site's group): no map for those.
  if (list.length < 2) return list;
  const byValue = new Map<string, Assertion>();
  for (const a of list) if (!byValue.has(a.value)) byValue.set(a.value, a);
  return [...byValue.values()];
}

/**
 * Assertions in classes of one value and one assignment filter (key and mode): whether two targets' filters let a
 * common device through, and whether their values differ, is the same for every member of a class.
 */
function filterValueClasses(list: readonly Assertion[], targetsOf: (a: Assertion) => EffectiveTargets): Assertion[][] {
  const classes = new Map<string, Assertion[]>();
  for (const a of list) {
    const f = targetsOf(a).filter;
    const key = `${f ? `${f.mode}:${f.key}` : ""}\n${a.value}`;
    const members = classes.get(key);
    if (members) members.push(a);
    else classes.set(key, [a]);
  }
  return [...classes.values()];
}

export function checkConflicts(plan: Plan): Diagnostic[] {
  const { policies, bySetting } = settingAssertions(plan);
  const objects = new Map(assignableObjects(plan).map((o) => [`${o.section}.${o.key}`, o]));
  const populations = new Populations(plan.groups, plan.filters);
  const phases = plan.phases.length > 0 ? plan.phases.map((_, i) => i) : [-1];
  const nameOf = (i: number): string => {
    const p = policies[i] as PolicyRef;
    return `${p.section}.${p.key}`;
  };

  // A fixed object targets the same in every phase: its targets are computed once, and a setting none of whose
  // policies is phased has, after the first phase, exactly the findings of the first: it is skipped.
  const owners = policies.map((p) => objects.get(`${p.section}.${p.key}`) as NonNullable<ReturnType<typeof objects.get>>);
  const phased = owners.map((o) => (o.assignment?.rollout ?? (plan.phases.length > 0 ? "phased" : "fixed")) === "phased");
  const targetsIn = (phase: number, previous: readonly EffectiveTargets[]): readonly EffectiveTargets[] =>
    owners.map((o, i) => (previous.length === 0 || phased[i] ? effectiveTargets(plan, o, phase) : (previous[i] as EffectiveTargets)));

  // An object's targets only grow from one phase to the next (effectiveTargets: audiences accumulate, nothing is
  // dropped), so a setting with no finding in the last phase has none in any. The last phase is checked first, for
  // every setting; the phases in order, which say where each finding starts, only for the settings it flagged.
  const last = phases[phases.length - 1] as number;
  const flagged = new Map<string, readonly Assertion[]>();
  const lastTargets = targetsIn(last, []);
  for (const [setting, assertions] of bySetting) {
    if (assertions.length < 2) continue;
    const found = new Map<string, Finding>();
    findInSetting(setting, assertions, (a) => lastTargets[a.policy] as EffectiveTargets, populations, nameOf, "", found);
    if (found.size > 0) flagged.set(setting, assertions);
  }
  const findings = new Map<string, Finding>();
  let targets: readonly EffectiveTargets[] = [];
  for (const phase of phases) {
    const first = targets.length === 0;
    targets = phase === last ? lastTargets : targetsIn(phase, targets);
    const current = targets;
    const phaseName = phase >= 0 ? (plan.phases[phase]?.key ?? "") : "";
    for (const [setting, assertions] of flagged) {
      if (!first && !assertions.some((a) => phased[a.policy])) continue;
      findInSetting(setting, assertions, (a) => current[a.policy] as EffectiveTargets, populations, nameOf, phaseName, findings);
    }
  }
  return [...findings.values()].map((f) => report(f, nameOf, policies));
}

/**
 * Every pair of one setting's assertions whose targets overlap in one phase (targetsOf), recorded in `findings` under
 * setting and policy pair, keeping a pair's strongest overlap and, among equals, the earliest phase that had it.
 */
function findInSetting(
  setting: string,
  assertions: readonly Assertion[],
  targetsOf: (a: Assertion) => EffectiveTargets,
  populations: Populations,
  nameOf: (policy: number) => string,
  phaseName: string,
  findings: Map<string, Finding>,
): void {
  const consider = (a: Assertion, ta: Token, b: Assertion, tb: Token, groups: Overlap): void => {
    if (a.policy === b.policy || groups.level === "none") return;
    if (targetsOf(a).exclude.includes(tb) || targetsOf(b).exclude.includes(ta)) return;
    const [x, tx, y, ty] = a.policy < b.policy ? [a, ta, b, tb] : [b, tb, a, ta];
    const overlap = both(groups, populations.filtersOverlap(targetsOf(x).filter, targetsOf(y).filter, nameOf(x.policy), nameOf(y.policy)));
    if (overlap.level === "none" || (x.value === y.value && (overlap.level !== "certain" || x.part))) return;
    const id = `${setting}|${x.policy}|${y.policy}`;
    const known = findings.get(id);
    if (!known || stronger(overlap.level, known.overlap.level))
      findings.set(id, { setting, a: x, b: y, ta: tx, tb: ty, overlap, phase: phaseName });
  };
  const buckets = new Map<Token, Assertion[]>();
  for (const a of assertions) {
    const t = targetsOf(a);
    const push = (token: Token): void => {
      const list = buckets.get(token);
      if (list) list.push(a);
      else buckets.set(token, [a]);
    };
    for (const g of t.include) if (!t.exclude.includes(g)) push(g);
    for (const v of t.virtual) push(`*${v}`);
  }
  const repsOf = new Map<Token, readonly Assertion[]>();
  for (const [token, list] of buckets) {
    const reps = representatives(list);
    repsOf.set(token, reps);
    if (list.length > 1) for (const e of list) for (const r of reps) consider(r, token, e, token, CERTAIN);
  }
  const allUsers = buckets.get(ALL_USERS) ?? [];
  const allDevices = buckets.get(ALL_DEVICES) ?? [];
  for (const u of allUsers)
    for (const d of representatives(allDevices))
      consider(u, ALL_USERS, d, ALL_DEVICES, { level: "certain", reasons: ["allDevices includes every user's devices"] });
  // An All users / All devices policy pairs with a group's policy or not by its value and its filter alone:
  // classes of those are checked once per group policy, and only the members of a class that pairs are
  // compared one by one, so "All devices + filter" policies cost what they report, not one check per group.
  const deviceClasses = filterValueClasses(allDevices, targetsOf);
  const userClasses = filterValueClasses(allUsers, targetsOf);
  const pairClasses = (classes: readonly Assertion[][], token: Token, r: Assertion, g: Token, via: Overlap): void => {
    for (const members of classes) {
      const first = members[0] as Assertion;
      const level = both(via, populations.filtersOverlap(targetsOf(first).filter, targetsOf(r).filter, "", "")).level;
      if (level === "none" || (first.value === r.value && level !== "certain")) continue;
      for (const v of members) consider(v, token, r, g, via);
    }
  };
  const groups = [...buckets.keys()].filter((t) => !t.startsWith("*"));
  // Without All users / All devices policies of this setting there is nothing to pair the groups' policies with.
  for (const g of deviceClasses.length + userClasses.length > 0 ? groups : []) {
    const reps = repsOf.get(g) ?? [];
    const users = populations.kindOf(g) === "users";
    const viaDevices: Overlap = {
      level: "certain",
      reasons: [users ? `allDevices includes the devices of group ${g}'s users` : `allDevices includes group ${g}`],
    };
    const viaUsers: Overlap = users
      ? { level: "certain", reasons: [`allUsers includes group ${g}`] }
      : { level: "possible", reasons: [`devices in group ${g} that have a signed-in user get both`] };
    for (const r of reps) pairClasses(deviceClasses, ALL_DEVICES, r, g, viaDevices);
    for (const r of reps) pairClasses(userClasses, ALL_USERS, r, g, viaUsers);
  }
  // Different groups can only add warnings about differing values: skip the pair search when all values agree.
  if (groups.length < 2 || new Set(assertions.map((a) => a.value)).size < 2) return;
  const indexed = groups.map((key) => ({
    key,
    kind: populations.kindOf(key) ?? "unknown",
    confinement: populations.groupConfinement(key),
  }));
  for (const [i, j] of overlappingPairs(indexed)) {
    const g1 = groups[i] as string;
    const g2 = groups[j] as string;
    const overlap = populations.groupsOverlap(g1, g2);
    for (const r1 of repsOf.get(g1) ?? []) {
      for (const r2 of repsOf.get(g2) ?? []) if (r1.value !== r2.value) consider(r1, g1, r2, g2, overlap);
    }
  }
}

/** A plan value as JSON (plan values come from YAML: JSON-shaped already). */
const asJson = (a: Assertion): Json => (a.instance ?? a.raw ?? JSON.parse(a.value)) as Json;

function report(f: Finding, nameOf: (policy: number) => string, policies: readonly PolicyRef[]): Diagnostic {
  const { setting, a, b, overlap } = f;
  const pa = nameOf(a.policy);
  const pb = nameOf(b.policy);
  const targets = f.ta === f.tb ? label(f.ta) : `${label(f.ta)} (${pa}) and ${label(f.tb)} (${pb})`;
  const where = `${targets}${f.phase ? ` in phase ${f.phase}` : ""}${overlap.reasons.length > 0 ? ` (${overlap.reasons.join("; ")})` : ""}`;
  const name = setting.slice(setting.indexOf(":") + 1);
  if (a.value === b.value) {
    return diagnostic("IP091", {
      path: b.path,
      message: `${name} is set to the same value by ${pa} for ${where}`,
      related: [{ message: `also set by ${pa}`, path: a.path }],
    });
  }
  const possible = overlap.level === "possible";
  const sections = [policies[a.policy]?.section, policies[b.policy]?.section];
  const resolution = sections[0] === sections[1] ? resolutionOf(sections[0] ?? "", setting) : "conflict";
  const catalog = setting.startsWith("catalog:");
  if (resolution === "mostRestrictive") {
    const winner = mostRestrictiveValue(name, catalog, [asJson(a), asJson(b)]);
    const wins = winner === undefined ? undefined : canonicalJson(winner) === canonicalJson(asJson(a)) ? a : b;
    const applies = wins
      ? `Intune applies the most restrictive, ${shown(wins)} (${nameOf(wins.policy)})`
      : "Intune applies the most restrictive of the two (intune-plan cannot order these values)";
    return diagnostic("IP261", {
      path: b.path,
      message: `${name} = ${shown(b)} (${pb}) and ${shown(a)} (${pa}) ${possible ? "may both apply" : "both apply"} to ${where}: ${applies}`,
      related: [{ message: `${pa} sets ${name} = ${shown(a)}`, path: a.path }],
    });
  }
  if (resolution === "merge" && a.instance && b.instance) {
    const merged = mergeCatalogValues(name, [a.instance, b.instance]);
    if (merged) {
      return diagnostic("IP260", {
        path: b.path,
        message: `${name} of ${pb} ${possible ? "may merge" : "merges"} with ${pa}'s for ${where}: the device gets ${describeMerged(name, merged)}`,
        related: [{ message: `${pa} sets ${name} too`, path: a.path }],
      });
    }
  }
  return diagnostic("IP090", {
    path: b.path,
    ...(possible ? { severity: "warning" as const } : {}),
    message: `${name} = ${shown(b)} ${possible ? "may conflict" : "conflicts"} with ${pa} (${shown(a)}) for ${where}`,
    related: [{ message: `${pa} sets ${name} = ${shown(a)}`, path: a.path }],
  });
}
