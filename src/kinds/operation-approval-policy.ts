// Multiple admin approval (S16): /deviceManagement/operationApprovalPolicies (GRAPH-NOTES §9.4). A policy names what
// it protects twice, as `policyType`/`policyPlatform` and again in the required `policySet` (Graph's create example
// sends both; microsoft-graph-docs intune-rbac-operationapprovalpolicy-create), and its approvers as Entra group ids.
// How Graph answers a direct write to an object a policy protects is UNCONFIRMED (§9.4): the plan only manages the
// policies themselves.
import { isPlainObject } from "../graph-model/json.ts";
import type { ApprovalPolicy } from "../plan/schema.ts";
import { APPROVAL_PLATFORMS, APPROVAL_PROTECTS } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined => values.find((v) => v === value);

export const operationApprovalPolicy: KindAdapter<ApprovalPolicy> = {
  toGraph: (p, ctx) => {
    const policyPlatform = p.platform ?? "notApplicable";
    return {
      odataType: "#microsoft.graph.operationApprovalPolicy",
      body: {
        displayName: p.displayName,
        ...optional("description", p.description),
        policyType: p.protects,
        policyPlatform,
        policySet: { policyType: p.protects, policyPlatform },
        approverGroupIds: p.approvers.map((g) => ctx.ref(`groups.${g}`)),
      },
    };
  },
  // Approvers are Entra group ids (§9.4).
  observe: (body, _item, ctx) => {
    const approvers = body["approverGroupIds"];
    return Array.isArray(approvers) ? { ...body, approverGroupIds: approvers.map((id) => ctx.refOr(id)) } : body;
  },
  toPlan: (_item, body, ctx) => {
    const set = isPlainObject(body["policySet"]) ? body["policySet"] : {};
    const protects = oneOf(APPROVAL_PROTECTS, set["policyType"] ?? body["policyType"]);
    if (!protects) {
      ctx.note(`approval policy type ${String(set["policyType"] ?? body["policyType"])} is not one the plan expresses; left out`);
      return undefined;
    }
    const platform = oneOf(APPROVAL_PLATFORMS, set["policyPlatform"] ?? body["policyPlatform"]);
    return {
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      protects,
      ...(platform && platform !== "notApplicable" ? { platform } : {}),
      approvers: ctx.keys(body["approverGroupIds"], "approvers"),
    };
  },
};
