// PlanDocs → one self-contained HTML page: inline CSS, the rollout timeline as inline SVG, per-phase reach tables
// and every object with its settings, reach, scope tags and administrators. No script, no external request (no
// fonts, images or links off the page), so it opens from a file or an attachment, offline. Pure; reads only PlanDocs.
import type { DocObject, DocPhase, DocReach, DocRef, DocSection, PlanDocs } from "./docs-model.ts";
import { htmlText as h } from "./html-text.ts";
import { renderTimelineSvg } from "./timeline-svg.ts";

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #24292f; margin: 0; background: #f6f8fa; }
header { background: #24292f; color: #fff; padding: 16px 32px; }
header h1 { margin: 0; font-size: 22px; }
header p { margin: 4px 0 0; color: #d0d7de; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 32px 48px; }
nav.toc { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 20px; columns: 3; }
ul.objects { columns: 3; font-size: 13px; }
nav.toc ul { margin: 4px 0; padding-left: 18px; }
nav.toc > ul > li { break-inside: avoid; }
section.part, article.object, section.phase { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 20px 16px; margin: 16px 0; }
article.object { margin-left: 0; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { margin-bottom: 4px; }
code { font: 12px ui-monospace, SFMono-Regular, Consolas, monospace; background: #eff1f3; padding: 1px 4px; border-radius: 4px; word-break: break-all; }
table { border-collapse: collapse; margin: 8px 0; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; white-space: nowrap; }
.muted { color: #57606a; }
.secret { color: #8250df; }
figure { margin: 8px 0; overflow-x: auto; }
a { color: #0969da; }
@media print { body { background: #fff; } nav.toc, ul.objects { columns: 1; } }
`;

const anchorOf = (address: string): string => address.replace(".", "-");
const link = (r: DocRef): string => `<a href="#${anchorOf(r.address)}">${h(r.displayName)}</a>`;
const users = (n: number | null, complete: boolean): string => (n === null ? "unknown" : complete ? `~${n}` : `≥ ${n}`);

function phaseName(docs: PlanDocs, key: string): string {
  const p = docs.phases.find((x) => x.key === key);
  return `<a href="#phase-${h(key)}">${h(p?.displayName ?? key)}</a>`;
}

function targetsCell(r: DocReach, docs: PlanDocs): string {
  if (!r.assigned) return `<span class="muted">not assigned yet</span>`;
  return [
    ...r.virtual.map((v) => `<strong>${h(v)}</strong>`),
    ...r.groups.map(
      (g) =>
        `${link(g)}${g.estimated === null ? "" : ` <span class="muted">~${g.estimated} ${g.members}</span>`}${g.via === null ? ` <span class="muted">(include)</span>` : ` <span class="muted">(via ${phaseName(docs, g.via)})</span>`}`,
    ),
  ].join("<br>");
}

const filterCell = (r: DocReach): string =>
  r.filter ? `${link(r.filter)} <span class="muted">(${r.filter.mode}, ${h(r.filter.platform)})</span>` : "—";
const excludeCell = (r: DocReach): string => (r.exclude.length > 0 ? r.exclude.map(link).join("<br>") : "—");

function factsTable(rows: readonly (readonly [string, string])[]): string {
  if (rows.length === 0) return "";
  return `<table class="facts"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${h(k)}</th><td>${v}</td></tr>`).join("")}</tbody></table>`;
}

function objectHtml(o: DocObject, docs: PlanDocs): string {
  const parts = [
    `<article class="object" id="${o.anchor}">`,
    `<h3>${h(o.displayName)}</h3>`,
    `<p class="muted"><code>${h(o.address)}</code>${o.odataType ? ` · Graph type <code>${h(o.odataType)}</code>` : ""}</p>`,
    o.description === null ? "" : `<p>${h(o.description)}</p>`,
    factsTable(o.facts.map((f) => [f.label, h(f.value)] as const)),
  ];
  if (o.settings.length > 0) {
    parts.push(
      `<h4>Settings</h4><table class="settings"><thead><tr><th>Graph setting</th><th>value</th><th>applies to</th><th>description (Microsoft Graph)</th></tr></thead><tbody>`,
      ...o.settings.map(
        (s) =>
          `<tr><td><code>${h(s.setting)}</code>${s.portalName === null ? "" : `<br>${h(s.portalName)}`}</td><td>${s.secret === null ? `<code>${h(s.value)}</code>` : `<span class="secret">secret reference <code>${h(s.secret)}</code></span>`}</td><td>${h(s.appliesTo)}</td><td class="muted">${h(s.description ?? "—")}</td></tr>`,
      ),
      `</tbody></table>`,
    );
  }
  if (o.reach !== null) {
    parts.push(
      `<h4>Reach per phase</h4><table class="reach"><thead><tr><th>phase</th><th>targets</th><th>users<sup>*</sup></th><th>filter</th><th>excluded</th></tr></thead><tbody>`,
      ...o.reach.map(
        (r) =>
          `<tr><td>${r.phase === null ? "(no phases)" : phaseName(docs, r.phase)}</td><td>${targetsCell(r, docs)}</td><td class="num">${r.assigned ? users(r.estimatedUsers, r.estimateComplete) : "—"}</td><td>${filterCell(r)}</td><td>${excludeCell(r)}</td></tr>`,
      ),
      `</tbody></table><p class="muted"><sup>*</sup> estimated users before exclusions and filters</p>`,
    );
  }
  const owners = o.owners.map(
    (w) => `<li>${link(w)}: ${h(w.role)}; admins ${w.admins.map(link).join(", ")} <span class="muted">(${h(w.via)})</span></li>`,
  );
  parts.push(
    factsTable([
      ["scope tags", o.scopeTags.length > 0 ? o.scopeTags.map(link).join(", ") : "Default"],
      ["administered by", owners.length > 0 ? `<ul>${owners.join("")}</ul>` : `<span class="muted">no role assignment of the plan</span>`],
    ]),
    `</article>`,
  );
  return parts.filter((p) => p !== "").join("\n");
}

function sectionHtml(s: DocSection, docs: PlanDocs): string {
  return [
    `<section class="part" id="sec-${s.section}">`,
    `<h2>${h(s.title)}</h2>`,
    `<p>${h(s.summary)}</p>`,
    `<ul class="objects">${s.objects.map((o) => `<li><a href="#${o.anchor}">${h(o.displayName)}</a></li>`).join("")}</ul>`,
    ...s.objects.map((o) => objectHtml(o, docs)),
    `</section>`,
  ].join("\n");
}

/** One phase: its facts and the table of every object assigned while it is active, with who each reaches. */
function phaseHtml(p: DocPhase, index: number, docs: PlanDocs): string {
  const objects = docs.sections.flatMap((s) => s.objects).filter((o) => o.reach?.[index]?.assigned === true);
  const added = new Set(p.newlyAssigned);
  const rows = objects.map((o) => {
    const r = o.reach?.[index];
    if (!r) return "";
    return `<tr><td><a href="#${o.anchor}">${h(o.displayName)}</a>${added.has(o.address) ? ` <strong>new</strong>` : ""}</td><td>${targetsCell(r, docs)}</td><td class="num">${users(r.estimatedUsers, r.estimateComplete)}</td><td>${filterCell(r)}</td><td>${excludeCell(r)}</td></tr>`;
  });
  return [
    `<section class="phase" id="${p.anchor}">`,
    `<h3>${index + 1}. ${h(p.displayName)}${p.pilot ? " (pilot)" : ""}</h3>`,
    p.description === null ? "" : `<p>${h(p.description)}</p>`,
    factsTable([
      ["window", p.start === null ? "no start date" : `${h(p.start)} → ${h(p.end ?? "")}`],
      ["enrollment", h(p.enrollment ?? "—")],
      ["audience", p.audience.map(link).join(", ")],
      ["users", `${p.users === null ? "unknown" : `~${p.users}`} (reached so far ~${p.cumulativeUsers})`],
      ...(p.gate.length > 0 ? [["gate", h(p.gate.join("; "))] as const] : []),
      ...(p.goals.length > 0 ? [["goals", `<ul>${p.goals.map((g) => `<li>${h(g)}</li>`).join("")}</ul>`] as const] : []),
    ]),
    `<table class="phase-reach"><caption class="muted">${objects.length} objects assigned while this phase is active, ${p.newlyAssigned.length} of them new</caption><thead><tr><th>object</th><th>targets</th><th>users<sup>*</sup></th><th>filter</th><th>excluded</th></tr></thead><tbody>`,
    ...rows,
    `</tbody></table>`,
    `</section>`,
  ]
    .filter((x) => x !== "")
    .join("\n");
}

function toc(docs: PlanDocs): string {
  const items: string[] = [];
  if (docs.phases.length > 0)
    items.push(
      `<li><a href="#rollout">Rollout</a><ul>${docs.phases.map((p) => `<li><a href="#${p.anchor}">${h(p.displayName)}</a></li>`).join("")}</ul></li>`,
    );
  for (const s of docs.sections) items.push(`<li><a href="#sec-${s.section}">${h(s.title)}</a> (${s.objects.length})</li>`);
  return `<nav class="toc" id="contents" aria-label="Contents"><ul>${items.join("")}</ul></nav>`;
}

function rolloutHtml(docs: PlanDocs): string {
  if (docs.phases.length === 0) return "";
  return [
    `<section class="part" id="rollout">`,
    `<h2>Rollout</h2>`,
    `<figure>${renderTimelineSvg(docs.phases, `Rollout timeline: ${docs.plan}`)}</figure>`,
    `<table class="phases"><thead><tr><th>phase</th><th>starts</th><th>ends</th><th>users</th><th>reached so far</th></tr></thead><tbody>`,
    ...docs.phases.map(
      (p) =>
        `<tr><td><a href="#${p.anchor}">${h(p.displayName)}</a></td><td>${h(p.start ?? "—")}</td><td>${h(p.end ?? "—")}</td><td class="num">${p.users ?? "—"}</td><td class="num">${p.cumulativeUsers}</td></tr>`,
    ),
    `</tbody></table>`,
    ...docs.phases.map((p, i) => phaseHtml(p, i, docs)),
    `</section>`,
  ].join("\n");
}

/** The page. Deterministic: no date, no random id; the same PlanDocs give the same bytes. */
export function renderDocsHtml(docs: PlanDocs): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="intune-plan docs">
<link rel="icon" href="data:,">
<title>Intune plan: ${h(docs.plan)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Intune plan: ${h(docs.plan)}</h1><p>Generated by intune-plan docs from the plan: ${docs.phases.length} phases, ${docs.sections.reduce((n, s) => n + s.objects.length, 0)} objects. Secrets appear by reference name only.</p></header>
<main>
${toc(docs)}
${rolloutHtml(docs)}
${docs.sections.map((s) => sectionHtml(s, docs)).join("\n")}
</main>
</body>
</html>
`;
}
