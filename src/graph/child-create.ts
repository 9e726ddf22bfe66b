// A POST to a child collection of an object (an assignment of a kind whose assignments are entities, a notification
// template's localized message) whose reply is lost. A POST is a create, so the client never resends it blind: the
// collection is read again, and the POST is sent again only while the child is still missing.
import type { DesiredObject, JsonObject } from "../compile/desired-state.ts";
import type { GraphClient } from "./client.ts";
import { LostResponseError } from "./errors.ts";

/** Sends of one create after answers that allow another; each follows a look-up. */
export const MAX_SENDS = 4;

/** POSTs `body` to `base`; after a lost reply, `isThis` tells the child it made from the others the collection holds. */
export async function createChild(
  client: GraphClient,
  base: string,
  body: JsonObject,
  version: DesiredObject["apiVersion"],
  isThis: (held: JsonObject) => boolean,
): Promise<void> {
  for (let send = 1; ; send++) {
    try {
      await client.create(base, body, version);
      return;
    } catch (error) {
      if (!(error instanceof LostResponseError) || send >= MAX_SENDS) throw error;
      if ((await client.list(base, version)).some(isThis)) return;
    }
  }
}
