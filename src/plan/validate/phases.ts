// Rollout phase rules: order (IP050), one phase per group (IP051), no VIPs in pilots (IP052), phase keys (IP053),
// phase size against its groups' estimates (IP055).
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import type { Phase, Plan } from "../schema.ts";

/** A phase is a pilot when it says so, or (when silent) when its key or name says "pilot". */
export function isPilot(phase: Phase): boolean {
  return phase.pilot ?? /pilot/i.test(`${phase.key} ${phase.displayName}`);
}

const overlaps = (a: Phase, b: Phase): boolean => !a.platforms || !b.platforms || a.platforms.some((p) => b.platforms?.includes(p));

/** The people an assigned user group's `memberList` names, folded, each once; undefined when it lists none. */
function listedPeople(plan: Plan, key: string): Set<string> | undefined {
  const g = plan.groups[key];
  return g?.membership === "assigned" && g.members === "users" && g.memberList
    ? new Set(g.memberList.map((n) => n.trim().toLowerCase()))
    : undefined;
}

/**
 * A phase's `users` disagrees with its audience's sizes when every group has one and they add up to another number,
 * or when the groups that have one already add up to more. A group's size is the people its `memberList` names
 * (exact; a person two groups list counts once), else its `estimatedMembers`. Groups with neither say nothing, so a
 * plan that gives none is never checked.
 */
function sizeMismatch(plan: Plan, phase: Phase): string | undefined {
  if (phase.users === undefined) return undefined;
  const people = new Set<string>();
  const parts: string[] = [];
  let estimated = 0;
  let unknown = 0;
  for (const g of phase.audience) {
    const listed = listedPeople(plan, g);
    const estimate = plan.groups[g]?.estimatedMembers;
    if (listed) {
      for (const n of listed) people.add(n);
      parts.push(`${g} ${listed.size} listed`);
    } else if (estimate !== undefined) {
      estimated += estimate;
      parts.push(`${g} ${estimate}`);
    } else unknown++;
  }
  if (parts.length === 0) return undefined;
  const sum = people.size + estimated;
  const complete = unknown === 0;
  if (complete ? sum === phase.users : sum <= phase.users) return undefined;
  return `phase ${phase.key} expects ${phase.users} users, but its groups hold ${parts.join(" + ")} = ${sum}${complete ? "" : " before the groups without an estimate"}`;
}

export function checkPhases(plan: Plan, platforms: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seenKeys = new Map<string, number>();
  const groupPhase = new Map<string, number>();
  plan.phases.forEach((phase, i) => {
    const first = seenKeys.get(phase.key);
    if (first !== undefined)
      out.push(
        diagnostic("IP053", { path: ["phases", i, "key"], message: `phase key ${phase.key} is already used by phase ${first + 1}` }),
      );
    else seenKeys.set(phase.key, i);
    const prev = plan.phases[i - 1];
    if (prev?.start && phase.start && phase.start < prev.start) {
      out.push(
        diagnostic("IP050", {
          path: ["phases", i, "start"],
          message: `${phase.key} starts ${phase.start}, before the previous phase ${prev.key} (${prev.start})`,
        }),
      );
    }
    for (const [j, p] of (phase.platforms ?? []).entries()) {
      if (!platforms.has(p))
        out.push(
          diagnostic("IP013", {
            path: ["phases", i, "platforms", j],
            message: `${p} is not a platform; use one of ${[...platforms].sort().join(", ")}`,
          }),
        );
    }
    const mismatch = sizeMismatch(plan, phase);
    if (mismatch) out.push(diagnostic("IP055", { path: ["phases", i, "users"], message: mismatch }));
    phase.audience.forEach((g, j) => {
      const other = groupPhase.get(g);
      const otherPhase = other === undefined ? undefined : plan.phases[other];
      if (otherPhase && other !== i && overlaps(otherPhase, phase)) {
        out.push(
          diagnostic("IP051", {
            path: ["phases", i, "audience", j],
            message: `group ${g} is already in phase ${otherPhase.key}`,
            related: [
              { message: `${g} in ${otherPhase.key}`, path: ["phases", other as number, "audience", otherPhase.audience.indexOf(g)] },
            ],
          }),
        );
      } else if (other === undefined) groupPhase.set(g, i);
      if (isPilot(phase) && plan.groups[g]?.vip) {
        out.push(
          diagnostic("IP052", {
            path: ["phases", i, "audience", j],
            message: `pilot phase ${phase.key} includes ${g}, which is marked vip`,
          }),
        );
      }
    });
  });
  return out;
}
