// Enrollment restrictions per platform (S18, S20; GRAPH-NOTES §9.1): single-platform
// deviceEnrollmentPlatformRestrictionConfiguration objects in /deviceManagement/deviceEnrollmentConfigurations, whose
// priority is set afterwards with the setPriority action (a body priority is ignored).
import type { JsonObject } from "../graph-model/json.ts";
import { isPlainObject } from "../graph-model/json.ts";
import { ENROLLMENT_PLATFORM_TYPES, ENROLLMENT_RESTRICTION_TYPE } from "../graph-model/vocabulary.ts";
import type { EnrollmentRestriction } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { observedPriority, optional, planWordOf } from "./kind.ts";

export const enrollmentRestriction: KindAdapter<EnrollmentRestriction> = {
  toGraph: (r, ctx) => ({
    odataType: `#microsoft.graph.${ENROLLMENT_RESTRICTION_TYPE}`,
    body: {
      displayName: r.displayName,
      ...optional("description", r.description),
      ...ctx.scopeTags(r.scopeTags),
      platformType: ENROLLMENT_PLATFORM_TYPES[r.platform],
      platformRestriction: {
        platformBlocked: r.blocked ?? false,
        personalDeviceEnrollmentBlocked: r.personalDevices === "block",
        osMinimumVersion: r.osMinimumVersion ?? null,
        osMaximumVersion: r.osMaximumVersion ?? null,
        blockedManufacturers: [...(r.blockedManufacturers ?? [])],
        blockedSkus: [],
      },
    },
    actions: [{ path: "/setPriority", body: { priority: r.priority } }],
  }),
  observe: observedPriority,
  toPlan: (_item, body, ctx) => {
    const r: JsonObject = isPlainObject(body["platformRestriction"]) ? body["platformRestriction"] : {};
    const platform = planWordOf(ENROLLMENT_PLATFORM_TYPES, String(body["platformType"]));
    if (!platform) {
      ctx.note(`enrollment platform ${String(body["platformType"])} is not a plan platform; left out`);
      return undefined;
    }
    const priority = isPlainObject(body["setPriority"]) ? body["setPriority"]["priority"] : undefined;
    return ctx.withAssignment({
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      platform,
      personalDevices: r["personalDeviceEnrollmentBlocked"] === true ? "block" : "allow",
      ...(r["platformBlocked"] === true ? { blocked: true } : {}),
      ...(typeof r["osMinimumVersion"] === "string" ? { osMinimumVersion: r["osMinimumVersion"] } : {}),
      ...(typeof r["osMaximumVersion"] === "string" ? { osMaximumVersion: r["osMaximumVersion"] } : {}),
      ...(Array.isArray(r["blockedManufacturers"]) && r["blockedManufacturers"].length > 0
        ? { blockedManufacturers: r["blockedManufacturers"] }
        : {}),
      priority: typeof priority === "number" ? priority : 1,
    });
  },
};
