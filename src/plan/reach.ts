// What an assignment target reaches, and whether two targets reach a common device (S23). Pure; read by the
// conflict check. Device configuration and compliance land on devices whichever way they are targeted: a user
// group's policy lands on its users' devices, so user and device targets are compared on the devices they reach.
//
// "certain": if both targets reach anyone at all, they reach a common device (the same group; allUsers and a user
// group; allDevices and any group). "possible": their membership can intersect but need not (two groups of one
// kind whose rules do not exclude each other, an assigned group, a device group and a user group, a device group
// and allUsers, a filter on one side only). "none": provably disjoint (rules that contradict each other, filters
// of other platforms or contradicting rules, an exclusion of the other target).
import type { RuleAnalysis } from "./rules.ts";
import { analyzeRule, FILTER_RULES, MEMBERSHIP_RULES } from "./rules.ts";
import type { Filter, Group } from "./schema.ts";

export type OverlapLevel = "certain" | "possible" | "none";

/** An overlap and, unless it is a plain "same target", why it holds. */
export interface Overlap {
  readonly level: OverlapLevel;
  readonly reasons: readonly string[];
}

const RANK: Readonly<Record<OverlapLevel, number>> = { none: 0, possible: 1, certain: 2 };
export const stronger = (a: OverlapLevel, b: OverlapLevel): boolean => RANK[a] > RANK[b];

/** Both must hold: the weaker level, with the reasons of both. */
export function both(a: Overlap, b: Overlap): Overlap {
  const level = RANK[a.level] <= RANK[b.level] ? a.level : b.level;
  return { level, reasons: level === "none" ? [] : [...a.reasons, ...b.reasons] };
}

/**
 * One conjunct of a rule that pins a property: to one of a set of values (-eq, -in) or to a prefix (-startsWith).
 * Values are lower-cased: Entra and filter string comparisons ignore case.
 */
export type Atom = { readonly kind: "eq"; readonly values: ReadonlySet<string> } | { readonly kind: "prefix"; readonly prefix: string };

/** Property (`device.displayName`) → the atoms a member must satisfy. Undefined: the rule pins nothing provable. */
export type Confinement = ReadonlyMap<string, readonly Atom[]>;

/** The atoms a plain conjunction pins; other operators (-ne, -contains, …) only narrow further and are left out. */
export function confinementOf(analysis: RuleAnalysis): Confinement | undefined {
  if (analysis.findings.length > 0 || !analysis.conjunctive) return undefined;
  const out = new Map<string, Atom[]>();
  for (const c of analysis.comparisons) {
    const values = c.values.filter((v) => v !== null).map((v) => String(v).toLowerCase());
    let atom: Atom | undefined;
    if ((c.operator === "eq" || c.operator === "in") && values.length === c.values.length) atom = { kind: "eq", values: new Set(values) };
    else if (c.operator === "startsWith" && values.length === 1) atom = { kind: "prefix", prefix: values[0] as string };
    if (!atom) continue;
    const key = `${c.prefix}.${c.property}`;
    out.set(key, [...(out.get(key) ?? []), atom]);
  }
  return out.size > 0 ? out : undefined;
}

function atomsDisjoint(a: Atom, b: Atom): boolean {
  if (a.kind === "eq" && b.kind === "eq") return ![...a.values].some((v) => b.values.has(v));
  if (a.kind === "prefix" && b.kind === "prefix") return !a.prefix.startsWith(b.prefix) && !b.prefix.startsWith(a.prefix);
  const [eq, prefix] = a.kind === "eq" ? [a, b as Extract<Atom, { kind: "prefix" }>] : [b as Extract<Atom, { kind: "eq" }>, a];
  return ![...eq.values].some((v) => v.startsWith(prefix.prefix));
}

