// The plan front end: raw files → parsed → typed per file → merged → validated, with every diagnostic placed
// at file:line:col. Pure (file bytes in); reading files is read.ts's job.
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { capDiagnostics, diagnostic, hasErrors, sortDiagnostics } from "../diagnostics/diagnostic.ts";
import { checkPlanFile } from "./check-file.ts";
import type { PlanOrigins } from "./merge.ts";
import { fileOfPath, mergePlanFiles } from "./merge.ts";
import { decodePlanBytes, parsePlanText } from "./parse.ts";
import { placeDiagnostics } from "./place.ts";
import type { DefinitionsInput, PlanInput } from "./read.ts";
import type { DefinitionsSnapshot, SettingDefinition } from "../graph-model/setting-definitions.ts";
import { parseDefinitionsSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "../graph-model/setting-definitions.ts";
import type { PolicyTemplate } from "../graph-model/policy-templates.ts";
import { parseTemplatesSnapshot } from "../graph-model/policy-templates.ts";
import type { Plan, ReadPlanFile } from "./schema.ts";
import { readScriptFiles } from "./script-files.ts";
import type { SourceFile } from "./source-file.ts";
import { validatePlan } from "./validate/index.ts";

export interface CheckedPlan {
  /**
   * The merged plan, only when no stage found an error (parse, types, merge or the semantic validator): this is the
   * gate every command and the Pulumi program pass, so no report is ever made from a plan `validate` refuses.
   * Warnings do not close it.
   */
  readonly plan: Plan | undefined;
  readonly origins: PlanOrigins | undefined;
  readonly sources: ReadonlyMap<string, SourceFile>;
  /** Sorted by file and position; at most MAX_PER_CODE of each code, then one summary line per code. */
  readonly diagnostics: readonly Diagnostic[];
  /** The plan folders' setting-definitions snapshot, when they have one: the portal's names for docs. */
  readonly definitions: DefinitionsSnapshot | undefined;
}

/**
 * The snapshots of one kind in the plan's folders as one record (the first folder's entry of an id wins), or undefined
 * when there is none; a snapshot that cannot be read is `code` at its file, and its entries go unchecked.
 */
function mergeSnapshots<T>(
  inputs: readonly DefinitionsInput[],
  diagnostics: Diagnostic[],
  code: "IP225" | "IP255",
  entriesOf: (text: string) => { readonly problem: string } | { readonly entries: Readonly<Record<string, T>> },
): Record<string, T> | undefined {
  const merged = Object.create(null) as Record<string, T>;
  let any = false;
  for (const input of inputs) {
    const parsed = entriesOf(Buffer.from(input.bytes).toString("utf8"));
    if ("problem" in parsed) {
      diagnostics.push(diagnostic(code, { path: [], file: input.path, message: `${input.path}: ${parsed.problem}` }));
      continue;
    }
    any = true;
    for (const [id, entry] of Object.entries(parsed.entries)) if (!Object.hasOwn(merged, id)) merged[id] = entry;
  }
  return any ? merged : undefined;
}

/** The plan folders' setting-definitions snapshots as one (IP225 for one that cannot be read). */
export function readDefinitions(inputs: readonly DefinitionsInput[], diagnostics: Diagnostic[]): DefinitionsSnapshot | undefined {
  const definitions = mergeSnapshots<SettingDefinition>(inputs, diagnostics, "IP225", (text) => {
    const parsed = parseDefinitionsSnapshot(text);
    return "problem" in parsed ? parsed : { entries: parsed.snapshot.definitions };
  });
  return definitions ? { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, definitions } : undefined;
}

/** The plan folders' policy-templates snapshots as one (IP255 for one that cannot be read). */
export function readTemplates(inputs: readonly DefinitionsInput[], diagnostics: Diagnostic[]): Record<string, PolicyTemplate> | undefined {
  return mergeSnapshots<PolicyTemplate>(inputs, diagnostics, "IP255", (text) => {
    const parsed = parseTemplatesSnapshot(text);
    return "problem" in parsed ? parsed : { entries: parsed.snapshot.templates };
  });
}

export interface CheckOptions {
  /** The plan folders' setting-definitions snapshots (readPlanInputs finds them): settings are checked against them. */
  readonly definitions?: readonly DefinitionsInput[];
  /** The plan folders' policy-templates snapshots: template-based policies are checked against them and compile uses them. */
  readonly templates?: readonly DefinitionsInput[];
}

export function checkPlan(inputs: readonly PlanInput[], initial: readonly Diagnostic[] = [], options: CheckOptions = {}): CheckedPlan {
  const sources = new Map<string, SourceFile>();
  const typed: { path: string; value: ReadPlanFile }[] = [];
  const diagnostics: Diagnostic[] = [...initial];
  const definitions = readDefinitions(options.definitions ?? [], diagnostics);
  const templates = readTemplates(options.templates ?? [], diagnostics);
  for (const input of inputs) {
    const decoded = decodePlanBytes(input.path, input.bytes);
    if ("diagnostic" in decoded) {
      diagnostics.push(decoded.diagnostic);
      continue;
    }
    const parsed = parsePlanText(input.path, decoded.text);
    sources.set(input.path, parsed.source);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.value === undefined) continue;
    const checked = checkPlanFile(input.path, parsed.value);
    diagnostics.push(...checked.diagnostics);
    if (!checked.value) continue;
    const withScripts = readScriptFiles(input, checked.value);
    diagnostics.push(...withScripts.diagnostics);
    typed.push({ path: input.path, value: withScripts.value });
  }
  // File-level diagnostics name their file already; no plan path to resolve yet.
  let placed = placeDiagnostics(diagnostics, sources, () => undefined);
  if (hasErrors(placed) || typed.length === 0)
    return { plan: undefined, origins: undefined, sources, diagnostics: capDiagnostics(sortDiagnostics(placed)), definitions };

  const merged = mergePlanFiles(typed);
  // The templates snapshot travels with the plan: compile writes the setting template references from it.
  const plan: Plan = templates ? { ...merged.plan, policyTemplates: templates } : merged.plan;
  const semantic = [
    ...merged.diagnostics,
    ...validatePlan(plan, { ...(definitions ? { definitions } : {}), ...(templates ? { templates } : {}) }),
  ];
  placed = capDiagnostics(sortDiagnostics([...placed, ...placeDiagnostics(semantic, sources, (path) => fileOfPath(merged.origins, path))]));
  return { plan: hasErrors(placed) ? undefined : plan, origins: merged.origins, sources, diagnostics: placed, definitions };
}
