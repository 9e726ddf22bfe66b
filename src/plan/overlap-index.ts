// The pairs of groups (from one list) whose members may meet, found without comparing every pair where rules
// pin the same property: plans of thousands of campus or unit groups (`device.displayName -startsWith "U17-"`)
// would otherwise cost a quadratic number of rule comparisons per setting. Pure.
import type { Atom, Confinement } from "./reach.ts";
import { confinementsDisjoint } from "./reach.ts";

export interface IndexedGroup {
  readonly key: string;
  readonly kind: string;
  /** Undefined: the group's membership is not pinned (assigned, or a rule with -or / -not / -any). */
  readonly confinement: Confinement | undefined;
}

/** Index of the first element ≥ `value` in a sorted array. */
function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Groups pinned on one property, indexed by the values and prefixes of their first atom on it. */
class PropertyClass {
  private readonly byValue = new Map<string, number[]>();
  private readonly byPrefix = new Map<string, number[]>();
  private sortedValues: string[] = [];
  private sortedPrefixes: string[] = [];
  readonly members: number[] = [];

  add(i: number, atom: Atom): void {
    this.members.push(i);
    const put = (m: Map<string, number[]>, k: string): void => {
      const l = m.get(k);
      if (l) l.push(i);
      else m.set(k, [i]);
    };
    if (atom.kind === "eq") for (const v of atom.values) put(this.byValue, v);
    else put(this.byPrefix, atom.prefix);
  }

  seal(): void {
    this.sortedValues = [...this.byValue.keys()].sort();
    this.sortedPrefixes = [...this.byPrefix.keys()].sort();
  }

  /** Members whose atom may admit a value `atom` admits (a superset of the true answer). */
  candidates(atom: Atom): Set<number> {
    const out = new Set<number>();
    const addAll = (l: readonly number[] | undefined): void => {
      for (const i of l ?? []) out.add(i);
    };
    const prefixesOf = (s: string): void => {
      for (let n = 0; n <= s.length; n++) addAll(this.byPrefix.get(s.slice(0, n)));
    };
    const extending = (p: string, sorted: readonly string[], m: ReadonlyMap<string, readonly number[]>): void => {
      for (let j = lowerBound(sorted, p); j < sorted.length && (sorted[j] as string).startsWith(p); j++) addAll(m.get(sorted[j] as string));
    };
    if (atom.kind === "eq") {
      for (const v of atom.values) {
        addAll(this.byValue.get(v));
        prefixesOf(v);
      }
    } else {
      prefixesOf(atom.prefix);
      extending(atom.prefix, this.sortedPrefixes, this.byPrefix);
      extending(atom.prefix, this.sortedValues, this.byValue);
    }
    return out;
  }
}

/**
 * Every pair [i, j] (i < j, indexes into `groups`) of groups of one kind that are not provably disjoint, and every
 * pair of groups of different kinds (a device group and a user group may always meet on a user's device).
 * Groups of one kind pinned on the same first property are matched through an index, so a plan of many such
 * groups costs what it reports; other pairs are compared one by one.
 */
export function overlappingPairs(groups: readonly IndexedGroup[]): [number, number][] {
  const out: [number, number][] = [];
  const classes = new Map<string, PropertyClass>();
  const firstAtoms = groups.map((g): [string, Atom] | undefined => {
    if (!g.confinement) return undefined;
    const property = [...g.confinement.keys()].sort()[0] as string;
    return [`${g.kind}|${property}`, (g.confinement.get(property) as readonly Atom[])[0] as Atom];
  });
  firstAtoms.forEach((first, i) => {
    if (!first) return;
    let c = classes.get(first[0]);
    if (!c) {
      c = new PropertyClass();
      classes.set(first[0], c);
    }
    c.add(i, first[1]);
  });
  for (const c of classes.values()) c.seal();
  const meet = (i: number, j: number): void => {
    const gi = groups[i] as IndexedGroup;
    const gj = groups[j] as IndexedGroup;
    if (gi.kind !== gj.kind || !confinementsDisjoint(gi.confinement, gj.confinement)) out.push(i < j ? [i, j] : [j, i]);
  };
  for (const c of classes.values()) {
    for (const i of c.members) {
      for (const j of c.candidates((firstAtoms[i] as [string, Atom])[1])) if (j > i) meet(i, j);
    }
  }
  // Pairs across classes, and with groups of no class: each such pair once, never walking a group's own class.
  const unclassed = groups.map((_, i) => i).filter((i) => firstAtoms[i] === undefined);
  const lists: (readonly number[])[] = [...[...classes.values()].map((c) => c.members), unclassed];
  lists.forEach((members, a) => {
    lists.forEach((others, b) => {
      if (b < a || (b === a && members !== unclassed)) return;
      for (const i of members) for (const j of others) if (b > a || j > i) meet(i, j);
    });
  });
  return out;
}
