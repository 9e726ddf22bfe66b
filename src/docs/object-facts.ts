// The facts of one plan object that are not Graph settings: a group's membership and rule, a filter's rule, a
// role's admins and scope, a policy's platform, profile and template, an app protection policy's apps (the plan's friendly
// app names beside the ids they resolve to, plan/apps.ts). Pure; values are the plan's own words.
import type { KeyedSection, Plan } from "../plan/schema.ts";
import { BUILTIN_ROLES } from "../plan/schema.ts";
import { resolveAppId } from "../plan/apps.ts";
import type { DocFact } from "./docs-model.ts";

const fact = (label: string, value: string | number | boolean | undefined): DocFact[] =>
  value === undefined ? [] : [{ label, value: String(value) }];

const groupList = (plan: Plan, keys: readonly string[]): string => keys.map((k) => `${plan.groups[k]?.displayName ?? k} (${k})`).join(", ");

/** The role's name: a built-in role's Intune name, or the custom role definition's display name. */
export function roleName(plan: Plan, role: string): string {
  const builtin = BUILTIN_ROLES[role as keyof typeof BUILTIN_ROLES];
  return builtin ? `${builtin.displayName} (built-in)` : `${plan.roleDefinitions[role]?.displayName ?? role} (custom: ${role})`;
}

export function objectFacts(plan: Plan, section: KeyedSection, key: string): DocFact[] {
  switch (section) {
    case "groups": {
      const g = plan.groups[key];
      if (!g) return [];
      const phase = plan.phases.find((p) => p.audience.includes(key));
      return [
        ...fact("membership", `${g.membership}, ${g.members}`),
        ...fact("rule", g.rule),
        ...fact("VIP / executives", g.vip),
        ...fact("estimated members", g.estimatedMembers),
        ...fact("planned members", g.memberList === undefined ? undefined : `${g.memberList.length} listed in the plan`),
        ...fact("audience of phase", phase ? `${phase.displayName} (${phase.key})` : undefined),
      ];
    }
    case "scopeTags": {
      const t = plan.scopeTags[key];
      return t?.autoAssign ? fact("assigned automatically to devices of", groupList(plan, t.autoAssign)) : [];
    }
    case "roleDefinitions":
      return fact("allowed actions", plan.roleDefinitions[key]?.allowedActions.join(", "));
    case "roles": {
      const r = plan.roles[key];
      if (!r) return [];
      return [
        ...fact("role", roleName(plan, r.role)),
        ...fact("admins", groupList(plan, r.admins)),
        ...fact("manages", typeof r.scope === "string" ? r.scope : groupList(plan, r.scope)),
        ...fact("scope tags", r.scopeTags ? r.scopeTags.join(", ") : "Default"),
      ];
    }
    case "enrollmentCategories":
      return [];
    case "filters": {
      const f = plan.filters[key];
      return f ? [...fact("platform", f.platform), ...fact("rule", f.rule), ...fact("management", f.management)] : [];
    }
    case "compliance": {
      const p = plan.compliance[key];
      if (!p) return [];
      const actions = (p.actions ?? []).map((a) => `${a.action}${a.graceHours === undefined ? "" : ` after ${a.graceHours} h`}`);
      return [...fact("platform", p.platform), ...fact("when not compliant", actions.length > 0 ? actions.join("; ") : undefined)];
    }
    case "configuration": {
      const p = plan.configuration[key];
      if (!p) return [];
      // A template-based policy: the template's name and version from the plan folder's snapshot, else its family and id.
      const template = p.template && plan.policyTemplates?.[p.template.id];
      return [
        ...fact("platform", p.platform),
        ...fact("profile", p.profile),
        ...fact("technologies", p.technologies),
        ...fact(
          "template",
          p.template &&
            (template
              ? `${template.displayName}, ${template.displayVersion} (${p.template.id})`
              : `${p.template.family} (${p.template.id})`),
        ),
      ];
    }
    case "appProtection": {
      const p = plan.appProtection[key];
      if (!p) return [];
      const os = p.platform === "iOS" ? "iOS" : "android";
      return [
        ...fact("platform", p.platform),
        ...fact("apps", p.apps.map((a) => `${a} (${resolveAppId(a, os) ?? "unresolved"})`).join(", ")),
      ];
    }
    case "appConfiguration": {
      const p = plan.appConfiguration[key];
      if (!p) return [];
      return [
        ...fact("platform", p.platform),
        ...fact("apps", p.apps.map((a) => `${a} (${resolveAppId(a, p.platform) ?? "unresolved"})`).join(", ")),
        ...fact("custom settings", p.customSettings ? Object.keys(p.customSettings).join(", ") : undefined),
      ];
    }
    case "deviceAppConfiguration": {
      const p = plan.deviceAppConfiguration[key];
      return p ? [...fact("platform", p.platform), ...fact("apps", p.apps.join(", "))] : [];
    }
    case "enrollmentRestrictions": {
      const r = plan.enrollmentRestrictions[key];
      return r ? [...fact("platform", r.platform), ...fact("priority", r.priority)] : [];
    }
    case "autopilot": {
      const a = plan.autopilot[key];
      return a
        ? [...fact("join", a.join), ...fact("pre-provisioning", a.preProvisioning), ...fact("device name template", a.deviceNameTemplate)]
        : [];
    }
    case "enrollmentStatusPages": {
      const e = plan.enrollmentStatusPages[key];
      return e
        ? [
            ...fact("priority", e.priority),
            ...fact("blocking apps", Array.isArray(e.blockingApps) ? e.blockingApps.join(", ") : e.blockingApps),
          ]
        : [];
    }
    case "updates":
      return fact("type", plan.updates[key]?.type);
    case "notificationTemplates": {
      const t = plan.notificationTemplates[key];
      return t ? fact("languages", Object.keys(t.messages).join(", ")) : [];
    }
    case "termsAndConditions":
      return fact("title", plan.termsAndConditions[key]?.title);
    case "scripts": {
      const s = plan.scripts[key];
      return s ? [...fact("script", s.script.path), ...fact("runs as", s.runAs ?? "system")] : [];
    }
    case "remediations": {
      const r = plan.remediations[key];
      return r
        ? [...fact("detection", r.detection.path), ...fact("remediation", r.remediation?.path), ...fact("runs", r.schedule?.every)]
        : [];
    }
    case "approvalPolicies": {
      const a = plan.approvalPolicies[key];
      return a ? [...fact("protects", a.protects), ...fact("approvers", groupList(plan, a.approvers))] : [];
    }
    case "conditionalAccess": {
      const c = plan.conditionalAccess[key];
      if (!c) return [];
      const grant = c.grant.controls.includes("block") ? "block" : c.grant.controls.join(c.grant.require === "one" ? " or " : " and ");
      return [
        ...fact("cloud apps", c.apps.join(", ")),
        ...fact("grant", grant),
        ...fact("state", c.enforceFrom ? `${c.state ?? "reportOnly"}, on from ${c.enforceFrom}` : (c.state ?? "reportOnly")),
        ...fact("excluded", c.assignment?.exclude ? groupList(plan, c.assignment.exclude) : undefined),
      ];
    }
    case "apps": {
      const a = plan.apps[key];
      return a ? [...fact("type", a.type), ...fact("intent", a.assignment?.intent), ...fact("publisher", a.publisher)] : [];
    }
  }
}
