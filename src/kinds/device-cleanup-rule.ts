// Device cleanup rules (S15, GRAPH-NOTES §9.3): /beta/deviceManagement/managedDeviceCleanupRules, one rule per
// platform (a second rule for a platform is answered with 500), devices removed after 30–270 days without a
// check-in. The plan keys them by platform and they are matched to the tenant by platform, never by name: an
// existing rule for the platform is adopted and updated, one is created where the platform has none, and none is
// ever deleted (KINDS lifecycle "kept", docs/tenant-singletons.md).
import type { CleanupPlatform, CleanupRule } from "../plan/schema.ts";
import { CLEANUP_PLATFORMS } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";

/** The displayName a rule gets when the plan names none (Graph requires one on create, §1.6). */
export const cleanupRuleName = (platform: string): string => `Device cleanup: ${platform}`;

export const deviceCleanupRule: KindAdapter<CleanupRule & { readonly platform: CleanupPlatform }> = {
  toGraph: (r) => ({
    odataType: null,
    body: {
      displayName: r.displayName ?? cleanupRuleName(r.platform),
      ...optional("description", r.description),
      deviceCleanupRulePlatformType: r.platform,
      deviceInactivityBeforeRetirementInDays: r.inactiveDays,
    },
  }),
  toPlan: (_item, body, ctx) => {
    const platform = String(body["deviceCleanupRulePlatformType"] ?? "");
    if (!(CLEANUP_PLATFORMS as readonly string[]).includes(platform)) {
      ctx.note(`cleanup rule platform ${platform} is not one the plan can name; left out`);
      return undefined;
    }
    const name = typeof body["displayName"] === "string" ? body["displayName"] : "";
    const description = body["description"];
    return {
      inactiveDays: typeof body["deviceInactivityBeforeRetirementInDays"] === "number" ? body["deviceInactivityBeforeRetirementInDays"] : 0,
      ...(name !== "" && name !== cleanupRuleName(platform) ? { displayName: name } : {}),
      ...(typeof description === "string" && description !== "" ? { description } : {}),
    };
  },
};
