// PlanDocs → Markdown files: index.md (table of contents), phases.md (the rollout) and one file per plan section.
// Links are relative (`groups.md#it-pilot`) and every object's heading is its key, which GitHub's heading anchors keep
// as it is (keys are [a-z0-9-]), so links work on GitHub and in any Markdown viewer. Pure; reads only PlanDocs.
import type { DocGroupReach, DocObject, DocPhase, DocReach, DocRef, DocSection, PlanDocs } from "./docs-model.ts";

export interface DocFile {
  /** Relative to the output folder. */
  readonly path: string;
  readonly text: string;
}

/** Text safe in a table cell and outside one: no HTML, no table breaks, one line. */
export const mdText = (s: string): string =>
  s
    .replace(/([\\`*_[\]])/g, "\\$1")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");

/** Inline code, with a fence longer than any backtick run inside. */
export const mdCode = (s: string): string => {
  const runs = s.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const body = s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  return `${fence}${body.startsWith("`") || body.endsWith("`") ? ` ${body} ` : body}${fence}`;
};

const SECTION_FILE = (address: string): string => `${address.slice(0, address.indexOf("."))}.md`;
const KEY = (address: string): string => address.slice(address.indexOf(".") + 1);

/** A link to another object's heading, from a file in the same folder. */
const refLink = (r: DocRef): string => `[${mdText(r.displayName)}](${SECTION_FILE(r.address)}#${KEY(r.address)})`;
const phaseLink = (docs: PlanDocs, key: string): string => {
  const p = docs.phases.find((x) => x.key === key);
  return `[${mdText(p?.displayName ?? key)}](phases.md#${key})`;
};

const count = (n: number | null, complete: boolean): string => (n === null ? "unknown" : complete ? `~${n}` : `≥ ${n}`);

function groupCell(g: DocGroupReach, docs: PlanDocs): string {
  const size = g.estimated === null ? "" : ` ~${g.estimated} ${g.members}`;
  return `${refLink(g)}${size}${g.via === null ? " (include)" : ` (via ${phaseLink(docs, g.via)})`}`;
}

function reachRow(r: DocReach, docs: PlanDocs): string {
  const phase = r.phase === null ? "(no phases)" : phaseLink(docs, r.phase);
  if (!r.assigned) return `| ${phase} | not assigned yet | — | — | — |`;
  const targets = [...r.virtual.map((v) => `**${v}**`), ...r.groups.map((g) => groupCell(g, docs))].join("<br>");
  const filter = r.filter ? `${refLink(r.filter)} (${r.filter.mode}, ${mdText(r.filter.platform)})` : "—";
  const excluded = r.exclude.length > 0 ? r.exclude.map(refLink).join("<br>") : "—";
  return `| ${phase} | ${targets} | ${count(r.estimatedUsers, r.estimateComplete)} | ${filter} | ${excluded} |`;
}

function objectMarkdown(o: DocObject, docs: PlanDocs): string[] {
  const lines = [
    `### ${o.key}`,
    "",
    `**${mdText(o.displayName)}** · ${mdCode(o.address)}${o.odataType ? ` · Graph type ${mdCode(o.odataType)}` : ""}`,
  ];
  if (o.description !== null) lines.push("", mdText(o.description));
  if (o.facts.length > 0) {
    lines.push("", "| | |", "|---|---|", ...o.facts.map((f) => `| ${mdText(f.label)} | ${mdText(f.value)} |`));
  }
  if (o.settings.length > 0) {
    lines.push("", "**Settings**", "", "| Graph setting | value | applies to | description (Microsoft Graph) |", "|---|---|---|---|");
    lines.push(
      ...o.settings.map(
        (s) =>
          `| ${mdCode(s.setting)}${s.portalName === null ? "" : `<br>${mdText(s.portalName)}`} | ${mdCode(s.value)} | ${mdText(s.appliesTo)} | ${mdText(s.description ?? "—")} |`,
      ),
    );
  }
  if (o.reach !== null) {
    lines.push("", "**Reach per phase** (estimated users before exclusions and filters)", "");
    lines.push("| phase | targets | users | filter | excluded |", "|---|---|---:|---|---|", ...o.reach.map((r) => reachRow(r, docs)));
  }
  const tagged = o.scopeTags.length > 0 ? o.scopeTags.map(refLink).join(", ") : "Default";
  lines.push("", `**Scope tags:** ${tagged}`);
  const owners = o.owners.map((w) => `${refLink(w)}: ${mdText(w.role)}, admins ${w.admins.map(refLink).join(", ")} (${mdText(w.via)})`);
  lines.push("", `**Administered by:** ${owners.length > 0 ? "" : "no role assignment of the plan"}`);
  if (owners.length > 0) lines.push("", ...owners.map((w) => `- ${w}`));
  return lines;
}

function sectionFile(s: DocSection, docs: PlanDocs): DocFile {
  const lines = [`# ${mdText(s.title)}: ${mdText(docs.plan)}`, "", mdText(s.summary), "", "[Back to the index](index.md)", ""];
  lines.push(...s.objects.map((o) => `- [${mdText(o.displayName)}](#${o.key})`), "");
  for (const o of s.objects) lines.push(...objectMarkdown(o, docs), "");
  return { path: s.file, text: `${lines.join("\n").trimEnd()}\n` };
}

function phaseMarkdown(p: DocPhase): string[] {
  const lines = [`### ${p.key}`, "", `**${mdText(p.displayName)}**${p.pilot ? " (pilot)" : ""}`];
  if (p.description !== null) lines.push("", mdText(p.description));
  lines.push(
    "",
    "| | |",
    "|---|---|",
    `| window | ${p.start === null ? "no start date" : `${p.start} → ${p.end ?? ""}`} |`,
    `| enrollment | ${p.enrollment ?? "—"} |`,
    `| audience | ${p.audience.map(refLink).join(", ")} |`,
    `| users | ${p.users === null ? "unknown" : `~${p.users}`} (reached so far ~${p.cumulativeUsers}) |`,
  );
  if (p.gate.length > 0) lines.push(`| gate | ${p.gate.map(mdText).join("; ")} |`);
  if (p.goals.length > 0) lines.push(`| goals | ${p.goals.map(mdText).join("; ")} |`);
  const objLink = (a: string): string => `[${mdCode(a)}](${SECTION_FILE(a)}#${KEY(a)})`;
  lines.push("", `Assigned in this phase: ${p.assigned.length} objects; new in this phase: ${p.newlyAssigned.length}.`);
  if (p.newlyAssigned.length > 0) lines.push("", ...p.newlyAssigned.map((a) => `- ${objLink(a)}`));
  return lines;
}

function phasesFile(docs: PlanDocs): DocFile {
  const lines = [`# Rollout phases: ${mdText(docs.plan)}`, "", "[Back to the index](index.md)", ""];
  lines.push("| phase | starts | ends | users | reached so far |", "|---|---|---|---:|---:|");
  lines.push(
    ...docs.phases.map(
      (p) => `| [${mdText(p.displayName)}](#${p.key}) | ${p.start ?? "—"} | ${p.end ?? "—"} | ${p.users ?? "—"} | ${p.cumulativeUsers} |`,
    ),
    "",
  );
  for (const p of docs.phases) lines.push(...phaseMarkdown(p), "");
  return { path: "phases.md", text: `${lines.join("\n").trimEnd()}\n` };
}

function indexFile(docs: PlanDocs): DocFile {
  const lines = [
    `# Intune plan: ${mdText(docs.plan)}`,
    "",
    "Generated by `intune-plan docs` from the plan; edit the plan, not these files.",
    "",
  ];
  lines.push("## Contents", "");
  if (docs.phases.length > 0) {
    lines.push(`- [Rollout phases](phases.md) (${docs.phases.length})`);
    lines.push(...docs.phases.map((p) => `  - [${mdText(p.displayName)}](phases.md#${p.key})`));
  }
  for (const s of docs.sections) {
    lines.push(`- [${mdText(s.title)}](${s.file}) (${s.objects.length})`);
    lines.push(...s.objects.map((o) => `  - [${mdText(o.displayName)}](${s.file}#${o.key})`));
  }
  return { path: "index.md", text: `${lines.join("\n")}\n` };
}

/** The Markdown documentation: index.md first, then phases.md (when the plan has phases), then the sections. */
export function renderDocsMarkdown(docs: PlanDocs): DocFile[] {
  return [indexFile(docs), ...(docs.phases.length > 0 ? [phasesFile(docs)] : []), ...docs.sections.map((s) => sectionFile(s, docs))];
}
