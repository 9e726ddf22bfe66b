// Reads a tenant into the diff engine's view, in O(collections + pages) requests: one list per collection with
// $expand where Graph supports it, plus settings-catalog assignments through $batch (20 per request, N5). The I/O
// half; which item is which plan address (by a stack's recorded id, else by name) is tenant-match.ts.
import type { DesiredObject, JsonObject, Kind } from "../compile/desired-state.ts";
import type { StackOwnership } from "../diff/state-view.ts";
import type { GraphClient } from "./client.ts";
import { GraphRequestError, UnexpectedResponseError } from "./errors.ts";
import { collectionsOf, KINDS } from "./kinds.ts";
import type { MatchOptions, TenantItem, TenantMatch } from "./tenant-match.ts";
import { matchTenant } from "./tenant-match.ts";

export { AmbiguousMatchError } from "./tenant-match.ts";
export type { TenantItem } from "./tenant-match.ts";

export interface ReadOptions extends MatchOptions {
  /** Kinds to read when there is no plan; default all. */
  readonly kinds?: readonly Kind[];
}

export interface TenantRead extends TenantMatch {
  /** Requests this read made (retries included). */
  readonly requests: number;
}

async function readItems(client: GraphClient, kinds: readonly Kind[]): Promise<TenantItem[]> {
  const out: TenantItem[] = [];
  for (const kind of kinds) {
    const info = KINDS[kind];
    for (const { collection, list } of collectionsOf(kind)) {
      const items = (await client.list(list, info.version)).filter((i) => !info.builtIn(i));
      let assignments: (readonly JsonObject[])[] = items.map((i) => (Array.isArray(i["assignments"]) ? (i["assignments"] as JsonObject[]) : []));
      if (info.assignmentsByBatch) {
        const urls = items.map((i) => `${collection}/${String(i["id"])}/assignments`);
        const replies = await client.batchGet(urls, info.version);
        assignments = replies.map((r, i) => {
          if (r instanceof GraphRequestError) throw r;
          // An answer without its list is not "no assignments": reading it so would plan to add what is there.
          if (!Array.isArray(r["value"])) throw new UnexpectedResponseError({ method: "GET", path: `/${info.version}${urls[i] ?? ""}`, status: 200, code: "UnexpectedResponse", requestId: null, message: "an assignments answer inside $batch has no \"value\" array" });
          return r["value"] as JsonObject[];
        });
      }
      items.forEach((item, i) => out.push({ info, collection, item, assignments: assignments[i] ?? [] }));
    }
  }
  return out;
}

/** The kinds a plan needs read: its own, those its references point into, and those a stack owns (its deletes). */
function kindsFor(desired: readonly DesiredObject[], stack: StackOwnership | undefined): Kind[] {
  const kinds = new Set<Kind>([...desired.map((o) => o.kind), ...(stack?.objects.map((o) => o.kind) ?? [])]);
  for (const k of ["group", "scopeTag", "assignmentFilter"] as const) kinds.add(k);
  if (kinds.has("roleAssignment")) kinds.add("roleDefinition");
  return [...kinds];
}

export async function readTenant(client: GraphClient, options: ReadOptions): Promise<TenantRead> {
  const before = client.stats.requests;
  const kinds = options.desired ? kindsFor(options.desired, options.stack) : (options.kinds ?? (Object.keys(KINDS) as Kind[]));
  const items = await readItems(client, kinds);
  return { ...matchTenant(items, options, client.endpoint), requests: client.stats.requests - before };
}
