// Conditional Access (issue 15 item 3): Entra's /identity/conditionalAccess/policies, v1.0. Facts, from
// microsoft-graph-docs-contrib api-reference/v1.0: POST …/policies answers 201 with the policy
// (api/conditionalaccessroot-post-policies.md), PATCH …/policies/{id} 204 (api/conditionalaccesspolicy-update.md),
// DELETE 204 (api/conditionalaccesspolicy-delete.md); `conditions` and `state` are required
// (resources/conditionalaccesspolicy.md), and a created policy reads back with every list it was not given as [] and
// every condition it was not given as null (the create page's responses).
// There is no /assign: whom a policy applies to is its body's conditions.users (includeUsers "All" or "None",
// includeGroups, excludeGroups), so the plan's phases change the body, not an assignment set (KINDS targetsInBody).
// Group ids there are references, resolved to the tenant's ids when written; observe turns them back.
import { isPlainObject } from "../graph-model/json.ts";
import type { Json, JsonObject } from "../graph-model/json.ts";
import type { CaApp, CaGrantControl, CaState } from "../graph-model/vocabulary.ts";
import { CA_APPS, CA_CLIENT_APPS, CA_GRANT_CONTROLS, CA_PLATFORMS, CA_STATES } from "../graph-model/vocabulary.ts";
import type { ConditionalAccessInPhase } from "../plan/targets.ts";
import type { KindAdapter, ObserveContext } from "./kind.ts";
import { planWordOf } from "./kind.ts";

/** Graph's includeUsers words (conditionalAccessUsers: "User IDs …, None, All, or GuestsOrExternalUsers"). */
const ALL_USERS = "All";
const NO_USERS = "None";

/** A plan app word as Graph's value; anything else is an application id, as the plan wrote it (IP210 checks it). */
const appOf = (app: string): string => (app in CA_APPS ? CA_APPS[app as CaApp] : app);

const nonEmpty = (key: string, list: readonly Json[]): JsonObject => (list.length > 0 ? { [key]: [...list] } : {});

const strings = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** A list of group ids as the compiler's references where the plan knows the group. */
const refsOf = (v: Json | undefined, ctx: ObserveContext): Json => (Array.isArray(v) ? v.map((id) => ctx.refOr(id)) : (v ?? null));

