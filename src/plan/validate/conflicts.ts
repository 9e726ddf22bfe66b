// Setting conflicts (IP090) and redundant duplicates (IP091): two policies that set the same Graph property on the
// same @odata.type, or the same settingDefinitionId, for targets that overlap in the same phase (S23).
// Cost is linear in (policies × targets) per setting: each target bucket is compared against its first entry.
import type { Diagnostic, PlanPath } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { APP_PROTECTION_TYPES, COMPLIANCE_TYPES, CONFIGURATION_TYPES } from "../graph-types.ts";
import type { AssignableSection, Plan } from "../schema.ts";
import { canonicalJson } from "../../canonical-json.ts";
import { catalogSettingValues, expandCatalogSettings } from "../settings-catalog.ts";
import type { EffectiveTargets } from "../targets.ts";
import { assignableObjects, effectiveTargets } from "../targets.ts";

interface Assertion {
  readonly policy: number;
  readonly value: string;
  readonly display: string;
  readonly path: PlanPath;
}

interface PolicyRef { readonly section: AssignableSection; readonly key: string }

function settingAssertions(plan: Plan): { policies: PolicyRef[]; bySetting: Map<string, Assertion[]> } {
  const policies: PolicyRef[] = [];
  const bySetting = new Map<string, Assertion[]>();
  const add = (setting: string, a: Assertion): void => {
    const list = bySetting.get(setting);
    if (list) list.push(a); else bySetting.set(setting, [a]);
  };
  const template = (section: AssignableSection, key: string, type: string | undefined, settings: unknown): void => {
    if (!type || typeof settings !== "object" || settings === null || Array.isArray(settings)) return;
    const policy = policies.push({ section, key }) - 1;
    for (const [prop, v] of Object.entries(settings)) {
      add(`${type}:${prop}`, { policy, value: canonicalJson(v), display: JSON.stringify(v), path: [section, key, "settings", prop] });
    }
  };
  for (const [key, p] of Object.entries(plan.compliance)) template("compliance", key, COMPLIANCE_TYPES[p.platform], p.settings);
  for (const [key, p] of Object.entries(plan.appProtection)) template("appProtection", key, APP_PROTECTION_TYPES[p.platform], p.settings);
  for (const [key, p] of Object.entries(plan.configuration)) {
    if (p.profile !== "settingsCatalog") { template("configuration", key, CONFIGURATION_TYPES[p.profile][p.platform], p.settings); continue; }
    const { settings, issues } = expandCatalogSettings(p.settings);
    if (issues.length > 0) continue;
    const policy = policies.push({ section: "configuration", key }) - 1;
    const ids = [...catalogSettingValues(settings)];
    ids.forEach(([id, value], i) => {
      const at = Array.isArray(p.settings) ? i : id;
      add(`catalog:${id}`, { policy, value, display: value, path: ["configuration", key, "settings", at] });
    });
  }
  return { policies, bySetting };
}

type Overlap = "definite" | "possible" | "none";

function overlapOf(a: EffectiveTargets, b: EffectiveTargets): Overlap {
  if (a.filter && b.filter) {
    if (a.filter.key !== b.filter.key) return "possible";
    return a.filter.mode === b.filter.mode ? "definite" : "none";
  }
  return "definite";
}

export function checkConflicts(plan: Plan): Diagnostic[] {
  const { policies, bySetting } = settingAssertions(plan);
  const objects = new Map(assignableObjects(plan).map((o) => [`${o.section}.${o.key}`, o]));
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  const phases = plan.phases.length > 0 ? plan.phases.map((_, i) => i) : [-1];
  const memberKind = (g: string): string => plan.groups[g]?.members ?? "unknown";

  for (const phase of phases) {
    const targets = policies.map((p) => effectiveTargets(plan, objects.get(`${p.section}.${p.key}`) as NonNullable<ReturnType<typeof objects.get>>, phase));
    const phaseName = phase >= 0 ? (plan.phases[phase]?.key ?? "") : "";
    for (const [setting, assertions] of bySetting) {
      if (assertions.length < 2) continue;
      const buckets = new Map<string, Assertion[]>();
      const push = (token: string, a: Assertion): void => { const b = buckets.get(token); if (b) b.push(a); else buckets.set(token, [a]); };
      for (const a of assertions) {
        const t = targets[a.policy] as EffectiveTargets;
        for (const g of t.include) if (!t.exclude.includes(g)) push(g, a);
        for (const v of t.virtual) push(`*${v}`, a);
      }
      // Virtual targets overlap every group of their member kind that the other policy does not exclude.
      for (const [token, list] of [...buckets]) {
        if (token.startsWith("*")) continue;
        const kind = memberKind(token) === "devices" ? "*allDevices" : "*allUsers";
        for (const v of buckets.get(kind) ?? []) {
          if (!(targets[v.policy] as EffectiveTargets).exclude.includes(token) && !list.includes(v)) list.push(v);
        }
      }
      for (const [token, list] of buckets) {
        if (list.length < 2) continue;
        const first = list[0] as Assertion;
        for (const other of list.slice(1)) {
          if (other.policy === first.policy) continue;
          const [a, b] = first.policy < other.policy ? [first, other] : [other, first];
          const id = `${setting}|${a.policy}|${b.policy}`;
          if (reported.has(id)) continue;
          const overlap = overlapOf(targets[a.policy] as EffectiveTargets, targets[b.policy] as EffectiveTargets);
          if (overlap === "none") continue;
          reported.add(id);
          const pa = policies[a.policy] as PolicyRef;
          const where = `${token.startsWith("*") ? token.slice(1) : `group ${token}`}${phaseName ? ` in phase ${phaseName}` : ""}`;
          const name = setting.slice(setting.indexOf(":") + 1);
          if (a.value === b.value) {
            if (overlap === "definite") out.push(diagnostic("IP091", { path: b.path, message: `${name} is set to the same value by ${pa.section}.${pa.key} for ${where}`, related: [{ message: `also set by ${pa.section}.${pa.key}`, path: a.path }] }));
            continue;
          }
          out.push(diagnostic("IP090", {
            path: b.path,
            ...(overlap === "possible" ? { severity: "warning" as const } : {}),
            message: `${name} = ${b.display} ${overlap === "possible" ? "may conflict" : "conflicts"} with ${pa.section}.${pa.key} (${a.display}) for ${where}${overlap === "possible" ? " (their assignment filters differ)" : ""}`,
            related: [{ message: `${pa.section}.${pa.key} sets ${name} = ${a.display}`, path: a.path }],
          }));
        }
      }
    }
  }
  return out;
}
