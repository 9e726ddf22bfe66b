// Risk findings: what a reviewer must see before anything else. Deletions and replacements, assignments that reach
// new people (with how many), settings that get weaker, and phase promotions that skip or go back.
import type { DesiredTarget, Json, JsonObject } from "../compile/desired-state.ts";
import { isPlainObject } from "../graph-model/json.ts";
import { newerTemplate } from "../graph-model/policy-templates.ts";
import type { Plan } from "../plan/schema.ts";
import { compareText } from "../text-order.ts";
import type { AssignmentChange, ChangeSet, ChangeSummary, ObjectChange, ReachedGroup, Risk, RiskCode, RiskSeverity } from "./change-set.ts";
import type { ChangeSide } from "../compile/state-view.ts";
import type { Audience } from "./audience.ts";
import { approxUsers } from "./audience.ts";
import { targetKey } from "./normalisation.ts";
import { relaxation } from "./relaxation.ts";
import { showValue } from "./show-value.ts";

interface RiskContext {
  readonly base: ChangeSide;
  readonly head: ChangeSide;
  readonly audience: Audience;
  readonly phases: readonly string[];
  /** Risks read from the head's bodies (accessRisks), which the audience does not change. */
  readonly fromBodies?: readonly Risk[];
}

/** The risks accessRisks finds: a reassessment against another audience keeps them as they are. */
export const BODY_RISKS: ReadonlySet<RiskCode> = new Set<RiskCode>(["access-lockout", "access-enforced"]);

const stringsIn = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/**
 * Conditional Access changes reviewers must see first, read from the head body of each policy the change set
 * creates, updates, replaces or adopts (its whole body: an update's properties are only what differs):
 * - access-lockout (high): the policy is on and reaches every user (includeUsers "All") and either blocks, or
 *   requires controls with no group or user excluded: the administrators who could undo it are locked out too
 *   unless a break-glass account is excluded (Microsoft's Conditional Access guidance: exclude emergency-access
 *   accounts from every policy);
 * - access-enforced (medium): the policy turns on (created on, or its state becomes enabled): from now on sign-ins
 *   that do not meet it are refused, where report-only only logged them.
 */
export function accessRisks(objects: readonly ObjectChange[], headBodies: ReadonlyMap<string, JsonObject>): Risk[] {
  const out: Risk[] = [];
  for (const o of objects) {
    if (o.kind !== "conditionalAccessPolicy" || o.action === "delete" || o.action === "no-op") continue;
    const body = headBodies.get(o.address);
    if (!body || body["state"] !== "enabled") continue;
    const conditions = isPlainObject(body["conditions"]) ? body["conditions"] : {};
    const users = isPlainObject(conditions["users"]) ? conditions["users"] : {};
    const grant = isPlainObject(body["grantControls"]) ? body["grantControls"] : {};
    const controls = stringsIn(grant["builtInControls"]);
    const everyone = stringsIn(users["includeUsers"]).includes("All");
    const excluded = [users["excludeGroups"], users["excludeUsers"], users["excludeRoles"]].some((l) => Array.isArray(l) && l.length > 0);
    const apps = stringsIn(isPlainObject(conditions["applications"]) ? conditions["applications"]["includeApplications"] : undefined);
    if (everyone && controls.includes("block"))
      out.push({
        code: "access-lockout",
        severity: "high",
        address: o.address,
        message: `${o.displayName} blocks every user${excluded ? " but the excluded" : ""} from ${apps.join(", ")}: administrators who are not excluded are locked out`,
      });
    else if (everyone && controls.length > 0 && !excluded)
      out.push({
        code: "access-lockout",
        severity: "high",
        address: o.address,
        message: `${o.displayName} requires ${controls.join(grant["operator"] === "OR" ? " or " : " and ")} of every user for ${apps.join(", ")} and excludes no one: an administrator who does not meet it is locked out (exclude a break-glass group)`,
      });
    const turnedOn = o.action === "create" || o.properties.some((p) => p.path.length === 1 && p.path[0] === "state");
    if (turnedOn)
      out.push({
        code: "access-enforced",
        severity: "medium",
        address: o.address,
        message: `${o.displayName} is enforced from this change: sign-ins to ${apps.join(", ")} that do not meet ${controls.join(grant["operator"] === "OR" ? " or " : " and ")} are refused, where report-only only logged them`,
      });
  }
  return out;
}

