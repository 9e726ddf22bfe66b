// Text and Markdown views of the principal explain document (principal-report.ts); they read nothing else. Settings
// show as the group explain shows them (render-explain.ts): secrets by name only.
import type { PrincipalExplainReport, PrincipalObject, PrincipalRoute } from "./principal-report.ts";
import { cell, routeText, settingsMarkdown, settingsText } from "./render-explain.ts";

/** Plan groups missing from the tenant named in the header; the JSON document lists them all. */
const SHOWN = 5;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `groups.it-pilot (audience of phase limited-pilot)`, or `allUsers` for a virtual target. */
const viaText = (r: PrincipalRoute): string =>
  r.group === null ? r.routes.map(routeText).join(" and ") : `${r.group} (${r.routes.map(routeText).join(" and ")})`;

function who(r: PrincipalExplainReport): string {
  const p = r.principal;
  const name =
    p.kind === "user" ? `user "${p.displayName}"${p.userPrincipalName ? ` <${p.userPrincipalName}>` : ""}` : `device "${p.displayName}"`;
  return `${name} (${p.id})`;
}

function header(r: PrincipalExplainReport, defaulted: boolean): string {
  const phase =
    r.phase === null
      ? "no phases"
      : `phase ${r.phase}${defaulted ? " (the last phase, the rollout's end state; --phase P for another)" : ""}`;
  return `${r.plan}: ${who(r)} in ${r.tenant}, ${phase}`;
}

function membership(r: PrincipalExplainReport): string[] {
  const lines: string[] = [];
  const others = r.otherTenantGroups > 0 ? ` (and ${plural(r.otherTenantGroups, "tenant group")} the plan does not manage)` : "";
  if (r.groups.length === 0) {
    lines.push(`In no plan group${others}: only the virtual targets below can reach this ${r.principal.kind}.`);
  } else {
    lines.push(`Member of ${plural(r.groups.length, "plan group")}${others}:`);
    for (const g of r.groups)
      lines.push(
        `  ${g.address}  "${g.displayName}" (${g.membership}, ${g.members}${g.audienceOf ? `; audience of phase ${g.audienceOf}` : ""})`,
      );
  }
  const missing = r.planGroupsNotInTenant;
  if (missing.length > 0)
    lines.push(
      `Not in this tenant (yet), so nobody is in them: ${plural(missing.length, "plan group")} (${missing.slice(0, SHOWN).join(", ")}${missing.length > SHOWN ? ", …" : ""})`,
    );
  lines.push(`Virtual targets: ${r.virtual.map((v) => `${v.reason}${v.level === "possible" ? " (possibly)" : ""}`).join("; ")}`);
  return lines;
}

function how(o: PrincipalObject): string {
  const parts = [`via ${o.via.map(viaText).join(", ")}`];
  if (o.level === "possible") parts.push(`possibly: ${o.reasons.join("; ")}`);
  if (o.since !== null) parts.push(`since ${o.since}`);
  if (o.filter) parts.push(`filter ${o.filter.address} "${o.filter.displayName}" (${o.filter.mode}, ${o.filter.platform})`);
  return parts.join("; ");
}

const EXCLUSION_RULE = "an exclusion wins over an inclusion in Intune";

export function renderPrincipalText(r: PrincipalExplainReport, defaulted: boolean): string {
  const lines = [header(r, defaulted), "", ...membership(r), ""];
  lines.push(`Reached by ${plural(r.objects.length, "object")}:`);
  for (const o of r.objects) lines.push(`  ${o.address}  "${o.displayName}"`, `      ${how(o)}`);
  if (r.objects.length === 0) lines.push("  (none)");
  if (r.excluded.length > 0) {
    lines.push("", `Excluded (${EXCLUSION_RULE}):`);
    for (const e of r.excluded) {
      lines.push(
        `  ${e.address}  "${e.displayName}"`,
        `      excluded by ${e.excludedBy.join(", ")}; would reach it via ${e.wouldReachVia.map(viaText).join(", ")}`,
      );
      if (e.caveat) lines.push(`      caveat: ${e.caveat}`);
    }
  }
  return `${[...lines, ...settingsText(r.settings)].join("\n")}\n`;
}

export function renderPrincipalMarkdown(r: PrincipalExplainReport, defaulted: boolean): string {
  const lines = [`# Explain: ${cell(r.principal.displayName)}`, "", cell(header(r, defaulted)), ""];
  for (const l of membership(r)) lines.push(l.startsWith("  ") ? `- ${cell(l.trim())}` : cell(l));
  lines.push("", `## Reached by ${plural(r.objects.length, "object")}`, "", "| object | name | how |", "|---|---|---|");
  for (const o of r.objects) lines.push(`| \`${o.address}\` | ${cell(o.displayName)} | ${cell(how(o))} |`);
  if (r.excluded.length > 0) {
    lines.push("", `## Excluded (${EXCLUSION_RULE})`, "", "| object | name | excluded by | would reach it via |", "|---|---|---|---|");
    for (const e of r.excluded)
      lines.push(
        `| \`${e.address}\` | ${cell(e.displayName)} | ${e.excludedBy.join(", ")} | ${cell(e.wouldReachVia.map(viaText).join(", "))}${e.caveat ? ` (caveat: ${cell(e.caveat)})` : ""} |`,
      );
  }
  return `${[...lines, ...settingsMarkdown(r.settings)].join("\n")}\n`;
}
