// Change report → Markdown for a pull-request comment, for reviewers: summary table, risks first, who is newly
// reached, then one collapsible section per changed object. Fits GitHub's 65,536-character comment limit by
// leaving out object sections past the budget (and saying so); secrets are shown by name only.
import type {
  AssignmentChange,
  ChangeReport,
  ChangeSet,
  ObjectChange,
  Ownership,
  OwnershipFinding,
  RiskSeverity,
} from "../diff/change-set.ts";
import { approxUsers } from "../diff/audience.ts";
import { hasChanges } from "../diff/change-set.ts";
import { createTwoFilesPatch } from "diff";
import type { ScriptTexts } from "../diff/script-texts.ts";
import { isScriptHash, SCRIPT_PROPERTIES } from "../diff/script-texts.ts";
import { ACTION_SIGN, actionLabel, ownershipText, phaseLabel, showChange, showPath, showTarget, withinText } from "./values.ts";

/** The first line of every comment: CI tools find and update the previous comment by it. */
export const MARKDOWN_MARKER = "<!-- intune-plan:change-report -->";
const COMMENT_BUDGET = 60_000;
const SEVERITY: Readonly<Record<RiskSeverity, string>> = { high: "🔴 high", medium: "🟠 medium", low: "🔵 low" };

const cell = (text: string): string => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const code = (text: string): string => (text === "" ? "" : text.includes("`") ? `\`\` ${cell(text)} \`\`` : `\`${cell(text)}\``);
const html = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A changed script as a unified diff in a collapsed block (`diff` package's createTwoFilesPatch), when both texts
 * are known (the diff command knows both revisions' scripts); otherwise the hashes in the table are all there is.
 * The fence is longer than any backtick run in the script, so a script cannot close it.
 */
function scriptDiffs(o: ObjectChange, scripts: ScriptTexts): string[] {
  const out: string[] = [];
  for (const p of o.properties) {
    const name = p.path.length === 1 ? p.path[0] : undefined;
    if (name === undefined || !SCRIPT_PROPERTIES.includes(name)) continue;
    const before = isScriptHash(p.before) ? scripts.get(p.before) : p.before === undefined ? "" : undefined;
    const after = isScriptHash(p.after) ? scripts.get(p.after) : p.after === undefined ? "" : undefined;
    if (before === undefined || after === undefined) continue;
    const patch = createTwoFilesPatch(`a/${o.address}/${name}`, `b/${o.address}/${name}`, before, after, undefined, undefined, {
      context: 3,
    })
      .split("\n")
      .filter((line) => !line.startsWith("====="))
      .join("\n")
      .trimEnd();
    const fence = "`".repeat(Math.max(3, ...[...patch.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    out.push(`<details><summary>${html(name)}: script changes</summary>`, "", `${fence}diff`, patch, fence, "", "</details>", "");
  }
  return out;
}

function objectSection(
  o: ObjectChange,
  assignment: AssignmentChange | undefined,
  ownership: Ownership | undefined,
  scripts: ScriptTexts,
): string {
  const rows = o.properties.map((p) => {
    const change = showChange(p);
    return `| ${code(showPath(p.path))}${p.forcesReplace ? " (forces replacement)" : ""} | ${o.action === "create" ? "" : code(change.before)} | ${code(change.after)} |`;
  });
  const lines = [
    `<details><summary><code>${html(ACTION_SIGN[o.action])} ${html(o.address)}</code> ${html(actionLabel(o, ownership))} · ${html(o.displayName)}</summary>`,
    "",
  ];
  if (rows.length > 0) lines.push("| Property | Before | After |", "|---|---|---|", ...rows, "", ...scriptDiffs(o, scripts));
  else if (o.action === "delete") lines.push(`Deleted${o.id ? ` (id ${code(o.id)})` : ""}.`, "");
  if (assignment && assignment.action !== "no-op") lines.push(...assignmentLines(assignment), "");
  lines.push("</details>");
  return lines.join("\n");
}

function assignmentLines(a: AssignmentChange): string[] {
  return [
    `Assignments (${a.action}):`,
    ...a.added.map((t) => `- ➕ ${code(showTarget(t))}`),
    ...a.removed.map((t) => `- ➖ ${code(showTarget(t))}`),
  ];
}

function findingRows(findings: readonly OwnershipFinding[]): string[] {
  const errors = findings.filter((f) => f.severity === "error").length;
  return [
    `**Ownership findings** (${errors} error${errors === 1 ? "" : "s"}, ${findings.length - errors} warning${findings.length - errors === 1 ? "" : "s"})`,
    "",
    "| Severity | Finding | Object | Detail | Fix |",
    "|---|---|---|---|---|",
    ...findings.map(
      (f) =>
        `| ${f.severity === "error" ? "⛔ error" : "⚠️ warning"} | ${f.code} | ${code(f.address)} | ${cell(f.message)} | ${cell(f.hint)} |`,
    ),
  ];
}

function renderSet(set: ChangeSet, heading: string, budget: { left: number }, scripts: ScriptTexts): string[] {
  const s = set.summary;
  const out = [
    `${heading} ${set.plan}: ${code(phaseLabel(set.base))} → ${code(phaseLabel(set.head))}`,
    "",
    "| Create | Update | Replace | Delete | Adopt | Assignment sets changed | Unchanged objects |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    `| ${s.create} | ${s.update} | ${s.replace} | ${s.delete} | ${s.adopt} | ${s.assignmentsChanged} | ${s.unchanged} |`,
    "",
  ];
  if (set.ownership) out.push(`_Ownership: ${cell(ownershipText(set.ownership))}._`, "");
  if (set.findings && set.findings.length > 0) out.push(...findingRows(set.findings), "");
  if (!hasChanges(set) && set.risks.length === 0) return [...out, "No changes."];
  if (set.risks.length > 0) {
    out.push(
      `**Risks** (${s.risks.high} high, ${s.risks.medium} medium, ${s.risks.low} low)`,
      "",
      "| Severity | Risk | Object | Detail |",
      "|---|---|---|---|",
    );
    for (const r of set.risks)
      out.push(`| ${SEVERITY[r.severity]} | ${r.code} | ${r.address ? code(r.address) : ""} | ${cell(r.message)} |`);
    out.push("");
  }
  if (s.newlyReached.length > 0) {
    out.push(
      `**Newly reached:** ${approxUsers(s.estimatedNewUsers)}`,
      "",
      "| Group | Estimated users | Basis | Reached by |",
      "|---|---:|---|---:|",
    );
    for (const g of s.newlyReached)
      out.push(
        `| ${cell(g.displayName)} (${code(g.group)}) | ${g.estimatedUsers ?? "unknown"}${cell(withinText(g, s))} | ${g.basis} | ${g.reachedBy.length} object${g.reachedBy.length === 1 ? "" : "s"} |`,
      );
    out.push("");
  }
  const assignments = new Map(set.assignments.map((a) => [a.of, a]));
  const changed = set.objects.filter((o) => o.action !== "no-op" || (assignments.get(o.address)?.action ?? "no-op") !== "no-op");
  budget.left -= out.join("\n").length;
  let left = 0;
  for (const o of changed) {
    const section = objectSection(o, assignments.get(o.address), set.ownership, scripts);
    if (section.length > budget.left) {
      left++;
      continue;
    }
    budget.left -= section.length;
    out.push(section);
  }
  if (left > 0)
    out.push("", `_${left} more changed objects are left out to fit a comment; the JSON report (\`--format json\`) has them all._`);
  if (set.unmanaged.length > 0) out.push("", `${set.unmanaged.length} tenant objects are not managed by the plan and are left alone.`);
  return out;
}

/** `scripts`: the texts of the scripts the report's hashes name, to show changed scripts as diffs (diff command). */
export function renderMarkdown(report: ChangeReport, scripts: ScriptTexts = new Map()): string {
  const many = report.changeSets.length > 1;
  const budget = { left: COMMENT_BUDGET };
  const sections = report.changeSets.map((set) => renderSet(set, many ? "###" : "##", budget, scripts).join("\n"));
  const title = many ? [`## intune-plan: ${report.changeSets.length} phases compared`, ""] : [];
  return `${[MARKDOWN_MARKER, ...title, sections.join("\n\n")].join("\n")}\n`;
}
