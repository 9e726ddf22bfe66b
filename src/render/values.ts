// How renderers show paths, targets and actions (values: diff/show-value.ts, shared with risk messages).
import { canonicalJson } from "../canonical-json.ts";
import type { DesiredTarget, Json } from "../compile/desired-state.ts";
import type { ChangeSummary, ObjectAction, ObjectChange, Ownership, PropertyChange, ReachedGroup } from "../diff/change-set.ts";
import { showValue } from "../diff/show-value.ts";

export const showPath = (path: readonly string[]): string => path.join(".");

export function showTarget(t: DesiredTarget): string {
  const who = t.group ?? t.kind;
  const filter = t.filter ? ` [${t.filter.mode} ${t.filter.address}]` : "";
  return t.kind === "exclusionGroup" ? `exclude ${who}` : `${who}${filter}`;
}

export const ACTION_SIGN: Readonly<Record<ObjectAction, string>> = {
  create: "+",
  update: "~",
  replace: "-/+",
  delete: "-",
  adopt: "<=",
  "no-op": " ",
};

/** The action as reviewers read it: without a stack, a name match says so instead of claiming an owner. */
export function actionLabel(o: ObjectChange, ownership: Ownership | undefined): string {
  return ownership?.source === "unknown" && o.matchedBy === "name" ? `${o.action}; matched by name, ownership unknown` : o.action;
}

/** One sentence on where ownership comes from (tenant bases). */
export function ownershipText(o: Ownership): string {
  return o.source === "stack"
    ? `Pulumi stack ${o.stack} (${o.objects} objects, ${o.assignmentSets} assignment sets, matched by id; other plan objects by name)`
    : `unknown (no stack given): ${o.matchedByName} object${o.matchedByName === 1 ? "" : "s"} matched by name, owned by a stack or not; preview --stack NAME tells`;
}

/** " (within All licensed users)" for a reached group whose users another listed group already counts; else "". */
export function withinText(g: ReachedGroup, s: ChangeSummary): string {
  if (g.alreadyCounted !== undefined) return ` (${g.alreadyCounted} already counted in another group)`;
  if (g.within === undefined) return "";
  return ` (within ${s.newlyReached.find((x) => x.group === g.within)?.displayName ?? g.within})`;
}

export function phaseLabel(side: { readonly label: string; readonly phase: string | null }): string {
  return side.phase === null ? side.label : `${side.label} (${side.phase})`;
}

/**
 * Before/after text for a property change. Two lists show only the items that left and joined (an app list or a
 * set of tags reads better as "-x +y" than as two long lists); other values show whole.
 */
export function showChange(p: PropertyChange): { before: string; after: string } {
  if (Array.isArray(p.before) && Array.isArray(p.after) && p.before.length > 0 && p.after.length > 0) {
    const was = new Set(p.before.map((v) => canonicalJson(v)));
    const now = new Set(p.after.map((v) => canonicalJson(v)));
    const removed = p.before.filter((v) => !now.has(canonicalJson(v)));
    const added = p.after.filter((v) => !was.has(canonicalJson(v)));
    const items = (sign: string, list: readonly Json[]): string => list.map((v) => `${sign}${showValue(v, p.path)}`).join(" ");
    return {
      before: removed.length > 0 ? items("-", removed) : "(no items removed)",
      after: added.length > 0 ? items("+", added) : "(no items added)",
    };
  }
  return { before: showValue(p.before, p.path), after: showValue(p.after, p.path) };
}
