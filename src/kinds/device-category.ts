// Device (enrollment) categories (S12): /deviceManagement/deviceCategories, a name and a description.
import type { EnrollmentCategory } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";

export const deviceCategory: KindAdapter<EnrollmentCategory> = {
  toGraph: (c, ctx) => ({
    odataType: "#microsoft.graph.deviceCategory",
    body: { displayName: c.displayName, ...optional("description", c.description), ...ctx.scopeTags(c.scopeTags) },
  }),
  toPlan: (_item, body, ctx) => ({ displayName: String(body["displayName"] ?? ""), ...ctx.common(body) }),
};
