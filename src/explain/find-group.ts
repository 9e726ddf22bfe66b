// Which plan group a user means: by key, or by display name (exactly, then ignoring case). When none matches, the
// closest keys and names, so that the usage error can offer them. Pure.
import { distance } from "fastest-levenshtein";
import type { Plan } from "../plan/schema.ts";

export type GroupLookup = { readonly found: true; readonly key: string } | { readonly found: false; readonly closest: readonly string[] };

/** At most this many suggestions: enough to spot a typo, few enough to read in one line. */
const SUGGESTIONS = 5;

export function findGroup(plan: Plan, query: string): GroupLookup {
  if (Object.hasOwn(plan.groups, query)) return { found: true, key: query };
  const entries = Object.entries(plan.groups);
  const exact = entries.filter(([, g]) => g.displayName === query);
  if (exact.length === 1 && exact[0]) return { found: true, key: exact[0][0] };
  const folded = entries.filter(([, g]) => g.displayName.toLowerCase() === query.toLowerCase());
  if (folded.length === 1 && folded[0]) return { found: true, key: folded[0][0] };
  // Each group once, at the distance of whichever of its key and name is nearer; keys shown, names where nearer.
  const q = query.toLowerCase();
  const ranked = entries
    .map(([key, g]) => {
      const byKey = distance(q, key.toLowerCase());
      const byName = distance(q, g.displayName.toLowerCase());
      return { label: byName < byKey ? `${key} ("${g.displayName}")` : key, d: Math.min(byKey, byName) };
    })
    .sort((a, b) => a.d - b.d || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { found: false, closest: ranked.slice(0, SUGGESTIONS).map((r) => r.label) };
}
