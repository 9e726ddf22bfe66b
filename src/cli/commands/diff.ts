// `intune-plan diff [paths...] --base <rev|path> [--head <rev|path>] [--phase P [--base-phase Q] | --all-phases]
//  [--format text|markdown|json|sarif] [--detailed-exitcode]`: two plan revisions, compiled and compared, for
// reviewers. Paths name the plan in both revisions (default ./plan).
import { parseArgs } from "node:util";
import { compile } from "../../compile/compile.ts";
import type { PlanPath } from "../../diagnostics/diagnostic.ts";
import { audienceOf } from "../../diff/audience.ts";
import type { ChangeSet, Risk } from "../../diff/change-set.ts";
import { hasChanges } from "../../diff/change-set.ts";
import { diffStates } from "../../diff/diff.ts";
import { viewOfDesired } from "../../diff/state-view.ts";
import type { CheckedPlan } from "../../plan/check-plan.ts";
import { locateInPlan } from "../../plan/place.ts";
import type { Plan } from "../../plan/schema.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import type { PlanRevision } from "../plan-revision.ts";
import { readRevision, RevisionError } from "../plan-revision.ts";
import { isReportFormat, renderReport } from "../render-report.ts";
import { passGate } from "../load-plan.ts";

/** Points each risk at its object's declaration in the head plan (a setting's own line when the plan has one). */
function withLocations(set: ChangeSet, checked: CheckedPlan): ChangeSet {
  const { origins } = checked;
  if (!origins) return set;
  const place = (r: Risk): Risk => {
    if (!r.address) return r;
    const [section, key] = r.address.split(".", 2) as [string, string];
    const setting = r.path?.[0];
    const candidates: PlanPath[] = [...(setting ? [[section, key, "settings", setting]] : []), [section, key]];
    for (const path of candidates) {
      const range = locateInPlan(checked.sources, origins, path);
      if (range) return { ...r, location: { file: range.file, line: range.start.line, column: range.start.col } };
    }
    return r;
  };
  return { ...set, risks: set.risks.map(place) };
}

/** One side through the plan gate; only the head side's warnings are for this review. */
function checked(side: "base" | "head", revision: PlanRevision, io: CliIO): Plan | undefined {
  return passGate(revision.checked, io, { refusal: `${side} plan (${revision.label}) does not validate:`, warnings: side === "head" });
}

export function diffCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      base: { type: "string" }, head: { type: "string" }, phase: { type: "string" }, "base-phase": { type: "string" },
      "all-phases": { type: "boolean", default: false }, format: { type: "string", default: "text" }, "detailed-exitcode": { type: "boolean", default: false },
    },
  });
  if (values.base === undefined) { io.stderr.write("diff needs --base <git revision or path>, e.g. --base main\n"); return EXIT.usage; }
  if (!isReportFormat(values.format)) { io.stderr.write(`unknown --format ${values.format ?? ""}; use text, markdown, json or sarif\n`); return EXIT.usage; }
  if (values["all-phases"] && (values.phase !== undefined || values["base-phase"] !== undefined)) { io.stderr.write("--all-phases compares every phase; it does not take --phase or --base-phase\n"); return EXIT.usage; }
  let baseRev: PlanRevision;
  let headRev: PlanRevision;
  try {
    baseRev = readRevision(io.cwd, values.base, positionals);
    headRev = readRevision(io.cwd, values.head, positionals);
  } catch (error) {
    if (error instanceof RevisionError) { io.stderr.write(`${error.message}\n`); return EXIT.usage; }
    throw error;
  }
  const base = checked("base", baseRev, io);
  const head = checked("head", headRev, io);
  if (!base || !head) return EXIT.errors;

  const headPhases = head.phases.map((p) => p.key);
  const basePhases = base.phases.map((p) => p.key);
  const pairs: [string | undefined, string | undefined][] = values["all-phases"]
    ? (headPhases.length > 0 ? headPhases.map((p): [string | undefined, string | undefined] => [basePhases.includes(p) ? p : basePhases.at(-1), p]) : [[undefined, undefined]])
    : [[values["base-phase"] ?? values.phase, values.phase]];
  for (const [b, h] of pairs) {
    if (h !== undefined && !headPhases.includes(h)) { io.stderr.write(`the head plan has no phase ${h}; its phases are ${headPhases.join(", ") || "(none)"}\n`); return EXIT.usage; }
    if (b !== undefined && !basePhases.includes(b)) { io.stderr.write(`the base plan has no phase ${b}; its phases are ${basePhases.join(", ") || "(none)"}. Name one with --base-phase.\n`); return EXIT.usage; }
  }
  const options = { plan: head.name, audience: audienceOf(head), phases: headPhases };
  const changeSets = pairs.map(([b, h]) => withLocations(diffStates(viewOfDesired(compile(base, b), baseRev.label), viewOfDesired(compile(head, h), headRev.label), options), headRev.checked));
  io.stdout.write(renderReport({ formatVersion: "1", changeSets }, values.format));
  return values["detailed-exitcode"] && changeSets.some(hasChanges) ? EXIT.changes : EXIT.ok;
}
