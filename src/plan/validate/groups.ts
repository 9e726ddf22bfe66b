// Dynamic-group membership rules (IP040–IP045) and assignment-filter rules (IP047).
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { diagnostic } from "../../diagnostics/diagnostic.ts";
import { analyzeRule, FILTER_RULES, MEMBERSHIP_RULES } from "../rules.ts";
import type { Plan } from "../schema.ts";

export function checkGroupRules(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const categories = new Set(Object.values(plan.enrollmentCategories).map((c) => c.displayName.toLowerCase()));
  for (const [key, group] of Object.entries(plan.groups)) {
    const path = ["groups", key];
    if (group.membership === "assigned") {
      if (group.rule !== undefined) out.push(diagnostic("IP044", { path: [...path, "rule"], message: "an assigned group has no membership rule", hint: "Set membership: dynamic, or remove the rule." }));
      continue;
    }
    if (group.rule === undefined) {
      out.push(diagnostic("IP044", { path: [...path, "membership"], message: "a dynamic group needs a membership rule", hint: 'Add rule: e.g. device.deviceCategory -eq "Sales".' }));
      continue;
    }
    const analysis = analyzeRule(group.rule, MEMBERSHIP_RULES);
    for (const f of analysis.findings) {
      out.push(diagnostic("IP040", { path: [...path, "rule"], message: `${f.message} (at character ${f.offset + 1} of the rule)` }));
    }
    if (analysis.findings.length > 0) continue;
    if (analysis.prefixes.size > 1) {
      out.push(diagnostic("IP041", { path: [...path, "rule"], message: "the rule tests both user. and device. properties" }));
      continue;
    }
    const prefix = [...analysis.prefixes][0];
    const expected = prefix === "user" ? "users" : "devices";
    if (prefix && expected !== group.members) {
      out.push(diagnostic("IP043", { path: [...path, "members"], message: `members: ${group.members}, but the rule selects ${expected} (${prefix}. properties)`, hint: `Set members: ${expected}.` }));
    }
    for (const c of analysis.comparisons) {
      if (c.property !== "deviceCategory" || (c.operator !== "eq" && c.operator !== "in")) continue;
      for (const v of c.values) {
        if (typeof v === "string" && !categories.has(v.toLowerCase())) {
          out.push(diagnostic("IP045", { path: [...path, "rule"], message: `the rule selects deviceCategory ${JSON.stringify(v)}, which no enrollment category in the plan is called` }));
        }
      }
    }
  }
  for (const [key, filter] of Object.entries(plan.filters)) {
    const analysis = analyzeRule(filter.rule, FILTER_RULES);
    for (const f of analysis.findings) {
      out.push(diagnostic("IP047", { path: ["filters", key, "rule"], message: `${f.message} (at character ${f.offset + 1} of the rule)` }));
    }
    const management = filter.management ?? "devices";
    const wrong = management === "apps" ? analysis.prefixes.has("device") : analysis.prefixes.has("app");
    if (analysis.findings.length === 0 && wrong) {
      out.push(diagnostic("IP047", { path: ["filters", key, "rule"], message: `a ${management} filter uses ${management === "apps" ? "app." : "device."} properties only` }));
    }
  }
  return out;
}