/** True when no member can satisfy both: some property is pinned to values the other excludes. */
export function confinementsDisjoint(a: Confinement | undefined, b: Confinement | undefined): boolean {
  if (!a || !b) return false;
  for (const [property, atoms] of a) {
    const other = b.get(property);
    if (other && atoms.some((x) => other.some((y) => atomsDisjoint(x, y)))) return true;
  }
  return false;
}

/** Memoised rule analysis of groups and filters: each rule is parsed once per plan. */
export class Populations {
  private readonly groupCache = new Map<string, Confinement | undefined>();
  private readonly filterCache = new Map<string, Confinement | undefined>();

  private readonly groups: Readonly<Record<string, Group>>;
  private readonly filters: Readonly<Record<string, Filter>>;

  constructor(groups: Readonly<Record<string, Group>>, filters: Readonly<Record<string, Filter>>) {
    this.groups = groups;
    this.filters = filters;
  }

  kindOf(group: string): "users" | "devices" | undefined {
    return this.groups[group]?.members;
  }

  /** The atoms a dynamic group's rule pins; undefined for assigned groups and rules that pin nothing provable. */
  groupConfinement(group: string): Confinement | undefined {
    if (this.groupCache.has(group)) return this.groupCache.get(group);
    const g = this.groups[group];
    const c = g?.membership === "dynamic" && g.rule !== undefined ? confinementOf(analyzeRule(g.rule, MEMBERSHIP_RULES)) : undefined;
    this.groupCache.set(group, c);
    return c;
  }

  filterConfinement(filter: string): Confinement | undefined {
    if (this.filterCache.has(filter)) return this.filterCache.get(filter);
    const f = this.filters[filter];
    const c = f ? confinementOf(analyzeRule(f.rule, FILTER_RULES)) : undefined;
    this.filterCache.set(filter, c);
    return c;
  }

  /** Two different groups: whether their members can reach a common device. */
  groupsOverlap(a: string, b: string): Overlap {
    const ka = this.kindOf(a);
    const kb = this.kindOf(b);
    if (ka !== kb) {
      const [devices, users] = ka === "devices" ? [a, b] : [b, a];
      return { level: "possible", reasons: [`devices in group ${devices} may belong to users in group ${users}`] };
    }
    if (confinementsDisjoint(this.groupConfinement(a), this.groupConfinement(b))) return { level: "none", reasons: [] };
    const assigned = [a, b].find((g) => this.groups[g]?.membership === "assigned");
    return {
      level: "possible",
      reasons: [
        `groups ${a} and ${b} may share members: ${assigned ? `${assigned} is an assigned group` : "their rules do not exclude each other"}`,
      ],
    };
  }

  /**
   * The devices two assignment filters let through. `policyA` / `policyB` name the policies for the reasons.
   * A filter on one side only narrows that side to the devices it matches: possible.
   */
  filtersOverlap(a: FilterUse | undefined, b: FilterUse | undefined, policyA: string, policyB: string): Overlap {
    if (!a && !b) return { level: "certain", reasons: [] };
    if (!a || !b) {
      const [f, policy] = a ? [a, policyA] : [b as FilterUse, policyB];
      return {
        level: "possible",
        reasons: [
          f.mode === "include"
            ? `only devices matching filter ${f.key} get ${policy}`
            : `devices matching filter ${f.key} do not get ${policy}`,
        ],
      };
    }
    if (a.key === b.key) return a.mode === b.mode ? { level: "certain", reasons: [] } : { level: "none", reasons: [] };
    const fa = this.filters[a.key];
    const fb = this.filters[b.key];
    if (a.mode === "include" && b.mode === "include") {
      if (fa && fb && fa.platform !== fb.platform) return { level: "none", reasons: [] };
      if (confinementsDisjoint(this.filterConfinement(a.key), this.filterConfinement(b.key))) return { level: "none", reasons: [] };
    }
    return { level: "possible", reasons: ["their assignment filters differ"] };
  }
}

export interface FilterUse {
  readonly key: string;
  readonly mode: "include" | "exclude";
}
