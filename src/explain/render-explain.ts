// Text and Markdown views of the explain document (explain-report.ts); they read nothing else. Values show as
// the change renderers show them: secrets by name only (show-value.ts).
import { showValue } from "../diff/show-value.ts";
import type { ExplainedObject, ExplainedSetting, ExplainReport, Route } from "./explain-report.ts";

export const routeText = (r: Route): string =>
  r.kind === "audience" ? `audience of phase ${r.phase}` : r.kind === "include" ? "assignment include" : r.kind;

function header(r: ExplainReport, defaulted: boolean): string {
  const g = r.group;
  const joins = g.audienceOf ? `; audience of phase ${g.audienceOf}` : "; not a phase audience";
  const phase =
    r.phase === null
      ? "no phases"
      : `phase ${r.phase}${defaulted ? " (the last phase, the rollout's end state; --phase P for another)" : ""}`;
  return `${r.plan}: group ${g.key} "${g.displayName}" (${g.membership}, ${g.members}${joins}), ${phase}`;
}

function how(o: ExplainedObject): string {
  const parts = [`via ${o.routes.map(routeText).join(" and ")}${o.reasons.length > 0 ? ` (${o.reasons.join("; ")})` : ""}`];
  if (o.level === "possible") parts.push("possibly: only some members");
  if (o.since !== null) parts.push(`since ${o.since}`);
  if (o.filter) parts.push(`filter ${o.filter.address} "${o.filter.displayName}" (${o.filter.mode}, ${o.filter.platform})`);
  if (o.excludes.length > 0) parts.push(`except members of ${o.excludes.join(", ")}`);
  return parts.join("; ");
}

const value = (s: ExplainedSetting, v: ExplainedSetting["value"]): string => showValue(v ?? undefined, [s.setting]);
/** Worth a reader's attention: values that differ, or a priority that overrules (not one restriction's own value). */
const isDisagreement = (s: ExplainedSetting): boolean =>
  s.verdict === "priority" ? s.sources.length > 1 || s.from.length === 0 : s.verdict !== "single" && s.verdict !== "agreed";

/** What applies, in one phrase. */
function outcome(s: ExplainedSetting): string {
  switch (s.verdict) {
    case "single":
      return `${value(s, s.value)}  (${s.from.join(", ")})`;
    case "agreed":
      return `${value(s, s.value)}  (agreed by ${s.from.join(", ")})`;
    case "priority":
      return s.from.length > 0
        ? `${value(s, s.value)}  (${s.from.join(", ")} wins by priority)`
        : "not set by the restriction that wins by priority";
    case "disjoint":
      return "each value on its own devices (filters never meet)";
    case "most-restrictive":
      return s.value === null
        ? "Intune applies the most restrictive (intune-plan cannot order these values)"
        : `${value(s, s.value)}  (the most restrictive, ${s.from.join(", ")}: Intune applies it)`;
    case "merged":
      return `merged: ${value(s, s.value)}  (${s.from.join(", ")})`;
    case "conflict":
    case "may-conflict":
      return `${s.verdict === "conflict" ? "CONFLICT" : "may conflict"}${s.intuneApplies ? `: Intune enforces the most restrictive, ${value(s, s.intuneApplies.value)} (${s.intuneApplies.from.join(", ")})` : ""}`;
  }
}

export function renderExplainText(r: ExplainReport, defaulted: boolean): string {
  const lines = [header(r, defaulted), ""];
  lines.push(`Reached by ${r.objects.length} object${r.objects.length === 1 ? "" : "s"}:`);
  for (const o of r.objects) lines.push(`  ${o.address}  "${o.displayName}"`, `      ${how(o)}`);
  if (r.objects.length === 0) lines.push("  (none)");
  if (r.excluded.length > 0) {
    lines.push("", "Excluded (the assignment would reach the group but excludes it):");
    for (const e of r.excluded)
      lines.push(`  ${e.address}  "${e.displayName}"  (would reach it via ${e.routes.map(routeText).join(" and ")})`);
  }
  return `${[...lines, ...settingsText(r.settings)].join("\n")}\n`;
}

/** How both explains end, as text: where policies disagree (with why and what validate says), then every setting. */
export function settingsText(settings: readonly ExplainedSetting[]): string[] {
  const lines: string[] = [];
  const disagreements = settings.filter(isDisagreement);
  if (disagreements.length > 0) {
    lines.push("", `Where policies disagree (${disagreements.length}):`);
    for (const s of disagreements) {
      lines.push(`  ${s.appliesTo} ${s.setting}: ${outcome(s)}`);
      for (const src of s.sources) lines.push(`      ${src.object} sets ${value(s, src.value)}`);
      if (s.rule) lines.push(`      why: ${s.rule}`);
      for (const f of s.findings) lines.push(`      validate: ${f.severity} ${f.code}: ${f.message}`);
    }
  }
  lines.push("", `Effective settings (${settings.length}):`);
  let scope = "";
  for (const s of settings) {
    if (s.appliesTo !== scope) {
      scope = s.appliesTo;
      lines.push(`  ${scope}`);
    }
    lines.push(`    ${s.setting} = ${outcome(s)}`);
  }
  return lines;
}

/** Markdown table cells: pipes escaped, line breaks flattened. */
export const cell = (t: string): string => t.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

export function renderExplainMarkdown(r: ExplainReport, defaulted: boolean): string {
  const lines = [`# Explain: ${cell(r.group.displayName)} (\`${r.group.key}\`)`, "", header(r, defaulted), ""];
  lines.push(
    `## Reached by ${r.objects.length} object${r.objects.length === 1 ? "" : "s"}`,
    "",
    "| object | name | how |",
    "|---|---|---|",
  );
  for (const o of r.objects) lines.push(`| \`${o.address}\` | ${cell(o.displayName)} | ${cell(how(o))} |`);
  if (r.excluded.length > 0) {
    lines.push("", "## Excluded", "", "| object | name | would reach it via |", "|---|---|---|");
    for (const e of r.excluded) lines.push(`| \`${e.address}\` | ${cell(e.displayName)} | ${e.routes.map(routeText).join(", ")} |`);
  }
  return `${[...lines, ...settingsMarkdown(r.settings)].join("\n")}\n`;
}

/** How both explains end, as Markdown: where policies disagree, then every setting in a collapsed table. */
export function settingsMarkdown(settings: readonly ExplainedSetting[]): string[] {
  const lines: string[] = [];
  const disagreements = settings.filter(isDisagreement);
  if (disagreements.length > 0) {
    lines.push("", "## Where policies disagree", "");
    for (const s of disagreements) {
      lines.push(`- **${cell(s.appliesTo)} \`${s.setting}\`**: ${cell(outcome(s))}`);
      for (const src of s.sources) lines.push(`  - \`${src.object}\` sets \`${cell(value(s, src.value))}\``);
      if (s.rule) lines.push(`  - ${cell(s.rule)}`);
      for (const f of s.findings) lines.push(`  - validate: ${f.severity} ${f.code}: ${cell(f.message)}`);
    }
  }
  lines.push("", "## Effective settings", "", `<details><summary>${settings.length} settings</summary>`, "");
  lines.push("| applies to | setting | value |", "|---|---|---|");
  for (const s of settings) lines.push(`| ${cell(s.appliesTo)} | \`${s.setting}\` | ${cell(outcome(s))} |`);
  lines.push("", "</details>");
  return lines;
}
