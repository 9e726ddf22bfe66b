// `intune-plan explain [paths...] --group G [--phase P] [--format text|markdown|json]`
import type { ParseArgsOptionsConfig } from "node:util";
import { explainGroup } from "../../explain/explain.ts";
import { findGroup } from "../../explain/find-group.ts";
import { renderExplainMarkdown, renderExplainText } from "../../explain/render-explain.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadPlan, requirePhase } from "../load-plan.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";
import { UsageError } from "../cli-errors.ts";

const OPTIONS = {
  group: { type: "string" },
  phase: { type: "string" },
  format: { type: "string", default: "text" },
} as const satisfies ParseArgsOptionsConfig;

export const explainSpec: CommandSpec<typeof OPTIONS> = {
  name: "explain",
  summary: "what reaches a group in a phase, and which setting values its members get",
  positionals: PLAN_PATHS,
  options: OPTIONS,
  help: {
    group: { value: "G", text: "the plan group: its key or its display name" },
    phase: { value: "P", text: "the active phase (default: the last phase, the rollout's end state)" },
    format: { choices: ["text", "markdown", "json"], text: "a readable report, Markdown for a PR or wiki, or a versioned JSON document" },
  },
  required: ["group"],
  description:
    "Lists every plan object whose assignment reaches the group in the phase (through a phase audience, an include,\nallUsers or allDevices; minus exclusions; with its assignment filter), the objects that exclude it, and the value of\nevery setting its members get. Where two policies set one setting differently it says which value wins or why\nnone does, by the same rules as validate's conflict check (IP090). Plan groups only: users and devices in a tenant\nare not resolved.",
  exits: "0 explained, 1 the plan has errors, 64 usage (including an unknown group or phase)",
};

export function explainCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseCommand(explainSpec, args);
  if (values.group === undefined || values.group === "")
    throw new UsageError("--group is required: the plan key or display name of the group to explain");
  const plan = loadPlan(positionals, io);
  if (!plan) return EXIT.errors;
  requirePhase(plan, values.phase);
  const lookup = findGroup(plan, values.group);
  if (!lookup.found) {
    throw new UsageError(
      `unknown group ${values.group}; ${lookup.closest.length > 0 ? `the closest plan groups are ${lookup.closest.join(", ")}` : "the plan has no groups"} (a plan key or a display name)`,
    );
  }
  const report = explainGroup(plan, lookup.key, values.phase);
  const defaulted = values.phase === undefined && report.phase !== null;
  if (values.format === "json") io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (values.format === "markdown") io.stdout.write(renderExplainMarkdown(report, defaulted));
  else io.stdout.write(renderExplainText(report, defaulted));
  return EXIT.ok;
}
