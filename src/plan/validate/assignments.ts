// Assignment mistakes: include+exclude of one group (IP060), filter platform (IP061) and management type (IP063),
// mixed user/device include and exclude (IP064), filterMode without a filter (IP066), phase options (IP013, IP053),
// include groups that join a phased rollout ahead of their phase (IP054). Target types are in target-types.ts.
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { APP_FILTER_PLATFORMS, FILTER_PLATFORMS } from "../../graph-model/vocabulary.ts";
import type { Plan } from "../schema.ts";
import { ANY_PLATFORM, assignableObjects, phaseCovers } from "../targets.ts";

/**
 * A phased object targets its `include` groups from its first phase on, besides each phase's audience as that phase
 * comes. A group that is the audience of a later phase (one the object reaches) therefore gets the object early,
 * which defeats the rollout; `allUsers` / `allDevices` are taken as meant ("everyone from phase `from` on").
 */
function earlyIncludes(
  plan: Plan,
  platform: string,
  from: string | undefined,
  include: readonly string[],
  base: readonly (string | number)[],
): Diagnostic[] {
  const first = from === undefined ? 0 : plan.phases.findIndex((p) => p.key === from);
  if (first < 0) return [];
  const out: Diagnostic[] = [];
  include.forEach((g, j) => {
    const later = plan.phases.findIndex((p, i) => i > first && p.audience.includes(g) && phaseCovers(p, platform));
    const phase = plan.phases[later];
    if (!phase) return;
    out.push(
      diagnostic("IP054", {
        path: [...base, "include", j],
        message: `${g} is the audience of phase ${phase.key}, but include gives it this object from phase ${plan.phases[first]?.key ?? ""}`,
      }),
    );
  });
  return out;
}

export function checkAssignments(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const obj of assignableObjects(plan)) {
    const a = obj.assignment;
    const base = [obj.section, obj.key, "assignment"];
    const rollout = a?.rollout ?? (plan.phases.length > 0 ? "phased" : "fixed");
    if (rollout === "phased" && plan.phases.length === 0) {
      out.push(
        diagnostic("IP053", {
          path: a ? [...base, "rollout"] : [obj.section, obj.key],
          message: "a phased assignment needs rollout phases, and the plan defines none",
          hint: "Define phases, or use rollout: fixed with include groups.",
        }),
      );
    }
    if (!a) continue;
    if (rollout === "fixed" && a.from !== undefined) {
      out.push(
        diagnostic("IP013", {
          path: [...base, "from"],
          message: "from applies to phased rollouts only",
          hint: "Remove from, or set rollout: phased.",
        }),
      );
    }
    const include = a.include ?? [];
    const exclude = a.exclude ?? [];
    if (a.filterMode !== undefined && a.filter === undefined) {
      out.push(
        diagnostic("IP066", { path: [...base, "filterMode"], message: `filterMode: ${a.filterMode} without a filter has no effect` }),
      );
    }
    if (rollout === "phased") out.push(...earlyIncludes(plan, obj.platform, a.from, include, base));
    exclude.forEach((g, j) => {
      if (include.includes(g))
        out.push(diagnostic("IP060", { path: [...base, "exclude", j], message: `group ${g} is both included and excluded` }));
    });
    const groupsOf = (keys: readonly string[]): string[] => keys.filter((k) => plan.groups[k] !== undefined);
    const incKinds = new Set(groupsOf(include).map((g) => plan.groups[g]?.members));
    const excKinds = new Set(groupsOf(exclude).map((g) => plan.groups[g]?.members));
    if (incKinds.size === 1 && excKinds.size > 0 && [...excKinds].some((k) => !incKinds.has(k))) {
      out.push(
        diagnostic("IP064", {
          path: [...base, "exclude"],
          message: `includes ${[...incKinds][0]} groups but excludes ${[...excKinds].filter((k) => !incKinds.has(k)).join(", ")} groups`,
        }),
      );
    }
    // An object without a platform (terms and conditions) takes no filter at all (IP180).
    if (a.filter !== undefined && obj.platform !== ANY_PLATFORM) {
      const filter = plan.filters[a.filter];
      if (!filter) continue;
      const isApp = obj.section === "appProtection" || obj.section === "appConfiguration";
      const app = obj.section === "apps" ? plan.apps[obj.key] : undefined;
      const allowed = app ? APP_FILTER_PLATFORMS[app.type] : (FILTER_PLATFORMS[isApp ? `app:${obj.platform}` : obj.platform] ?? []);
      if (!allowed.includes(filter.platform)) {
        out.push(
          diagnostic("IP061", {
            path: [...base, "filter"],
            message:
              allowed.length > 0
                ? `filter ${a.filter} is for ${filter.platform}; this ${obj.platform} policy needs a filter for ${allowed.join(" or ")}`
                : `filter ${a.filter} is for ${filter.platform}; no filter platform suits a ${obj.platform} policy (Graph's devicePlatformType has none): remove the filter`,
          }),
        );
      }
      const management = filter.management ?? "devices";
      if (isApp !== (management === "apps")) {
        out.push(
          diagnostic("IP063", {
            path: [...base, "filter"],
            message: `${obj.section} needs a${isApp ? "n apps" : " devices"} filter; ${a.filter} is a ${management} filter`,
          }),
        );
      }
    }
  }
  return out;
}
