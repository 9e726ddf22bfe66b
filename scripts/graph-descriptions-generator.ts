// Generates src/generated/graph-descriptions.json: Microsoft's own description of each property of the Graph entity
// types the plan can set (the entity types of src/generated/graph-schema.json), taken from the doc comments of the
// published beta typings (@microsoft/microsoft-graph-types-beta). `intune-plan docs` shows them beside the Graph
// names. Pure: typings text and the schema's type names in, JSON text out, so a test can prove regeneration gives
// the committed bytes.
import ts from "typescript";
import { compareText } from "../src/text-order.ts";

export interface DescriptionsInput {
  readonly dts: string;
  readonly packageVersion: string;
  /** The entity types to describe (camelCase, as graph-schema.json names them). */
  readonly types: readonly string[];
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** A doc comment as one line of prose: comment markers and line breaks gone, whitespace collapsed. */
export function commentText(comment: string): string {
  return comment
    .replace(/\*\//g, " ")
    .replace(/\/\*\*?|^\s*\*|^\s*\/\//gm, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function generateGraphDescriptions(input: DescriptionsInput): string {
  const wanted = new Set(input.types);
  const source = ts.createSourceFile("microsoft-graph.d.ts", input.dts, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const types: [string, Record<string, string>][] = [];
  for (const stmt of source.statements) {
    if (!ts.isInterfaceDeclaration(stmt) || !wanted.has(lowerFirst(stmt.name.text))) continue;
    const props: [string, string][] = [];
    for (const m of stmt.members) {
      if (!ts.isPropertySignature(m) || !m.name) continue;
      const name = m.name.getText(source).replace(/^["']|["']$/g, "");
      const text = commentText((ts.getLeadingCommentRanges(input.dts, m.pos) ?? []).map((c) => input.dts.slice(c.pos, c.end)).join("\n"));
      if (text !== "") props.push([name, text]);
    }
    if (props.length > 0) types.push([lowerFirst(stmt.name.text), Object.fromEntries(props.sort(([a], [b]) => compareText(a, b)))]);
  }
  types.sort(([a], [b]) => compareText(a, b));
  return `${JSON.stringify({ source: `@microsoft/microsoft-graph-types-beta@${input.packageVersion}`, types: Object.fromEntries(types) }, null, 1)}\n`;
}
