// Terms and conditions users accept in the Company Portal (S19): /deviceManagement/termsAndConditions (GRAPH-NOTES
// §9.2, §1.6). The plan's `body` is Graph's bodyText. `version` is Graph's (server-owned.ts): the Microsoft Graph beta
// resource page says it is "incremented when an administrator makes a change to the terms and wishes to require users
// to re-accept", so the plan never sends it and a text change alone does not ask users again (diff/risks.ts says so).
// Assignments are child entities, written by graph/apply-object.ts (assignChildren), not by /assign.
import type { TermsAndConditions } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";

export const termsAndConditions: KindAdapter<TermsAndConditions> = {
  toGraph: (t, ctx) => ({
    odataType: "#microsoft.graph.termsAndConditions",
    body: {
      displayName: t.displayName,
      ...optional("description", t.description),
      ...ctx.scopeTags(t.scopeTags),
      title: t.title,
      bodyText: t.body,
      acceptanceStatement: t.acceptanceStatement,
    },
  }),
  toPlan: (_item, body, ctx) =>
    ctx.withAssignment({
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      title: String(body["title"] ?? ""),
      body: String(body["bodyText"] ?? ""),
      acceptanceStatement: String(body["acceptanceStatement"] ?? ""),
    }),
};
