// Change report → terminal text, for platform engineers running preview or diff. Plain text; no colour needed.
import type { ChangeReport, ChangeSet, ChangeSummary, ObjectChange, Ownership, OwnershipFinding } from "../diff/change-set.ts";
import { approxUsers } from "../diff/audience.ts";
import { hasChanges } from "../diff/change-set.ts";
import { ACTION_SIGN, actionLabel, ownershipText, phaseLabel, showChange, showPath, showTarget, withinText } from "./values.ts";

export function summaryLine(s: ChangeSummary): string {
  const objects = `${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete, ${s.adopt} to adopt`;
  return `${objects}; ${s.assignmentsChanged} assignment set${s.assignmentsChanged === 1 ? "" : "s"} to change; ${s.unchanged} objects unchanged`;
}

function objectLines(o: ObjectChange, ownership: Ownership | undefined): string[] {
  const lines = [`  ${ACTION_SIGN[o.action]} ${o.address}  (${actionLabel(o, ownership)})  "${o.displayName}"`];
  if (o.action === "delete") return lines;
  for (const p of o.properties) {
    const change = showChange(p);
    const value = o.action === "create" ? change.after : `${change.before} → ${change.after}`;
    lines.push(`      ${showPath(p.path)}: ${value}${p.forcesReplace ? "   # forces replacement" : ""}`);
  }
  return lines;
}

function findingLines(findings: readonly OwnershipFinding[]): string[] {
  const errors = findings.filter((f) => f.severity === "error").length;
  const lines = [
    `Ownership findings (${errors} error${errors === 1 ? "" : "s"}, ${findings.length - errors} warning${findings.length - errors === 1 ? "" : "s"}):`,
  ];
  for (const f of findings)
    lines.push(
      `  ${f.severity.toUpperCase().padEnd(7)} ${f.code.padEnd(19)} ${f.address}: ${f.message}`,
      `  ${" ".repeat(27)} fix: ${f.hint}`,
    );
  return lines;
}

function renderSet(set: ChangeSet): string[] {
  const s = set.summary;
  const lines = [
    `${set.plan}: ${phaseLabel(set.base)} → ${phaseLabel(set.head)}`,
    `${hasChanges(set) ? "Changes" : "No changes"}: ${summaryLine(s)}`,
  ];
  if (set.ownership) lines.push(`Ownership: ${ownershipText(set.ownership)}`);
  // Lines are appended one call each, never spread into one call: a 50k-object report has more lines than a
  // call can take arguments ("Maximum call stack size exceeded").
  const append = (more: readonly string[]): void => {
    for (const l of more) lines.push(l);
  };
  if (set.findings && set.findings.length > 0) {
    lines.push("");
    append(findingLines(set.findings));
  }
  if (set.risks.length > 0) {
    lines.push("", `Risks (${s.risks.high} high, ${s.risks.medium} medium, ${s.risks.low} low):`);
    for (const r of set.risks)
      lines.push(`  ${r.severity.toUpperCase().padEnd(6)} ${r.code.padEnd(19)} ${r.address ? `${r.address}: ` : ""}${r.message}`);
  }
  if (s.newlyReached.length > 0) {
    lines.push("", `Newly reached (${approxUsers(s.estimatedNewUsers)}):`);
    for (const g of s.newlyReached)
      lines.push(
        `  ${g.displayName}  ${g.estimatedUsers === null ? "size unknown" : approxUsers(g.estimatedUsers)}${withinText(g, s)}  by ${g.reachedBy.length} object${g.reachedBy.length === 1 ? "" : "s"}`,
      );
  }
  const changed = set.objects.filter((o) => o.action !== "no-op");
  const assignments = set.assignments.filter((a) => a.action !== "no-op");
  if (changed.length > 0) {
    lines.push("", "Objects:");
    for (const o of changed) append(objectLines(o, set.ownership));
  }
  if (assignments.length > 0) {
    lines.push("", "Assignments:");
    for (const a of assignments) {
      lines.push(`  ${a.action === "delete" ? "-" : a.action === "create" ? "+" : "~"} ${a.address}  (${a.action})`);
      for (const t of a.added) lines.push(`      + ${showTarget(t)}`);
      for (const t of a.removed) lines.push(`      - ${showTarget(t)}`);
    }
  }
  if (set.unmanaged.length > 0) {
    lines.push("", `Not managed by the plan (left alone): ${set.unmanaged.length}`);
    for (const u of set.unmanaged) lines.push(`    ${u.collection}  "${u.displayName}"  ${u.id}`);
  }
  return lines;
}

export function renderText(report: ChangeReport): string {
  return `${report.changeSets.map((set) => renderSet(set).join("\n")).join("\n\n")}\n`;
}