const groupTargets = (v: Json | undefined, kind: "group" | "exclusionGroup"): DesiredTarget[] =>
  (Array.isArray(v) ? v : []).flatMap((g): DesiredTarget[] =>
    typeof g === "string" ? [{ kind, group: g }] : isPlainObject(g) && typeof g["$ref"] === "string" ? [{ kind, group: g["$ref"] }] : [],
  );

/**
 * Whom a Conditional Access body applies to, as assignment targets (groups by plan address, or by id where the
 * plan does not know them; includeUsers "All" as all licensed users): nobody unless it is on, because a
 * report-only policy refuses no one, it only logs.
 */
export function conditionalAccessTargets(body: JsonObject | undefined): DesiredTarget[] {
  if (!body || body["state"] !== "enabled") return [];
  const conditions = isPlainObject(body["conditions"]) ? body["conditions"] : {};
  const users = isPlainObject(conditions["users"]) ? conditions["users"] : {};
  return [
    ...(stringsIn(users["includeUsers"]).includes("All") ? [{ kind: "allLicensedUsers" as const }] : []),
    ...groupTargets(users["includeGroups"], "group"),
    ...groupTargets(users["excludeGroups"], "exclusionGroup"),
  ];
}

const SEVERITY_RANK: Readonly<Record<RiskSeverity, number>> = { high: 0, medium: 1, low: 2 };
const reachOf = (t: DesiredTarget): string => t.group ?? t.kind;

interface Reach {
  readonly any: Set<string>;
  readonly unfiltered: Set<string>;
  readonly excluded: Set<string>;
}

function reach(targets: readonly DesiredTarget[]): Reach {
  const r: Reach = { any: new Set(), unfiltered: new Set(), excluded: new Set() };
  for (const t of targets) {
    if (t.kind === "exclusionGroup") {
      r.excluded.add(reachOf(t));
      continue;
    }
    r.any.add(reachOf(t));
    if (!t.filter) r.unfiltered.add(reachOf(t));
  }
  return r;
}

/**
 * Groups `after` reaches that `before` did not: newly included (or all users / all devices), no longer excluded
 * while something is still included, or no longer limited by a filter. Swapping the arguments gives who is lost.
 */
function reachGained(before: readonly DesiredTarget[], after: readonly DesiredTarget[]): string[] {
  const b = reach(before);
  const a = reach(after);
  const out = new Set<string>();
  for (const g of a.any) {
    if (!a.excluded.has(g) && (!b.any.has(g) || b.excluded.has(g) || (a.unfiltered.has(g) && !b.unfiltered.has(g)))) out.add(g);
  }
  if (a.any.size > 0) for (const g of b.excluded) if (!a.excluded.has(g)) out.add(g);
  return [...out].sort(compareText);
}

const targetsBefore = (change: AssignmentChange): DesiredTarget[] => {
  const added = new Set(change.added.map(targetKey));
  return [...change.after.filter((t) => !added.has(targetKey(t))), ...change.removed];
};

function phaseRisks(ctx: RiskContext): Risk[] {
  const from = ctx.base.phase === null ? -1 : ctx.phases.indexOf(ctx.base.phase);
  const to = ctx.head.phase === null ? -1 : ctx.phases.indexOf(ctx.head.phase);
  if (from < 0 || to < 0 || from === to) return [];
  if (to < from)
    return [
      {
        code: "phase-rolled-back",
        severity: "medium",
        message: `rollout goes back from ${ctx.base.phase ?? ""} to ${ctx.head.phase ?? ""}: the audiences of ${ctx.phases.slice(to + 1, from + 1).join(", ")} lose their assignments`,
      },
    ];
  if (to - from > 1)
    return [
      {
        code: "phase-skipped",
        severity: "high",
        message: `promotion from ${ctx.base.phase ?? ""} to ${ctx.head.phase ?? ""} skips ${ctx.phases.slice(from + 1, to).join(", ")}; promote one phase at a time so each gate is checked`,
      },
    ];
  return [];
}

function describeGroups(groups: readonly string[], audience: Audience): string {
  return groups
    .map((g) => {
      const e = audience.estimate(g);
      return `${e.displayName}${e.estimatedUsers === null ? "" : ` (${approxUsers(e.estimatedUsers)})`}`;
    })
    .join(", ");
}

