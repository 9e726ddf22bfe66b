// Dynamic-group membership rules (IP040–IP045), assigned groups' member lists (IP130–IP133) and assignment-filter
// rules (IP047).
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
      if (group.rule !== undefined)
        out.push(
          diagnostic("IP044", {
            path: [...path, "rule"],
            message: "an assigned group has no membership rule",
            hint: "Set membership: dynamic, or remove the rule.",
          }),
        );
      out.push(...checkMemberList(key, group));
      continue;
    }
    if (group.memberList !== undefined)
      out.push(
        diagnostic("IP130", {
          path: [...path, "memberList"],
          atKey: true,
          message: "a dynamic group's members come from its rule, not from a list",
        }),
      );
    if (group.rule === undefined) {
      out.push(
        diagnostic("IP044", {
          path: [...path, "membership"],
          message: "a dynamic group needs a membership rule",
          hint: 'Add rule: e.g. device.deviceCategory -eq "Sales".',
        }),
      );
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
      out.push(
        diagnostic("IP043", {
          path: [...path, "members"],
          message: `members: ${group.members}, but the rule selects ${expected} (${prefix}. properties)`,
          hint: `Set members: ${expected}.`,
        }),
      );
    }
    for (const c of analysis.comparisons) {
      if (c.property !== "deviceCategory" || (c.operator !== "eq" && c.operator !== "in")) continue;
      for (const v of c.values) {
        if (typeof v === "string" && !categories.has(v.toLowerCase())) {
          out.push(
            diagnostic("IP045", {
              path: [...path, "rule"],
              message: `the rule selects deviceCategory ${JSON.stringify(v)}, which no enrollment category in the plan is called`,
            }),
          );
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
      out.push(
        diagnostic("IP047", {
          path: ["filters", key, "rule"],
          message: `a ${management} filter uses ${management === "apps" ? "app." : "device."} properties only`,
        }),
      );
    }
  }
  return out;
}

/**
 * A userPrincipalName as Entra accepts one: a local part of at most 64 characters (letters, digits and
 * ! # $ % & ' * + - / = ? ^ _ ` { | } ~ and dots that neither start nor end it nor follow each other), one @, and a
 * domain of at least two dot-separated labels; at most 113 characters in all.
 */
const UPN =
  /^(?!\.)(?!.*\.\.)[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export const isUserPrincipalName = (s: string): boolean => s.length <= 113 && UPN.test(s);

/** An assigned group's memberList: each entry of the group's kind (IP133), UPNs well formed (IP131), none twice (IP132). */
function checkMemberList(key: string, group: Plan["groups"][string]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, number>();
  for (const [i, entry] of (group.memberList ?? []).entries()) {
    const path = ["groups", key, "memberList", i];
    const name = entry.trim();
    if (group.members === "devices" && name.includes("@")) {
      out.push(
        diagnostic("IP133", {
          path,
          message: `${JSON.stringify(entry)} looks like a userPrincipalName, but this group holds devices (members: devices)`,
          hint: "List devices by their name, or put users in a group with members: users.",
        }),
      );
      continue;
    }
    if (group.members === "users" && !name.includes("@")) {
      out.push(
        diagnostic("IP133", {
          path,
          message: `${JSON.stringify(entry)} is not a userPrincipalName (it looks like a device name), but this group holds users (members: users)`,
          hint: "List users by userPrincipalName (name@domain), or put devices in a group with members: devices.",
        }),
      );
      continue;
    }
    if (group.members === "users" && !isUserPrincipalName(name)) {
      out.push(diagnostic("IP131", { path, message: `${JSON.stringify(entry)} is not a valid userPrincipalName` }));
      continue;
    }
    const folded = name.toLowerCase();
    const earlier = first.get(folded);
    if (earlier === undefined) {
      first.set(folded, i);
      continue;
    }
    out.push(
      diagnostic("IP132", {
        path,
        message: `${JSON.stringify(entry)} is already listed as entry ${earlier + 1} of this group's memberList`,
        related: [{ message: "first listed here", path: ["groups", key, "memberList", earlier] }],
      }),
    );
  }
  return out;
}