export const conditionalAccessPolicy: KindAdapter<ConditionalAccessInPhase> = {
  toGraph: ({ policy, reach, state }, ctx) => {
    const everyone = reach.virtual.includes("allUsers");
    const groups = reach.include.map((g) => ctx.ref(`groups.${g}`));
    return {
      odataType: null,
      body: {
        displayName: policy.displayName,
        state: CA_STATES[state],
        conditions: {
          // Required (resources/conditionalaccessconditionset.md); Graph's create example sends "all" for every client.
          clientAppTypes: [...(policy.clientApps ?? ["all"])],
          applications: {
            includeApplications: policy.apps.map(appOf),
            ...nonEmpty("excludeApplications", (policy.excludeApps ?? []).map(appOf)),
          },
          // Before its first phase a policy applies to no one: "None" (the create page's own example of a user rule).
          users: {
            ...nonEmpty("includeUsers", everyone ? [ALL_USERS] : groups.length === 0 ? [NO_USERS] : []),
            ...nonEmpty("includeGroups", groups),
            ...nonEmpty(
              "excludeGroups",
              reach.exclude.map((g) => ctx.ref(`groups.${g}`)),
            ),
          },
          ...(policy.platforms ? { platforms: { includePlatforms: [...policy.platforms] } } : {}),
        },
        grantControls: {
          operator: policy.grant.require === "one" ? "OR" : "AND",
          builtInControls: policy.grant.controls.map((c) => CA_GRANT_CONTROLS[c]),
        },
      },
    };
  },
  // Graph answers with ids where the plan wrote references: the groups it includes and excludes.
  observe: (body, _item, ctx) => {
    const conditions = body["conditions"];
    if (!isPlainObject(conditions) || !isPlainObject(conditions["users"])) return body;
    const users = conditions["users"];
    return {
      ...body,
      conditions: {
        ...conditions,
        users: { ...users, includeGroups: refsOf(users["includeGroups"], ctx), excludeGroups: refsOf(users["excludeGroups"], ctx) },
      },
    };
  },
  // Import: a tenant policy as a plan object with a fixed assignment (the tenant says who it applies to today, not
  // the phases that led there) and its state. What the plan cannot say (users or roles named one by one, locations,
  // risk levels, session controls, custom controls, terms of use) is noted; a policy that depends on it is left out.
  toPlan: (_item, body, ctx) => {
    const conditions = isPlainObject(body["conditions"]) ? body["conditions"] : {};
    const users = isPlainObject(conditions["users"]) ? conditions["users"] : {};
    const applications = isPlainObject(conditions["applications"]) ? conditions["applications"] : {};
    const grant = isPlainObject(body["grantControls"]) ? body["grantControls"] : {};
    const platformCondition = isPlainObject(conditions["platforms"]) ? conditions["platforms"] : {};
    const unsaid = [
      ...strings(users["includeUsers"])
        .filter((u) => u !== ALL_USERS && u !== NO_USERS)
        .map((u) => `user ${u}`),
      ...strings(users["excludeUsers"]).map((u) => `excluded user ${u}`),
      ...[...strings(users["includeRoles"]), ...strings(users["excludeRoles"])].map((r) => `directory role ${r}`),
      ...["locations", "devices", "signInRiskLevels", "userRiskLevels", "clientApplications"]
        .filter((k) => !isEmptyCondition(conditions[k]))
        .map((k) => `condition ${k}`),
      ...strings(platformCondition["excludePlatforms"]).map((p) => `excluded platform ${p}`),
      ...strings(platformCondition["includePlatforms"])
        .filter((p) => p !== "all" && !CA_PLATFORMS.some((x) => x === p))
        .map((p) => `platform ${p}`),
      ...strings(conditions["clientAppTypes"])
        .filter((c) => c !== "all" && !CA_CLIENT_APPS.some((x) => x === c))
        .map((c) => `client app type ${c}`),
      ...(isEmptyCondition(body["sessionControls"]) ? [] : ["session controls"]),
      ...[...strings(grant["customAuthenticationFactors"]), ...strings(grant["termsOfUse"])].map((c) => `grant control ${c}`),
    ];
    const controls = strings(grant["builtInControls"]).map((c) => planWordOf(CA_GRANT_CONTROLS, c));
    const state = planWordOf(CA_STATES, String(body["state"] ?? ""));
    if (unsaid.length > 0 || controls.length === 0 || controls.some((c) => c === undefined) || state === undefined) {
      ctx.note(
        `Conditional Access policy uses what the plan cannot express (${unsaid.length > 0 ? unsaid.join(", ") : "its grant controls or state"}); left out`,
      );
      return undefined;
    }
    const include = [
      ...(strings(users["includeUsers"]).includes(ALL_USERS) ? ["allUsers"] : []),
      ...ctx.keys(users["includeGroups"], "assignment.include"),
    ];
    const exclude = ctx.keys(users["excludeGroups"], "assignment.exclude");
    const platforms = strings(platformCondition["includePlatforms"]);
    const clientApps = strings(conditions["clientAppTypes"]).filter((c) => c !== "all");
    const excludeApps = strings(applications["excludeApplications"]).map(appWord);
    return {
      displayName: String(body["displayName"] ?? ""),
      apps: strings(applications["includeApplications"]).map(appWord),
      ...(excludeApps.length > 0 ? { excludeApps } : {}),
      // Every value is one the plan knows (anything else was noted above and left the policy out).
      ...(platforms.length > 0 && !platforms.includes("all") ? { platforms } : {}),
      ...(clientApps.length > 0 ? { clientApps } : {}),
      grant: {
        controls: controls.filter((c): c is CaGrantControl => c !== undefined),
        ...(grant["operator"] === "OR" && controls.length > 1 ? { require: "one" } : {}),
      },
      ...(state === "reportOnly" ? {} : { state: state satisfies CaState }),
      assignment: { rollout: "fixed", ...(include.length > 0 ? { include } : {}), ...(exclude.length > 0 ? { exclude } : {}) },
    };
  },
};

/** A condition Graph reads back unset: null, [], or an object whose every value is. */
function isEmptyCondition(v: Json | undefined): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.values(v).every((x) => isEmptyCondition(x));
  return false;
}

const appWord = (app: string): string => planWordOf(CA_APPS, app) ?? app;
