// `intune-plan docs [paths...] [--out DIR] [--format markdown|html]`: the plan as documentation for auditors and
// help desks (src/docs/). The only I/O here: read the plan through the gate, write the rendered files.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ParseArgsOptionsConfig } from "node:util";
import { buildDocs } from "../../docs/build-docs.ts";
import { renderDocsHtml } from "../../docs/render-html.ts";
import type { DocFile } from "../../docs/render-markdown.ts";
import { renderDocsMarkdown } from "../../docs/render-markdown.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../io.ts";
import { loadCheckedPlan, passGate } from "../load-plan.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseCommand, PLAN_PATHS } from "../command-spec.ts";
import { UserFailure } from "../cli-errors.ts";

const OPTIONS = {
  out: { type: "string", default: "plan-docs" },
  format: { type: "string", default: "markdown" },
} as const satisfies ParseArgsOptionsConfig;

export const docsSpec: CommandSpec<typeof OPTIONS> = {
  name: "docs",
  summary: "the plan as documentation per phase: Markdown files or one self-contained HTML page",
  positionals: PLAN_PATHS,
  options: OPTIONS,
  help: {
    out: { value: "DIR", text: "the folder to write into (created when missing; files of other names are left alone)" },
    format: {
      choices: ["markdown", "html"],
      text: "index.md plus one Markdown file per plan section, or one index.html with the rollout timeline",
    },
  },
  description:
    "Documents every plan object: what it sets (Graph property names and values; secrets by reference name only),\nwho it reaches in each phase (groups, estimated users, filters, exclusions), its scope tags and the role\nassignments that administer it. Prints the files it wrote. The same plan gives the same bytes.",
  exits: "0 written, 1 the plan has errors or a file cannot be written, 64 usage",
};

export function docsCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseCommand(docsSpec, args);
  const checked = loadCheckedPlan(positionals);
  const plan = passGate(checked, io);
  if (!plan) return EXIT.errors;
  const docs = buildDocs(plan, checked.definitions);
  const files: DocFile[] = values.format === "html" ? [{ path: "index.html", text: renderDocsHtml(docs) }] : renderDocsMarkdown(docs);
  const out = resolve(io.cwd, values.out);
  try {
    mkdirSync(out, { recursive: true });
    for (const f of files) writeFileSync(join(out, f.path), f.text);
  } catch (error) {
    throw new UserFailure(`cannot write the docs to ${out}: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const f of files) io.stdout.write(`${join(values.out, f.path)}\n`);
  return EXIT.ok;
}
