// Windows update profiles (S05), beside the update rings: feature updates (/deviceManagement/windowsFeatureUpdateProfiles),
// expedited quality updates (/windowsQualityUpdateProfiles) and driver updates (/windowsDriverUpdateProfiles). One plan
// section `updates`, one kind over three collections: `type` picks the collection and @odata.type, `settings` are
// Graph's own properties of that type (validated against Microsoft's published types like every policy's settings).
// Graph facts: the beta reference pages intune-softwareupdate-windows{feature,quality,driver}updateprofile (properties,
// POST/PATCH/DELETE, the assign action with `assignments`); read-only fields (endOfSupportDate,
// deployableContentDisplayName, releaseDateDisplayName, deviceReporting, newUpdates, inventorySyncStatus) are in
// graph-model/server-owned.ts so a plan cannot set them and the diff never compares them.
import type { JsonObject } from "../graph-model/json.ts";
import { shortType } from "../graph-model/json.ts";
import type { UpdateProfileKind } from "../graph-model/vocabulary.ts";
import { UPDATE_PROFILE_COLLECTIONS, UPDATE_PROFILE_TYPES } from "../graph-model/vocabulary.ts";
import type { UpdateProfile } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional, planWordOf } from "./kind.ts";

/** The collection an update profile of `type` lives in. */
export const updateProfileCollection = (type: UpdateProfileKind): string => UPDATE_PROFILE_COLLECTIONS[type];

/** The plan `type` of a tenant update profile: from its @odata.type (tenant-reader fills it from the collection). */
export const updateProfileType = (body: JsonObject): UpdateProfileKind | undefined =>
  planWordOf(UPDATE_PROFILE_TYPES, shortType(body["@odata.type"]));

export const updateProfile: KindAdapter<UpdateProfile> = {
  toGraph: (u, ctx) => ({
    odataType: `#microsoft.graph.${UPDATE_PROFILE_TYPES[u.type]}`,
    collection: updateProfileCollection(u.type),
    body: {
      displayName: u.displayName,
      ...optional("description", u.description),
      ...ctx.scopeTags(u.scopeTags),
      ...(u.settings as JsonObject | undefined),
    },
  }),
  toPlan: (_item, body, ctx) => {
    const type = updateProfileType(body);
    if (!type) {
      ctx.note(`update profile type ${String(body["@odata.type"])} is not a plan update type; left out`);
      return undefined;
    }
    const settings = ctx.settings(body, UPDATE_PROFILE_TYPES[type]);
    return ctx.withAssignment({
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      type,
      ...(settings ? { settings } : {}),
    });
  },
};
