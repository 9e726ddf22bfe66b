// Reads a tenant into the diff engine's view, in O(collections + pages) requests: one list per collection with
// $expand where Graph supports it, plus settings-catalog assignments through $batch (20 per request, N5). The I/O
// half; which item is which plan address (by a stack's recorded id, else by name) is tenant-match.ts.
import type { DesiredObject, JsonObject, Kind } from "../compile/desired-state.ts";
import type { StackOwnership } from "../compile/state-view.ts";
import type { GraphClient } from "./client.ts";
import { GraphRequestError, UnexpectedResponseError } from "./errors.ts";
import type { KindInfo } from "../kinds/index.ts";
import { collectionsOf, KINDS, typedItem } from "../kinds/index.ts";
import { tenantSettingsItem } from "../kinds/tenant-settings.ts";
import { currentMembers, observedMembers } from "./members.ts";
import { projectItem } from "./observe.ts";
import type { MatchOptions, TenantItem, TenantMatch } from "./tenant-match.ts";
import { matchTenant } from "./tenant-match.ts";

export { AmbiguousMatchError } from "./tenant-match.ts";
export type { TenantItem } from "./tenant-match.ts";

export interface ReadOptions extends MatchOptions {
  /** Kinds to read when there is no plan; default all. */
  readonly kinds?: readonly Kind[];
  /**
   * The only top-level properties of an object the caller reads in the view's bodies (preview: those its diff
   * compares, diff.ts comparedProperties); each item is cut down to them as its page arrives (projectItem). Absent:
   * every property is kept (import writes them all).
   */
  readonly properties?: ReadonlySet<string>;
}

export interface TenantRead extends TenantMatch {
  /** Requests this read made (retries included). */
  readonly requests: number;
}

async function readItems(client: GraphClient, kinds: readonly Kind[], properties: ReadonlySet<string> | undefined): Promise<TenantItem[]> {
  const out: TenantItem[] = [];
  for (const kind of kinds) {
    const info: KindInfo = KINDS[kind];
    const keep = (item: JsonObject): JsonObject | undefined =>
      info.builtIn(item) ? undefined : properties ? projectItem(info, item, properties) : item;
    if (info.lifecycle === "singleton") {
      // The tenant's one object, which always exists: one GET (kinds/tenant-settings.ts).
      const item = keep(tenantSettingsItem(await client.get<JsonObject>(info.list, info.version)));
      if (item) out.push({ info, collection: info.collection, item, assignments: [] });
      continue;
    }
    for (const { collection, list } of collectionsOf(kind)) {
      let items = await client.list(list, info.version, (item) => keep(typedItem(collection, item)));
      if (info.itemsByBatch) {
        // Scripts: the list has no content; each item is read by id, 20 to a $batch (IntuneCD reads them the same way).
        const urls = items.map((i) => `${collection}/${String(i["id"])}?$expand=assignments`);
        const replies = await client.batchGet(urls, info.version);
        items = replies.flatMap((r) => {
          if (r instanceof GraphRequestError) throw r;
          const kept = keep(r);
          return kept ? [kept] : [];
        });
      }
      let assignments: (readonly JsonObject[])[] = items.map((i) =>
        Array.isArray(i["assignments"]) ? (i["assignments"] as JsonObject[]) : [],
      );
      if (info.assignmentsByBatch) {
        const urls = items.map((i) => `${collection}/${String(i["id"])}/assignments`);
        const replies = await client.batchGet(urls, info.version);
        assignments = replies.map((r, i) => {
          if (r instanceof GraphRequestError) throw r;
          // An answer without its list is not "no assignments": reading it so would plan to add what is there.
          if (!Array.isArray(r["value"]))
            throw new UnexpectedResponseError({
              method: "GET",
              path: `/${info.version}${urls[i] ?? ""}`,
              status: 200,
              code: "UnexpectedResponse",
              requestId: null,
              message: 'an assignments answer inside $batch has no "value" array',
            });
          return r["value"] as JsonObject[];
        });
      }
      // Settings-catalog compliance: the actions' rule is read per policy in $batch through the navigation that works
      // on this collection (GRAPH-NOTES §6.2, ICD backup DeviceCompliance.py); whether the list can $expand it is
      // UNCONFIRMED. An answer without its list is refused as for assignments: "no actions" would plan to write them.
      const withRules =
        kind === "catalogCompliancePolicy" && items.length > 0
          ? await withScheduledActions(client, collection, items, info.version)
          : items;
      withRules.forEach((item, i) => out.push({ info, collection, item, assignments: assignments[i] ?? [] }));
    }
  }
  return out;
}

async function withScheduledActions(
  client: GraphClient,
  collection: string,
  items: readonly JsonObject[],
  version: "beta" | "v1.0",
): Promise<JsonObject[]> {
  const urls = items.map((i) => `${collection}/${String(i["id"])}/scheduledActionsForRule?$expand=scheduledActionConfigurations`);
  const replies = await client.batchGet(urls, version);
  return items.map((item, i) => {
    const r = replies[i];
    if (r instanceof GraphRequestError) throw r;
    if (!r || !Array.isArray(r["value"]))
      throw new UnexpectedResponseError({
        method: "GET",
        path: `/${version}${urls[i] ?? ""}`,
        status: 200,
        code: "UnexpectedResponse",
        requestId: null,
        message: 'a scheduledActionsForRule answer inside $batch has no "value" array',
      });
    return { ...item, scheduledActionsForRule: r["value"] as JsonObject[] };
  });
}

/** The kinds a plan needs read: its own, those its references point into, and those a stack owns (its deletes). */
function kindsFor(desired: readonly DesiredObject[], stack: StackOwnership | undefined): Kind[] {
  const kinds = new Set<Kind>([...desired.map((o) => o.kind), ...(stack?.objects.map((o) => o.kind) ?? [])]);
  for (const k of ["group", "scopeTag", "assignmentFilter"] as const) kinds.add(k);
  if (kinds.has("roleAssignment")) kinds.add("roleDefinition");
  // Notification actions name templates: read them so their ids read back as the plan's keys.
  if (kinds.has("compliancePolicy")) kinds.add("notificationTemplate");
  return [...kinds];
}

/**
 * A matched group whose plan lists members gets `members`: the listed names it holds now (one listing per such group,
 * not one request per member). Members the plan does not list are not shown: the plan never removes them.
 */
async function withPlannedMembers(
  client: GraphClient,
  match: TenantMatch,
  desired: readonly DesiredObject[] | undefined,
): Promise<TenantMatch> {
  const planned = new Map((desired ?? []).filter((o) => o.members).map((o) => [o.address, o.members]));
  if (planned.size === 0) return match;
  const objects = await Promise.all(
    match.view.objects.map(async (o) => {
      const members = planned.get(o.address);
      if (!members || o.kind !== "group" || !o.id) return o;
      return { ...o, body: { ...o.body, members: observedMembers(await currentMembers(client, o.id, members.of), members.names) } };
    }),
  );
  return { ...match, view: { ...match.view, objects } };
}

export async function readTenant(client: GraphClient, options: ReadOptions): Promise<TenantRead> {
  const before = client.stats.requests;
  const kinds = options.desired ? kindsFor(options.desired, options.stack) : (options.kinds ?? (Object.keys(KINDS) as Kind[]));
  const items = await readItems(client, kinds, options.properties);
  const match = await withPlannedMembers(client, matchTenant(items, options, client.endpoint), options.desired);
  return { ...match, requests: client.stats.requests - before };
}