export function findRisks(
  objects: readonly ObjectChange[],
  assignments: readonly AssignmentChange[],
  ctx: RiskContext,
): { risks: Risk[]; reached: ReachedGroup[] } {
  const risks: Risk[] = [...phaseRisks(ctx), ...(ctx.fromBodies ?? [])];
  for (const o of objects) {
    if (o.action === "delete")
      risks.push({
        code: "deletion",
        severity: "high",
        address: o.address,
        message: `deletes ${o.displayName}: devices and users it reached lose its settings`,
      });
    if (o.action === "replace") {
      const why = o.properties
        .filter((p) => p.forcesReplace)
        .map((p) => p.path.join("."))
        .join(", ");
      risks.push({
        code: "replacement",
        severity: "high",
        address: o.address,
        message: `replaces ${o.displayName} (deleted and created again because ${why || "its kind"} cannot change in place): reports and assignments start over`,
      });
    }
    // A referenced app (kinds/mobile-app.ts) is never written: against a tenant, its create or its update is an apply
    // that stops at it (graph/apply-object.ts AppReferenceError), which the reviewer must see before it runs.
    if (o.kind === "mobileAppReference" && ctx.base.source === "tenant" && (o.action === "create" || o.properties.length > 0))
      risks.push({
        code: "app-reference",
        severity: "high",
        address: o.address,
        message:
          o.action === "create"
            ? `the tenant has no app named ${o.displayName}; the plan references it and never creates it: apply stops here until it is added in Intune`
            : `the tenant's app ${o.displayName} differs from the identity the plan states (${o.properties.map((p) => p.path.join(".")).join(", ")}); the plan never changes a referenced app: apply stops here`,
      });
    // Terms and conditions (S19): Graph does not raise `version` when the text changes (the Microsoft Graph beta
    // termsAndConditions resource: it is "incremented when an administrator makes a change to the terms and wishes to
    // require users to re-accept"; GRAPH-NOTES §9.2), and the plan never sends it, so users who accepted the earlier
    // text are not asked again: the reviewer must know, and decide whether the change needs a new acceptance.
    const texts = ["bodyText", "title", "acceptanceStatement"];
    if (o.kind === "termsAndConditions" && (o.action === "update" || o.action === "adopt")) {
      const changed = o.properties.filter((p) => p.path.length === 1 && texts.includes(p.path[0] ?? "")).map((p) => p.path[0]);
      if (changed.length > 0)
        risks.push({
          code: "terms-changed",
          severity: "medium",
          address: o.address,
          message: `${changed.join(", ")} of ${o.displayName} change${changed.length === 1 ? "s" : ""}, but Graph keeps the terms' version: users who accepted the earlier text are not asked to accept again (raise the version in the Intune portal if they must)`,
        });
    }
    if (o.action === "update" || o.action === "replace" || o.action === "adopt") {
      for (const p of o.properties) {
        const how = relaxation(o.kind, p.path, p.before, p.after);
        if (how)
          risks.push({
            code: "relaxed-setting",
            severity: "high",
            address: o.address,
            path: p.path,
            ...(p.before === undefined ? {} : { before: p.before }),
            ...(p.after === undefined ? {} : { after: p.after }),
            message: `${p.path.join(".")}: ${how} (${showValue(p.before, p.path, 60)} → ${showValue(p.after, p.path, 60)})`,
          });
      }
    }
  }
  const reachedBy = new Map<string, string[]>();
  const reaches = [
    ...assignments.map((a) => ({ of: a.of, before: targetsBefore(a), after: a.after, deleted: a.action === "delete" })),
    ...objects.flatMap((o) => (o.bodyTargets ? [{ of: o.address, ...o.bodyTargets, deleted: false }] : [])),
  ];
  for (const { of, before, after, deleted } of reaches) {
    const groups = reachGained(before, after);
    // Appended in place: copying a group's list on every append made 40k policies reaching one group quadratic.
    for (const g of groups) {
      const by = reachedBy.get(g);
      if (by) by.push(of);
      else reachedBy.set(g, [of]);
    }
    if (groups.length > 0) {
      const everyone = groups.some((g) => g === "allLicensedUsers" || g === "allDevices");
      risks.push({
        code: "widened-assignment",
        severity: everyone ? "high" : "medium",
        address: of,
        groups,
        message: `now reaches ${describeGroups(groups, ctx.audience)}`,
      });
    }
    const lost = deleted ? [] : reachGained(after, before);
    if (lost.length > 0)
      risks.push({
        code: "narrowed-assignment",
        severity: "low",
        address: of,
        groups: lost,
        message: `no longer reaches ${describeGroups(lost, ctx.audience)}`,
      });
  }
  risks.sort(
    (x, y) =>
      SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] ||
      compareText(x.code, y.code) ||
      compareText(x.address ?? "", y.address ?? "") ||
      compareText(x.message, y.message),
  );
  const groups = new Set(reachedBy.keys());
  // A person the plan lists in two newly reached groups (two rings of one phase) counts once: in the first group.
  const counted = new Set<string>();
  const reached = [...reachedBy.entries()]
    .sort(([x], [y]) => compareText(x, y))
    .map(([group, by]): ReachedGroup => {
      const within = ctx.audience.within(group, groups);
      const listed = within === undefined ? ctx.audience.listedUsers?.(group) : undefined;
      const already = listed ? listed.filter((u) => counted.has(u)).length : 0;
      for (const u of listed ?? []) counted.add(u);
      return {
        ...ctx.audience.estimate(group),
        reachedBy: [...new Set(by)].sort(compareText),
        ...(within === undefined ? {} : { within }),
        ...(already > 0 ? { alreadyCounted: already } : {}),
      };
    });
  return { risks, reached };
}

