// Which plan kind a Graph body from a file is, by its @odata.type or, where exports leave the type out, by its shape
// (pure). The answer names the collection too, as a tenant read would (app protection and update profiles span
// several). A body of no plan kind gets the reason, for the user.
import type { JsonObject } from "../graph-model/json.ts";
import { shortType } from "../graph-model/json.ts";
import { isSubtypeOf } from "../graph-model/graph-schema.ts";
import { UPDATE_PROFILE_COLLECTIONS, UPDATE_PROFILE_TYPES } from "../graph-model/vocabulary.ts";
import type { Kind, KindInfo } from "../kinds/index.ts";
import { APP_PROTECTION_COLLECTIONS, KINDS } from "../kinds/index.ts";

export type KindOf = { readonly info: KindInfo; readonly collection: string } | { readonly reason: string };

const of = (kind: Kind, collection?: string): KindOf => ({ info: KINDS[kind], collection: collection ?? KINDS[kind].collection });

/** Kinds whose one @odata.type names them (KINDS baseType), and the filter type Graph sends only on some reads. */
const BY_TYPE: ReadonlyMap<string, Kind> = new Map([
  ...(Object.values(KINDS) as KindInfo[]).flatMap((i): [string, Kind][] => (i.baseType ? [[shortType(i.baseType), i.kind]] : [])),
  ["deviceAndAppManagementAssignmentFilter", "assignmentFilter"],
  ["deviceEnrollmentPlatformRestrictionConfiguration", "enrollmentRestriction"],
  ["group", "group"],
]);

/** A settings-catalog body without its type (portal exports, IntuneCD): named by `name`, with platforms and settings. */
const looksCatalog = (b: JsonObject): boolean => "settings" in b && "platforms" in b && "name" in b;

/** `hint`: the kind a format's folder names, for a body without @odata.type (IntuneCD's Filters/, Scope Tags/). */
export function kindOf(body: JsonObject, hint?: Kind): KindOf {
  const raw = body["@odata.type"];
  if (hint && typeof raw !== "string") return of(hint);
  const type = shortType(raw);
  if (typeof raw === "string" && type !== "") {
    const named = BY_TYPE.get(type);
    if (named) return of(named);
    if (type === "deviceManagementConfigurationPolicy") return of("settingsCatalogPolicy");
    if (type === "deviceManagementCompliancePolicy") return of("catalogCompliancePolicy");
    if (isSubtypeOf(type, "deviceCompliancePolicy")) return of("compliancePolicy");
    const update = (Object.keys(UPDATE_PROFILE_TYPES) as (keyof typeof UPDATE_PROFILE_TYPES)[]).find(
      (k) => UPDATE_PROFILE_TYPES[k] === type,
    );
    if (update) return of("updateProfile", UPDATE_PROFILE_COLLECTIONS[update]);
    if (isSubtypeOf(type, "deviceConfiguration")) return of("deviceConfiguration");
    const protection = APP_PROTECTION_COLLECTIONS.find((c) => c.endsWith(`/${type}s`));
    if (protection) return of("appProtectionPolicy", protection);
    return { reason: `@odata.type ${type} is not a kind the plan manages` };
  }
  // Linux compliance is settings-catalog-shaped with its actions (GRAPH-NOTES §6.2); the rest by their own properties.
  if (looksCatalog(body)) return of("scheduledActionsForRule" in body ? "catalogCompliancePolicy" : "settingsCatalogPolicy");
  if ("rule" in body && "platform" in body) return of("assignmentFilter");
  if ("securityEnabled" in body || "mailNickname" in body || "groupTypes" in body || "membershipRule" in body) return of("group");
  return {
    reason:
      "no @odata.type, and not shaped like a settings-catalog policy, an assignment filter or a group (securityEnabled, mailNickname, groupTypes or membershipRule)",
  };
}
