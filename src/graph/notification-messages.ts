// A notification template's localized messages (kinds/notification-template.ts): a child collection Graph writes one
// message at a time, so a template's messages are brought to the plan's with the fewest requests: a message the
// tenant lacks is POSTed, one whose subject, text or default flag differs is PATCHed with what differs, one the plan
// no longer has is DELETEd, and an unchanged one is not touched. The new default is set before anything is deleted:
// Graph's isDefault "can only be set" (moving it to another message unsets the old one), and deleting the default
// locale while another is meant to take over is not a step worth risking (UNCONFIRMED what Graph does then).
import type { DesiredObject, JsonObject } from "../compile/desired-state.ts";
import { inWriteOrder, MESSAGES, readMessages } from "../kinds/notification-template.ts";
import type { GraphClient } from "./client.ts";
import { createChild } from "./child-create.ts";

/** The messages the plan gives a template, by locale (sorted as compiled). */
export const plannedMessages = (obj: DesiredObject): JsonObject[] => readMessages(obj.body[MESSAGES]);

/**
 * Brings the messages of the template `id` to `obj`'s. `current`: the tenant's messages when the caller knows them
 * (a template just created has none); otherwise they are read (one GET).
 */
export async function syncMessages(client: GraphClient, obj: DesiredObject, id: string, current?: readonly JsonObject[]): Promise<void> {
  const path = `${obj.collection}/${id}/${MESSAGES}`;
  const existing = current ?? (await client.list(path, obj.apiVersion));
  const byLocale = new Map(existing.map((m) => [String(m["locale"]).toLowerCase(), m]));
  const wanted = plannedMessages(obj);
  for (const m of inWriteOrder(wanted)) {
    const locale = String(m["locale"]);
    const have = byLocale.get(locale);
    if (!have) {
      // A message's id is `<templateId>_<locale>`: one per locale, so a look-up by locale finds a create that happened.
      await createChild(client, path, m, obj.apiVersion, (held) => String(held["locale"]).toLowerCase() === locale.toLowerCase());
      continue;
    }
    const changes: Record<string, JsonObject[keyof JsonObject]> = {};
    for (const k of ["subject", "messageTemplate"] as const) if (have[k] !== m[k]) changes[k] = m[k] ?? null;
    // Only ever set: a message stops being the default when another one becomes it.
    if (m["isDefault"] === true && have["isDefault"] !== true) changes["isDefault"] = true;
    if (Object.keys(changes).length > 0) await client.patch(`${path}/${String(have["id"] ?? `${id}_${locale}`)}`, changes, obj.apiVersion);
  }
  const keep = new Set(wanted.map((m) => String(m["locale"])));
  for (const [locale, have] of byLocale)
    if (!keep.has(locale)) await client.delete(`${path}/${String(have["id"] ?? `${id}_${locale}`)}`, obj.apiVersion);
}
