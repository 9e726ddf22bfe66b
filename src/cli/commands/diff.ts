// `intune-plan diff [paths...] --base <rev|path> [--head <rev|path>] [--phase P [--base-phase Q] | --all-phases]
//  [--format text|markdown|json|sarif] [--detailed-exitcode]`: two plan revisions, compiled and compared, for
// reviewers. Paths name the plan in both revisions (default ./plan).
import type { ParseArgsOptionsConfig } from "node:util";
import { outdatedTemplates, withTemplateRisks } from "../../diff/risks.ts";
import { compile } from "../../compile/compile.ts";
import type { PlanPath } from "../../diagnostics/diagnostic.ts";
import { audienceOf } from "../../diff/audience.ts";
import type { ChangeSet, Risk } from "../../diff/change-set.ts";
import { hasChanges } from "../../diff/change-set.ts";
import { diffStates } from "../../diff/diff.ts";
import { viewOfDesired } from "../../compile/state-view.ts";
import type { CheckedPlan } from "../../plan/check-plan.ts";
import { locateInPlan } from "../../plan/place.ts";
import type { Plan } from "../../plan/schema.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import type { PlanRevision } from "../plan-revision.ts";
import { readRevision, RevisionError } from "../plan-revision.ts";
import { isReportFormat, renderReport } from "../render-report.ts";
import { scriptTextsOf } from "../../diff/script-texts.ts";
import { passGate, requirePhase } from "../load-plan.ts";
import { unknownPhase } from "../../plan/phase-choice.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";
import { UsageError } from "../cli-errors.ts";

const OPTIONS = {
  base: { type: "string" },
  head: { type: "string" },
  phase: { type: "string" },
  "base-phase": { type: "string" },
  "all-phases": { type: "boolean", default: false },
  format: { type: "string", default: "text" },
  "detailed-exitcode": { type: "boolean", default: false },
} as const satisfies ParseArgsOptionsConfig;

export const diffSpec: CommandSpec<typeof OPTIONS> = {
  name: "diff",
  summary: "compare two plan revisions for review",
  positionals: PLAN_PATHS,
  options: OPTIONS,
  required: ["base"],
  help: {
    base: { value: "REV|PATH", text: "the revision under review is compared with this one: a git revision (main, HEAD~1) or a path" },
    head: { value: "REV|PATH", text: "the revision under review (default: the working tree)" },
    phase: { value: "P", text: "compare with this phase active (default: none)" },
    "base-phase": { value: "Q", text: "the base side's phase, to review a promotion from Q to P (default: --phase)" },
    "all-phases": { text: "compare every phase of the head plan, one report each" },
    format: { choices: ["text", "markdown", "json", "sarif"], text: "terminal text, Markdown for a PR comment, versioned JSON, or SARIF" },
    "detailed-exitcode": { text: "exit 2 when there are changes (for CI gates)" },
  },
  description:
    "Compiles two revisions of the plan and compares them, risks first: relaxed settings, newly reached users,\ndeletions. The paths name the plan in both revisions.",
  exits:
    "0 no changes, or changes without --detailed-exitcode; 1 a revision has errors; 2 changes present (only with --detailed-exitcode); 64 usage",
};

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
  const { values, positionals } = parseCommand(diffSpec, args);
  if (values.base === undefined) throw new UsageError("diff needs --base <git revision or path>, e.g. --base main");
  const format = values.format;
  if (!isReportFormat(format)) throw new UsageError(`unknown --format ${format}`);
  if (values["all-phases"] && (values.phase !== undefined || values["base-phase"] !== undefined))
    throw new UsageError("--all-phases compares every phase; it does not take --phase or --base-phase");
  let baseRev: PlanRevision;
  let headRev: PlanRevision;
  try {
    baseRev = readRevision(io.cwd, values.base, positionals);
    headRev = readRevision(io.cwd, values.head, positionals);
  } catch (error) {
    if (error instanceof RevisionError) throw new UsageError(error.message);
    throw error;
  }
  const base = checked("base", baseRev, io);
  const head = checked("head", headRev, io);
  if (!base || !head) return EXIT.errors;

  const headPhases = head.phases.map((p) => p.key);
  const basePhases = base.phases.map((p) => p.key);
  const pairs: [string | undefined, string | undefined][] = values["all-phases"]
    ? headPhases.length > 0
      ? headPhases.map((p): [string | undefined, string | undefined] => [basePhases.includes(p) ? p : basePhases.at(-1), p])
      : [[undefined, undefined]]
    : [[values["base-phase"] ?? values.phase, values.phase]];
  for (const [b, h] of pairs) {
    requirePhase(head, h, { plan: "head plan" });
    const baseWhy = unknownPhase(base, b, { plan: "base plan" });
    if (baseWhy !== undefined) throw new UsageError(`${baseWhy}. Name one with --base-phase.`);
  }
  const options = { plan: head.name, audience: audienceOf(head), phases: headPhases };
  // Template versions (S24): the head's policies whose template has a newer version in the head's templates snapshot.
  const outdated = outdatedTemplates(head);
  const changeSets = pairs.map(([b, h]) =>
    withLocations(
      withTemplateRisks(
        diffStates(viewOfDesired(compile(base, b), baseRev.label), viewOfDesired(compile(head, h), headRev.label), options),
        outdated,
      ),
      headRev.checked,
    ),
  );
  // Both revisions' script texts by hash: the Markdown view shows a changed script as a diff (the report keeps hashes).
  const scripts = scriptTextsOf([...compile(base, undefined).objects, ...compile(head, undefined).objects].map((o) => o.body));
  io.stdout.write(renderReport({ formatVersion: "1", changeSets }, format, scripts));
  return values["detailed-exitcode"] && changeSets.some(hasChanges) ? EXIT.changes : EXIT.ok;
}