export function summarise(
  objects: readonly ObjectChange[],
  assignments: readonly AssignmentChange[],
  risks: readonly Risk[],
  reached: readonly ReachedGroup[],
): ChangeSummary {
  const count = (action: ObjectChange["action"]): number => objects.filter((o) => o.action === action).length;
  const severity = (s: RiskSeverity): number => risks.filter((r) => r.severity === s).length;
  const changed = assignments.filter((a) => a.action !== "no-op").length;
  return {
    create: count("create"),
    update: count("update"),
    replace: count("replace"),
    delete: count("delete"),
    adopt: count("adopt"),
    unchanged: count("no-op"),
    assignmentsChanged: changed,
    assignmentsUnchanged: assignments.length - changed,
    risks: { high: severity("high"), medium: severity("medium"), low: severity("low") },
    newlyReached: reached,
    estimatedNewUsers: reached.reduce(
      (sum, g) => sum + (g.within === undefined ? (g.estimatedUsers ?? 0) - (g.alreadyCounted ?? 0) : 0),
      0,
    ),
  };
}

/** A policy's template and a newer version of it (the tenant's, or the plan's templates snapshot). */
export interface OutdatedTemplate {
  readonly address: string;
  readonly templateId: string;
  readonly name: string;
  readonly newerId: string;
  readonly newerVersion: string;
}

/**
 * `set` with a low `template-outdated` risk per policy made from a template that has a newer version (S24): not a
 * change the apply makes, a decision the reviewer should know is pending. Risks stay in their order; the summary's
 * counts follow.
 */
export function withTemplateRisks(set: ChangeSet, outdated: readonly OutdatedTemplate[]): ChangeSet {
  if (outdated.length === 0) return set;
  const added: Risk[] = outdated.map((o) => ({
    code: "template-outdated",
    severity: "low",
    address: o.address,
    message: `made from ${o.name} (${o.templateId}); a newer version exists: ${o.newerVersion} (${o.newerId})`,
  }));
  const risks = [...set.risks, ...added].sort(
    (x, y) =>
      SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] ||
      compareText(x.code, y.code) ||
      compareText(x.address ?? "", y.address ?? "") ||
      compareText(x.message, y.message),
  );
  const count = (s: RiskSeverity): number => risks.filter((r) => r.severity === s).length;
  return { ...set, risks, summary: { ...set.summary, risks: { high: count("high"), medium: count("medium"), low: count("low") } } };
}

/** The plan's policies whose template has a newer version in the plan's templates snapshot (graph-model/policy-templates.ts). */
export function outdatedTemplates(plan: Plan): OutdatedTemplate[] {
  const templates = plan.policyTemplates;
  if (!templates) return [];
  return Object.entries(plan.configuration).flatMap(([key, p]): OutdatedTemplate[] => {
    const own = p.template ? templates[p.template.id] : undefined;
    const newer = p.template ? newerTemplate(templates, p.template.id) : undefined;
    return p.template && own && newer
      ? [
          {
            address: `configuration.${key}`,
            templateId: p.template.id,
            name: `${own.displayName} ${own.displayVersion}`,
            newerId: newer[0],
            newerVersion: newer[1].displayVersion,
          },
        ]
      : [];
  });
}
