// Drift: the part of a change set about objects the tenant and the plan both have (what changed outside the plan),
// leaving out what the plan has yet to create. Pure. A subset is a change set in its own right: its summary, risks
// and newly reached groups are those of what it lists, never the full set's.
import type { ChangeSet, ReachedGroup } from "./change-set.ts";
import { summarise } from "./risks.ts";

/**
 * `set` without the objects it would create, their assignment sets, and the risks and newly reached groups that
 * come only from those. Counts are recomputed from what is kept; a group kept `within` another that is not kept
 * counts on its own again. Findings and unmanaged objects are kept whole (they are about the tenant).
 */
export function driftOnly(set: ChangeSet): ChangeSet {
  const objects = set.objects.filter((o) => o.action !== "create");
  const existing = new Set(objects.map((o) => o.address));
  const assignments = set.assignments.filter((a) => existing.has(a.of));
  const risks = set.risks.filter((r) => r.address === undefined || existing.has(r.address));
  const kept = set.summary.newlyReached
    .map((g) => ({ ...g, reachedBy: g.reachedBy.filter((by) => existing.has(by)) }))
    .filter((g) => g.reachedBy.length > 0);
  const groups = new Set(kept.map((g) => g.group));
  const reached = kept.map(({ within, ...g }): ReachedGroup => (within !== undefined && groups.has(within) ? { ...g, within } : g));
  return { ...set, objects, assignments, risks, summary: summarise(objects, assignments, risks, reached) };
}
